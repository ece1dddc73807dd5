import fs from 'node:fs';
import path from 'node:path';
import type { BackupRow, BackupSettings } from '../../../shared/contract/backup';
import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import type { Db, ReadSql } from '../../db/database';
import { recordChange } from '../changes';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';
import { partialBytesOf, type LedgerFileOptions } from './backupFile';
import { writeBackupInWorker } from './backupJobs';
import { backupNameFor, listBackups, pruneBackups, sweepPartials, writeNote, type BackupReason } from './backupFolder';

/** Backups of a running ledger: the administrator's settings, on-demand and daily automatic backups. */

const KEYS = { folder: 'backup.folder', keep: 'backup.keep' } as const;
export const DEFAULT_KEEP = 10;
const DAY_MS = 24 * 3600 * 1000;

export function readBackupSettings(sql: ReadSql): BackupSettings {
  const value = (key: string) => sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = ?`, key)?.value ?? null;
  return { folder: value(KEYS.folder), keep: Number(value(KEYS.keep) ?? DEFAULT_KEEP) };
}

const folderProblem = (message: string) => new AppError(ERROR_CODES.validation, message, 'folder');

/** A folder we can write backups to, or a Chinese reason naming the field. */
function checkFolder(folder: string): void {
  if (!path.isAbsolute(folder)) throw folderProblem('备份文件夹须是完整路径（例如 E:\\台账备份 或 /media/usb/台账备份）');
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw folderProblem(`备份文件夹不存在：${folder}（U 盘或网络共享是否已连接？）`);
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    throw folderProblem(`没有写入备份文件夹的权限：${folder}`);
  }
}

export async function updateBackupSettings(deps: ServiceDeps, actor: Actor, next: BackupSettings): Promise<BackupSettings> {
  requirePermission(actor, 'backup.run');
  if (next.folder !== null) checkFolder(next.folder);
  return deps.db.write((sql) => {
    const before = readBackupSettings(sql);
    for (const [field, key] of Object.entries(KEYS) as Array<[keyof BackupSettings, string]>) {
      const value = next[field];
      if (value === null) sql.run(`DELETE FROM settings WHERE key = ?`, key);
      else sql.run(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, String(value));
    }
    recordChange(sql, isoNow(deps), actor, { entity: 'settings', entityId: 'backup', action: 'update', before, after: next });
    return next;
  });
}

/** The Electron build of the SQLite driver the app's own connection uses, for the backup's own connections. */
export const nativeBindingOf = (db: Db) => (db.dataSource.options as { nativeBinding?: string }).nativeBinding;

/** What the backup's own connections need to open the ledger and its copies: its key and driver build. */
export const ledgerFileOptionsOf = (db: Db): LedgerFileOptions => ({ key: db.key, nativeBinding: nativeBindingOf(db) });

/** The backup under way for each data folder, for the page's progress bar. */
const running = new Map<string, { target: string; bytesTotal: number; bytesDone: number }>();

export function backupProgress(deps: ServiceDeps, actor: Actor): { running: boolean; bytesDone: number; bytesTotal: number } {
  requirePermission(actor, 'backup.run');
  const job = running.get(deps.dataDir);
  if (!job) return { running: false, bytesDone: 0, bytesTotal: 0 };
  // The scratch file grows, then is checked and renamed: once the backup has its name, the copy is all written.
  const written = fs.existsSync(job.target) ? job.bytesTotal : partialBytesOf(job.target);
  job.bytesDone = Math.min(Math.max(job.bytesDone, written), job.bytesTotal);
  return { running: true, bytesDone: job.bytesDone, bytesTotal: job.bytesTotal };
}

const ledgerBytes = (file: string) => ['', '-wal'].reduce((n, suffix) => n + (fs.existsSync(file + suffix) ? fs.statSync(file + suffix).size : 0), 0);

/** Back up to the chosen folder, keep the newest N, and note it in the audit log. */
export async function runBackup(deps: ServiceDeps, actor: Actor | null, reason: BackupReason, appVersion: string): Promise<BackupRow> {
  if (actor) requirePermission(actor, 'backup.run');
  const settings = await deps.db.read((sql) => readBackupSettings(sql));
  if (!settings.folder) throw folderProblem('尚未设置备份文件夹，请先在“备份与恢复”页选择');
  checkFolder(settings.folder);
  const at = deps.now();
  sweepPartials(settings.folder, at);
  let target = path.join(settings.folder, backupNameFor(at));
  if (fs.existsSync(target)) target = path.join(settings.folder, backupNameFor(new Date(at.getTime() + 1)));
  running.set(deps.dataDir, { target, bytesTotal: ledgerBytes(deps.db.file), bytesDone: 0 });
  let written;
  try {
    written = await writeBackupInWorker(deps.db.file, target, ledgerFileOptionsOf(deps.db));
  } finally {
    running.delete(deps.dataDir);
  }
  const note = writeNote(written, at, appVersion, reason);
  const pruned = pruneBackups(settings.folder, settings.keep);
  const name = path.basename(written.file);
  await deps.db.write((sql) =>
    recordChange(sql, isoNow(deps), actor, {
      entity: 'backup',
      entityId: name,
      action: 'create',
      before: null,
      after: { folder: settings.folder, bytes: written.bytes, sha256: written.sha256, reason, pruned, auditHead: written.identity.auditHead },
    }),
  );
  return { name, bytes: written.bytes, createdAt: note.createdAt, check: 'ok', officeName: note.officeName, reason, auditHead: written.identity.auditHead };
}

export async function backupOverview(deps: ServiceDeps, actor: Actor) {
  requirePermission(actor, 'backup.run');
  const settings = await deps.db.read((sql) => readBackupSettings(sql));
  const folderExists = settings.folder !== null && fs.existsSync(settings.folder);
  const backups = folderExists ? listBackups(settings.folder!) : [];
  return { ...settings, folderExists, backups: backups.map(({ file: _file, ...row }) => row), lastBackupAt: backups[0]?.createdAt ?? null };
}

export type AutomaticOutcome = { made: BackupRow } | { skipped: 'no-folder' | 'folder-missing' | 'recent' };

/**
 * At start: back up when the newest backup in the folder is older than a day (or there is none). A folder
 * that is not there today (the USB stick is in a drawer) is skipped quietly; the page shows it.
 */
export async function backupIfDue(deps: ServiceDeps, appVersion: string): Promise<AutomaticOutcome> {
  const settings = await deps.db.read((sql) => readBackupSettings(sql));
  if (!settings.folder) return { skipped: 'no-folder' };
  if (!fs.existsSync(settings.folder)) return { skipped: 'folder-missing' };
  const newest = listBackups(settings.folder)[0];
  if (newest && deps.now().getTime() - Date.parse(newest.createdAt) < DAY_MS) return { skipped: 'recent' };
  return { made: await runBackup(deps, null, 'automatic', appVersion) };
}
