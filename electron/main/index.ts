import { app, BrowserWindow, dialog, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseOpenError } from '../db/database';
import { APP_VERSION } from '../appVersion';
import { channelFileFor, OfflineUpdater } from '../services/update/offlineUpdater';
import { RELEASE_PUBLIC_KEY } from '../services/update/releasePublicKey';
import { openApp, type OpenedApp } from '../ipc/openApp';
import { electronPrintEngine } from './printWindow';
import { deviceKeyProtector } from './safeStorageProtector';
import { desktopLedgerKeys } from './ledgerKeyStore';
import { registerIpc } from './ipcBridge';
import { registerAppScheme, serveRenderer } from './rendererProtocol';
import { APP_ORIGIN, hardenApp } from './security';

/**
 * The desktop shell: one window, the app:// protocol, the IPC bridge and the lifecycle. Everything else
 * (database, services, handlers) is plain Node code shared with the web harness and the CLI.
 */
const DIST = __dirname; // dist/electron, where the bundles live
const RENDERER_DIR = path.resolve(DIST, '../renderer');
const PRELOAD = path.join(DIST, 'preload.cjs');

/** In development `npm start` builds the SQLite driver (better-sqlite3-multiple-ciphers) for Electron's ABI beside Node's (see README). */
function electronNativeBinding(): string | undefined {
  const candidate = path.resolve(DIST, `../../.native/electron-${process.versions.electron}/better_sqlite3_multiple_ciphers.node`);
  return !app.isPackaged && fs.existsSync(candidate) ? candidate : undefined;
}

const dataDir = process.env.LEDGER_DATA_DIR ?? path.join(app.getPath('userData'), 'data');
let opened: OpenedApp | null = null;
let mainWindow: BrowserWindow | null = null;
let updater: OfflineUpdater | undefined;

/** Only a packaged app can update itself; electron-updater is loaded on first use. */
function packagedUpdater(): OfflineUpdater | undefined {
  if (!app.isPackaged) return undefined;
  if (!updater) {
    const { autoUpdater } = require('electron-updater') as typeof import('electron-updater');
    updater = new OfflineUpdater(autoUpdater, { currentVersion: APP_VERSION, publicKey: RELEASE_PUBLIC_KEY, channelFile: channelFileFor(process.platform, process.arch) });
  }
  return updater;
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start, (error) => fail(error));
}

async function start(): Promise<void> {
  hardenApp();
  serveRenderer(RENDERER_DIR);
  try {
    opened = await openApp({
      dataDir,
      appVersion: APP_VERSION,
      nativeBinding: electronNativeBinding(),
      keys: desktopLedgerKeys(dataDir),
      host: {
        openPath: async (file) => (await shell.openPath(file)) === '',
        chooseFolder: async () => {
          const options = { title: '选择备份文件夹', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
          const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        get updater() {
          return packagedUpdater();
        },
        printer: electronPrintEngine,
      },
      sync: { keyProtector: deviceKeyProtector() },
    });
  } catch (error) {
    fail(error);
    return;
  }
  registerIpc(opened.registry, (contents) => contents === mainWindow?.webContents);
  createWindow();
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1100,
    minHeight: 700,
    title: '政务诚信台账',
    show: false,
    backgroundColor: '#f3f5f8',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  mainWindow.removeMenu();
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

/** A database that cannot be opened gets a clear dialog, never a blank window. */
function fail(error: unknown): void {
  const detail =
    error instanceof DatabaseOpenError
      ? `${error.message}\n\n数据目录：${dataDir}`
      : `程序启动失败：${error instanceof Error ? error.message : String(error)}\n\n数据目录：${dataDir}`;
  dialog.showErrorBox('政务诚信台账无法启动', detail);
  app.exit(1);
}

let closing = false;
app.on('before-quit', (event) => {
  if (closing || !opened) return;
  event.preventDefault();
  closing = true;
  void updater?.close();
  opened
    .close()
    .catch((error) => console.error('closing the database failed', error))
    .finally(() => app.quit());
});

app.on('window-all-closed', () => app.quit());
