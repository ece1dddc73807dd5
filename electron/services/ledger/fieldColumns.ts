import type { WriteSql } from '../../db/database';

/**
 * A ledger declares which column holds each of its fields (FIELD_COLUMNS); these read a row by that map and
 * write a save's columns by it.
 */
export function fieldsFromRow<T>(row: object, columns: Readonly<Record<keyof T & string, string>>): T {
  const values = row as Record<string, unknown>;
  return Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, values[column as string]])) as T;
}

/** Column name → value of each field (the SET list of a save), `valueOf` turning a field into what its column holds. */
export function columnValues<T>(
  fields: T, columns: Readonly<Record<keyof T & string, string>>, valueOf: (fields: T, field: keyof T & string) => unknown = (f, field) => f[field],
): Record<string, unknown> {
  return Object.fromEntries((Object.keys(columns) as Array<keyof T & string>).map((field) => [columns[field], valueOf(fields, field)]));
}

/** A value as SQLite gives it back (booleans are stored as 0/1, an absent value as NULL). */
const asStored = (value: unknown) => (value === undefined ? null : typeof value === 'boolean' ? Number(value) : value);

/**
 * Update a row's columns that changed (and bump its version and update stamp). SQLite rewrites every index,
 * and fires every `AFTER UPDATE OF` trigger (a search index's), that names a column in the SET list, whether
 * its value changed or not: a records edit that set all 19 columns (fields and sort keys) rewrote 15 index
 * pages and the search index, each page encrypted and HMAC-checked at commit. Setting only what changed keeps
 * a save to the pages it really changes. `columns` maps column name → new value; `before` is the row as it is
 * now, read in this transaction.
 */
export function updateChangedColumns(
  sql: WriteSql, table: string, before: { version: number }, columns: Record<string, unknown>, stamp: { at: string; by: string; id: string },
): void {
  const stored = before as unknown as Record<string, unknown>;
  const changed = Object.keys(columns).filter((column) => asStored(columns[column]) !== stored[column]);
  // The comparison is only right against the row as it is now: a `before` read ahead of another write is refused.
  const { changes } = sql.run(
    `UPDATE ${table} SET ${changed.map((c) => `${c} = ?, `).join('')}version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
    ...changed.map((c) => asStored(columns[c])), stamp.at, stamp.by, stamp.id, before.version,
  );
  if (changes !== 1) throw new Error(`${table} ${stamp.id}: the row changed after version ${before.version} was read`);
}
