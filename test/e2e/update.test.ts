import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import { startHarness, type Harness } from '../../electron/harness/server';
import { channelFileFor, OfflineUpdater } from '../../electron/services/update/offlineUpdater';
import { signRelease } from '../../electron/services/update/releaseSignature';
import { initializeOffice } from '../../electron/services/users/usersService';
import { APP_VERSION } from '../../electron/appVersion';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser';
import { nodeRunUpdater } from '../support/nodeUpdater';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';
import { loose, poll } from '../support/ui';

/**
 * The 软件更新 page and its dialog at 1280×720, with the harness given a real updater: electron-updater under
 * Node reading a signed release from a folder served on loopback.
 */
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const NEXT = APP_VERSION.replace(/\d+$/, (patch) => String(Number(patch) + 1));
let work: string;
let feed: string;
let harness: Harness;
let browser: Browser;
let page: Page;
let updater: OfflineUpdater;

function publishSigned(version: string): void {
  const name = `integrity-ledger-${version}-win-x64.exe`;
  const bytes = randomBytes(128 * 1024);
  fs.writeFileSync(path.join(feed, name), bytes);
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  const metadata = `version: ${version}\nfiles:\n  - url: ${name}\n    sha512: ${sha512}\n    size: ${bytes.length}\npath: ${name}\nsha512: ${sha512}\nreleaseDate: '2026-11-20T08:00:00.000Z'\nreleaseNotes: |-\n  新增：备份与恢复页面，可选择 U 盘或网络共享作为备份文件夹\n  新增：离线更新（更新文件夹或内网地址）\n  修复：导入时身份证号末位小写 x 的问题\n`;
  const file = path.join(feed, channelFileFor(process.platform, process.arch));
  fs.writeFileSync(file, metadata);
  fs.writeFileSync(`${file}.sig`, signRelease(Buffer.from(metadata), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));
}

async function shot(name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

beforeAll(async () => {
  work = tempDir('ledger-e2e-update-');
  feed = path.join(work, 'feed');
  fs.mkdirSync(feed);
  const dataDir = path.join(work, 'data');
  const db = await openDatabase(dataDir);
  await initializeOffice({ db, dataDir, now: () => new Date() }, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
  await db.close();
  const engine = nodeRunUpdater(APP_VERSION, work);
  engine.quitAndInstall = () => undefined;
  updater = new OfflineUpdater(engine, { currentVersion: APP_VERSION, publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), channelFile: channelFileFor(process.platform, process.arch) });
  harness = await startHarness({ dataDir, updater });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await page.goto(harness.url);
  await page.getByLabel('登录名').fill('admin');
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: loose('登录') }).click();
  await page.locator('.frame-sider').getByRole('menuitem', { name: '软件更新' }).click();
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await updater?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('软件更新', () => {
  it('says there is nothing new when the folder holds this version', async () => {
    publishSigned(APP_VERSION);
    await page.getByPlaceholder('例如 E:\\台账更新').fill(feed);
    await page.getByRole('button', { name: loose('保存') }).click();
    await poll(() => page.getByText('更新来源已保存').count()).toBe(1);
    await page.getByRole('button', { name: loose('检查更新') }).click();
    await poll(() => page.getByText(`已是最新版本（${APP_VERSION}）`).count()).toBe(1);
  });

  it('shows a newer signed release with its notes, downloads it and offers to install it', async () => {
    publishSigned(NEXT);
    await page.getByRole('button', { name: loose('检查更新') }).click();
    const dialog = page.locator('.ant-modal');
    await poll(() => dialog.locator('.ant-modal-title').allTextContents()).toEqual([`发现新版本 ${NEXT}`]);
    expect(await dialog.textContent()).toContain('修复：导入时身份证号末位小写 x 的问题');
    await shot('update-dialog');
    await dialog.getByRole('button', { name: loose('下载更新') }).click();
    await poll(() => dialog.getByText('签名与校验值均已核对', { exact: false }).count()).toBe(1);
    expect(await dialog.getByRole('button', { name: loose('立即重启并安装') }).count()).toBe(1);
    await shot('update-downloaded');
    await dialog.getByRole('button', { name: loose('退出台账时安装') }).click();
    await poll(() => page.getByText('已下载的更新将在退出台账时安装。').count()).toBe(1);
  });

  it('shows the refusal of a tampered release in plain words', async () => {
    publishSigned(NEXT);
    const file = path.join(feed, channelFileFor(process.platform, process.arch));
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('修复', '篡改'));
    await page.getByRole('button', { name: loose('检查更新') }).click();
    await poll(() => page.getByText(/更新包签名无效/).count()).toBe(1);
  });
});
