import type { WriteSql } from '../../db/database';
import { COMMITMENT_STATUSES, type CommitmentStatus } from '../../../shared/domain/commitments';
import { todayIso } from '../../../shared/validation/dates';
import { PLATFORM_AUTHOR } from '../context';
import { logVersion } from '../ledger/versionedEntity';
import type { DecisionOutcome, PlatformDecision } from '../records/platformDecision';
import { COMMITMENT_VERSIONING, loadCommitmentRow } from './commitmentsService';

/** The city platform's decision on an uploaded commitment, applied as a new version whose author is 市平台. */
export function applyCommitmentDecision(sql: WriteSql, at: string, decision: PlatformDecision): DecisionOutcome {
  const before = loadCommitmentRow(sql, decision.id);
  if (!before || !(COMMITMENT_STATUSES as readonly string[]).includes(decision.status)) return 'unknown';
  const status = decision.status as CommitmentStatus;
  if (before.status === status) return 'unchanged';
  sql.run(`UPDATE public_commitments SET status = ?, version = version + 1, updated_at = ? WHERE id = ?`, status, at, decision.id);
  const after = loadCommitmentRow(sql, decision.id)!;
  logVersion(sql, COMMITMENT_VERSIONING, at, PLATFORM_AUTHOR, before, after, {
    action: 'platform_decision', reason: decision.note, date: todayIso(new Date(decision.decidedAt)),
  });
  return 'applied';
}
