import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encryptPlainLedger } from '../../electron/db/encryptLedger';
import { openLedgerConnection } from '../../electron/db/ledgerConnection';
import type { LedgerKey } from '../../electron/db/ledgerKey';

export interface EncryptionFigures {
  /** The cipher every figure of the bench ran under. */
  cipher: string;
  /** Encrypting the bench ledger in place as a version without encryption left it (safety copy included). */
  encrypt_upgrade_ms: number;
  encrypt_upgrade_db_mb: number;
}

/** Time the first opening of a big ledger written before encryption: a plain copy of the bench ledger, encrypted in place. */
export function benchEncryptionUpgrade(ledgerFile: string, key: LedgerKey): EncryptionFigures {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-encrypt-'));
  try {
    const copy = path.join(dir, path.basename(ledgerFile));
    const source = openLedgerConnection(ledgerFile, { key, fileMustExist: true });
    try {
      source.prepare('VACUUM INTO ?').run(copy);
    } finally {
      source.close();
    }
    const plain = openLedgerConnection(copy, { key, fileMustExist: true });
    const setting = (name: string) => String(plain.pragma(name, { simple: true }));
    const cipher = `${setting('cipher')} legacy=${setting('legacy')} hmac_algorithm=${setting('hmac_algorithm')} page=${setting('legacy_page_size')}`;
    plain.pragma(`rekey = ''`);
    plain.close();
    const bytes = fs.statSync(copy).size;
    const t0 = performance.now();
    encryptPlainLedger(copy, key, { now: new Date() });
    const ms = performance.now() - t0;
    return { cipher, encrypt_upgrade_ms: Math.round(ms), encrypt_upgrade_db_mb: Math.round(bytes / 1024 / 1024) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
