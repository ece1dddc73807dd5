import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { LedgerKey } from './ledgerKey';
import { openLedgerConnection, openPlainConnection, rekeyLedger, type SqliteConnection } from './ledgerConnection';
import { safetyCopyFolder } from './safetyCopyFolder';

export interface EncryptionUpgrade {
  /** The copy of the ledger taken first (already encrypted with the same key: a plain copy would defeat the purpose). */
  safetyCopy: string;
  /** Rows per table, the same before and after. */
  rows: Record<string, number>;
}

const stamp = (now: Date) => now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/**
 * Encrypt, in place, a ledger written by a version without encryption. Order:
 *   1. count every table's rows;
 *   2. safety copy: VACUUM INTO a scratch file beside its destination, rekey that copy, check it holds the same
 *      rows, rename it into the backup folder (else the data folder's before-update/);
 *   3. the ledger itself: WAL off (journal_mode=DELETE folds the log in), PRAGMA rekey (SQLite rewrites every
 *      page in one rollback-journal transaction: a kill leaves the plain ledger), WAL on again;
 *   4. reopen with the key and check the same rows are there, and quick_check.
 */
export function encryptPlainLedger(file: string, key: LedgerKey, options: { nativeBinding?: string; now: Date }): EncryptionUpgrade {
  const dataDir = path.dirname(file);
  const plain = openPlainConnection(file, { nativeBinding: options.nativeBinding });
  let rows: Record<string, number>;
  let safetyCopy: string;
  try {
    rows = rowCounts(plain);
    const target = path.join(safetyCopyFolder(plain, dataDir), `ledger-before-encryption-${stamp(options.now)}.sqlite`);
    safetyCopy = writeEncryptedCopy(plain, target, key, rows, options.nativeBinding);
    plain.pragma('journal_mode = DELETE');
    rekeyLedger(plain, key);
  } finally {
    plain.close();
  }
  const keyed = openLedgerConnection(file, { key, nativeBinding: options.nativeBinding, fileMustExist: true });
  try {
    keyed.pragma('journal_mode = WAL');
    assertSameRows(rows, rowCounts(keyed), file);
    const check = keyed.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`加密后的数据库检查未通过：${String(check)}`);
  } finally {
    keyed.close();
  }
  return { safetyCopy, rows };
}

function writeEncryptedCopy(plain: SqliteConnection, target: string, key: LedgerKey, rows: Record<string, number>, nativeBinding?: string): string {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.partial-${randomUUID()}`);
  try {
    plain.prepare('VACUUM INTO ?').run(partial);
    const copy = openPlainConnection(partial, { nativeBinding });
    try {
      rekeyLedger(copy, key);
    } finally {
      copy.close();
    }
    const check = openLedgerConnection(partial, { key, nativeBinding, fileMustExist: true });
    try {
      assertSameRows(rows, rowCounts(check), partial);
    } finally {
      check.close();
    }
    const fd = fs.openSync(partial, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, target);
    return target;
  } finally {
    fs.rmSync(partial, { force: true });
    fs.rmSync(`${partial}-journal`, { force: true });
  }
}

/** Rows of every table (the audit log and the outbox included). */
export function rowCounts(db: SqliteConnection): Record<string, number> {
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get() as number]));
}

function assertSameRows(before: Record<string, number>, after: Record<string, number>, file: string): void {
  const differ = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
  if (differ.length > 0) throw new Error(`加密前后行数不一致（${file}：${differ.map((t) => `${t} ${before[t]} → ${after[t]}`).join('，')}），已停止`);
}
