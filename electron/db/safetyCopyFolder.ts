import fs from 'node:fs';
import path from 'node:path';
import type { SqliteConnection } from './ledgerConnection';

/** Where a safety copy goes when the administrator's backup folder is not set or not connected. */
export const SAFETY_COPY_DIR = 'before-update';

/**
 * The folder for the copy taken before the ledger file is changed at start (encrypted in place, migrated):
 * the administrator's backup folder when it is set and present, else `before-update/` in the data folder.
 * Read on a raw connection, before the app's own is open.
 */
export function safetyCopyFolder(ledger: SqliteConnection, dataDir: string): string {
  const folder = storedBackupFolder(ledger);
  return folder && fs.existsSync(folder) ? folder : path.join(dataDir, SAFETY_COPY_DIR);
}

function storedBackupFolder(ledger: SqliteConnection): string | null {
  try {
    return (ledger.prepare(`SELECT value FROM settings WHERE key = 'backup.folder'`).pluck().get() as string | undefined) ?? null;
  } catch {
    return null; // no settings table yet
  }
}
