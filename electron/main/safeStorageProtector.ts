import { safeStorage } from 'electron';
import type { KeyProtector } from '../db/keyAtRest';
import { OWNER_ONLY_FILE } from '../sync/deviceKey';

/**
 * A key at rest encrypted with Electron's safeStorage (Windows DPAPI for the signed-in user, the macOS Keychain,
 * the Linux secret service), or null where there is no real key store: safeStorage unavailable, or Linux's
 * `basic_text` backend, which encrypts with a password written in Chromium's source (refused, as Signal Desktop
 * does). safeStorage encrypts text: the key's bytes go in as `textEncoding` (each key's file keeps the form it
 * has always had).
 */
export function safeStorageProtector(textEncoding: 'base64' | 'hex'): KeyProtector | null {
  const linuxPlain = process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || linuxPlain) return null;
  return {
    description: '经操作系统加密保存（Electron safeStorage，仅本机本用户可解密）',
    protect: (secret) => safeStorage.encryptString(secret.toString(textEncoding)),
    unprotect: (stored) => Buffer.from(safeStorage.decryptString(stored), textEncoding),
  };
}

/** The platform signing key at rest in the desktop app; the owner-only file where there is no real key store (the sync page says so). */
export const deviceKeyProtector = (): KeyProtector => safeStorageProtector('base64') ?? OWNER_ONLY_FILE;
