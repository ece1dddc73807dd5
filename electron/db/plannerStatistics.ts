import type BetterSqlite3 from 'better-sqlite3';

/** Below this many records every plan is fast; statistics are not worth taking. */
const WORTH_ANALYSING = 1000;

/**
 * Planner statistics for the records table (the list's plans rely on them), retaken when the table has at
 * least doubled or halved since they were last taken. Returns whether it analysed.
 *
 * Only this table, on purpose: `PRAGMA optimize` on a new ledger also analyses the FTS5 shadow table
 * record_search_data while it holds 2 rows; from then on SQLite plans FTS5's internal
 * `SELECT id, block FROM record_search_data WHERE id>=? AND id<=?` as a full scan instead of a rowid range,
 * and every insert into the search index reads the whole index (loading 100,000 records slowed from 67 s to
 * 1,040 s).
 */
export function refreshRecordStatistics(connection: BetterSqlite3.Database): boolean {
  if (!hasSchemaObject(connection, 'records_list')) return false; // an older schema (tests open databases with a prefix of the migrations)
  const rows = (connection.prepare(`SELECT count(*) AS n FROM dishonesty_records`).get() as { n: number }).n;
  if (rows < WORTH_ANALYSING) return false;
  const analysed = analysedRecordCount(connection);
  if (analysed !== null && rows < analysed * 2 && rows > analysed / 2) return false;
  connection.exec(`ANALYZE dishonesty_records`);
  return true;
}

/** How many records the planner statistics were taken on, or null when they never were. */
export function analysedRecordCount(connection: BetterSqlite3.Database): number | null {
  if (!hasSchemaObject(connection, 'sqlite_stat1')) return null;
  const stat = connection.prepare(`SELECT stat FROM sqlite_stat1 WHERE tbl = 'dishonesty_records' AND idx = 'records_list'`).get() as
    | { stat: string }
    | undefined;
  return stat ? Number(stat.stat.split(' ')[0]) : null;
}

/** Which tables the planner statistics cover (sqlite_stat1 exists only once ANALYZE has run). */
export function analysedTables(connection: BetterSqlite3.Database): string[] {
  if (!hasSchemaObject(connection, 'sqlite_stat1')) return [];
  return connection.prepare(`SELECT DISTINCT tbl FROM sqlite_stat1 ORDER BY tbl`).pluck().all() as string[];
}

const hasSchemaObject = (connection: BetterSqlite3.Database, name: string) =>
  connection.prepare(`SELECT 1 FROM sqlite_schema WHERE name = ?`).get(name) !== undefined;
