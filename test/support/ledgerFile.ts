import path from 'node:path';
import type Database from 'better-sqlite3';
import { openLedgerConnection } from '../../electron/db/ledgerConnection';
import { defaultKeyProvider, type LedgerKey } from '../../electron/db/ledgerKey';

/** The key a data folder's ledger was made with (its ledger-key.bin, or LEDGER_KEY_FILE). */
export function keyOf(dataDir: string): LedgerKey {
  const key = defaultKeyProvider(dataDir).load();
  if (!key) throw new Error(`no ledger key in ${dataDir}`);
  return key;
}

/**
 * A raw connection to a ledger file (or a backup of it) with its key, for tests that look inside or hold it as
 * "another program" would: the key of `dataDir` (by default the folder the file is in).
 */
export function openLedgerFile(file: string, options: { dataDir?: string; key?: LedgerKey; readonly?: boolean; timeout?: number; fileMustExist?: boolean } = {}): Database.Database {
  const key = options.key ?? keyOf(options.dataDir ?? path.dirname(file));
  return openLedgerConnection(file, { key, readonly: options.readonly, timeout: options.timeout, fileMustExist: options.fileMustExist ?? true });
}
