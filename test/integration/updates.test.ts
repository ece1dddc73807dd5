import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serveFolderOnLoopback } from '../../electron/services/update/folderFeed';
import { channelFileFor, OfflineUpdater } from '../../electron/services/update/offlineUpdater';
import { signRelease } from '../../electron/services/update/releaseSignature';
import { errorOf } from '../support/errors';
import { nodeRunUpdater } from '../support/nodeUpdater';
import { tempDir } from '../support/testApp';

/**
 * Offline updates against a loopback feed, with electron-updater itself run under Node: a release folder
 * as electron-builder writes it (installer + latest*.yml) plus our Ed25519 signature of the metadata.
 */
const CURRENT = '0.1.0';
const CHANNEL_FILE = channelFileFor(process.platform, process.arch);
const pem = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
};
const projectKey = pem();
const strangerKey = pem();

let work: string;
let feed: string;
let engine: ReturnType<typeof nodeRunUpdater>;
let updater: OfflineUpdater;

beforeEach(() => {
  work = tempDir('ledger-update-');
  feed = path.join(work, 'feed');
  fs.mkdirSync(feed);
  engine = nodeRunUpdater(CURRENT, work);
  engine.quitAndInstall = vi.fn();
  updater = new OfflineUpdater(engine, { currentVersion: CURRENT, publicKey: projectKey.publicKey, channelFile: CHANNEL_FILE });
});
afterEach(async () => {
  await updater.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** Write a release into the feed folder the way `npm run dist` + scripts/sign-release.mjs would. */
function publish(version: string, options: { signWith?: string | null; notes?: string } = {}): { installer: string; metadata: string } {
  const installerName = `integrity-ledger-${version}-win-x64.exe`;
  const bytes = randomBytes(256 * 1024);
  fs.writeFileSync(path.join(feed, installerName), bytes);
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  const metadata = [
    `version: ${version}`,
    'files:',
    `  - url: ${installerName}`,
    `    sha512: ${sha512}`,
    `    size: ${bytes.length}`,
    `path: ${installerName}`,
    `sha512: ${sha512}`,
    `releaseDate: '2026-11-20T08:00:00.000Z'`,
    `releaseNotes: ${options.notes ?? '修复导入时身份证号末位 x 的问题'}`,
    '',
  ].join('\n');
  const metadataFile = path.join(feed, CHANNEL_FILE);
  fs.writeFileSync(metadataFile, metadata);
  const key = options.signWith === undefined ? projectKey.privateKey : options.signWith;
  if (key) fs.writeFileSync(`${metadataFile}.sig`, signRelease(Buffer.from(metadata), key));
  else fs.rmSync(`${metadataFile}.sig`, { force: true });
  return { installer: path.join(feed, installerName), metadata: metadataFile };
}

describe('offline updates', { timeout: 30_000 }, () => {
  it('offers a newer signed release from a folder with its notes, downloads it, proves it and installs it on quit', async () => {
    publish('0.2.0', { notes: '新增备份与恢复' });
    expect(await updater.check({ kind: 'folder', folder: feed })).toEqual({ status: 'available', version: '0.2.0', releaseNotes: '新增备份与恢复', releaseDate: '2026-11-20T08:00:00.000Z' });
    expect(engine.autoInstallOnAppQuit).toBe(false); // nothing is installed before it is downloaded and proven
    expect(await updater.download()).toEqual({ version: '0.2.0' });
    expect(updater.readyToInstall).toBe(true);
    expect(engine.autoInstallOnAppQuit).toBe(true);
    updater.installNow();
    expect(engine.quitAndInstall).toHaveBeenCalledWith(false, true);
  });

  it('works the same from an intranet address', async () => {
    publish('0.2.0');
    const server = await serveFolderOnLoopback(feed);
    try {
      expect(await updater.check({ kind: 'url', url: server.url })).toMatchObject({ status: 'available', version: '0.2.0' });
      await updater.download();
      expect(updater.readyToInstall).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('says there is nothing new when the feed holds this version', async () => {
    publish(CURRENT);
    expect(await updater.check({ kind: 'folder', folder: feed })).toEqual({ status: 'not-available', version: CURRENT });
  });

  it('refuses a downgrade, even one signed with the project key', async () => {
    publish('0.0.9');
    expect(await updater.check({ kind: 'folder', folder: feed })).toEqual({ status: 'downgrade-refused', version: '0.0.9' });
    expect((await errorOf(updater.download())).message).toContain('请先检查更新');
  });

  it('refuses a tampered installer: the download fails its SHA-512 and nothing is set to install', async () => {
    const { installer } = publish('0.2.0');
    expect((await updater.check({ kind: 'folder', folder: feed })).status).toBe('available');
    const bytes = fs.readFileSync(installer);
    bytes[1000] ^= 0xff;
    fs.writeFileSync(installer, bytes);
    const error = await errorOf(updater.download());
    expect(error.message).toContain('安装包校验失败');
    expect(updater.readyToInstall).toBe(false);
    expect(engine.autoInstallOnAppQuit).toBe(false);
    expect(() => updater.installNow()).toThrow('尚未下载并通过校验');
    expect(engine.quitAndInstall).not.toHaveBeenCalled();
  });

  it('refuses metadata with a bad signature, signed by another key, or unsigned', async () => {
    const { metadata } = publish('0.2.0');
    fs.writeFileSync(metadata, fs.readFileSync(metadata, 'utf8').replace('version: 0.2.0', 'version: 0.2.1'));
    expect((await errorOf(updater.check({ kind: 'folder', folder: feed }))).message).toContain('签名无效');

    publish('0.2.0', { signWith: strangerKey.privateKey });
    expect((await errorOf(updater.check({ kind: 'folder', folder: feed }))).message).toContain('签名无效');

    publish('0.2.0', { signWith: null });
    expect((await errorOf(updater.check({ kind: 'folder', folder: feed }))).message).toContain('缺少签名');
    expect(engine.autoInstallOnAppQuit).toBe(false);
  });

  it('refuses every update while the app has no release key configured', async () => {
    publish('0.2.0');
    const unkeyed = new OfflineUpdater(engine, { currentVersion: CURRENT, publicKey: null, channelFile: CHANNEL_FILE });
    expect((await errorOf(unkeyed.check({ kind: 'folder', folder: feed }))).message).toContain('未配置发布公钥');
    await unkeyed.close();
  });

  it('accepts a release signed with scripts/sign-release.mjs and a key pair it made', async () => {
    const script = path.resolve(import.meta.dirname, '../../scripts/sign-release.mjs');
    const keys = path.join(work, 'keys');
    execFileSync(process.execPath, [script, '--new-key', keys]);
    expect(fs.statSync(path.join(keys, 'release-key.pem')).mode & 0o077).toBe(0); // the private key is the user's alone
    publish('0.2.0', { signWith: null });
    execFileSync(process.execPath, [script, '--key', path.join(keys, 'release-key.pem'), feed]);
    const released = new OfflineUpdater(engine, { currentVersion: CURRENT, publicKey: fs.readFileSync(path.join(keys, 'release-public-key.pem'), 'utf8'), channelFile: CHANNEL_FILE });
    try {
      expect((await released.check({ kind: 'folder', folder: feed })).status).toBe('available');
    } finally {
      await released.close();
    }
    expect((await errorOf(updater.check({ kind: 'folder', folder: feed }))).message).toContain('签名无效'); // not the key this app trusts
  });

  it('names a folder that is not there', async () => {
    expect((await errorOf(updater.check({ kind: 'folder', folder: path.join(work, 'usb') }))).message).toContain('找不到更新文件夹');
  });
});

describe('the folder served on loopback', () => {
  it('serves only the folder’s own files under its random path', async () => {
    fs.mkdirSync(path.join(work, 'feed', 'sub'));
    fs.writeFileSync(path.join(work, 'feed', 'sub', 'x.txt'), 'sub');
    fs.writeFileSync(path.join(work, 'secret.txt'), 'SECRET');
    fs.writeFileSync(path.join(feed, 'latest.yml'), 'version: 1');
    const server = await serveFolderOnLoopback(feed);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/$/);
      expect(await (await fetch(`${server.url}latest.yml`)).text()).toBe('version: 1');
      const ranged = await fetch(`${server.url}latest.yml`, { headers: { range: 'bytes=0-6' } });
      expect([ranged.status, await ranged.text()]).toEqual([206, 'version']);
      const origin = new URL(server.url).origin;
      for (const url of [`${origin}/latest.yml`, `${server.url}..%2fsecret.txt`, `${server.url}%2e%2e/secret.txt`, `${server.url}sub/x.txt`, `${server.url}sub%2fx.txt`, `${origin}/0000/latest.yml`]) {
        const response = await fetch(url);
        expect(response.status, url).toBe(404);
      }
    } finally {
      await server.close();
    }
  });
});
