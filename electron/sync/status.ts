import type { ReadSql } from '../db/database';
import { readEnrolment, readFault, readState, type SyncFault } from './state';

export interface SyncStatus {
  enrolled: boolean;
  platformUrl: string | null;
  officeId: string | null;
  deviceId: string | null;
  enrolledAt: string | null;
  keyProtection: string;
  /** Items waiting for their first try. */
  pending: number;
  /** Items in a batch sent (or written to a file) but not yet answered. */
  inFlight: number;
  /** Items whose latest upload the platform refused. */
  rejected: number;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  fault: SyncFault | null;
  needsApproval: { decisions: number; ledger: number } | null;
  conflicts: number;
  batches: { open: number; answered: number; fault: number };
}

export function readSyncStatus(sql: ReadSql, keyProtection: string): SyncStatus {
  const enrolment = readEnrolment(sql);
  const count = (query: string) => sql.get<{ n: number }>(query)!.n;
  const batchCounts = { open: 0, answered: 0, fault: 0 };
  for (const r of sql.all<{ state: keyof typeof batchCounts | 'split'; n: number }>(`SELECT state, count(*) AS n FROM sync_batches GROUP BY state`)) {
    if (r.state !== 'split') batchCounts[r.state] = r.n;
  }
  const approval = readState(sql, 'pendingApproval');
  return {
    enrolled: enrolment !== null,
    platformUrl: enrolment?.platformUrl ?? null,
    officeId: enrolment?.officeId ?? null,
    deviceId: enrolment?.deviceId ?? null,
    enrolledAt: readState(sql, 'enrolledAt'),
    keyProtection,
    pending: count(`SELECT count(*) AS n FROM outbox WHERE state = 'pending'`),
    inFlight: count(`SELECT count(*) AS n FROM outbox WHERE state = 'batched'`),
    rejected: count(`SELECT count(*) AS n FROM upload_state WHERE status = 'rejected'`),
    lastSuccessAt: readState(sql, 'lastSuccessAt'),
    lastAttemptAt: readState(sql, 'lastAttemptAt'),
    fault: readFault(sql),
    needsApproval: approval ? JSON.parse(approval) : null,
    conflicts: count(`SELECT count(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL`),
    batches: batchCounts,
  };
}
