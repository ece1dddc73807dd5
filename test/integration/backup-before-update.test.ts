import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import { MIGRATIONS } from '../../electron/db/migrations';
import { openApp } from '../../electron/ipc/openApp';
import { SAFETY_COPY_DIR } from '../../electron/db/safetyCopyFolder';
import { listBackups } from '../../electron/services/backup/backupFolder';
import { updateBackupSettings } from '../../electron/services/backup/backupService';
import { initializeOffice } from '../../electron/services/users/usersService';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';
import { openLedgerFile } from '../support/ledgerFile';

/** A new version keeps a whole copy of the ledger before its migrations change it. */
const host = { openPath: async () => true };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function olderLedger(options: { backupFolder?: string } = {}): Promise<string> {
  const dataDir = tempDir('ledger-upgrade-');
  dirs.push(dataDir);
  const db = await openDatabase(dataDir, { migrations: MIGRATIONS.slice(0, -1) });
  const deps = { db, dataDir, now: () => new Date() };
  const admin = await initializeOffice(deps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
  if (options.backupFolder) await updateBackupSettings(deps, admin, { folder: options.backupFolder, keep: 5 });
  await db.close();
  return dataDir;
}

const migrationsIn = (file: string, dataDir: string) => {
  const db = openLedgerFile(file, { dataDir, readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM migrations`).pluck().get();
  } finally {
    db.close();
  }
};

describe('backup before the new version’s migrations', () => {
  it('copies the older ledger into the data folder, then migrates', async () => {
    const dataDir = await olderLedger();
    const opened = await openApp({ dataDir, host, appVersion: '0.2.0' });
    await opened.close();
    const copies = listBackups(path.join(dataDir, SAFETY_COPY_DIR));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ check: 'ok', reason: 'before-update' });
    expect(migrationsIn(copies[0].file, dataDir)).toBe(MIGRATIONS.length - 1);
    expect(migrationsIn(path.join(dataDir, 'ledger.sqlite'), dataDir)).toBe(MIGRATIONS.length);

    const again = await openApp({ dataDir, host, appVersion: '0.2.0' });
    await again.close();
    expect(listBackups(path.join(dataDir, SAFETY_COPY_DIR))).toHaveLength(1); // nothing to migrate the second time
  });

  it('uses the administrator’s backup folder when it is connected', async () => {
    const folder = tempDir('ledger-upgrade-backups-');
    dirs.push(folder);
    const dataDir = await olderLedger({ backupFolder: folder });
    const opened = await openApp({ dataDir, host, appVersion: '0.2.0' });
    await opened.startupBackup;
    await opened.close();
    const reasons = listBackups(folder).map((b) => b.reason);
    expect(reasons).toContain('before-update');
    expect(fs.existsSync(path.join(dataDir, SAFETY_COPY_DIR))).toBe(false);
  });
});
