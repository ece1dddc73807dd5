import type { ReadSql } from '../../db/database';
import type { RecordListFilter, RecordRow, RecordSortKey } from '../../../shared/contract/records';
import { iterateList, listPage } from '../ledger/listEngine';
import { RECORD_LIST_SPEC } from './recordListSpec';
import { toListRow, type RecordDbRow } from './recordRow';

export type { RecordSortKey };

export interface RecordListQuery extends RecordListFilter {
  sortBy: RecordSortKey;
  sortOrder: 'asc' | 'desc';
}

/** One page of the records list (see the list/query engine for the plans). */
export function listRecords(sql: ReadSql, q: RecordListQuery & { page: number; pageSize: number }): { items: RecordRow[]; total: number } {
  const { rows, total } = listPage<RecordDbRow>(sql, RECORD_LIST_SPEC, q);
  return { total, items: rows.map(toListRow) };
}

/** Every row of a filter, in list order, for the export. */
export function iterateRecords(sql: ReadSql, q: RecordListQuery): IterableIterator<RecordDbRow> {
  return iterateList<RecordDbRow>(sql, RECORD_LIST_SPEC, q);
}
