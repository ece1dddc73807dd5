import type { RecordDetail } from '../../../shared/contract/records';
import { notFound } from '../../../shared/contract/errors';
import type { Actor, ServiceDeps } from '../context';
import { listAttachments } from './attachments';
import { recordVersions } from './recordHistory';
import { listRecords, type RecordListQuery } from './recordQuery';
import { identityVisibleTo, loadRecordRow, userNames } from './recordsService';
import { toDetail } from './recordRow';

export * from './recordsService';
export * from './attachments';

/** The detail page: the record, its whole history, its evidence files. */
export async function getRecord(deps: ServiceDeps, actor: Actor, id: string) {
  return deps.db.read((sql) => {
    const row = loadRecordRow(sql, id);
    if (!row) throw notFound('找不到该失信记录');
    const names = userNames(sql);
    const visible = identityVisibleTo(actor, row);
    const record: RecordDetail = toDetail(row, names, visible);
    return { record, versions: recordVersions(sql, id, names, visible), attachments: listAttachments(sql, deps.dataDir, id) };
  });
}

export async function queryRecords(deps: ServiceDeps, q: RecordListQuery & { page: number; pageSize: number }) {
  return deps.db.read((sql) => listRecords(sql, q));
}
