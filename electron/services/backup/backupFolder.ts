import fs from 'node:fs';
import path from 'node:path';
import { checkLedgerFile, isPartialName, removeQuietly, sha256Of, type LedgerFileOptions, type LedgerIdentity, type WrittenBackup } from './backupFile';

/**
 * The administrator's backup folder (a USB stick, a network share): backups named by their UTC time, each
 * with a small JSON note beside it (when, whose ledger, its size, SHA-256 and check result), so the backup
 * page can list them without reopening hundreds of megabytes.
 */
export const BACKUP_PREFIX = 'ledger-backup-';
const BACKUP_EXT = '.sqlite';
const NOTE_EXT = '.json';
const NOTE_FORMAT = 'integrity-ledger-backup';

export type BackupReason = 'manual' | 'automatic' | 'before-restore' | 'before-update';

export interface BackupNote {
  format: typeof NOTE_FORMAT;
  createdAt: string;
  bytes: number;
  sha256: string;
  integrity: 'ok';
  officeUscc: string | null;
  officeName: string | null;
  schema: number;
  appVersion: string;
  reason: BackupReason;
  /** The audit chain's head inside the backup (absent in notes written before it was kept). */
  auditHead?: LedgerIdentity['auditHead'];
}

export type BackupCheck = 'ok' | 'unchecked' | 'changed';

export interface BackupListing {
  name: string;
  file: string;
  bytes: number;
  createdAt: string;
  /** ok: checked when written and unchanged in size since; unchecked: no note; changed: size differs from the note. */
  check: BackupCheck;
  officeName: string | null;
  reason: BackupReason | null;
  auditHead: LedgerIdentity['auditHead'];
}

/** `ledger-backup-20261124T155500123Z.sqlite`: sorts by time, ASCII only (shares and USB sticks mangle others). */
export function backupNameFor(at: Date): string {
  return `${BACKUP_PREFIX}${at.toISOString().replace(/[-:.]/g, '')}${BACKUP_EXT}`;
}

export const isBackupName = (name: string) => name.startsWith(BACKUP_PREFIX) && name.endsWith(BACKUP_EXT);
const noteFile = (file: string) => file.slice(0, -BACKUP_EXT.length) + NOTE_EXT;

export function writeNote(written: WrittenBackup, at: Date, appVersion: string, reason: BackupReason): BackupNote {
  const note: BackupNote = {
    format: NOTE_FORMAT,
    createdAt: at.toISOString(),
    bytes: written.bytes,
    sha256: written.sha256,
    integrity: 'ok',
    officeUscc: written.identity.officeUscc,
    officeName: written.identity.officeName,
    schema: written.identity.migrations.length,
    appVersion,
    reason,
    auditHead: written.identity.auditHead,
  };
  fs.writeFileSync(noteFile(written.file), JSON.stringify(note, null, 2));
  return note;
}

function readNote(file: string): BackupNote | null {
  try {
    const note = JSON.parse(fs.readFileSync(noteFile(file), 'utf8')) as BackupNote;
    return note.format === NOTE_FORMAT ? note : null;
  } catch {
    return null;
  }
}

/** The folder's backups, newest first. */
export function listBackups(folder: string): BackupListing[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter(isBackupName)
    .map((name) => {
      const file = path.join(folder, name);
      const stat = fs.statSync(file);
      const note = readNote(file);
      return {
        name,
        file,
        bytes: stat.size,
        createdAt: note?.createdAt ?? stat.mtime.toISOString(),
        check: !note ? 'unchecked' : note.bytes === stat.size ? 'ok' : 'changed',
        officeName: note?.officeName ?? null,
        reason: note?.reason ?? null,
        auditHead: note?.auditHead ?? null,
      } satisfies BackupListing;
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

/** Re-read a backup: its SHA-256 against its note, then integrity_check. Returns a problem in Chinese, or null. */
export function verifyBackup(file: string, options: LedgerFileOptions): string | null {
  const note = readNote(file);
  if (note && sha256Of(file) !== note.sha256) return '备份文件内容与写入时不一致（SHA-256 不符），可能已损坏';
  try {
    checkLedgerFile(file, options);
  } catch (error) {
    return (error as Error).message;
  }
  return null;
}

/** Keep the newest `keep` backups; older ones go with their notes. */
export function pruneBackups(folder: string, keep: number): string[] {
  const old = listBackups(folder).slice(keep);
  for (const backup of old) {
    removeQuietly(backup.file);
    removeQuietly(noteFile(backup.file));
  }
  return old.map((b) => b.name);
}

/** Remove scratch files of backups that were interrupted (older than an hour, so never one being written). */
export function sweepPartials(folder: string, now: Date): string[] {
  if (!fs.existsSync(folder)) return [];
  const swept: string[] = [];
  for (const name of fs.readdirSync(folder).filter(isPartialName)) {
    const file = path.join(folder, name);
    if (now.getTime() - fs.statSync(file).mtimeMs > 3_600_000) {
      removeQuietly(file);
      swept.push(name);
    }
  }
  return swept;
}
