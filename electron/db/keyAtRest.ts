import fs from 'node:fs';
import path from 'node:path';

/**
 * How a secret key is kept at rest: the ledger key and the device's signing key alike. Electron safeStorage in
 * the desktop app (electron/main/safeStorageProtector.ts); elsewhere the bytes as they are, in an owner-only file.
 */
export interface KeyProtector {
  /** Said to the administrator (settings page, 上报平台 page, `sync status`), e.g. 经 Windows DPAPI 加密保存. */
  description: string;
  protect(secret: Buffer): Buffer;
  unprotect(stored: Buffer): Buffer;
}

/** Write a file only its owner may read, replacing an earlier one only once it is complete. */
export function writeOwnerOnly(file: string, content: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.new`;
  fs.writeFileSync(temp, content, { mode: 0o600 });
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, file);
}
