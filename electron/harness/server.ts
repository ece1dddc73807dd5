import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { APP_VERSION } from '../appVersion';
import { openApp } from '../ipc/openApp';
import { chromiumEngine, closeChromiumEngine } from '../print/chromiumEngine';
import type { AppSyncOptions } from '../sync/appSync';
import { Session } from '../ipc/session';
import { ERROR_CODES } from '../../shared/contract/errors';
import type { OfflineUpdater } from '../services/update/offlineUpdater';

/**
 * The web harness: the built renderer and the very handler registry the Electron main process registers,
 * served on 127.0.0.1 only. Calls must carry the per-run token (given in the printed URL); the Host header
 * must name the loopback address, so another site cannot reach it through DNS rebinding.
 */
export interface HarnessOptions {
  dataDir: string;
  port?: number;
  rendererDir?: string;
  token?: string;
  /** The clock the session measures idle time with (tests move it forward); Date.now by default. */
  now?: () => number;
  /** The ledger's clock: dates passing (a commitment's due date) and the times changes are stamped with; the system clock by default. */
  ledgerNow?: () => Date;
  /** An updater for the update page (tests give one driving electron-updater under Node); none by default. */
  updater?: OfflineUpdater;
  /** Automatic sync and the device key's protection (defaults: on; an owner-only file). */
  sync?: AppSyncOptions;
}

export interface Harness {
  url: string;
  /** The address the server is bound to (always the loopback address). */
  address: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const MAX_BODY = 64 * 1024 * 1024;
/** Before sign-in only small calls exist (status, setup, sign-in, unlock): a larger body is refused unread. */
const SIGNED_OUT_MAX_BODY = 64 * 1024;
/** A client that sends its headers or its body slower than this is cut off (slowloris). */
export const HEADERS_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 10_000;

export const DEFAULT_RENDERER_DIR = path.resolve(import.meta.dirname, '../../dist/renderer');

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const rendererDir = path.resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`找不到已构建的界面（${rendererDir}），请先运行 npm run build:renderer`);
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const opened = await openApp({
    dataDir: options.dataDir,
    appVersion: APP_VERSION,
    host: { openPath: async (file) => (console.log(`[harness] 打开附件：${file}`), false), updater: options.updater, printer: chromiumEngine },
    sync: options.sync,
    now: options.ledgerNow,
  });
  const session = new Session(options.now);
  let port = 0;

  const handleRequest: http.RequestListener = (req, res) => {
    const hostHeader = req.headers.host ?? '';
    if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) {
      res.writeHead(421).end('misdirected');
      return;
    }
    // A page of another site (or another port) may not call or read this one, whatever it knows.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('foreign origin');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/api/invoke') {
      handleInvoke(req, res).catch((error: unknown) => {
        // A client that went away mid-request, or anything unexpected: answer if still possible, never crash.
        if (!req.destroyed) console.error('[harness] /api/invoke failed', error);
        if (!res.headersSent) res.writeHead(500, { connection: 'close' }).end();
        else res.destroy();
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(url.pathname, res);
  };
  // Timeouts are checked every half second (Node's default is every 30 s).
  const server = http.createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 500 },
    handleRequest,
  );

  async function handleInvoke(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.method !== 'POST' || req.headers['x-ledger-token'] !== token) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
      return;
    }
    const tooLarge = () => {
      // Answer, then drop the connection instead of reading the rest of an oversized body.
      res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('payload too large', () => req.destroy());
    };
    const limit = session.user && !session.locked ? MAX_BODY : SIGNED_OUT_MAX_BODY;
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      tooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        tooLarge();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400).end('bad json');
      return;
    }
    const answer = (status: number, result: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(result));
    };
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      answer(400, { ok: false, error: { code: ERROR_CODES.validation, message: '请求格式不正确：应为 {channel, payload} 对象' } });
      return;
    }
    const call = body as { channel?: unknown; payload?: unknown };
    answer(200, await opened.registry.invoke(call.channel, call.payload, session));
  }

  function serveStatic(pathname: string, res: http.ServerResponse) {
    let relative: string;
    try {
      relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    } catch {
      res.writeHead(400).end('bad request'); // malformed percent-encoding
      return;
    }
    const file = path.resolve(rendererDir, relative);
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const bound = server.address() as { address: string; port: number };
  port = bound.port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    address: bound.address,
    port,
    token,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await opened.close();
      await closeChromiumEngine();
    },
  };
}
