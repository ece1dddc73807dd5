import { OK } from '../../../shared/contract/common';
import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import { countPendingUploads } from '../../services/outbox/outbox';
import { DEFAULT_IDLE_LOCK_MINUTES, readSettings } from '../../services/settings/settingsService';
import { authenticate, changePassword, checkPassword, initializeOffice, setupRequired } from '../../services/users/usersService';
import type { HandlerMap } from '../registry';

type SessionChannels = 'system.status' | 'setup.initialize' | 'auth.login' | 'auth.logout' | 'auth.touch' | 'auth.lock' | 'auth.unlock' | 'auth.changePassword';

export const sessionHandlers: HandlerMap<SessionChannels> = {
  'system.status': async (_req, { app, session }) => {
    const { settings, needsSetup, pending } = await app.deps.db.read((sql) => ({
      settings: readSettings(sql),
      needsSetup: setupRequired(sql),
      pending: countPendingUploads(sql),
    }));
    const idleLockMinutes = settings?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES;
    session.lockIfIdle(idleLockMinutes);
    return {
      setupRequired: needsSetup,
      officeName: settings?.officeName ?? null,
      appVersion: app.appVersion,
      user: session.user,
      locked: session.locked,
      idleLockMinutes,
      pendingUploads: pending,
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
    session.signIn(actor);
    return actor;
  },
  'auth.logout': (_req, { session }) => {
    session.signOut();
    return OK;
  },
  'auth.touch': () => OK,
  'auth.lock': (_req, { session }) => {
    session.locked = true;
    return OK;
  },
  'auth.unlock': async (req, { app, session }) => {
    if (!session.user) throw new AppError(ERROR_CODES.unauthenticated, '请先登录');
    const actor = await checkPassword(app.deps, session.user.id, req.password);
    session.signIn(actor);
    return actor;
  },
  'auth.changePassword': async (req, { app, actor }) => {
    await changePassword(app.deps, actor, req.currentPassword, req.newPassword);
    return OK;
  },
};
