import { OK } from '../../../shared/contract/common';
import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import { requirePermission } from '../../services/permissions';
import { readUpdateSource, setUpdateSource } from '../../services/update/updateSettings';
import type { CallContext, HandlerMap } from '../registry';

type UpdateChannels = 'update.status' | 'update.setSource' | 'update.check' | 'update.download' | 'update.installNow';

/** The desktop's updater (the web harness has none unless a test gives it one). */
function updaterOf({ app, actor }: CallContext) {
  requirePermission(actor, 'settings.manage');
  if (!app.host.updater) throw new AppError(ERROR_CODES.conflict, '只有桌面版台账可以安装更新');
  return app.host.updater;
}

export const updateHandlers: HandlerMap<UpdateChannels> = {
  'update.status': async (_req, { app, actor }) => {
    requirePermission(actor, 'settings.manage');
    return {
      supported: Boolean(app.host.updater),
      currentVersion: app.appVersion,
      source: await app.deps.db.read((sql) => readUpdateSource(sql)),
      readyToInstall: app.host.updater?.readyToInstall ?? false,
    };
  },
  'update.setSource': async (req, { app, actor }) => {
    await setUpdateSource(app.deps, actor, req.source);
    return OK;
  },
  'update.check': async (_req, call) => {
    const updater = updaterOf(call);
    const source = await call.app.deps.db.read((sql) => readUpdateSource(sql));
    if (!source) throw new AppError(ERROR_CODES.validation, '请先设置更新来源（内网地址或更新文件夹）', 'source');
    return updater.check(source);
  },
  'update.download': (_req, call) => updaterOf(call).download(),
  'update.installNow': (_req, call) => {
    updaterOf(call).installNow();
    return OK;
  },
};
