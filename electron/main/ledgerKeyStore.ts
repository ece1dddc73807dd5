import fs from 'node:fs';
import path from 'node:path';
import { defaultKeyProvider, keyFileProvider, LEDGER_KEY_FILE_NAME, type LedgerKeyProvider } from '../db/ledgerKey';
import { safeStorageProtector } from './safeStorageProtector';

/** The ledger key as safeStorage output, in the data folder. */
export const PROTECTED_KEY_FILE_NAME = 'ledger-key.protected';

/**
 * The desktop app's ledger key: kept as Electron safeStorage output (safeStorageProtector). Where there is no
 * real key store the owner-only key file is used and the settings page says so. A key file put beside the data
 * by `ledger key import` (a recovery key, after a move to a new computer or a reset Windows profile) is taken
 * into safeStorage at the next start and removed.
 */
export function desktopLedgerKeys(dataDir: string): LedgerKeyProvider {
  const plainFile = defaultKeyProvider(dataDir);
  const protector = safeStorageProtector('hex');
  if (!protector) return { ...plainFile, description: `${plainFile.description}（本机系统没有可用的密钥保管服务）` };
  const protectedFile = keyFileProvider(path.join(dataDir, PROTECTED_KEY_FILE_NAME), protector);
  return {
    description: protectedFile.description,
    load: () => {
      const imported = plainFile.load();
      if (imported) {
        protectedFile.save(imported);
        fs.rmSync(path.join(dataDir, LEDGER_KEY_FILE_NAME), { force: true });
        return imported;
      }
      return protectedFile.load();
    },
    save: (key) => protectedFile.save(key),
  };
}
