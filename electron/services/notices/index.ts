import type { Attachment } from '../../../shared/contract/ledger';
import type { NoticeVersion } from '../../../shared/contract/notices';
import { AUTHOR_LABELS } from '../../../shared/domain/entityKinds';
import { NOTICE_FIELD_LABELS, NOTICE_MACHINE, NOTICE_SOURCE_LABELS, NOTICE_STATUS_LABELS, type NoticeSourceKind, type NoticeStatus } from '../../../shared/domain/notices';
import { actionLabelOf } from '../../../shared/domain/statusMachine';
import type { ReadSql } from '../../db/database';
import type { Actor, ServiceDeps } from '../context';
import { addAttachment, listAttachments } from '../files/attachments';
import { requireRow, versionHistory, versionRows } from '../ledger/versionedEntity';
import { requirePermission } from '../permissions';
import { escalationsOf, toDetail } from './noticeRow';
import { listNotices, NOTICE_VERSIONING, noticesOfSource, userNames, type NoticeListQuery } from './noticesService';
import { NOTICE_SOURCES } from './sources';

export * from './noticesService';
export * from './noticeSettings';
export { startRectificationWithNotice } from './noticeFromRecord';
export { NOTICE_SOURCES } from './sources';

const ACTION_LABELS: Record<string, string> = { create: '起草', edit: '修改' };
export const noticeActionLabel = (action: string) => ACTION_LABELS[action] ?? actionLabelOf(NOTICE_MACHINE, action) ?? action;

const DIFF_LABELS: Record<string, string> = { ...NOTICE_FIELD_LABELS, status: '状态', number: '文号' };

export function noticeVersions(sql: ReadSql, id: string, names: Map<string, string>): NoticeVersion[] {
  const shown = (field: string, value: unknown) => (field === 'status' ? (NOTICE_STATUS_LABELS[value as NoticeStatus] ?? value) : value);
  return versionHistory(versionRows(sql, NOTICE_VERSIONING, id), { labels: DIFF_LABELS, shown }, noticeActionLabel, names, AUTHOR_LABELS) as NoticeVersion[];
}

const owner = (id: string) => ({ entity: NOTICE_VERSIONING.kind, entityId: id });

/** The detail page: the notice, its history, the reply documents, and the link back to its source. */
export async function getNotice(deps: ServiceDeps, id: string) {
  return deps.db.read((sql) => {
    const row = requireRow(sql, NOTICE_VERSIONING, id);
    const names = userNames(sql);
    const kind = row.source_kind as NoticeSourceKind;
    const facts = kind !== 'blank' && row.source_id ? NOTICE_SOURCES[kind]?.load(sql, row.source_id) : null;
    const source = kind === 'blank' ? null
      : { kind, id: row.source_id, reference: facts?.reference ?? NOTICE_SOURCE_LABELS[kind], route: facts?.route ?? null };
    const attachments: Attachment[] = listAttachments(sql, deps, owner(id), names);
    return { notice: toDetail(row, names), versions: noticeVersions(sql, id, names), attachments, source, escalations: escalationsOf(row) };
  });
}

export async function queryNotices(deps: ServiceDeps, q: NoticeListQuery & { page: number; pageSize: number }) {
  return deps.db.read((sql) => listNotices(sql, q));
}

export async function noticesForSource(deps: ServiceDeps, kind: NoticeSourceKind, id: string) {
  return deps.db.read((sql) => noticesOfSource(sql, kind, id));
}

/** The reply document (and any later evidence) as an attachment of the notice. */
export async function addNoticeAttachment(deps: ServiceDeps, actor: Actor, noticeId: string, fileName: string, bytes: Buffer): Promise<Attachment> {
  requirePermission(actor, 'notices.edit');
  return addAttachment(deps, actor, { ...owner(noticeId), table: NOTICE_VERSIONING.table, notFoundMessage: '找不到该整改通知书' }, fileName, bytes);
}
