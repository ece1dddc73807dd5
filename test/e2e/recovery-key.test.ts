import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import { initializeOffice } from '../../electron/services/users/usersService';
import { SCREENSHOT_DIR, startE2e, type E2eEnv } from '../support/browser';
import { keyOf } from '../support/ledgerFile';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';
import { loose, poll } from '../support/ui';

/** 数据加密与恢复密钥 on the settings page at 1280×720: the administrator sees how the ledger is protected and prints the recovery key. */
let env: E2eEnv;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDir('ledger-e2e-recovery-');
  const db = await openDatabase(dataDir);
  await initializeOffice({ db, dataDir, now: () => new Date() }, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
  await db.close();
  env = await startE2e(dataDir);
  await env.page.setViewportSize({ width: 1280, height: 720 });
});
afterAll(async () => {
  await env?.close();
});

describe('recovery key', () => {
  it('shows the key in 16 groups of 4, ready to print, and the showing goes into the audit log', async () => {
    await env.page.getByLabel('登录名').fill('admin');
    await env.page.getByLabel('密码').fill(TEST_PASSWORD);
    await env.page.getByRole('button', { name: loose('登录') }).click();
    await env.page.locator('.frame-sider').waitFor();
    await env.page.goto(`${env.harness.url}#/settings`);
    await env.page.getByText('本机密钥保管').waitFor();
    expect(await env.page.getByText('SQLCipher 格式加密（AES-256，每页 HMAC-SHA1 校验）').count()).toBe(1);
    await env.page.getByRole('button', { name: /查看并打印恢复密钥/ }).click();
    const shown = env.page.getByLabel('恢复密钥', { exact: true });
    await shown.waitFor();
    const groups = await shown.locator('span').allTextContents();
    expect(groups).toHaveLength(16);
    expect(groups.join('-')).toBe(keyOf(dataDir).recoveryKey);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await env.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'recovery-key.png') });
    await env.page.locator('.recovery-key-print .ant-modal-footer').getByRole('button', { name: loose('关闭') }).click();

    await env.page.goto(`${env.harness.url}#/audit`);
    await poll(() => env.page.getByText('查看恢复密钥').count()).toBeGreaterThan(0);
  });
});
