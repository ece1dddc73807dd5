import type { Attachment } from '../../../shared/contract/ledger';
import type { CommitmentListFilter, CommitmentRow, CommitmentSortKey } from '../../../shared/contract/commitments';
import type { ReadSql } from '../../db/database';
import type { Actor, ServiceDeps } from '../context';
import { addAttachment, listAttachments } from '../files/attachments';
import { linksOf } from '../ledger/entityLinks';
import { iterateList, listPage } from '../ledger/listEngine';
import { requireRow } from '../ledger/versionedEntity';
import { requirePermission } from '../permissions';
import { userNames } from '../records/recordsService';
import { commitmentVersions } from './commitmentHistory';
import { COMMITMENT_LIST_SPEC } from './commitmentListSpec';
import { toDetail, toListRow, type CommitmentDbRow } from './commitmentRow';
import { COMMITMENT_VERSIONING } from './commitmentsService';

export * from './commitmentsService';
export { makeRecordFromCommitment } from './commitmentToRecord';
export { noticeSourceFromCommitment } from './noticeSource';

export interface CommitmentListQuery extends CommitmentListFilter {
  sortBy: CommitmentSortKey;
  sortOrder: 'asc' | 'desc';
}

const owner = (id: string) => ({ entity: COMMITMENT_VERSIONING.kind, entityId: id });

/** The detail page: the commitment, its whole history, its evidence files, and what it was made into. */
export async function getCommitment(deps: ServiceDeps, id: string) {
  return deps.db.read((sql) => {
    const row = requireRow(sql, COMMITMENT_VERSIONING, id);
    const names = userNames(sql);
    const versions = commitmentVersions(sql, id, names);
    // the last change may be the system's (fell overdue): its author is the last to change it
    const commitment = { ...toDetail(row, names), updatedByName: versions[0]?.userName ?? '' };
    return { commitment, versions, attachments: listAttachments(sql, deps, owner(id), names), links: linksOf(sql, COMMITMENT_VERSIONING.kind, id) };
  });
}

/** One page of the list (the list/query engine picks the plan), inside the caller's read. */
export function listCommitments(sql: ReadSql, q: CommitmentListQuery & { page: number; pageSize: number }): { items: CommitmentRow[]; total: number } {
  const { rows, total } = listPage<CommitmentDbRow>(sql, COMMITMENT_LIST_SPEC, q);
  return { total, items: rows.map(toListRow) };
}

export async function queryCommitments(deps: ServiceDeps, q: CommitmentListQuery & { page: number; pageSize: number }): Promise<{ items: CommitmentRow[]; total: number }> {
  return deps.db.read((sql) => listCommitments(sql, q));
}

/** Every row of a filter, in list order (the export). */
export const iterateCommitments = (sql: ReadSql, q: CommitmentListQuery) => iterateList<CommitmentDbRow>(sql, COMMITMENT_LIST_SPEC, q);

/** The departments the ledger names, for the filter's choices. */
export async function commitmentDepartments(deps: ServiceDeps): Promise<string[]> {
  return deps.db.read((sql) => sql.all<{ d: string }>(`SELECT DISTINCT department AS d FROM public_commitments ORDER BY department`).map((r) => r.d));
}

/** Evidence of fulfilment, supervision reports, photos of the 公开栏… (also on a closed commitment). */
export async function addCommitmentAttachment(deps: ServiceDeps, actor: Actor, id: string, fileName: string, bytes: Buffer): Promise<Attachment> {
  requirePermission(actor, 'commitments.edit');
  return addAttachment(deps, actor, { ...owner(id), table: COMMITMENT_VERSIONING.table, notFoundMessage: '找不到该公开承诺' }, fileName, bytes);
}
