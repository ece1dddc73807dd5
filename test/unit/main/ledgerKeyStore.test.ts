import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadedFake, type FakeElectron } from '../../support/fakeElectron';
import { desktopLedgerKeys, PROTECTED_KEY_FILE_NAME } from '../../../electron/main/ledgerKeyStore';
import { LEDGER_KEY_FILE_NAME, LedgerKey } from '../../../electron/db/ledgerKey';

vi.mock('electron', () => import('../../support/fakeElectron'));

/** The desktop app's ledger key: safeStorage where there is a real key store, the owner-only file where there is not. */
describe('desktop ledger key store', () => {
  let electron: FakeElectron;
  let dataDir: string;
  beforeEach(async () => {
    electron = await loadedFake();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-keystore-'));
    delete process.env.LEDGER_KEY_FILE;
  });
  afterEach(() => {
    electron.safeStorage.isEncryptionAvailable.mockReturnValue(false);
    electron.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses Linux’s basic_text backend: the key goes to the owner-only file, and the page says why', () => {
    electron.safeStorage.isEncryptionAvailable.mockReturnValue(true);
    const keys = desktopLedgerKeys(dataDir);
    const key = LedgerKey.random();
    keys.save(key);
    expect(fs.existsSync(path.join(dataDir, PROTECTED_KEY_FILE_NAME))).toBe(false);
    expect(fs.readFileSync(path.join(dataDir, LEDGER_KEY_FILE_NAME)).equals(key.raw())).toBe(true);
    expect(keys.description).toContain('没有可用的密钥保管服务');
    expect(electron.safeStorage.encryptString).not.toHaveBeenCalledWith(key.hex);
  });

  it('with a real key store keeps safeStorage output only, and takes in a key imported from a recovery key', () => {
    electron.safeStorage.isEncryptionAvailable.mockReturnValue(true);
    electron.safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
    const keys = desktopLedgerKeys(dataDir);
    expect(keys.load()).toBeNull();
    const key = LedgerKey.random();
    keys.save(key);
    expect(electron.safeStorage.encryptString).toHaveBeenCalledWith(key.hex);
    expect(fs.existsSync(path.join(dataDir, LEDGER_KEY_FILE_NAME))).toBe(false);
    expect(keys.load()!.equals(key)).toBe(true);
    expect(keys.description).toContain('safeStorage');

    // `ledger key import` wrote the recovery key beside the data: taken into safeStorage, the file removed
    const recovered = LedgerKey.random();
    fs.writeFileSync(path.join(dataDir, LEDGER_KEY_FILE_NAME), recovered.raw(), { mode: 0o600 });
    expect(desktopLedgerKeys(dataDir).load()!.equals(recovered)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, LEDGER_KEY_FILE_NAME))).toBe(false);
    expect(desktopLedgerKeys(dataDir).load()!.equals(recovered)).toBe(true);
  });
});
