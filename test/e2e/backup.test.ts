import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import { createUser, initializeOffice } from '../../electron/services/users/usersService';
import { SCREENSHOT_DIR, startE2e, type E2eEnv } from '../support/browser';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';
import { loose, poll } from '../support/ui';

/** The 备份与恢复 page as an administrator uses it at 1280×720: choose the folder, back up, check, restore. */
let env: E2eEnv;
let folder: string;
const button = (name: string) => env.page.getByRole('button', { name: loose(name) });

async function shot(name: string): Promise<void> {
  await env.page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await env.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

beforeAll(async () => {
  const dataDir = tempDir('ledger-e2e-backup-');
  const db = await openDatabase(dataDir);
  const deps = { db, dataDir, now: () => new Date() };
  const admin = await initializeOffice(deps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
  await createUser(deps, { ...admin, role: 'admin' }, { username: 'clerk', displayName: '李录入', role: 'clerk', password: TEST_PASSWORD, mustChangePassword: false });
  // About 150 MB of drafts, so a backup lasts long enough to watch its progress bar.
  await db.write((sql) => {
    for (let i = 0; i < 150; i++) sql.run(`INSERT INTO form_drafts (user_id, key, data_json, saved_at) VALUES (?, ?, ?, ?)`, admin.id, `filler-${i}`, randomBytes(512 * 1024).toString('hex'), new Date().toISOString());
  });
  await db.close();
  folder = tempDir('ledger-e2e-backups-');
  env = await startE2e(dataDir);
  await env.page.setViewportSize({ width: 1280, height: 720 });
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function signIn(username: string) {
  await env.page.getByLabel('登录名').fill(username);
  await env.page.getByLabel('密码').fill(TEST_PASSWORD);
  await button('登录').click();
  await env.page.locator('.frame-sider').waitFor();
}

describe('备份与恢复 page', () => {
  it('is offered to administrators only', async () => {
    await signIn('clerk');
    expect(await env.page.locator('.frame-sider').getByRole('menuitem', { name: '备份与恢复' }).count()).toBe(0);
    await env.page.goto(`${env.harness.url}#/backup`);
    await poll(() => env.page.getByText('无权访问').count()).toBe(1);
    await env.page.getByRole('button', { name: '用户菜单' }).click();
    await env.page.getByText('退出登录').click();
    await signIn('admin');
  });

  it('refuses a folder that does not exist, naming the field', async () => {
    await env.page.locator('.frame-sider').getByRole('menuitem', { name: '备份与恢复' }).click();
    await env.page.getByPlaceholder('例如 E:\\台账备份').fill(path.join(folder, '没有这个文件夹'));
    await button('保存设置').click();
    await poll(() => env.page.locator('.ant-form-item-explain-error').allTextContents()).toEqual([expect.stringContaining('备份文件夹不存在')]);
  });

  it('backs up on demand and lists the backup with its size, date and check', async () => {
    await env.page.getByPlaceholder('例如 E:\\台账备份').fill(folder);
    await env.page.getByRole('spinbutton').fill('5');
    await button('保存设置').click();
    await poll(() => env.page.getByText('备份设置已保存').count()).toBe(1);
    await poll(() => env.page.locator('.ant-form-item-explain-error').count()).toBe(0);
    await env.page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await button('立即备份').click();
    const progress = env.page.getByRole('status', { name: '备份进度' });
    await poll(() => progress.getByText(/正在写入备份：(?!0\.0 )[\d.]+ MB \/ [\d.]+ MB/).count()).toBe(1);
    await env.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'backup-progress.png') });
    const row = env.page.locator('.ant-table-tbody tr.ant-table-row');
    await poll(() => row.count()).toBe(1);
    const text = (await row.first().allTextContents()).join(' ');
    expect(text).toMatch(/ledger-backup-\d{8}T\d+Z\.sqlite/);
    expect(text).toMatch(/\d+\.\d MB/);
    expect(await progress.count()).toBe(0);
    expect(text).toContain('已通过');
    expect(text).toContain('手动');
    expect(text).toMatch(/第 \d+ 条 · [0-9a-f]{12}/); // the audit chain head inside the backup
    expect(await env.page.getByText(/上次备份：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/).count()).toBe(1);
    expect(fs.readdirSync(folder).filter((n) => n.endsWith('.sqlite'))).toHaveLength(1);
    await shot('backup-page');
  });

  it('verifies a backup and restores it after a confirmation, keeping a copy of the ledger as it was', async () => {
    await button('校验').click();
    await poll(() => env.page.getByText(/检查通过$/).count()).toBeGreaterThan(0);
    await env.page.locator('.ant-table-tbody').getByRole('button', { name: loose('恢复') }).click();
    await poll(() => env.page.locator('.ant-modal-confirm-title').allTextContents()).toEqual(['从备份恢复台账？']);
    await shot('backup-restore-confirm');
    await env.page.locator('.ant-modal-confirm').getByRole('button', { name: loose('恢复') }).click();
    await poll(() => env.page.locator('.ant-modal-confirm-title').allTextContents()).toEqual(['台账已恢复']);
    expect(await env.page.getByText(/恢复前的台账已另存为：.*before-restore/).count()).toBe(1);
    await shot('backup-restored');
  });
});
