import type { Attachment, RecordDetail } from '../../../shared/contract/records';
import type { Actor, ServiceDeps } from '../context';
import { addAttachment, listAttachments } from '../files/attachments';
import { linksOf } from '../ledger/entityLinks';
import { requirePermission } from '../permissions';
import { requireRow } from '../ledger/versionedEntity';
import { recordVersions } from './recordHistory';
import { listRecords, type RecordListQuery } from './recordQuery';
import { identityVisibleTo, RECORD_VERSIONING, userNames } from './recordsService';
import { toDetail } from './recordRow';

export * from './recordsService';
export { findDuplicates } from './recordDuplicates';
export { attachmentPath, locateAttachment, openAttachment } from '../files/attachments';

const recordOwner = (id: string) => ({ entity: RECORD_VERSIONING.kind, entityId: id });

/** The detail page: the record, its whole history, its evidence files. */
export async function getRecord(deps: ServiceDeps, actor: Actor, id: string) {
  return deps.db.read((sql) => {
    const row = requireRow(sql, RECORD_VERSIONING, id);
    const names = userNames(sql);
    const visible = identityVisibleTo(actor, row);
    const versions = recordVersions(sql, id, names, visible);
    // the latest change may be the city platform's or the system's: its author is the last to change it
    const record: RecordDetail = { ...toDetail(row, names, visible), updatedByName: versions[0]?.userName ?? '' };
    return { record, versions, attachments: listAttachments(sql, deps, recordOwner(id), names), links: linksOf(sql, RECORD_VERSIONING.kind, id) };
  });
}

export async function queryRecords(deps: ServiceDeps, q: RecordListQuery & { page: number; pageSize: number }) {
  return deps.db.read((sql) => listRecords(sql, q));
}

/** Evidence for a record (also on a locked record: rectification evidence arrives after approval). */
export async function addRecordAttachment(deps: ServiceDeps, actor: Actor, recordId: string, fileName: string, bytes: Buffer): Promise<Attachment> {
  requirePermission(actor, 'records.edit');
  const owner = { ...recordOwner(recordId), table: RECORD_VERSIONING.table, notFoundMessage: '找不到该失信记录' };
  return addAttachment(deps, actor, owner, fileName, bytes);
}
