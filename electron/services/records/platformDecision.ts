import type { WriteSql } from '../../db/database';
import { RECORD_STATUSES, type RecordStatus } from '../../../shared/domain/dishonesty';
import { todayIso } from '../../../shared/validation/dates';
import { PLATFORM_AUTHOR } from '../context';
import { logVersion } from '../ledger/versionedEntity';
import { loadRecordRow, RECORD_VERSIONING } from './recordsService';

/**
 * The city platform's decision on an uploaded record (a `record_status` change, e.g. an objection upheld
 * → 撤销, or credit repair approved → 已修复), applied as a new version whose author is 市平台 (the history
 * says so; no user account stands in for it). The caller has already made sure no local change of the
 * record is still waiting to upload.
 */
export interface PlatformDecision {
  id: string;
  status: string;
  decidedAt: string;
  note: string | null;
}

export type DecisionOutcome = 'applied' | 'unchanged' | 'unknown';

export function applyPlatformDecision(sql: WriteSql, at: string, decision: PlatformDecision): DecisionOutcome {
  const before = loadRecordRow(sql, decision.id);
  if (!before || !(RECORD_STATUSES as readonly string[]).includes(decision.status)) return 'unknown';
  const status = decision.status as RecordStatus;
  if (before.status === status) return 'unchanged';
  // updated_by keeps the last user who changed the record; the version says the platform made this change.
  sql.run(
    `UPDATE dishonesty_records SET status = ?, previous_status = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    status, status === 'objection' ? before.status : before.previous_status, at, decision.id,
  );
  const after = loadRecordRow(sql, decision.id)!;
  logVersion(sql, RECORD_VERSIONING, at, PLATFORM_AUTHOR, before, after, {
    action: 'platform_decision', reason: decision.note, date: todayIso(new Date(decision.decidedAt)),
  });
  return 'applied';
}
