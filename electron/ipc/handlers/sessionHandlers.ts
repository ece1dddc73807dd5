import { OK } from '../../../shared/contract/common';
import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import { DEFAULT_IDLE_LOCK_MINUTES, readSettings } from '../../services/settings/settingsService';
import { logSessionEvent } from '../../services/audit/auditEvents';
import { authenticate, changePassword, checkPassword, initializeOffice, loadSessionUser, setupRequired } from '../../services/users/usersService';
import type { Actor } from '../../services/context';
import type { CallContext } from '../registry';
import type { Session } from '../session';
import { lockIfIdleLogged } from '../idleLock';
import type { HandlerMap } from '../registry';

type SessionChannels = 'system.status' | 'setup.initialize' | 'auth.login' | 'auth.logout' | 'auth.touch' | 'auth.lock' | 'auth.unlock' | 'auth.changePassword';

const sessionUserOf = (session: Session) =>
  session.user ? { ...session.user, ...(session.mustChangePassword ? { mustChangePassword: true as const } : {}) } : null;

/** Sign the window in as this user, with their stored must-change-password state; answers the session user. */
async function signIn({ app, session }: Pick<CallContext, 'app' | 'session'>, actor: Actor) {
  const mustChangePassword = (await loadSessionUser(app.deps, actor.id))?.mustChangePassword ?? false;
  session.signIn(actor, mustChangePassword);
  return sessionUserOf(session)!;
}

export const sessionHandlers: HandlerMap<SessionChannels> = {
  'system.status': async (_req, { app, session }) => {
    const { settings, needsSetup } = await app.deps.db.read((sql) => ({ settings: readSettings(sql), needsSetup: setupRequired(sql) }));
    const idleLockMinutes = settings?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES;
    await lockIfIdleLogged(app.deps, session, idleLockMinutes);
    return {
      setupRequired: needsSetup,
      officeName: settings?.officeName ?? null,
      appVersion: app.appVersion,
      user: sessionUserOf(session),
      locked: session.locked,
      idleLockMinutes,
    };
  },
  'setup.initialize': async (req, { app, session }) => {
    const actor = await initializeOffice(
      app.deps,
      { officeName: req.officeName, officeUscc: req.officeUscc, noticePrefix: req.noticePrefix },
      { username: req.adminUsername, displayName: req.adminDisplayName, password: req.adminPassword },
    );
    session.signIn(actor);
    return OK;
  },
  'auth.login': async (req, { app, session }) => {
    const actor = await authenticate(app.deps, req.username, req.password);
    return signIn({ app, session }, actor);
  },
  'auth.logout': async (_req, { app, session }) => {
    if (session.user) await logSessionEvent(app.deps, session.user, 'logout');
    session.signOut();
    return OK;
  },
  'auth.touch': () => OK,
  'auth.lock': async (req, { app, session, actor }) => {
    if (!session.locked) await logSessionEvent(app.deps, actor, 'lock', { idle: req.idle ?? false });
    session.locked = true;
    return OK;
  },
  'auth.unlock': async (req, { app, session }) => {
    if (!session.user) throw new AppError(ERROR_CODES.unauthenticated, '请先登录');
    const actor = await checkPassword(app.deps, session.user.id, req.password);
    return signIn({ app, session }, actor);
  },
  'auth.changePassword': async (req, { app, session, actor }) => {
    await changePassword(app.deps, actor, req.currentPassword, req.newPassword);
    session.mustChangePassword = false;
    return OK;
  },
};
