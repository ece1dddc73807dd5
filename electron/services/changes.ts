import type { Sql } from '../db/database';
import { appendAudit, type AuditChange } from './audit/auditLog';
import type { Actor } from './context';
import { enqueueUpload, type OutboxItem } from './outbox/outbox';

/**
 * The one way a service records that it changed something: the audit entry, and the upload item when
 * the change concerns the platform, written inside the caller's transaction. A committed change can
 * therefore never miss its audit line or its upload.
 */
export function recordChange(sql: Sql, at: string, actor: Actor | null, change: AuditChange, upload?: OutboxItem): void {
  appendAudit(sql, at, actor, change);
  if (upload) enqueueUpload(sql, upload, at);
}
