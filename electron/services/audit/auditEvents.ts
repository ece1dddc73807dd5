import { recordChange } from '../changes';
import { isoNow, type Actor, type ServiceDeps } from '../context';

/**
 * Things that change no stored data but a reviewer must see — signing out, locking the screen, an export,
 * a backup — each logged as its own chained audit entry.
 */
export interface AuditEvent {
  entity: string;
  entityId: string;
  action: string;
  /** What the reviewer is shown about it (file name, number of rows…); described in shared/domain/auditDescriptions.ts. */
  details?: Record<string, unknown>;
}

export function logEvent(deps: ServiceDeps, actor: Actor | null, event: AuditEvent): Promise<void> {
  return deps.db.write((sql) =>
    recordChange(sql, isoNow(deps), actor, { entity: event.entity, entityId: event.entityId, action: event.action, before: null, after: event.details ?? null }),
  );
}

/** A session event of a user (signed out, screen locked by hand or after idle time). */
export const logSessionEvent = (deps: ServiceDeps, actor: Actor, action: 'logout' | 'lock', details?: Record<string, unknown>) =>
  logEvent(deps, actor, { entity: 'user', entityId: actor.id, action, details });

/** An export of a ledger to a file (personal data leaves the application). */
export const logExport = (deps: ServiceDeps, actor: Actor, details: { kind: string; fileName: string; count: number }) =>
  logEvent(deps, actor, { entity: 'export', entityId: details.kind, action: 'export', details });

/** A backup copy of the whole database. */
export const logBackup = (deps: ServiceDeps, actor: Actor, details: { file: string; bytes: number; auditHead: { seq: number; hash: string } | null }) =>
  logEvent(deps, actor, { entity: 'backup', entityId: details.file, action: 'backup', details });
