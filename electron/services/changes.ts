import type { WriteSql } from '../db/database';
import { appendAudit, type AuditChange } from './audit/auditLog';
import { userIdOf, type Author } from './context';
import { enqueueUpload, type OutboxItem } from './outbox/outbox';

/**
 * The one way a service records that it changed something: the audit entry, and the upload item when
 * the change concerns the platform, written inside the caller's transaction. A committed change can
 * therefore never miss its audit line or its upload.
 */
export function recordChange(sql: WriteSql, at: string, author: Author | null, change: AuditChange, upload?: OutboxItem): void {
  appendAudit(sql, at, author && { id: userIdOf(author), displayName: author.displayName }, change);
  if (upload) enqueueUpload(sql, upload, at);
}
