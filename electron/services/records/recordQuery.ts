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

/** WHERE clause and parameters for a filter; the search box goes through the character-pair index. */
export function whereFor(filter: RecordListFilter): { sql: string; params: unknown[]; matchOnly: string | null } {
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
  if (filter.search) {
    // Every space-separated term must be found: terms of two or more characters through the index,
    // shorter ones (a single character) by a scan.
    const indexed: string[] = [];
    for (const term of filter.search.normalize('NFKC').split(/\s+/).filter(Boolean)) {
      const match = searchMatchExpression(term);
      if (match) {
        indexed.push(match);
        continue;
      }
      const like = `%${escapeLike(term)}%`;
      clauses.push(`(unit_name LIKE ? ESCAPE '\\' OR person_name LIKE ? ESCAPE '\\' OR doc_number LIKE ? ESCAPE '\\' OR doc_name LIKE ? ESCAPE '\\' OR facts LIKE ? ESCAPE '\\')`);
      params.push(like, like, like, like, like);
    }
    if (indexed.length > 0) {
      clauses.push(`seq IN (SELECT rowid FROM record_search WHERE record_search MATCH ?)`);
      params.push(indexed.join(' AND '));
    }
  }
  // When the search box is the whole filter, the index alone can count the matches.
  const matchOnly = clauses.length === 1 && clauses[0].startsWith('seq IN (SELECT rowid FROM record_search') ? (params[0] as string) : null;
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params, matchOnly };
}

const orderBy = (q: RecordListQuery) => {
  const dir = q.sortOrder === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY ${SORT_SQL[q.sortBy]} ${dir}, seq ${dir}`;
};

/** One page of the list (server paging keeps the table smooth at 100,000 records). */
export function listRecords(sql: Sql, q: RecordListQuery & { page: number; pageSize: number }): { items: RecordRow[]; total: number } {
  const where = whereFor(q);
  const total = where.matchOnly
    ? sql.get<{ n: number }>(`SELECT count(*) AS n FROM record_search WHERE record_search MATCH ?`, where.matchOnly)!.n
    : sql.get<{ n: number }>(`SELECT count(*) AS n FROM dishonesty_records ${where.sql}`, ...where.params)!.n;
  const rows = sql.all<RecordDbRow>(
    `SELECT * FROM dishonesty_records ${where.sql} ${orderBy(q)} LIMIT ? OFFSET ?`,
    ...where.params, q.pageSize, (q.page - 1) * q.pageSize,
  );
  return { total, items: rows.map(toListRow) };
}

/** Every row of a filter, in list order, for the export. */
export function iterateRecords(sql: Sql, q: RecordListQuery): IterableIterator<RecordDbRow> {
  const where = whereFor(q);
  return sql.iterate<RecordDbRow>(`SELECT * FROM dishonesty_records ${where.sql} ${orderBy(q)}`, ...where.params);
}
