import { OK } from '../../../shared/contract/common';
import { listAudit, verifyAudit } from '../../services/audit/auditLog';
import { AUDITED_TABLES, USER_DISABLE_GUARDS } from '../../services/catalog';
import { describeAuditEntries } from '../../services/audit/auditView';
import { discardDraft, getDraft, saveDraft } from '../../services/drafts/draftsService';
import { requirePermission } from '../../services/permissions';
import { readSettings, updateSettings } from '../../services/settings/settingsService';
import { createUser, listUsers, resetUserPassword, setUserDisabled, setUserRole } from '../../services/users/usersService';
import { localDayStartUtc } from '../../services/time';
import type { HandlerMap } from '../registry';

type AdminChannels = 'users.list' | 'users.create' | 'users.setDisabled' | 'users.resetPassword' | 'users.setRole' | 'settings.get' | 'settings.update' | 'audit.list' | 'audit.verify' | 'drafts.get' | 'drafts.save' | 'drafts.discard';

export const adminHandlers: HandlerMap<AdminChannels> = {
  'users.list': (_req, { app, actor }) => listUsers(app.deps, actor),
  'users.create': (req, { app, actor }) => createUser(app.deps, actor, req),
  'users.setDisabled': (req, { app, actor }) => setUserDisabled(app.deps, actor, req.id, req.disabled, USER_DISABLE_GUARDS),
  'users.resetPassword': (req, { app, actor }) => resetUserPassword(app.deps, actor, req.id, req.password),
  'users.setRole': (req, { app, actor }) => setUserRole(app.deps, actor, req.id, req.role),
  'settings.get': async (_req, { app }) => (await app.deps.db.read((sql) => readSettings(sql)))!,
  'settings.update': (req, { app, actor }) => updateSettings(app.deps, actor, req),
  'audit.list': (req, { app, actor }) => {
    requirePermission(actor, 'audit.read');
    return app.deps.db.read((sql) => {
      const { items, total } = listAudit(sql, {
        ...req,
        fromInstant: req.from ? localDayStartUtc(req.from) : undefined,
        toInstant: req.to ? localDayStartUtc(req.to, 1) : undefined,
      });
      return { items: describeAuditEntries(sql, items), total };
    });
  },
  'audit.verify': (_req, { app, actor }) => {
    requirePermission(actor, 'audit.read');
    return app.deps.db.read((sql) => verifyAudit(sql, AUDITED_TABLES));
  },
  'drafts.get': (req, { app, actor }) => getDraft(app.deps, actor, req.key),
  'drafts.save': async (req, { app, actor }) => {
    await saveDraft(app.deps, actor, req.key, req.data);
    return OK;
  },
  'drafts.discard': async (req, { app, actor }) => {
    await discardDraft(app.deps, actor, req.key);
    return OK;
  },
};
