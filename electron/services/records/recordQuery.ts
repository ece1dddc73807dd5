import type { Sql } from '../../db/database';
import type { RecordListFilter, RecordRow } from '../../../shared/contract/records';
import { searchMatchExpression } from '../../../shared/domain/searchGrams';
import { toListRow, type RecordDbRow } from './recordRow';
import { SEVERITY_RANK_SQL } from '../../db/migrations/0003-record-sort-indexes';

export type RecordSortKey = 'updatedAt' | 'happenedOn' | 'recognisedOn' | 'amountFen' | 'unitName' | 'severity';

export interface RecordListQuery extends RecordListFilter {
  sortBy: RecordSortKey;
  sortOrder: 'asc' | 'desc';
}

const SORT_SQL: Record<RecordSortKey, string> = {
  updatedAt: 'updated_at',
  happenedOn: 'happened_on',
  recognisedOn: 'recognised_on',
  amountFen: 'amount_fen',
  unitName: 'unit_name',
  severity: SEVERITY_RANK_SQL,
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The filter's own conditions, and the search-index expression (null when nothing goes through the index). */
function filterParts(filter: RecordListFilter): { clauses: string[]; params: unknown[]; match: string | null } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const anyOf = (column: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  anyOf('status', filter.statuses);
  anyOf('situation', filter.situations);
  anyOf('sector', filter.sectors);
  anyOf('clue_source', filter.clueSources);
  anyOf('severity', filter.severities);
  anyOf('subject_type', filter.subjectTypes);
  const range = (column: string, from?: string, to?: string) => {
    if (from) {
      clauses.push(`${column} >= ?`);
      params.push(from);
    }
    if (to) {
      clauses.push(`${column} <= ?`);
      params.push(to);
    }
  };
  range('happened_on', filter.happenedFrom, filter.happenedTo);
  range('recognised_on', filter.recognisedFrom, filter.recognisedTo);
  if (filter.unit) {
    clauses.push(`unit_name LIKE ? ESCAPE '\\'`);
    params.push(`%${escapeLike(filter.unit)}%`);
  }
  let match: string | null = null;
  if (filter.search) {
    // Every space-separated term must be found: terms of two or more characters through the index,
    // shorter ones (a single character) by a scan.
    const indexed: string[] = [];
    for (const term of filter.search.normalize('NFKC').split(/\s+/).filter(Boolean)) {
      const termMatch = searchMatchExpression(term);
      if (termMatch) {
        indexed.push(termMatch);
        continue;
      }
      const like = `%${escapeLike(term)}%`;
      clauses.push(`(unit_name LIKE ? ESCAPE '\\' OR person_name LIKE ? ESCAPE '\\' OR doc_number LIKE ? ESCAPE '\\' OR doc_name LIKE ? ESCAPE '\\' OR facts LIKE ? ESCAPE '\\')`);
      params.push(like, like, like, like, like);
    }
    if (indexed.length > 0) match = indexed.join(' AND ');
  }
  return { clauses, params, match };
}

/** The condition "is one of the search hits"; `+seq` keeps SQLite from driving the query by the hits. */
const amongHits = (column: 'seq' | '+seq') => `${column} IN (SELECT rowid FROM record_search WHERE record_search MATCH ?)`;

/** WHERE clause and parameters for a filter; the search box goes through the character-pair index. */
export function whereFor(filter: RecordListFilter): { sql: string; params: unknown[] } {
  const { clauses, params, match } = filterParts(filter);
  if (match) {
    clauses.push(amongHits('seq'));
    params.push(match);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const orderBy = (q: RecordListQuery) => {
  const dir = q.sortOrder === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY ${SORT_SQL[q.sortBy]} ${dir}, seq ${dir}`;
};

/** Up to this many search hits the page starts from the hits; above, it walks the list order and probes them. */
const SEARCH_DRIVES_BELOW = 2000;

/**
 * One page of the list (server paging keeps the table smooth at 100,000 records). The page is chosen on
 * index entries only (the inner SELECT seq … LIMIT) and just its 50 rows are read: a row is ~850 bytes,
 * so sorting or counting whole rows costs ~1 ms per 1,000 of them.
 */
export function listRecords(sql: Sql, q: RecordListQuery & { page: number; pageSize: number }): { items: RecordRow[]; total: number } {
  const { clauses, params, match } = filterParts(q);
  let total: number | null = null;
  if (match) {
    const hits = sql.get<{ n: number }>(`SELECT count(*) AS n FROM record_search WHERE record_search MATCH ?`, match)!.n;
    if (clauses.length === 0) total = hits;
    // Many hits: the unary + keeps SQLite from reading every hit's row; it walks an index in list order,
    // probes the hit set, and stops once the page is full.
    clauses.push(amongHits(hits <= SEARCH_DRIVES_BELOW ? 'seq' : '+seq'));
    params.push(match);
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const order = orderBy(q);
  const offset = (q.page - 1) * q.pageSize;
  if (total === null && match) {
    // Search plus filters: one pass gives the page and the total, so the hit set is built once, not twice.
    const page = sql.all<{ seq: number; total: number }>(
      `SELECT seq, count(*) OVER () AS total FROM dishonesty_records ${where} ${order} LIMIT ? OFFSET ?`, ...params, q.pageSize, offset,
    );
    total = page[0]?.total ?? sql.get<{ n: number }>(`SELECT count(*) AS n FROM dishonesty_records ${where}`, ...params)!.n;
    const rows = sql.all<RecordDbRow>(
      `SELECT * FROM dishonesty_records WHERE seq IN (SELECT value FROM json_each(?)) ${order}`, JSON.stringify(page.map((p) => p.seq)),
    );
    return { total, items: rows.map(toListRow) };
  }
  total ??= sql.get<{ n: number }>(`SELECT count(*) AS n FROM dishonesty_records ${where}`, ...params)!.n;
  const rows = sql.all<RecordDbRow>(
    `SELECT * FROM dishonesty_records WHERE seq IN (SELECT seq FROM dishonesty_records ${where} ${order} LIMIT ? OFFSET ?) ${order}`,
    ...params, q.pageSize, offset,
  );
  return { total, items: rows.map(toListRow) };
}

/** Every row of a filter, in list order, for the export. */
export function iterateRecords(sql: Sql, q: RecordListQuery): IterableIterator<RecordDbRow> {
  const where = whereFor(q);
  return sql.iterate<RecordDbRow>(`SELECT * FROM dishonesty_records ${where.sql} ${orderBy(q)}`, ...where.params);
}
