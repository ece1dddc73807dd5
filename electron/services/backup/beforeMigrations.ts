import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { DATABASE_FILE_NAME } from '../../db/database';
import { openLedgerConnection } from '../../db/ledgerConnection';
import { safetyCopyFolder } from '../../db/safetyCopyFolder';
import type { LedgerKey } from '../../db/ledgerKey';
import { MIGRATIONS } from '../../db/migrations';
import { writeBackupInWorker } from './backupJobs';
import { backupNameFor, writeNote } from './backupFolder';

export const knownMigrationNames = () => MIGRATIONS.map((m) => new m().name ?? m.name);

/**
 * A new version is about to migrate a ledger made by an older one: keep a whole copy first (in the backup
 * folder, else in the data folder), so a failed or unwanted update can be undone by a restore. Returns the
 * copy, or null when there is nothing to migrate. Runs before the app's own connection is opened.
 */
export async function backupBeforeMigrations(dataDir: string, options: { appVersion: string; now: Date; nativeBinding?: string; key: LedgerKey }): Promise<string | null> {
  const ledger = path.join(dataDir, DATABASE_FILE_NAME);
  const target = pendingMigrationsCopyFolder(ledger, dataDir, options.key, options.nativeBinding);
  if (!target) return null;
  fs.mkdirSync(target, { recursive: true });
  const written = await writeBackupInWorker(ledger, path.join(target, backupNameFor(options.now)), { nativeBinding: options.nativeBinding, key: options.key });
  writeNote(written, options.now, options.appVersion, 'before-update');
  return written.file;
}

/**
 * Where the copy goes when an existing ledger has migrations still to run, else null. A file that cannot be
 * read (locked, corrupt) answers null: opening the database then reports it in the user's words.
 */
function pendingMigrationsCopyFolder(ledger: string, dataDir: string, key: LedgerKey, nativeBinding?: string): string | null {
  if (!fs.existsSync(ledger)) return null;
  let db: Database.Database | null = null;
  try {
    db = openLedgerConnection(ledger, { key, fileMustExist: true, nativeBinding, timeout: 2000 });
    const hasTable = (name: string) => db!.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
    if (!hasTable('migrations') || !hasTable('settings')) return null;
    const applied = new Set(db.prepare(`SELECT name FROM migrations`).pluck().all() as string[]);
    if (applied.size === 0 || knownMigrationNames().every((name) => applied.has(name))) return null;
    return safetyCopyFolder(db, dataDir);
  } catch {
    return null;
  } finally {
    db?.close();
  }
}
