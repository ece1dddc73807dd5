import type { ReadSql, WriteSql } from '../../db/database';
import type { Settings } from '../../../shared/contract/admin';
import { recordChange } from '../changes';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';

/** Office settings, kept as keys in the `settings` table. */
const KEYS = {
  officeName: 'office.name',
  officeUscc: 'office.uscc',
  noticePrefix: 'office.noticePrefix',
  idleLockMinutes: 'security.idleLockMinutes',
} as const;

export const DEFAULT_IDLE_LOCK_MINUTES = 10;

function readValue(sql: ReadSql, key: string): string | null {
  return sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = ?`, key)?.value ?? null;
}

export function readSettings(sql: ReadSql): Settings | null {
  const officeName = readValue(sql, KEYS.officeName);
  if (officeName === null) return null;
  return {
    officeName,
    officeUscc: readValue(sql, KEYS.officeUscc) ?? '',
    noticePrefix: readValue(sql, KEYS.noticePrefix) ?? '',
    idleLockMinutes: Number(readValue(sql, KEYS.idleLockMinutes) ?? DEFAULT_IDLE_LOCK_MINUTES),
  };
}

/** Write settings inside the caller's transaction (used by setup and by the admin's settings page). */
export function writeSettings(sql: WriteSql, settings: Settings): void {
  for (const [field, key] of Object.entries(KEYS) as Array<[keyof Settings, string]>) {
    sql.run(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      key, String(settings[field]));
  }
}

export async function updateSettings(deps: ServiceDeps, actor: Actor, next: Settings): Promise<Settings> {
  requirePermission(actor, 'settings.manage');
  return deps.db.write((sql) => {
    const before = readSettings(sql);
    writeSettings(sql, next);
    recordChange(sql, isoNow(deps), actor, { entity: 'settings', entityId: 'office', action: 'update', before, after: next });
    return next;
  });
}
