import type { AuditedTable } from '../audit/auditedRows';
import { projectFieldsOf, type ProjectDbRow } from './promiseRows';
import { PROMISE_VERSIONING } from './promisesService';

/** verify-audit compares every project's own fields and status with the snapshot of its latest audit entry. */
export const PROMISE_AUDITED_TABLE: AuditedTable = {
  entity: PROMISE_VERSIONING.kind,
  table: PROMISE_VERSIONING.table,
  snapshot: (row) => {
    const p = row as unknown as ProjectDbRow;
    return { ...projectFieldsOf(p), status: p.status };
  },
  fullStateKey: 'status',
};
