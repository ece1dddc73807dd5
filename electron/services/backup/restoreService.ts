import path from 'node:path';
import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import { openDatabase } from '../../db/database';
import { givenKey } from '../../db/ledgerKey';
import { recordChange } from '../changes';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';
import { knownMigrationNames } from './beforeMigrations';
import { isBackupName, listBackups } from './backupFolder';
import { nativeBindingOf, readBackupSettings } from './backupService';
import { restoreInWorker } from './backupJobs';
import type { RestoreResult } from './restoreLedger';

/**
 * Restore while the app runs: close the ledger, put the backup in its place (restoreLedger), open the
 * restored ledger — migrating it if it is from an older version — and note the restore in its audit log.
 * deps.db is replaced, so every later call works on the restored ledger. A refused restore reopens the
 * ledger as it was.
 */
export async function restoreFromBackup(deps: ServiceDeps, actor: Actor, source: { name?: string; file?: string }): Promise<RestoreResult> {
  requirePermission(actor, 'backup.run');
  const from = source.name ? await backupInFolder(deps, source.name) : path.resolve(source.file!);
  const nativeBinding = nativeBindingOf(deps.db);
  const { key, keyDescription } = deps.db;
  await deps.db.close();
  let result: RestoreResult;
  try {
    result = await restoreInWorker(deps.dataDir, from, { knownMigrations: knownMigrationNames(), now: deps.now(), nativeBinding, keyHex: key.hex });
  } finally {
    deps.db = await openDatabase(deps.dataDir, { nativeBinding, keys: givenKey(key, keyDescription) });
  }
  await noteRestore(deps, actor, from, result);
  return result;
}

/** The restore's line in the restored ledger's audit log (desktop and command line alike). */
export function noteRestore(deps: ServiceDeps, actor: Actor, from: string, result: RestoreResult): Promise<void> {
  return deps.db.write((sql) =>
    recordChange(sql, isoNow(deps), actor, { entity: 'backup', entityId: path.basename(from), action: 'restore', before: { safetyCopy: result.safetyCopy }, after: { from } }),
  );
}

async function backupInFolder(deps: ServiceDeps, name: string): Promise<string> {
  const { folder } = await deps.db.read((sql) => readBackupSettings(sql));
  const found = folder && isBackupName(name) ? listBackups(folder).find((b) => b.name === name) : undefined;
  if (!found) throw new AppError(ERROR_CODES.notFound, `备份文件夹中没有这个备份：${name}`, 'name');
  return found.file;
}
