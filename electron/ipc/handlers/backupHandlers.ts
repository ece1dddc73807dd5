import { requirePermission } from '../../services/permissions';
import { listBackups, verifyBackup } from '../../services/backup/backupFolder';
import { backupOverview, backupProgress, ledgerFileOptionsOf, readBackupSettings, runBackup, updateBackupSettings } from '../../services/backup/backupService';
import { restoreFromBackup } from '../../services/backup/restoreService';
import type { HandlerMap } from '../registry';

type BackupChannels = 'backup.overview' | 'backup.updateSettings' | 'backup.chooseFolder' | 'backup.run' | 'backup.progress' | 'backup.verify' | 'backup.restore';

export const backupHandlers: HandlerMap<BackupChannels> = {
  'backup.overview': async (_req, { app, actor }) => ({ ...(await backupOverview(app.deps, actor)), canChooseFolder: Boolean(app.host.chooseFolder) }),
  'backup.updateSettings': (req, { app, actor }) => updateBackupSettings(app.deps, actor, req),
  'backup.chooseFolder': async (_req, { app, actor }) => {
    requirePermission(actor, 'backup.run');
    return { folder: app.host.chooseFolder ? await app.host.chooseFolder() : null };
  },
  'backup.run': (_req, { app, actor }) => runBackup(app.deps, actor, 'manual', app.appVersion),
  'backup.progress': (_req, { app, actor }) => backupProgress(app.deps, actor),
  'backup.verify': async (req, { app, actor }) => {
    requirePermission(actor, 'backup.run');
    const { folder } = await app.deps.db.read((sql) => readBackupSettings(sql));
    const backup = folder ? listBackups(folder).find((b) => b.name === req.name) : undefined;
    const problem = backup ? verifyBackup(backup.file, ledgerFileOptionsOf(app.deps.db)) : `备份文件夹中没有这个备份：${req.name}`;
    return { ok: problem === null, problem };
  },
  'backup.restore': (req, { app, actor }) => restoreFromBackup(app.deps, actor, req),
};
