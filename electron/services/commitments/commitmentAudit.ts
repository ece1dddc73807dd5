import type { AuditedTable } from '../audit/auditedRows';
import { snapshotOf, type CommitmentDbRow } from './commitmentRow';
import { COMMITMENT_VERSIONING } from './commitmentsService';

/** verify-audit compares every commitment with the snapshot of its latest audit entry. */
export const COMMITMENT_AUDITED_TABLE: AuditedTable = {
  entity: COMMITMENT_VERSIONING.kind,
  table: COMMITMENT_VERSIONING.table,
  snapshot: (row) => snapshotOf(row as unknown as CommitmentDbRow),
  fullStateKey: 'status',
};
