import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RENDERER_DIR, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, startHarness, type Harness } from '../../electron/harness/server';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';

/**
 * The harness against a hostile page or client on the same machine: foreign Origins, payloads that are not
 * objects, large bodies before sign-in, and clients that send their headers or body too slowly.
 */

interface Reply {
  status: number;
  body: string;
}

function post(h: Harness, body: string | Buffer, headers: Record<string, string | number> = {}): Promise<Reply | string> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1', port: h.port, method: 'POST', path: '/api/invoke', agent: false,
        headers: { 'content-type': 'application/json', 'x-ledger-token': h.token, 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    req.end(body);
  });
}
const call = (h: Harness, channel: string, payload: unknown, headers?: Record<string, string>) => post(h, JSON.stringify({ channel, payload }), headers);

/** Open a raw connection, send `text`, and measure how long the server keeps the connection open. */
function secondsUntilClosed(h: Harness, text: string, limitMs: number): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(h.port, '127.0.0.1', () => socket.write(text));
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => resolve((performance.now() - started) / 1000));
    setTimeout(() => socket.destroy(), limitMs);
  });
}

let dataDir: string;
let harness: Harness;
beforeAll(async () => {
  if (!fs.existsSync(path.join(DEFAULT_RENDERER_DIR, 'index.html'))) throw new Error('先运行 npm run build:renderer');
  dataDir = tempDir('ledger-harness-hardening-');
  harness = await startHarness({ dataDir });
});
afterAll(async () => {
  await harness?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('harness hardening', () => {
  it('refuses a call from a page of another origin, even with the token', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${harness.port + 1}`, 'null']) {
      const reply = (await call(harness, 'system.status', {}, { origin })) as Reply;
      expect(reply.status, origin).toBe(403);
      expect(reply.body).not.toContain('setupRequired');
    }
    for (const origin of [`http://127.0.0.1:${harness.port}`, `http://localhost:${harness.port}`]) {
      expect(((await call(harness, 'system.status', {}, { origin })) as Reply).status, origin).toBe(200);
    }
  });

  it('answers a body that is not an object ({channel, payload}) as a validation error, not a server error', async () => {
    for (const body of ['null', '[]', '"system.status"', '42', 'true']) {
      const reply = (await post(harness, body)) as Reply;
      expect(reply.status, body).toBe(400);
      expect(JSON.parse(reply.body), body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(JSON.parse(reply.body).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // a null payload inside the envelope is the channel's validation, answered in the envelope
    const setup = JSON.parse(((await call(harness, 'setup.initialize', null)) as Reply).body);
    expect(setup).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses a large body before sign-in without reading it, and takes it once signed in', async () => {
    const padded = (channel: string, payload: Record<string, unknown>) => JSON.stringify({ channel, payload: { ...payload, pad: 'x'.repeat(1024 * 1024) } });
    expect(await post(harness, padded('system.status', {}))).toMatchObject({ status: 413 });
    const setUp = JSON.parse(((await call(harness, 'setup.initialize', { ...TEST_OFFICE, adminUsername: 'admin', adminDisplayName: '王管理', adminPassword: TEST_PASSWORD })) as Reply).body);
    expect(setUp).toMatchObject({ ok: true });
    const reply = (await post(harness, padded('system.status', {}))) as Reply;
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, data: { user: { username: 'admin' } } });
    await call(harness, 'auth.logout', {});
    expect(await post(harness, padded('auth.login', { username: 'admin', password: TEST_PASSWORD }))).toMatchObject({ status: 413 });
  });

  it('cuts off a client that sends its headers or its body too slowly, within seconds', async () => {
    const [headers, body] = await Promise.all([
      secondsUntilClosed(harness, `POST /api/invoke HTTP/1.1\r\nHost: 127.0.0.1:${harness.port}\r\nx-ledger-token: ${harness.token}\r\n`, 30_000),
      secondsUntilClosed(
        harness,
        `POST /api/invoke HTTP/1.1\r\nHost: 127.0.0.1:${harness.port}\r\nx-ledger-token: ${harness.token}\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n{"channel":`,
        30_000,
      ),
    ]);
    expect(headers).toBeLessThan(HEADERS_TIMEOUT_MS / 1000 + 2);
    expect(body).toBeLessThan(REQUEST_TIMEOUT_MS / 1000 + 2);
    expect(REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
  }, 40_000);
});
