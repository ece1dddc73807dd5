import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, DATABASE_FILE_NAME } from '../../electron/db/database';
import { loadedFake, type FakeElectron } from '../support/fakeElectron';
import { tempDir } from '../support/testApp';
import { openLedgerFile } from '../support/ledgerFile';
import { LEDGER_KEY_FILE_NAME, LedgerKey } from '../../electron/db/ledgerKey';

vi.mock('electron', () => import('../support/fakeElectron'));

/**
 * electron/main/index.ts — the desktop shell's life cycle — run under Node with a fake `electron`, on a
 * real data folder: single-instance lock, the window's hardening, the database error dialogs, quitting.
 */
let dataDir: string;

beforeEach(() => {
  vi.resetModules();
  dataDir = path.join(tempDir('ledger-main-'), 'data');
  process.env.LEDGER_DATA_DIR = dataDir;
});

afterEach(() => {
  delete process.env.LEDGER_DATA_DIR;
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

/** Load the shell as Electron would, with the fake set up first (packaged or not, lock granted or not). */
async function startShell(setup: (electron: FakeElectron) => void = () => {}): Promise<FakeElectron> {
  const electron = await loadedFake();
  electron.app.removeAllListeners();
  electron.BrowserWindow.all.length = 0;
  electron.dialog.showErrorBox.mockClear();
  electron.app.quit.mockClear();
  electron.app.exit.mockClear();
  setup(electron);
  await import('../../electron/main/index');
  return electron;
}

async function started(electron: FakeElectron) {
  await vi.waitFor(() => expect(electron.BrowserWindow.all.length + electron.dialog.showErrorBox.mock.calls.length).toBe(1), { timeout: 10_000 });
  return electron.BrowserWindow.all[0];
}

/** Quit as the user would and wait until the shell has let the app go. */
async function quit(electron: FakeElectron): Promise<void> {
  electron.app.quit();
  await vi.waitFor(() => expect(electron.app.quitRequested).toBe(true));
}

describe('Electron main process', () => {
  it('a second instance quits at once without touching the database, and the first one comes forward', async () => {
    const second = await startShell((e) => {
      e.app.singleInstance = false;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second.app.quit).toHaveBeenCalled();
    expect(second.BrowserWindow.all).toHaveLength(0);
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE_NAME))).toBe(false);

    vi.resetModules();
    const first = await startShell((e) => {
      e.app.singleInstance = true;
      e.app.quitRequested = false;
    });
    const window = await started(first);
    window.minimized = true;
    first.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    await quit(first);
  });

  it('opens one hardened window on app://ledger that reaches the real handlers, DevTools only when not packaged', async () => {
    const electron = await startShell((e) => {
      e.app.isPackaged = false;
      e.app.quitRequested = false;
    });
    const window = await started(electron);
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: true });
    expect(window.loadURL).toHaveBeenCalledWith('app://ledger/index.html');
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });

    const invoke = electron.ipcMain.handlers.get('ledger:invoke')!;
    const status = (await invoke({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, 'system.status', {})) as {
      ok: boolean;
      data: { setupRequired: boolean };
    };
    expect(status).toMatchObject({ ok: true, data: { setupRequired: true } });
    await quit(electron);

    vi.resetModules();
    const packaged = await startShell((e) => {
      e.app.isPackaged = true;
      e.app.quitRequested = false;
    });
    expect((await started(packaged)).options.webPreferences).toMatchObject({ devTools: false });
    await quit(packaged);
    packaged.app.isPackaged = false;
  });

  it('closes the database on quit before letting the app go: no -wal left, the file opens exclusively', async () => {
    const electron = await startShell((e) => {
      e.app.quitRequested = false;
    });
    await started(electron);
    const file = path.join(dataDir, DATABASE_FILE_NAME);
    expect(fs.existsSync(file)).toBe(true);
    electron.app.quit();
    expect(electron.app.quitRequested).toBe(false); // held back while the database closes
    await vi.waitFor(() => expect(electron.app.quitRequested).toBe(true));
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const other = openLedgerFile(file, { timeout: 0 });
    other.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;');
    other.close();
  });

  describe('database error dialogs, in Chinese, then exit 1', () => {
    async function dialogFor(prepare: () => Promise<void> | void): Promise<{ title: string; text: string; electron: FakeElectron }> {
      await prepare();
      const electron = await startShell((e) => {
        e.app.quitRequested = false;
      });
      await started(electron);
      expect(electron.BrowserWindow.all).toHaveLength(0);
      await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
      const [title, text] = electron.dialog.showErrorBox.mock.calls[0];
      expect(title).toBe('政务诚信台账无法启动');
      expect(text).toContain(`数据目录：${dataDir}`);
      return { title, text, electron };
    }

    it('corrupt', async () => {
      const { text } = await dialogFor(() => {
        fs.mkdirSync(dataDir, { recursive: true });
        fs.writeFileSync(path.join(dataDir, DATABASE_FILE_NAME), Buffer.alloc(8192, 'x'));
      });
      expect(text).toContain('数据库文件已损坏或不是台账数据库');
    });

    it('wrong key', async () => {
      const { text } = await dialogFor(async () => {
        await (await openDatabase(dataDir)).close();
        fs.writeFileSync(path.join(dataDir, LEDGER_KEY_FILE_NAME), LedgerKey.random().raw(), { mode: 0o600 });
      });
      expect(text).toContain('台账数据库的密钥不正确');
      expect(text).toContain('恢复密钥');
    });

    it('no key for an encrypted ledger', async () => {
      const { text } = await dialogFor(async () => {
        await (await openDatabase(dataDir)).close();
        fs.rmSync(path.join(dataDir, LEDGER_KEY_FILE_NAME));
      });
      expect(text).toContain('本机找不到它的密钥');
      expect(text).toContain('ledger key import');
    });

    it('made by a newer version', async () => {
      const { text } = await dialogFor(async () => {
        const db = await openDatabase(dataDir);
        await db.write((sql) => sql.run(`INSERT INTO migrations (timestamp, name) VALUES (?, ?)`, 99990000000000, 'FutureThing99990000000000'));
        await db.close();
      });
      expect(text).toContain('数据库由更新版本的政务诚信台账创建');
      expect(text).toContain('FutureThing99990000000000');
    });

    it('locked by another program', { timeout: 20_000 }, async () => {
      let holder: Database.Database | null = null;
      try {
        const { text } = await dialogFor(async () => {
          const db = await openDatabase(dataDir);
          await db.close();
          holder = openLedgerFile(path.join(dataDir, DATABASE_FILE_NAME));
          holder.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;');
        });
        expect(text).toContain('数据库正被其他程序占用');
      } finally {
        (holder as Database.Database | null)?.close();
      }
    });
  });
});
