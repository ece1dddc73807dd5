import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { fileKind, isNotADatabase, openLedgerConnection } from '../../db/ledgerConnection';
import type { LedgerKey } from '../../db/ledgerKey';
import { HEAD_KEY } from '../audit/auditLog';

/**
 * One backup file on disk. It is written under a temporary name beside its destination, checked, synced and
 * only then renamed into place: a backup killed half way leaves a `.partial` file (swept later), never a
 * broken file under the backup's name. The copy is made with `VACUUM INTO` on a connection of its own, so it
 * is one consistent snapshot even while the app keeps writing, and it is a rollback-journal database: no
 * `-wal`/`-shm` beside it, ever. VACUUM INTO writes the copy encrypted with the ledger's own key.
 */

/** The connections a backup opens: the ledger's key, and the Electron build of the driver in the desktop app. */
export interface LedgerFileOptions {
  key: LedgerKey;
  nativeBinding?: string;
}

/** What a backup holds, read from the copy itself (never trusted from a file name). */
export interface LedgerIdentity {
  officeUscc: string | null;
  officeName: string | null;
  /** Names of the migrations applied to it, oldest first. */
  migrations: string[];
  /**
   * The audit chain's newest entry in the copy: printed on the backup's report, so a restored ledger (or a
   * log rewritten since) can be compared with the head the office wrote down. Null for a ledger with no log.
   */
  auditHead: { seq: number; hash: string } | null;
}

export interface WrittenBackup {
  file: string;
  bytes: number;
  sha256: string;
  identity: LedgerIdentity;
}

export const PARTIAL_MARK = '.partial-';

/** A scratch name in the same folder (so the final rename never crosses a file system). */
export function partialNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}${PARTIAL_MARK}${randomUUID()}`);
}

export const isPartialName = (name: string) => name.startsWith('.') && name.includes(PARTIAL_MARK);

/** Bytes written so far by a backup under way to target (its scratch file grows as VACUUM INTO copies). */
export function partialBytesOf(target: string): number {
  const prefix = `.${path.basename(target)}${PARTIAL_MARK}`;
  const dir = path.dirname(target);
  const partial = fs.existsSync(dir) ? fs.readdirSync(dir).find((name) => name.startsWith(prefix)) : undefined;
  if (!partial) return 0;
  try {
    return fs.statSync(path.join(dir, partial)).size;
  } catch {
    return 0; // renamed or removed meanwhile
  }
}

export class BackupCheckError extends Error {
  constructor(message: string, readonly reason: 'not-sqlite' | 'integrity' | 'not-ledger' | 'wrong-key') {
    super(message);
    this.name = 'BackupCheckError';
  }
}

/** Copy the ledger at sourceFile to target (which must not exist) and prove the copy sound. */
export function writeBackupFile(sourceFile: string, target: string, options: LedgerFileOptions): WrittenBackup {
  const source = openLedgerConnection(sourceFile, { ...options, fileMustExist: true, timeout: 5000 });
  try {
    return writeBackupFrom(source, target, options);
  } finally {
    source.close();
  }
}

/** The same, from a connection the caller holds (restore copies the ledger it has locked). */
export function writeBackupFrom(source: Database.Database, target: string, options: LedgerFileOptions): WrittenBackup {
  if (fs.existsSync(target)) throw new Error(`backup target exists: ${target}`);
  const partial = partialNameFor(target);
  try {
    source.prepare('VACUUM INTO ?').run(partial);
    const identity = checkLedgerFile(partial, options);
    syncFile(partial);
    fs.renameSync(partial, target);
    syncDirectory(path.dirname(target));
    return { file: target, bytes: fs.statSync(target).size, sha256: sha256Of(target), identity };
  } finally {
    removeQuietly(partial);
    removeQuietly(`${partial}-journal`);
  }
}

/**
 * Open a ledger copy, make sure it is a rollback-journal database, run integrity_check and read whose
 * ledger it is. Throws BackupCheckError with a Chinese message when it is not a sound ledger.
 */
export function checkLedgerFile(file: string, options: LedgerFileOptions): LedgerIdentity {
  let db: Database.Database;
  try {
    db = openLedgerConnection(file, { ...options, fileMustExist: true, timeout: 5000 });
  } catch (error) {
    if (isNotADatabase(error) && fileKind(file) === 'encrypted') throw new BackupCheckError(WRONG_KEY_OR_NOT_LEDGER, 'wrong-key');
    if (isNotADatabase(error)) throw new BackupCheckError('备份文件已损坏或不是台账数据库', 'not-sqlite');
    throw new BackupCheckError(`无法打开备份文件：${(error as Error).message}`, 'not-sqlite');
  }
  try {
    try {
      db.pragma('journal_mode = DELETE');
      const problems = integrityProblems(db);
      if (problems.length > 0) throw new BackupCheckError(`备份文件完整性检查未通过：${problems.join('；')}`, 'integrity');
    } catch (error) {
      if (error instanceof BackupCheckError) throw error;
      throw new BackupCheckError('备份文件已损坏或不是台账数据库（完整性检查无法进行）', 'not-sqlite');
    }
    try {
      return readIdentity(db);
    } catch (error) {
      // An encrypted page whose check code fails reads as SQLITE_CORRUPT (integrity_check may not visit it first).
      if (String((error as { code?: string }).code ?? '').startsWith('SQLITE_CORRUPT')) {
        throw new BackupCheckError(`备份文件完整性检查未通过：${(error as Error).message}`, 'integrity');
      }
      throw error;
    }
  } finally {
    db.close();
  }
}

export const WRONG_KEY_OR_NOT_LEDGER =
  '无法用本台账的密钥解开这个文件：它不是本台账的备份，或是用另一台电脑的密钥加密的（请同时给出那台电脑的恢复密钥），或文件已损坏';

/** integrity_check's findings (at most four); SQLite may stop with an error after the first ones. */
function integrityProblems(db: Database.Database): string[] {
  const lines: string[] = [];
  try {
    for (const line of db.prepare('PRAGMA integrity_check(4)').pluck().iterate() as IterableIterator<string>) lines.push(line);
  } catch (error) {
    if (lines.length === 0) throw error;
    lines.push((error as Error).message);
  }
  return lines.filter((line) => line !== 'ok' && !line.startsWith('***'));
}

function parseHead(value: string | null): LedgerIdentity['auditHead'] {
  if (value === null) return null;
  try {
    const head = JSON.parse(value) as { seq?: unknown; hash?: unknown };
    return typeof head.seq === 'number' && typeof head.hash === 'string' ? { seq: head.seq, hash: head.hash } : null;
  } catch {
    return null;
  }
}

function readIdentity(db: Database.Database): LedgerIdentity {
  const has = (table: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
  if (!has('settings') || !has('migrations')) throw new BackupCheckError('该文件不是政务诚信台账的数据库', 'not-ledger');
  const setting = (key: string) => (db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(key) as string | undefined) ?? null;
  return {
    officeUscc: setting('office.uscc'),
    officeName: setting('office.name'),
    migrations: db.prepare(`SELECT name FROM migrations ORDER BY id`).pluck().all() as string[],
    auditHead: parseHead(setting(HEAD_KEY)),
  };
}

export function sha256Of(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let read: number;
    while ((read = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0) hash.update(chunk.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Make a rename durable. Windows cannot open a folder for syncing; NTFS journals the rename itself. */
export function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported on this platform
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

export function removeQuietly(file: string): void {
  fs.rmSync(file, { force: true });
}
