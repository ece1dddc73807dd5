import type { AuditedTable } from '../audit/auditedRows';
import { snapshotOf, type RecordDbRow } from './recordRow';
import { RECORD_VERSIONING } from './recordsService';

/** verify-audit compares every record with the snapshot of its latest audit entry. */
export const RECORD_AUDITED_TABLE: AuditedTable = {
  entity: RECORD_VERSIONING.kind,
  table: RECORD_VERSIONING.table,
  snapshot: (row) => snapshotOf(row as unknown as RecordDbRow),
  fullStateKey: 'status',
};
