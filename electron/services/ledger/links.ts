import type { ReadSql } from '../../db/database';

/**
 * Where an entity came from when another ledger made it in one step (a dishonesty record made from an overdue
 * promise item or commitment): the ledger that made it declares a lookup, the catalog lists them, and the
 * entity's page shows each source with a link back — the other half of "linked both ways".
 */
export interface EntitySource {
  label: string;
  /** The source's page (hash-router path). */
  link: string;
}

export type SourceLookup = (sql: ReadSql, id: string) => EntitySource | null;

export function sourcesOf(sql: ReadSql, lookups: readonly SourceLookup[], id: string): EntitySource[] {
  return lookups.map((lookup) => lookup(sql, id)).filter((s): s is EntitySource => s !== null);
}
