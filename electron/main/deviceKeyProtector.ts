import { safeStorage } from 'electron';
import { OWNER_ONLY_FILE, type KeyProtector } from '../sync/deviceKey';

/**
 * The platform signing key at rest in the desktop app: encrypted with Electron's safeStorage (Windows
 * DPAPI for the signed-in user, macOS Keychain, the Linux secret service). Where safeStorage has no real
 * key store (Linux `basic_text`), the owner-only file is used and the sync page says so.
 */
export function deviceKeyProtector(): KeyProtector {
  const linuxPlain = process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || linuxPlain) return OWNER_ONLY_FILE;
  return {
    description: '经操作系统加密保存（Electron safeStorage，仅本机本用户可解密）',
    protect: (secret) => safeStorage.encryptString(secret.toString('base64')),
    unprotect: (stored) => Buffer.from(safeStorage.decryptString(stored), 'base64'),
  };
}
