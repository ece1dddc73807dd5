import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/**
 * electron-updater cannot read file:// feeds, so an update folder (a USB stick, a network share) is served
 * to the app itself: on 127.0.0.1, under a random path, only the folder's own files (no subfolders, no
 * `..`), GET and HEAD, with single-range requests for resumed downloads.
 */
export interface FolderFeed {
  url: string;
  close(): Promise<void>;
}

export async function serveFolderOnLoopback(folder: string): Promise<FolderFeed> {
  const secret = randomBytes(16).toString('hex');
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    const [, prefix, name, ...rest] = pathname.split('/');
    const file = name ? path.resolve(folder, decodeURIComponentSafe(name)) : '';
    const allowed = prefix === secret && rest.length === 0 && name && path.dirname(file) === path.resolve(folder) && (request.method === 'GET' || request.method === 'HEAD');
    if (!allowed || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    const size = fs.statSync(file).size;
    const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    response.writeHead(range ? 206 : 200, {
      'Content-Length': end - start + 1,
      'Content-Type': 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(file, { start, end }).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/${secret}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}
