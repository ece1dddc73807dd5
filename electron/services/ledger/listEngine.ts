import type { ReadSql } from '../../db/database';
import { searchMatchExpression } from '../../../shared/domain/searchGrams';
import type { ListQuery, ListSpec, PagedListQuery, TextSearch } from './listSpec';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Up to this many search hits the page starts from the hits; above, it walks the list order and probes them. */
const SEARCH_DRIVES_BELOW = 2000;

/** "Is among the hits of this search index": one per index the request searches (search box, unit filter). */
interface HitSet {
  table: string;
  match: string;
}

interface FilterParts {
  clauses: string[];
  params: unknown[];
  /** The search indexes the request goes through, with their MATCH expressions. */
  hits: HitSet[];
}

/**
 * The filter's own conditions and the search indexes it goes through. `use` says what the conditions are
 * for: counting may use every index; choosing a page keeps the spec's counting-only indexes out of the plan.
 */
function filterParts(spec: ListSpec, query: ListQuery, use: 'count' | 'page' = 'count'): FilterParts {
  const q = query as ListQuery & Record<string, unknown>; // the spec names which keys are filters
  const clauses: string[] = [];
  const params: unknown[] = [];
  const ref = (column: string) => (use === 'page' && spec.countingColumns?.includes(column) ? `+${column}` : column);
  for (const [key, column] of Object.entries(spec.choiceFilters)) {
    const values = q[key] as readonly unknown[] | undefined;
    if (!values || values.length === 0) continue;
    clauses.push(`${ref(column)} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  }
  for (const [key, { column, bound }] of Object.entries(spec.rangeFilters)) {
    const value = q[key];
    if (value === undefined || value === null || value === '') continue;
    clauses.push(`${column} ${bound === 'from' ? '>=' : '<='} ?`);
    params.push(value);
  }
  const hits: HitSet[] = [];
  const addSearch = (text: unknown, where: TextSearch) => {
    if (typeof text !== 'string') return;
    const phrases: string[] = [];
    // Every space-separated term must be found: through the index, or literally when it has nothing to index.
    for (const term of text.normalize('NFKC').split(/\s+/).filter(Boolean)) {
      const expression = searchMatchExpression(term);
      if (expression) {
        phrases.push(expression);
        continue;
      }
      const like = `%${escapeLike(term)}%`;
      clauses.push(`(${where.columns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
      params.push(...where.columns.map(() => like));
    }
    if (phrases.length === 0) return;
    const match = phrases.join(' AND ');
    if (where.distinctValues) {
      const { table, column } = where.distinctValues;
      clauses.push(`${ref(column)} IN (SELECT value FROM ${table} WHERE id IN (SELECT rowid FROM ${where.indexTable} WHERE ${where.indexTable} MATCH ?))`);
      params.push(match);
    } else {
      hits.push({ table: where.indexTable, match });
    }
  };
  addSearch(q.search, spec.search);
  for (const [key, where] of Object.entries(spec.textFilters)) addSearch(q[key], where);
  return { clauses, params, hits };
}

/** The condition "is one of the hits" (the export's single statement). */
const amongHits = (hit: HitSet) => `seq IN (SELECT rowid FROM ${hit.table} WHERE ${hit.table} MATCH ?)`;

function orderBy(spec: ListSpec, q: ListQuery): string {
  const expression = spec.sorts[q.sortBy];
  if (!expression) throw new Error(`${spec.table}: unknown sort key ${q.sortBy}`);
  const dir = q.sortOrder === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY ${expression} ${dir}, seq ${dir}`;
}

/** WHERE clause and parameters of a filter (search included). */
export function whereFor(spec: ListSpec, q: ListQuery): { sql: string; params: unknown[] } {
  const { clauses, params, hits } = filterParts(spec, q);
  for (const hit of hits) {
    clauses.push(amongHits(hit));
    params.push(hit.match);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * One page of a ledger's list (server paging keeps the table smooth at 100,000 rows). The page is chosen on
 * index entries only (the inner SELECT seq … LIMIT) and just its rows are read: a row is ~1 KB, so sorting
 * or counting whole rows costs ~1 ms per 1,000 of them. A search reads its index once, into a temporary rowid
 * set whose size is its count, and picks the plan by that count: few hits drive the query; many are probed
 * (a rowid search in the set) while walking the sort order.
 */
export function listPage<Row>(sql: ReadSql, spec: ListSpec, q: PagedListQuery): { rows: Row[]; total: number } {
  const counting = filterParts(spec, q, 'count');
  const paging = filterParts(spec, q, 'page');
  let total: number | null = null;
  if (counting.hits.length > 0) {
    // Each index is read once: its hits are kept in a temporary rowid set that counting and paging probe.
    const counted = counting.hits
      .map((hit, i) => {
        const set = `list_hits_${i}`;
        return { set, n: sql.fillRowidSet(set, `SELECT rowid FROM ${hit.table} WHERE ${hit.table} MATCH ?`, hit.match) };
      })
      .sort((a, b) => a.n - b.n);
    if (counted[0].n === 0) return { rows: [], total: 0 };
    if (counting.clauses.length === 0 && counted.length === 1) total = counted[0].n;
    // The smallest hit set may drive the query when it is small; every other one is probed.
    counted.forEach(({ set, n }, i) => {
      const among = `${i === 0 && n <= SEARCH_DRIVES_BELOW ? 'seq' : '+seq'} IN (SELECT seq FROM temp.${set})`;
      for (const parts of [counting, paging]) parts.clauses.push(among);
    });
  }
  const whereOf = (parts: FilterParts) => (parts.clauses.length ? `WHERE ${parts.clauses.join(' AND ')}` : '');
  const order = orderBy(spec, q);
  const offset = (q.page - 1) * q.pageSize;
  total ??= sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${spec.table} ${whereOf(counting)}`, ...counting.params)!.n;
  const rows = sql.all<Row>(
    `SELECT * FROM ${spec.table} WHERE seq IN (SELECT seq FROM ${spec.table} ${whereOf(paging)} ${order} LIMIT ? OFFSET ?) ${order}`,
    ...paging.params, q.pageSize, offset,
  );
  return { total, rows };
}

/** Every row of a filter, in list order (the export of the filtered list). */
export function iterateList<Row>(sql: ReadSql, spec: ListSpec, q: ListQuery): IterableIterator<Row> {
  const where = whereFor(spec, q);
  return sql.iterate<Row>(`SELECT * FROM ${spec.table} ${where.sql} ${orderBy(spec, q)}`, ...where.params);
}
