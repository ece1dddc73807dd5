import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppUpdater } from 'electron-updater';
import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import type { UpdateCheckResult as UpdateCheck, UpdateSource } from '../../../shared/contract/update';
import { serveFolderOnLoopback, type FolderFeed } from './folderFeed';
import { compareVersions, readSignedManifest, type ReleaseManifest } from './releaseManifest';
import { SIGNATURE_SUFFIX } from './releaseSignature';


/** The part of electron-updater's AppUpdater we drive (the desktop passes `autoUpdater`, tests a Node-run one). */
export type UpdaterEngine = Pick<
  AppUpdater,
  'setFeedURL' | 'checkForUpdates' | 'downloadUpdate' | 'quitAndInstall' | 'autoDownload' | 'autoInstallOnAppQuit' | 'allowDowngrade' | 'disableDifferentialDownload'
>;

/** electron-updater's metadata file for this platform (latest.yml on Windows, latest-linux[-arm64].yml on Linux). */
export function channelFileFor(platform: NodeJS.Platform, arch: string): string {
  if (platform === 'linux') return `latest-linux${arch === 'x64' ? '' : `-${arch}`}.yml`;
  return platform === 'darwin' ? 'latest-mac.yml' : 'latest.yml';
}

const refuse = (message: string) => new AppError(ERROR_CODES.badFile, message);

/**
 * Updates for offline offices on top of electron-updater (generic provider). electron-updater trusts the
 * feed's latest.yml; this does not: the metadata must carry the project's Ed25519 signature, must offer a
 * newer version (never a downgrade), must be what electron-updater then reads, and the downloaded installer's
 * SHA-512 must match the signed value before it may be installed (on quit, or at once on request).
 */
export class OfflineUpdater {
  private feed: FolderFeed | null = null;
  private offered: ReleaseManifest | null = null;
  private verifiedInstaller: string | null = null;

  constructor(
    private readonly engine: UpdaterEngine,
    private readonly options: { currentVersion: string; publicKey: string | null; channelFile: string },
  ) {
    engine.autoDownload = false;
    engine.autoInstallOnAppQuit = false;
    engine.allowDowngrade = false;
    engine.disableDifferentialDownload = true;
  }

  async check(source: UpdateSource): Promise<UpdateCheck> {
    await this.reset();
    const feedUrl = await this.feedUrl(source);
    const metadataUrl = new URL(this.options.channelFile, feedUrl).toString();
    const metadata = await fetchBytes(metadataUrl);
    if (!metadata) throw refuse(`更新源中没有 ${this.options.channelFile}：请确认更新文件夹或地址正确`);
    const signature = await fetchBytes(metadataUrl + SIGNATURE_SUFFIX);
    const manifest = readSignedManifest(metadata, signature?.toString('utf8') ?? null, this.options.publicKey);
    const order = compareVersions(manifest.version, this.options.currentVersion);
    if (order === 0) return { status: 'not-available', version: manifest.version };
    if (order < 0) return { status: 'downgrade-refused', version: manifest.version };

    this.engine.setFeedURL({ provider: 'generic', url: feedUrl, useMultipleRangeRequest: false });
    const result = await this.engine.checkForUpdates();
    const info = result?.updateInfo;
    const sameFiles = info?.files.length === manifest.files.length && info.files.every((f, i) => f.url === manifest.files[i].url && f.sha512 === manifest.files[i].sha512);
    if (!result?.isUpdateAvailable || info?.version !== manifest.version || !sameFiles) throw refuse('更新信息与签名的不一致（可能在下载过程中被替换），已拒绝');
    this.offered = manifest;
    return { status: 'available', version: manifest.version, releaseNotes: manifest.releaseNotes, releaseDate: manifest.releaseDate };
  }

  /** Download the offered installer and prove it is the signed one; then it is installed when the app quits. */
  async download(): Promise<{ version: string }> {
    const offered = this.offered;
    if (!offered) throw new AppError(ERROR_CODES.conflict, '请先检查更新');
    let files: string[];
    try {
      files = await this.engine.downloadUpdate();
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      if (/checksum mismatch/i.test(message)) throw refuse('安装包校验失败（SHA-512 与签名的更新信息不符），已拒绝安装');
      throw new AppError(ERROR_CODES.internal, `下载更新失败：${message}`);
    }
    const installer = files[0];
    const expected = offered.files.find((f) => path.basename(f.url) === path.basename(installer)) ?? offered.files[0];
    if (sha512Base64(installer) !== expected.sha512) {
      fs.rmSync(installer, { force: true });
      throw refuse('安装包校验失败（SHA-512 与签名的更新信息不符），已拒绝安装');
    }
    this.verifiedInstaller = installer;
    this.engine.autoInstallOnAppQuit = true;
    return { version: offered.version };
  }

  /** Quit and run the verified installer now. */
  installNow(): void {
    if (!this.verifiedInstaller) throw new AppError(ERROR_CODES.conflict, '更新尚未下载并通过校验');
    this.engine.quitAndInstall(false, true);
  }

  get readyToInstall(): boolean {
    return this.verifiedInstaller !== null;
  }

  async close(): Promise<void> {
    await this.feed?.close();
    this.feed = null;
  }

  private async reset(): Promise<void> {
    this.offered = null;
    this.verifiedInstaller = null;
    this.engine.autoInstallOnAppQuit = false;
    await this.close();
  }

  private async feedUrl(source: UpdateSource): Promise<string> {
    if (source.kind === 'url') return source.url.endsWith('/') ? source.url : `${source.url}/`;
    if (!fs.existsSync(source.folder) || !fs.statSync(source.folder).isDirectory()) throw refuse(`找不到更新文件夹：${source.folder}`);
    this.feed = await serveFolderOnLoopback(source.folder);
    return this.feed.url;
  }
}

async function fetchBytes(url: string): Promise<Buffer | null> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch (error) {
    throw new AppError(ERROR_CODES.internal, `无法连接更新源：${(error as Error).message}`);
  }
  if (response.status === 404) return null;
  if (!response.ok) throw new AppError(ERROR_CODES.internal, `更新源返回错误（HTTP ${response.status}）`);
  return Buffer.from(await response.arrayBuffer());
}

function sha512Base64(file: string): string {
  return createHash('sha512').update(fs.readFileSync(file)).digest('base64');
}
