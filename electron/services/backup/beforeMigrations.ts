import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { DATABASE_FILE_NAME } from '../../db/database';
import { openLedgerConnection } from '../../db/ledgerConnection';
import type { LedgerKey } from '../../db/ledgerKey';
import { MIGRATIONS } from '../../db/migrations';
import { writeBackupInWorker } from './backupJobs';
import { backupNameFor, writeNote } from './backupFolder';

/** Where the pre-update copy goes when the administrator's backup folder is not set or not connected. */
export const BEFORE_UPDATE_DIR = 'before-update';

export const knownMigrationNames = () => MIGRATIONS.map((m) => new m().name ?? m.name);

/**
 * A new version is about to migrate a ledger made by an older one: keep a whole copy first (in the backup
 * folder, else in the data folder), so a failed or unwanted update can be undone by a restore. Returns the
 * copy, or null when there is nothing to migrate. Runs before the app's own connection is opened.
 */
export async function backupBeforeMigrations(dataDir: string, options: { appVersion: string; now: Date; nativeBinding?: string; key: LedgerKey }): Promise<string | null> {
  const ledger = path.join(dataDir, DATABASE_FILE_NAME);
  const pending = pendingMigrations(ledger, options.key, options.nativeBinding);
  if (!pending) return null;
  const { folder } = pending;
  const target = folder && fs.existsSync(folder) ? folder : path.join(dataDir, BEFORE_UPDATE_DIR);
  fs.mkdirSync(target, { recursive: true });
  const written = await writeBackupInWorker(ledger, path.join(target, backupNameFor(options.now)), { nativeBinding: options.nativeBinding, key: options.key });
  writeNote(written, options.now, options.appVersion, 'before-update');
  return written.file;
}

/**
 * Whether an existing ledger has migrations still to run, and its backup folder. A file that cannot be read
 * (locked, corrupt) answers null: opening the database then reports it in the user's words.
 */
function pendingMigrations(ledger: string, key: LedgerKey, nativeBinding?: string): { folder: string | null } | null {
  if (!fs.existsSync(ledger)) return null;
  let db: Database.Database | null = null;
  try {
    db = openLedgerConnection(ledger, { key, fileMustExist: true, nativeBinding, timeout: 2000 });
    const hasTable = (name: string) => db!.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
    if (!hasTable('migrations') || !hasTable('settings')) return null;
    const applied = new Set(db.prepare(`SELECT name FROM migrations`).pluck().all() as string[]);
    if (applied.size === 0 || knownMigrationNames().every((name) => applied.has(name))) return null;
    return { folder: (db.prepare(`SELECT value FROM settings WHERE key = 'backup.folder'`).pluck().get() as string | undefined) ?? null };
  } catch {
    return null;
  } finally {
    db?.close();
  }
}
