import type { ReadSql } from '../../db/database';
import type { PromiseListFilter, PromiseRow, PromiseSortKey } from '../../../shared/contract/promises';
import { iterateList, listPage } from '../ledger/listEngine';
import type { ListQuery } from '../ledger/listSpec';
import { PROMISE_LIST_SPEC } from './promiseListSpec';
import { toListRow, userNames, type ItemDbRow } from './promiseRows';

export interface PromiseListQuery extends PromiseListFilter {
  sortBy: PromiseSortKey;
  sortOrder: 'asc' | 'desc';
}

/** The engine's request for a filter: `mine` is the user among the responsible people, one enterprise code a one-value choice. */
function engineQuery(q: PromiseListQuery, userId: string | null): ListQuery {
  const responsible = q.mine && userId ? [userId] : q.responsibleUserIds;
  return { ...q, responsibleUserIds: responsible, enterpriseUscc: q.enterpriseUscc ? [q.enterpriseUscc.toUpperCase()] : undefined } as ListQuery;
}

function withResponsible(sql: ReadSql, rows: ItemDbRow[]): PromiseRow[] {
  const names = userNames(sql);
  return rows.map((r) => toListRow({ ...r, responsible_name: names.get(r.responsible_user_id) ?? '' }));
}

/** One page of the promise items list (the list/query engine picks the plan). */
export function listPromises(sql: ReadSql, q: PromiseListQuery & { page: number; pageSize: number }, userId: string | null): { items: PromiseRow[]; total: number } {
  const { rows, total } = listPage<ItemDbRow>(sql, PROMISE_LIST_SPEC, { ...engineQuery(q, userId), page: q.page, pageSize: q.pageSize });
  return { total, items: withResponsible(sql, rows) };
}

/** Every item of a filter, in list order (the export), with the responsible person's name. */
export function iteratePromises(sql: ReadSql, q: PromiseListQuery, userId: string | null): PromiseRow[] {
  return withResponsible(sql, Array.from(iterateList<ItemDbRow>(sql, PROMISE_LIST_SPEC, engineQuery(q, userId))));
}
