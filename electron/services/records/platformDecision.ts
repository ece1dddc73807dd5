import type { Sql } from '../../db/database';
import { RECORD_STATUSES, type RecordStatus } from '../../../shared/domain/dishonesty';
import { todayIso } from '../../../shared/validation/dates';
import type { Actor } from '../context';
import { loadRecordRow, logRecordChange } from './recordsService';

/**
 * The city platform's decision on an uploaded record (a `record_status` change, e.g. an objection upheld
 * → 撤销, or credit repair approved → 已修复), applied as a new version whose actor is 市平台. The caller
 * has already made sure no local change of the record is still waiting to upload.
 */
export const PLATFORM_USER_ID = '00000000-0000-4000-8000-00000000c17e';

export interface PlatformDecision {
  id: string;
  status: string;
  decidedAt: string;
  note: string | null;
}

export type DecisionOutcome = 'applied' | 'unchanged' | 'unknown';

/** 市平台 as the author of versions: a disabled account nobody can sign in with (its password hash is not a hash). */
export function platformActor(sql: Sql, at: string): Actor {
  sql.run(
    `INSERT INTO users (id, username, display_name, role, password_hash, disabled, created_at) VALUES (?, '__city_platform__', '市平台', 'reviewer', '!', 1, ?)
     ON CONFLICT (id) DO NOTHING`,
    PLATFORM_USER_ID, at,
  );
  return { id: PLATFORM_USER_ID, username: '__city_platform__', displayName: '市平台', role: 'reviewer' };
}

export function applyPlatformDecision(sql: Sql, at: string, decision: PlatformDecision): DecisionOutcome {
  const before = loadRecordRow(sql, decision.id);
  if (!before || !(RECORD_STATUSES as readonly string[]).includes(decision.status)) return 'unknown';
  const status = decision.status as RecordStatus;
  if (before.status === status) return 'unchanged';
  const actor = platformActor(sql, at);
  sql.run(
    `UPDATE dishonesty_records SET status = ?, previous_status = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
    status, status === 'objection' ? before.status : before.previous_status, at, actor.id, decision.id,
  );
  const after = loadRecordRow(sql, decision.id)!;
  logRecordChange(sql, at, actor, before, after, { action: 'platform_decision', reason: decision.note, date: todayIso(new Date(decision.decidedAt)) });
  return 'applied';
}
