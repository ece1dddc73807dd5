import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RENDERER_DIR, startHarness, type Harness } from '../../electron/harness/server';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';

/**
 * The web harness (electron/harness/server.ts) on a temp data folder: loopback only, token and Host checks,
 * static files confined to the built renderer, a body size limit, the session's idle rule, and data that
 * outlives a restart.
 */

const MAX_BODY = 64 * 1024 * 1024;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface RequestOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
}

function request(port: number, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

type Envelope<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } };

async function invoke<T = unknown>(h: Harness, channel: string, payload: unknown = {}): Promise<Envelope<T>> {
  const reply = await request(h.port, {
    method: 'POST',
    path: '/api/invoke',
    headers: { 'content-type': 'application/json', 'x-ledger-token': h.token, host: `127.0.0.1:${h.port}` },
    body: JSON.stringify({ channel, payload }),
  });
  expect(reply.status, reply.body).toBe(200);
  return JSON.parse(reply.body) as Envelope<T>;
}

async function ok<T = unknown>(h: Harness, channel: string, payload: unknown = {}): Promise<T> {
  const result = await invoke<T>(h, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

const REVIEWER_OWN_PASSWORD = 'shenhe-ziji-mima-2026';
const SETUP = {
  ...TEST_OFFICE,
  adminUsername: 'admin',
  adminDisplayName: '王管理',
  adminPassword: TEST_PASSWORD,
};

beforeAll(() => {
  if (!fs.existsSync(path.join(DEFAULT_RENDERER_DIR, 'index.html'))) {
    throw new Error(`找不到已构建的界面 ${DEFAULT_RENDERER_DIR}/index.html：先运行 npm run build:renderer（npm test 会先构建）`);
  }
});

describe('web harness', () => {
  let dataDir: string;
  let harness: Harness;
  let clock = Date.now();

  beforeAll(async () => {
    dataDir = tempDir('ledger-harness-');
    harness = await startHarness({ dataDir, now: () => clock });
  });
  afterAll(async () => {
    await harness?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens on the loopback address only', async () => {
    expect(harness.address).toBe('127.0.0.1');
    expect(harness.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${harness.port}/\\?token=`));
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      // Another interface of this machine must not reach it.
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: external.address, port: harness.port });
        socket.once('connect', () => (socket.destroy(), resolve('connected')));
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(outcome).not.toBe('connected');
    }
  });

  it('serves the page with a content security policy', async () => {
    const page = await request(harness.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('<div id="root">');
    // The bundle it refers to is served too, with the same policy.
    const script = /src="\.?\/?([^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeTruthy();
    const js = await request(harness.port, { path: `/${script}` });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.headers['content-security-policy']).toBe(csp);
  });

  it('refuses calls without the token, or with a wrong one', async () => {
    const body = JSON.stringify({ channel: 'system.status', payload: {} });
    const none = await request(harness.port, { method: 'POST', path: '/api/invoke', headers: { 'content-type': 'application/json' }, body });
    expect(none.status).toBe(403);
    const wrong = await request(harness.port, {
      method: 'POST', path: '/api/invoke', headers: { 'content-type': 'application/json', 'x-ledger-token': `${harness.token}x` }, body,
    });
    expect(wrong.status).toBe(403);
    // A GET carrying the token is not a call either.
    const get = await request(harness.port, { path: '/api/invoke', headers: { 'x-ledger-token': harness.token } });
    expect(get.status).toBe(403);
  });

  it('refuses a Host header that is not the loopback address (DNS rebinding)', async () => {
    const body = JSON.stringify({ channel: 'system.status', payload: {} });
    for (const host of ['evil.example', `evil.example:${harness.port}`, `127.0.0.1:${harness.port + 1}`, `192.168.1.10:${harness.port}`]) {
      const call = await request(harness.port, {
        method: 'POST', path: '/api/invoke', headers: { 'content-type': 'application/json', 'x-ledger-token': harness.token, host }, body,
      });
      expect(call.status, host).toBe(421);
      const page = await request(harness.port, { path: '/', headers: { host } });
      expect(page.status, host).toBe(421);
    }
    expect((await request(harness.port, { path: '/', headers: { host: `localhost:${harness.port}` } })).status).toBe(200);
  });

  it('answers system.status with setupRequired on a fresh folder', async () => {
    const status = await ok<{ setupRequired: boolean; user: unknown; officeName: string | null }>(harness, 'system.status');
    expect(status.setupRequired).toBe(true);
    expect(status.user).toBeNull();
    expect(status.officeName).toBeNull();
  });

  it('answers bad JSON with 400 and an unknown channel with an error envelope', async () => {
    const bad = await request(harness.port, {
      method: 'POST', path: '/api/invoke', headers: { 'content-type': 'application/json', 'x-ledger-token': harness.token }, body: '{not json',
    });
    expect(bad.status).toBe(400);
    const unknown = await invoke(harness, 'fs.readFile', { path: '/etc/passwd' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('serves nothing outside the built renderer (path traversal)', async () => {
    // package.json exists two folders above dist/renderer: none of these may reach it.
    for (const p of [
      '/../package.json',
      '/../../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/%2E%2E/%2E%2E/package.json',
      '/..%2f..%2fpackage.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%5c..%5cpackage.json',
      `/${encodeURIComponent(path.resolve(DEFAULT_RENDERER_DIR, '../../package.json'))}`,
      '/index.html%00.js',
    ]) {
      const reply = await request(harness.port, { path: p });
      expect(reply.status, p).toBe(404);
      expect(reply.body, p).not.toContain('"name": "integrity-ledger"');
    }
    expect((await request(harness.port, { path: '/no-such-file.js' })).status).toBe(404);
    // Malformed percent-encoding is a bad request, not a crash.
    expect((await request(harness.port, { path: '/%E0%A4%A' })).status).toBe(400);
    expect((await request(harness.port, { path: '/' })).status).toBe(200);
    expect((await request(harness.port, { method: 'PUT', path: '/index.html', body: 'x' })).status).toBe(405);
  });

  it('refuses a body over the size limit with 413 (declared length)', async () => {
    const outcome = await new Promise<number | string>((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1', port: harness.port, method: 'POST', path: '/api/invoke', agent: false,
          headers: { 'content-type': 'application/json', 'x-ledger-token': harness.token, 'content-length': MAX_BODY + 1 },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      req.write('{"channel":"system.status","payload":{"x":"');
    });
    expect(outcome).toBe(413);
  });

  it('refuses a streamed body over the size limit (413 or a cleanly closed connection)', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const outcome = await new Promise<number | string>((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1', port: harness.port, method: 'POST', path: '/api/invoke', agent: false,
          headers: { 'content-type': 'application/json', 'x-ledger-token': harness.token, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          req.destroy();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      let sent = 0;
      const pump = () => {
        while (sent <= MAX_BODY + 2 * chunk.length) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect([413, 'ECONNRESET', 'EPIPE']).toContain(outcome);
    // The harness is still up and answering.
    expect((await ok<{ setupRequired: boolean }>(harness, 'system.status')).setupRequired).toBe(true);
  }, 60_000);

  it('keeps serving after a client drops a call half-way', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1', port: harness.port, method: 'POST', path: '/api/invoke', agent: false,
        headers: { 'content-type': 'application/json', 'x-ledger-token': harness.token, 'content-length': 1000 },
      });
      req.on('error', () => resolve());
      req.write('{"channel":"sys', () => setTimeout(() => (req.destroy(), resolve()), 50));
    });
    await new Promise((r) => setTimeout(r, 100));
    expect((await ok<{ setupRequired: boolean }>(harness, 'system.status')).setupRequired).toBe(true);
  });

  it('sets up the office; the service enforces roles and the idle lock, whatever the page shows', async () => {
    await ok(harness, 'setup.initialize', SETUP);
    const status = await ok<{ setupRequired: boolean; user: { username: string; role: string } | null; officeName: string }>(harness, 'system.status');
    expect(status).toMatchObject({ setupRequired: false, officeName: TEST_OFFICE.officeName, user: { username: 'admin', role: 'admin' } });
    expect(await invoke(harness, 'setup.initialize', SETUP)).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });

    await ok(harness, 'users.create', { username: 'reviewer', displayName: '张审核', role: 'reviewer', password: TEST_PASSWORD });
    await ok(harness, 'auth.logout');
    expect(await invoke(harness, 'users.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    // A reviewer's session: the admin channels are refused by the service (after the reviewer has replaced
    // the administrator's initial password, which is all a new user may do first).
    await ok(harness, 'auth.login', { username: 'reviewer', password: TEST_PASSWORD });
    expect(await invoke(harness, 'users.list')).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    await ok(harness, 'auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: REVIEWER_OWN_PASSWORD });
    expect(await invoke(harness, 'users.list')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(harness, 'users.create', { username: 'x1', displayName: '某', role: 'admin', password: TEST_PASSWORD }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(harness, 'settings.update', { ...TEST_OFFICE, idleLockMinutes: 240 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await ok<{ ok: boolean }>(harness, 'audit.verify')).ok).toBe(true);
    await ok(harness, 'auth.logout');

    // Idle time is measured by the server: with no calls for longer than the setting, calls are refused.
    await ok(harness, 'auth.login', { username: 'admin', password: TEST_PASSWORD });
    await ok(harness, 'settings.update', { ...TEST_OFFICE, idleLockMinutes: 1 });
    clock += 50_000;
    await ok(harness, 'users.list'); // 50 s idle: fine, and it counts as activity
    clock += 61_000;
    expect(await invoke(harness, 'users.list')).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await ok<{ locked: boolean; user: unknown }>(harness, 'system.status')).toMatchObject({ locked: true, user: { username: 'admin' } });
    expect(await invoke(harness, 'auth.touch')).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await invoke(harness, 'auth.unlock', { password: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await invoke(harness, 'users.list')).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    await ok(harness, 'auth.unlock', { password: TEST_PASSWORD });
    expect((await ok<unknown[]>(harness, 'users.list')).length).toBe(2);

    // Locking by hand works the same way.
    await ok(harness, 'auth.lock');
    expect(await invoke(harness, 'settings.get')).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    await ok(harness, 'auth.unlock', { password: TEST_PASSWORD });
    await ok(harness, 'settings.update', { ...TEST_OFFICE, idleLockMinutes: 15 });
  });

  it('keeps the data across a restart on the same folder', async () => {
    const port = harness.port;
    await harness.close();
    harness = await startHarness({ dataDir, port });
    expect(harness.port).toBe(port);
    const status = await ok<{ setupRequired: boolean; officeName: string; user: unknown; idleLockMinutes: number }>(harness, 'system.status');
    // A new run is a new session: the office is there, nobody is signed in.
    expect(status).toMatchObject({ setupRequired: false, officeName: TEST_OFFICE.officeName, user: null, idleLockMinutes: 15 });
    await ok(harness, 'auth.login', { username: 'reviewer', password: REVIEWER_OWN_PASSWORD });
    await ok(harness, 'auth.logout');
    await ok(harness, 'auth.login', { username: 'admin', password: TEST_PASSWORD });
    const users = await ok<Array<{ username: string }>>(harness, 'users.list');
    expect(users.map((u) => u.username).sort()).toEqual(['admin', 'reviewer']);
    expect((await ok<{ ok: boolean; checked: number }>(harness, 'audit.verify'))).toMatchObject({ ok: true });
  });
});

describe('harness start-up', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('refuses to start without a built renderer, naming the build command', async () => {
    const dataDir = tempDir('ledger-harness-');
    const emptyRenderer = tempDir('ledger-norenderer-');
    dirs.push(dataDir, emptyRenderer);
    await expect(startHarness({ dataDir, rendererDir: emptyRenderer })).rejects.toThrow(/npm run build:renderer/);
  });

  it('uses a fresh random token each run unless one is given', async () => {
    const dataDir = tempDir('ledger-harness-');
    dirs.push(dataDir);
    const a = await startHarness({ dataDir });
    const token = a.token;
    await a.close();
    const b = await startHarness({ dataDir });
    try {
      expect(b.token).not.toBe(token);
      expect(b.token.length).toBeGreaterThanOrEqual(24);
    } finally {
      await b.close();
    }
  });
});
