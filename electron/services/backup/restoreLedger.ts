import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { fileKind, isNotADatabase, openLedgerConnection, openPlainConnection, rekeyLedger } from '../../db/ledgerConnection';
import { LedgerKey } from '../../db/ledgerKey';
import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import { DATABASE_FILE_NAME } from '../../db/database';
import { BackupCheckError, checkLedgerFile, isPartialName, partialNameFor, removeQuietly, syncDirectory, syncFile, writeBackupFrom } from './backupFile';
import { backupNameFor } from './backupFolder';

/** Where the ledger as it was before each restore is kept, inside the data folder. */
export const SAFETY_DIR = 'before-restore';

export interface RestoreOptions {
  /** Names of the migrations this version knows; a backup with others was made by a newer version. */
  knownMigrations: string[];
  now: Date;
  nativeBinding?: string;
  /** The ledger's key (hex): the restored ledger is encrypted with it. */
  keyHex: string;
  /**
   * The key of the backup when it is not this installation's (a backup made on another computer, opened with
   * that computer's recovery key): the copy is checked with it, then re-encrypted with the ledger's key.
   */
  backupKeyHex?: string;
}

export interface RestoreResult {
  /** The copy of the ledger as it was just before the restore. */
  safetyCopy: string;
  officeName: string | null;
}

const refuse = (message: string) => new AppError(ERROR_CODES.validation, message, 'file');

/**
 * Put a backup in place of the data folder's ledger. The folder's database must be closed (by this process;
 * another program holding it is refused). Order, so that a kill at any moment leaves either the old ledger
 * or the restored one, never a mix:
 *   1. copy the backup to a scratch file beside the ledger and check that copy (integrity, same office,
 *      not from a newer version);
 *   2. lock the ledger exclusively and write the safety copy of it;
 *   3. fold its WAL into the file (journal_mode=DELETE), so no -wal of the old ledger is left;
 *   4. sync the scratch file and rename it over the ledger (atomic), then sync the folder.
 */
export function restoreLedger(dataDir: string, from: string, options: RestoreOptions): RestoreResult {
  const ledgerFile = path.join(dataDir, DATABASE_FILE_NAME);
  if (!fs.existsSync(from) || !fs.statSync(from).isFile()) throw refuse(`找不到备份文件：${from}`);
  if (path.resolve(from) === path.resolve(ledgerFile)) throw refuse('不能用正在使用的台账数据库本身来恢复');
  for (const name of fs.readdirSync(dataDir).filter(isPartialName)) removeQuietly(path.join(dataDir, name));

  const candidate = partialNameFor(ledgerFile);
  let guard: Database.Database | null = null;
  const key = LedgerKey.fromHex(options.keyHex);
  try {
    fs.copyFileSync(from, candidate);
    const backup = checkCandidate(candidate, key, options);

    guard = lockLedger(ledgerFile, key, options.nativeBinding);
    const setting = (key: string) => (guard!.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(key) as string | undefined) ?? null;
    if (backup.officeUscc !== setting('office.uscc')) {
      throw refuse(
        `该备份不属于本单位：备份是“${backup.officeName ?? '未初始化的台账'}”（${backup.officeUscc ?? '无信用代码'}）的，本台账属于“${setting('office.name') ?? '未初始化的单位'}”（${setting('office.uscc') ?? '无信用代码'}）`,
      );
    }
    const safetyDir = path.join(dataDir, SAFETY_DIR);
    fs.mkdirSync(safetyDir, { recursive: true });
    const safety = writeBackupFrom(guard, path.join(safetyDir, backupNameFor(options.now)), { nativeBinding: options.nativeBinding, key });

    guard.pragma('journal_mode = DELETE');
    if (fs.existsSync(`${ledgerFile}-wal`)) throw new Error('the ledger still has a write-ahead log after switching to DELETE');
    syncFile(candidate);
    if (process.platform === 'win32') {
      guard.close(); // Windows cannot rename over an open file
      guard = null;
    }
    fs.renameSync(candidate, ledgerFile);
    syncDirectory(dataDir);
    return { safetyCopy: safety.file, officeName: backup.officeName };
  } finally {
    guard?.close();
    removeQuietly(candidate);
    removeQuietly(`${candidate}-journal`);
  }
}

function checkCandidate(candidate: string, key: LedgerKey, options: RestoreOptions) {
  let identity;
  try {
    toLedgerKey(candidate, key, options);
    identity = checkLedgerFile(candidate, { nativeBinding: options.nativeBinding, key });
  } catch (error) {
    if (error instanceof BackupCheckError) throw refuse(error.message);
    throw error;
  }
  const known = new Set(options.knownMigrations);
  const unknown = identity.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) throw refuse(`该备份由更新版本的政务诚信台账创建（含本版本不认识的结构变更 ${unknown.join('、')}），请先升级本软件`);
  return identity;
}

/**
 * Make the scratch copy of a backup readable with the ledger's key: a backup made on another computer is checked
 * with its own key and re-encrypted; a plain backup (made before encryption) is encrypted. The copy is a
 * rollback-journal database (VACUUM INTO), so PRAGMA rekey may rewrite it.
 */
function toLedgerKey(candidate: string, key: LedgerKey, options: RestoreOptions): void {
  const kind = fileKind(candidate);
  if (kind !== 'plain' && (!options.backupKeyHex || options.backupKeyHex === options.keyHex)) return;
  let db: Database.Database;
  try {
    db = kind === 'plain'
      ? openPlainConnection(candidate, { nativeBinding: options.nativeBinding })
      : openLedgerConnection(candidate, { key: LedgerKey.fromHex(options.backupKeyHex!), nativeBinding: options.nativeBinding, fileMustExist: true });
  } catch (error) {
    if (isNotADatabase(error)) throw new BackupCheckError('给出的恢复密钥解不开这个备份：它不是用这个恢复密钥所属的台账加密的，或文件已损坏', 'wrong-key');
    throw error;
  }
  try {
    db.pragma('journal_mode = DELETE');
    rekeyLedger(db, key);
  } finally {
    db.close();
  }
}

/** An exclusive lock on the ledger: fails at once when the desktop app or another program has it open. */
function lockLedger(ledgerFile: string, key: LedgerKey, nativeBinding?: string): Database.Database {
  let guard: Database.Database;
  try {
    guard = openLedgerConnection(ledgerFile, { key, fileMustExist: true, nativeBinding, timeout: 1000 });
  } catch (error) {
    if (/busy|locked/i.test(String((error as { code?: string }).code ?? (error as Error).message))) {
      throw new AppError(ERROR_CODES.conflict, '台账数据库正被其他程序使用（台账程序或另一个命令），请先关闭后再恢复');
    }
    throw error;
  }
  try {
    guard.pragma('locking_mode = EXCLUSIVE');
    guard.exec('BEGIN EXCLUSIVE; COMMIT');
    return guard;
  } catch (error) {
    guard.close();
    if (/busy|locked/i.test(String((error as { code?: string }).code ?? (error as Error).message))) {
      throw new AppError(ERROR_CODES.conflict, '台账数据库正被其他程序使用（台账程序或另一个命令），请先关闭后再恢复');
    }
    throw error;
  }
}
