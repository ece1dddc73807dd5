import type { AuditedTable } from '../audit/auditedRows';
import { snapshotOf, type NoticeDbRow } from './noticeRow';
import { NOTICE_VERSIONING } from './noticesService';

/** verify-audit compares every notice with the snapshot of its latest full audit entry (print counts excepted). */
export const NOTICE_AUDITED_TABLE: AuditedTable = {
  entity: NOTICE_VERSIONING.kind,
  table: NOTICE_VERSIONING.table,
  snapshot: (row) => snapshotOf(row as unknown as NoticeDbRow),
  fullStateKey: 'status',
};
