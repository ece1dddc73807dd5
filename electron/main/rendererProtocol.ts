import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from './security';

/** Must run before app 'ready': app:// behaves like a secure origin so CSP 'self' and fetch work. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * The file inside rendererDir that an app:// path names; 'bad-request' for a malformed escape or a NUL,
 * 'outside' for anything that would leave the folder (`..`, encoded `%2e%2e`, `%2f`, `%5c`).
 */
export function rendererFile(rendererDir: string, pathname: string): string | 'bad-request' | 'outside' {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return 'bad-request';
  }
  if (decoded.includes('\0')) return 'bad-request';
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^[/\\]+/, '');
  const file = path.resolve(rendererDir, relative);
  return file.startsWith(path.resolve(rendererDir) + path.sep) ? file : 'outside';
}

/** Serve the built renderer from app://ledger/…, never anything outside its folder. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const file = rendererFile(rendererDir, new URL(request.url).pathname);
    if (file === 'bad-request') return new Response('bad request', { status: 400 });
    if (file === 'outside') return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
