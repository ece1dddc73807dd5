import type { AuditedTable } from '../audit/auditedRows';
import { loadProject, snapshotOf } from './promiseRows';
import { PROMISE_VERSIONING } from './promisesService';

type Parts = Array<Record<string, unknown>>;
const without = (parts: unknown, names: readonly string[]): Parts =>
  ((parts as Parts | undefined) ?? []).map((part) => Object.fromEntries(Object.entries(part).filter(([key]) => !names.includes(key))));

/**
 * verify-audit compares every project — its own fields and status, and its items, payments and handovers — with
 * the snapshot of its latest audit entry: an item's status or a payment's amount changed in the file outside the
 * program is found as surely as a project's name. Users' names are left out (a user may be renamed since).
 */
export const PROMISE_AUDITED_TABLE: AuditedTable = {
  entity: PROMISE_VERSIONING.kind,
  table: PROMISE_VERSIONING.table,
  withParts: true,
  snapshot: (row, sql) => snapshotOf(loadProject(sql, String(row.id))!),
  comparable: (s) => ({
    ...s,
    items: without(s.items, ['responsibleName']),
    handovers: without(s.handovers, ['fromName', 'toName']),
    payments: without(s.payments, []),
  }),
  partLabels: { items: '承诺事项', handovers: '工作交接', payments: '兑现登记' },
  fullStateKey: 'status',
};
