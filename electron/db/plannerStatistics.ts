import type BetterSqlite3 from 'better-sqlite3';

/** Below this many rows every plan is fast; statistics are not worth taking. */
const WORTH_ANALYSING = 1000;

/**
 * The ledger tables whose list plans rely on planner statistics, each with the narrow index of its filter
 * columns (its sqlite_stat1 row tells how many rows the statistics were taken on). A new ledger adds its
 * table here, beside the migration that creates the index.
 */
export const ANALYSED_LEDGER_TABLES: ReadonlyArray<{ table: string; index: string }> = [
  { table: 'dishonesty_records', index: 'records_list' },
  { table: 'promise_items', index: 'promise_items_list' },
  { table: 'rectification_notices', index: 'notices_status_updated' },
  { table: 'public_commitments', index: 'commitments_list' },
];

/**
 * Planner statistics for the ledger tables, retaken for a table when it has at least doubled or halved
 * since they were last taken. Returns the tables it analysed.
 *
 * Only these tables, on purpose: `PRAGMA optimize` on a new ledger also analyses the FTS5 shadow table
 * record_search_data while it holds 2 rows; from then on SQLite plans FTS5's internal
 * `SELECT id, block FROM record_search_data WHERE id>=? AND id<=?` as a full scan instead of a rowid range,
 * and every insert into the search index reads the whole index (loading 100,000 records slowed from 67 s to
 * 1,040 s).
 */
export function refreshLedgerStatistics(connection: BetterSqlite3.Database): string[] {
  const analysed: string[] = [];
  let samplesDropped = false;
  for (const { table, index } of ANALYSED_LEDGER_TABLES) {
    if (!hasSchemaObject(connection, index)) continue; // an older schema (tests open databases with a prefix of the migrations)
    const rows = (connection.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    if (rows < WORTH_ANALYSING) continue;
    const before = analysedRowCount(connection, table, index);
    if (before === null || rows >= before * 2 || rows <= before / 2) {
      connection.exec(`ANALYZE ${table}`);
      analysed.push(table);
    }
    samplesDropped = dropSampleStatistics(connection, table) || samplesDropped;
  }
  // The planner keeps the statistics it read at start: make it read them again without the samples.
  if (samplesDropped) connection.exec('ANALYZE sqlite_schema');
  return analysed;
}

/**
 * Keep only the per-index averages (sqlite_stat1), not the sampled rows (sqlite_stat4, which this build of
 * SQLite also takes). With the samples, a date-range filter sorted by another column was planned differently
 * after each ANALYZE (24 random samples per index decide whether the range looks narrow): the same page took
 * 2 ms on one ledger and 40–280 ms on its copy analysed again. Without them the plans are the same every time.
 */
function dropSampleStatistics(connection: BetterSqlite3.Database, table: string): boolean {
  if (!hasSchemaObject(connection, 'sqlite_stat4')) return false;
  return connection.prepare(`DELETE FROM sqlite_stat4 WHERE tbl = ?`).run(table).changes > 0;
}

/** How many rows of `table` the planner statistics were taken on, or null when they never were. */
export function analysedRowCount(connection: BetterSqlite3.Database, table: string, index: string): number | null {
  if (!hasSchemaObject(connection, 'sqlite_stat1')) return null;
  const stat = connection.prepare(`SELECT stat FROM sqlite_stat1 WHERE tbl = ? AND idx = ?`).get(table, index) as { stat: string } | undefined;
  return stat ? Number(stat.stat.split(' ')[0]) : null;
}

/** How many records the planner statistics were taken on, or null when they never were. */
export const analysedRecordCount = (connection: BetterSqlite3.Database) => analysedRowCount(connection, 'dishonesty_records', 'records_list');

/** Which tables the planner statistics cover (sqlite_stat1 exists only once ANALYZE has run). */
export function analysedTables(connection: BetterSqlite3.Database): string[] {
  if (!hasSchemaObject(connection, 'sqlite_stat1')) return [];
  return connection.prepare(`SELECT DISTINCT tbl FROM sqlite_stat1 ORDER BY tbl`).pluck().all() as string[];
}

const hasSchemaObject = (connection: BetterSqlite3.Database, name: string) =>
  connection.prepare(`SELECT 1 FROM sqlite_schema WHERE name = ?`).get(name) !== undefined;
