import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadedFake } from '../../support/fakeElectron';
import { registerAppScheme, serveRenderer } from '../../../electron/main/rendererProtocol';

vi.mock('electron', () => import('../../support/fakeElectron'));

/** The app:// protocol as Chromium would ask it: only files of the built renderer, never a path outside. */
describe('app:// protocol', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-protocol-'));
  const rendererDir = path.join(root, 'renderer');
  let handler: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>台账</title>');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'SECRET-OUTSIDE');
    fs.mkdirSync(path.join(root, 'renderer-evil'));
    fs.writeFileSync(path.join(root, 'renderer-evil', 'x.js'), 'SECRET-SIBLING');
    const electron = await loadedFake();
    registerAppScheme();
    serveRenderer(rendererDir);
    handler = electron.protocol.handlers.get('app')!;
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const get = (url: string) => handler(new Request(url));

  it('registers app:// as a secure standard scheme', async () => {
    const electron = await loadedFake();
    expect(electron.protocol.privileged).toContainEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });

  it('serves the renderer with the content security policy', async () => {
    for (const url of ['app://ledger/', 'app://ledger/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('台账');
      expect(response.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
    expect(await (await get('app://ledger/assets/app.js')).text()).toBe('console.log(1)');
  });

  it('refuses .. and its encoded forms, never reading outside the renderer folder', async () => {
    // Request's own URL parser folds plain `..`; the encoded slashes survive it and are decoded by us.
    const attempts = [
      'app://ledger/../secret.txt',
      'app://ledger/%2e%2e/secret.txt',
      'app://ledger/assets/..%2f..%2fsecret.txt',
      'app://ledger/..%2fsecret.txt',
      'app://ledger/..%5csecret.txt',
      'app://ledger/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://ledger/..%2frenderer-evil%2fx.js',
      `app://ledger/${encodeURIComponent(path.join(root, 'secret.txt'))}`,
    ];
    for (const url of attempts) {
      const response = await get(url);
      const body = await response.text();
      expect(body, url).not.toContain('SECRET');
      expect(response.status, url).not.toBe(200);
    }
  });

  it('answers 400 to a malformed % escape or an encoded NUL instead of throwing', async () => {
    for (const url of ['app://ledger/%E0%A4%A', 'app://ledger/%', 'app://ledger/index.html%00.js']) {
      const response = await get(url);
      expect(response.status, url).toBe(400);
    }
  });

  it('answers 404 for a file the renderer does not have', async () => {
    expect((await get('app://ledger/missing.js')).status).toBe(404);
  });
});
