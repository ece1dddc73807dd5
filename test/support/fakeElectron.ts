import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module, so electron/main/* runs under plain Node (no Electron binary can
 * run on our build machines). It keeps what the shell registers — protocol handlers, IPC handlers, session
 * handlers, windows — so a test can play the part of Chromium: navigate, open windows, send IPC, quit.
 * Tests load it with `vi.mock('electron', () => import('../support/fakeElectron'))` and reach the instance
 * the code under test sees with `await import('electron')`.
 */

export interface FakeEvent {
  preventDefault: () => void;
  defaultPrevented: boolean;
}

export function fakeEvent(): FakeEvent {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

let nextContentsId = 1;

export class FakeFrame {
  constructor(public url: string) {}
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: FakeFrame;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  constructor(url = 'app://ledger/index.html') {
    super();
    this.mainFrame = new FakeFrame(url);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  singleInstance = true;
  quitRequested = false;
  readonly exitCodes: number[] = [];
  readonly requestSingleInstanceLock = vi.fn(() => this.singleInstance);
  private ready = Promise.resolve();

  whenReady(): Promise<void> {
    return this.ready;
  }

  getPath(name: string): string {
    return `/nonexistent/${name}`;
  }

  /** Like Electron: 'before-quit' may be prevented; otherwise the app is gone. */
  readonly quit = vi.fn(() => {
    const event = fakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.quitRequested = true;
  });

  readonly exit = vi.fn((code = 0) => {
    this.exitCodes.push(code);
  });
}

export class BrowserWindow extends EventEmitter {
  static readonly all: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (url: string) => {
    this.webContents.mainFrame.url = url;
  });
  readonly removeMenu = vi.fn();
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  minimized = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.all.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }

  isMinimized(): boolean {
    return this.minimized;
  }
}

type ProtocolHandler = (request: Request) => Promise<Response>;
type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

export const app = new FakeApp();

export const dialog = { showErrorBox: vi.fn<(title: string, content: string) => void>() };

export const shell = { openPath: vi.fn(async () => '') };

/** A Linux machine without a key store: safeStorage offers only its plaintext backend. */
export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => false),
  getSelectedStorageBackend: vi.fn(() => 'basic_text'),
  encryptString: vi.fn((text: string) => Buffer.from(text)),
  decryptString: vi.fn((bytes: Buffer) => bytes.toString()),
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler) {
    this.handlers.set(scheme, handler);
  },
};

/** Electron's net.fetch for file:// URLs, which Node's fetch does not do. */
export const net = {
  async fetch(url: string): Promise<Response> {
    try {
      return new Response(fs.readFileSync(fileURLToPath(url)), { status: 200, headers: { 'Content-Type': 'text/html' } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  },
};

export const ipcMain = {
  handlers: new Map<string, IpcHandler>(),
  handle(channel: string, handler: IpcHandler) {
    this.handlers.set(channel, handler);
  },
};

type PermissionRequest = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type BeforeRequest = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;

export const session = {
  defaultSession: {
    permissionRequest: null as PermissionRequest | null,
    permissionCheck: null as ((...args: unknown[]) => boolean) | null,
    beforeRequest: null as BeforeRequest | null,
    setPermissionRequestHandler(handler: PermissionRequest) {
      this.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      this.permissionCheck = handler;
    },
    webRequest: {
      onBeforeRequest(handler: BeforeRequest) {
        session.defaultSession.beforeRequest = handler;
      },
    },
  },
};

export type FakeElectron = {
  app: FakeApp;
  BrowserWindow: typeof BrowserWindow;
  dialog: typeof dialog;
  shell: typeof shell;
  safeStorage: typeof safeStorage;
  protocol: typeof protocol;
  net: typeof net;
  ipcMain: typeof ipcMain;
  session: typeof session;
};

/** The fake exactly as the code under test imported it. */
export async function loadedFake(): Promise<FakeElectron> {
  return (await import('electron')) as unknown as FakeElectron;
}

export default { app, BrowserWindow, dialog, shell, safeStorage, protocol, net, ipcMain, session };
