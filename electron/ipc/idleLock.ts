import { logSessionEvent } from '../services/audit/auditEvents';
import type { ServiceDeps } from '../services/context';
import type { Session } from './session';

/** Lock the session after the office's idle time, and log the moment it locks (once). Answers whether it is locked. */
export async function lockIfIdleLogged(deps: ServiceDeps, session: Session, idleLockMinutes: number): Promise<boolean> {
  const wasLocked = session.locked;
  const locked = session.lockIfIdle(idleLockMinutes);
  if (locked && !wasLocked && session.user) await logSessionEvent(deps, session.user, 'lock', { idle: true });
  return locked;
}
