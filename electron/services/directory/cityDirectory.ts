import type { CityDictionary, DirectoryUnit } from '../../../shared/contract/directory';
import { MAX_UNIT_SUGGESTIONS } from '../../../shared/contract/directory';
import type { ReadSql } from '../../db/database';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Units of the city's directory whose name contains the text, or whose code starts with it (typed in
 * upper case). An exact name or code comes first, then shorter names: typing 青禾镇 offers 青禾镇人民政府
 * before 青禾镇人民政府办公室. A directory holds a few thousand units: a scan is well under a millisecond.
 */
export function findUnits(sql: ReadSql, text: string): DirectoryUnit[] {
  const typed = text.normalize('NFKC').trim();
  if (!typed) return [];
  const code = typed.toUpperCase();
  return sql
    .all<{ uscc: string; name: string; unit_type: string }>(
      `SELECT uscc, name, unit_type FROM platform_units
       WHERE name LIKE ? ESCAPE '\\' OR uscc LIKE ? ESCAPE '\\'
       ORDER BY (name = ? OR uscc = ?) DESC, length(name), name
       LIMIT ?`,
      `%${escapeLike(typed)}%`, `${escapeLike(code)}%`, typed, code, MAX_UNIT_SUGGESTIONS,
    )
    .map((u) => ({ uscc: u.uscc, name: u.name, unitType: u.unit_type }));
}

/** Every code list the city has published, as stored by sync (a few lists of tens of entries). */
export function cityDictionaries(sql: ReadSql): CityDictionary[] {
  return sql
    .all<{ name: string; version: number; entries_json: string }>(`SELECT name, version, entries_json FROM platform_dictionaries ORDER BY name`)
    .map((d) => ({ name: d.name, version: d.version, entries: JSON.parse(d.entries_json) as CityDictionary['entries'] }));
}
