/**
 * What a ledger declares about its list page, read by the list/query engine (listEngine.ts): the table,
 * which request keys filter which columns, how each sort key orders, and the search index. A new ledger's
 * list is this declaration plus a migration that creates the matching indexes.
 */
export interface ListSpec {
  /** The ledger's table; `seq` is its integer rowid and the rowid of its search indexes. */
  table: string;
  /** Request key → column; the request gives a list of allowed values (IN). */
  choiceFilters: Readonly<Record<string, string>>;
  /** Request key → column and which end of a range the key gives (inclusive). */
  rangeFilters: Readonly<Record<string, { column: string; bound: 'from' | 'to' }>>;
  /** The search box: every term found in one of these columns, through the search index. */
  search: TextSearch;
  /** Request key → a substring of one field (the unit's name), found through its own index column. */
  textFilters: Readonly<Record<string, TextSearch>>;
  /** Sort key → SQL expression (exactly the text of an index's expression, so the index serves it). */
  sorts: Readonly<Record<string, string>>;
  /**
   * Filter columns with an index of their own that is for counting only: one value of such a column is
   * thousands of rows, so choosing a page by that index would read and sort all of them; the page is chosen
   * by walking the sort order instead (the engine writes `+column` there, which SQLite never uses an index for).
   */
  countingColumns?: readonly string[];
}
// The table's planner statistics are declared beside the database (ANALYSED_LEDGER_TABLES in
// electron/db/plannerStatistics.ts), which takes them at start and after an import.

/**
 * Where a text is looked for: an FTS5 index of character pairs (shared/domain/searchGrams.ts, rowid = the
 * ledger's seq) and the table columns it indexes. Each text filter has an index of its own, so a filter on a
 * short field (the unit's name) reads short doclists. A term with no letters or digits (only punctuation
 * such as %) cannot be indexed; it is looked for in the columns themselves, literally.
 */
export interface TextSearch {
  indexTable: string;
  columns: readonly string[];
  /**
   * For a field with few distinct values (the unit's name: thousands of names over 100,000 rows): the index
   * holds each distinct value once, its rowid the `id` of `table` (columns id, value), and the filter is
   * "`column` is one of the matching values" — a short index read instead of a doclist as long as the ledger.
   */
  distinctValues?: { table: string; column: string };
}

/** A list request as the contract gives it: the search box, the sort, and the spec's filter keys. */
export interface ListQuery {
  search?: string;
  sortBy: string;
  sortOrder: 'asc' | 'desc';
}

export type PagedListQuery = ListQuery & { page: number; pageSize: number };
