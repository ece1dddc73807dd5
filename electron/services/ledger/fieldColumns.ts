/**
 * A ledger declares which column holds each of its fields (FIELD_COLUMNS); these read a row by that map
 * and write the column list and values of an INSERT or UPDATE in the same order.
 */
export function fieldsFromRow<T>(row: object, columns: Readonly<Record<keyof T & string, string>>): T {
  const values = row as Record<string, unknown>;
  return Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, values[column as string]])) as T;
}
