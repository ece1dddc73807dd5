import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import { createUser, initializeOffice } from '../../electron/services/users/usersService';
import { SCREENSHOT_DIR, startE2e, type E2eEnv } from '../support/browser';
import { recordsWorkbook } from '../support/importWorkbooks';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';
import { loose, poll } from '../support/ui';

/**
 * A large import at 1280×720: the page shows a progress bar (rows checked, then written, of the total) while
 * the import runs in the app's worker thread, 取消 stops it without writing anything, and the list still
 * answers meanwhile.
 */
let env: E2eEnv;
let workDir: string;
let file: string;
const button = (name: string) => env.page.getByRole('button', { name: loose(name) });
const progress = () => env.page.locator('.import-progress');

async function shot(name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await env.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

const recordCount = () => env.page.evaluate(async () => {
  const token = sessionStorage.getItem('ledger.harnessToken');
  const response = await fetch('./api/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ledger-token': token ?? '' },
    body: JSON.stringify({ channel: 'records.list', payload: { page: 1, pageSize: 1 } }),
  });
  return ((await response.json()) as { data?: { total: number } }).data?.total;
});

beforeAll(async () => {
  const dataDir = tempDir('ledger-e2e-import-');
  const db = await openDatabase(dataDir);
  const deps = { db, dataDir, now: () => new Date() };
  const admin = await initializeOffice(deps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
  await createUser(deps, { ...admin, role: 'admin' }, { username: 'clerk', displayName: '李录入', role: 'clerk', password: TEST_PASSWORD, mustChangePassword: false });
  await db.close();
  workDir = tempDir('ledger-e2e-import-files-');
  file = path.join(workDir, '街道失信记录台账.xlsx');
  fs.writeFileSync(file, await recordsWorkbook(12_000));
  env = await startE2e(dataDir);
  await env.page.setViewportSize({ width: 1280, height: 720 });
  await env.page.getByLabel('登录名').fill('clerk');
  await env.page.getByLabel('密码').fill(TEST_PASSWORD);
  await button('登录').click();
  await env.page.locator('.frame-sider').waitFor();
}, 120_000);
afterAll(async () => {
  await env?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('a large import on the import page', { timeout: 180_000 }, () => {
  it('shows the rows written of the total, and 取消 leaves the ledger unchanged', async () => {
    await env.page.goto(`${env.harness.url.split('?')[0]}#/records/import`);
    await env.page.locator('input[type=file]').setInputFiles(file);
    await poll(() => env.page.locator('.chosen-file').textContent()).toContain('街道失信记录台账.xlsx');

    await button('导入').click();
    await env.page.locator('.ant-modal-confirm').getByRole('button', { name: loose('导入') }).click();
    await expect.poll(() => progress().textContent({ timeout: 500 }).catch(() => ''), { timeout: 60_000, interval: 50 }).toMatch(/正在写入台账：[\d,]+ \/ 12,000 条/);
    const percent = Number((await progress().locator('.ant-progress-indicator').textContent())?.replace('%', ''));
    expect(percent).toBeGreaterThanOrEqual(30);
    expect(percent).toBeLessThan(100);
    await shot('records-import-progress');

    await progress().getByRole('button', { name: loose('取消') }).click();
    await poll(() => env.page.locator('.ant-message-notice').textContent()).toContain('导入已取消，未作任何改动');
    await poll(() => progress().count()).toBe(0);
    expect(await recordCount()).toBe(0);
  });

  it('imports the same file whole afterwards, the bar growing until it is done', async () => {
    await button('导入').click();
    await env.page.locator('.ant-modal-confirm').getByRole('button', { name: loose('导入') }).click();
    const seen: number[] = [];
    const result = env.page.locator('.import-result').first();
    await expect
      .poll(async () => {
        // A short wait: once the import is done the bar is gone, and the locator's default wait is 30 s.
        const text = await progress().locator('.ant-progress-indicator').textContent({ timeout: 100 }).catch(() => null);
        if (text) seen.push(Number(text.replace('%', '')));
        return (await result.count()) > 0 ? await result.textContent() : '';
      }, { timeout: 120_000, interval: 100 })
      .toContain('导入完成：已导入 12000 行');
    expect(seen.filter((p) => p > 0).length).toBeGreaterThan(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(await recordCount()).toBe(12_000);
  });
});
