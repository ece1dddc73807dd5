import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright';
import { openDatabase } from '../../electron/db/database';
import { createRecord } from '../../electron/services/records';
import { createUser, initializeOffice, toActor } from '../../electron/services/users/usersService';
import { startE2e, type E2eEnv } from '../support/browser';
import { looseButtonName, signInSteps } from '../support/e2eSignIn';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';
import { unitRecord } from '../support/recordFixtures';

/**
 * An office's administrator at 1280×720: resets a clerk's password (the clerk must choose their own at the
 * next sign-in), changes a role, and reads the audit log — who did what to which
 * record, with before/after in Chinese.
 */

const CLERK = { username: 'clerk', displayName: '李录入' };
const RESET_PASSWORD = 'chongzhi-mima-2026';
const CLERK_OWN_PASSWORD = 'luru-ziji-mima-2026';

let env: E2eEnv;
const { fill, login, logout } = signInSteps(() => env.page);
let recordId = '';
beforeAll(async () => {
  const dataDir = tempDir('ledger-e2e-users-');
  const db = await openDatabase(dataDir);
  const deps = { db, dataDir, now: () => new Date() };
  const admin = await initializeOffice(deps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
  const clerk = toActor(await createUser(deps, admin, { ...CLERK, role: 'clerk', password: TEST_PASSWORD, mustChangePassword: false }));
  recordId = (await createRecord(deps, clerk, unitRecord({ amountFen: 12_345_600 }))).id;
  await db.close();
  env = await startE2e(dataDir);
  await env.page.setViewportSize({ width: 1280, height: 720 });
});
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await env?.screenshot(`failed-users-${context.task.name.replace(/[^\w\u4e00-\u9fa5]+/g, '-').slice(0, 50)}`).catch(() => undefined);
});
afterAll(async () => {
  await env?.close();
});

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const button = (name: string, within: { getByRole: Locator['getByRole'] } = env.page) => within.getByRole('button', { name: looseButtonName(name) });
const userMenu = () => env.page.getByRole('button', { name: '用户菜单' });
const navItem = (label: string) => env.page.locator('.frame-sider').getByRole('menuitem', { name: label, exact: true });
const row = (username: string) => env.page.locator('.users-table .ant-table-row').filter({ has: env.page.getByRole('cell', { name: username, exact: true }) });
const textOf = async (locator: Locator) => (await locator.allTextContents()).join(' ');

async function shoot(name: string) {
  await env.page.mouse.move(0, 0);
  await poll(() => env.page.locator('.ant-message-notice').count()).toBe(0);
  await env.screenshot(name);
}

describe('user administration', () => {
  it('resets the clerk\'s password; the clerk must choose their own at the next sign-in', async () => {
    await login('admin', TEST_PASSWORD);
    await poll(() => userMenu().isVisible()).toBe(true);
    await navItem('用户管理').click();
    await poll(() => row(CLERK.username).count()).toBe(1);
    await button('重置密码', row(CLERK.username)).click();
    const modal = env.page.getByRole('dialog', { name: '重置密码' });
    await poll(() => modal.isVisible()).toBe(true);
    await fill({ 新密码: RESET_PASSWORD, 确认新密码: RESET_PASSWORD }, modal);
    await button('重置', modal).click();
    await poll(() => modal.isVisible()).toBe(false);
    await poll(() => textOf(row(CLERK.username))).toContain('待本人改密码');
    await logout();

    await login(CLERK.username, TEST_PASSWORD);
    await poll(() => env.page.locator('.ant-alert').filter({ hasText: '登录名或密码不正确' }).isVisible()).toBe(true);
    await env.page.reload();
    await login(CLERK.username, RESET_PASSWORD);
    await poll(() => env.page.getByText('设置您自己的密码').isVisible()).toBe(true);
    await shoot('first-password-1280');
    await fill({ 管理员设置的密码: RESET_PASSWORD, 新密码: CLERK_OWN_PASSWORD, 确认新密码: CLERK_OWN_PASSWORD });
    await button('保存新密码').click();
    await poll(() => textOf(userMenu())).toContain(CLERK.displayName);
    await logout();
  });

  it('changes the clerk\'s role to reviewer after a confirmation', async () => {
    // A wrong guess at an unknown name, for the log below.
    await login('nobody-here', 'wrong-password');
    await poll(() => env.page.locator('.ant-alert').filter({ hasText: '登录名或密码不正确' }).isVisible()).toBe(true);
    await env.page.reload();
    await login('admin', TEST_PASSWORD);
    await poll(() => userMenu().isVisible()).toBe(true);
    await navItem('用户管理').click();
    await poll(() => row(CLERK.username).count()).toBe(1);
    await env.page.getByLabel(`${CLERK.displayName}的角色`).click();
    await env.page.locator('.ant-select-dropdown:visible').getByText('审核员', { exact: true }).click();
    const confirm = env.page.locator('.ant-modal-confirm');
    await poll(() => textOf(confirm)).toContain(`将“${CLERK.displayName}”的角色改为审核员？`);
    await button('修改', confirm).click();
    await poll(() => env.page.getByText(`“${CLERK.displayName}”的角色已改为审核员`).isVisible()).toBe(true);
    await shoot('users-1280');
    expect(await textOf(row(CLERK.username))).toContain('审核员');
  });
});

describe('the audit log a reviewer can read', () => {
  it('names the record with a link, shows before → after in Chinese, and logs the sign-ins and role change', async () => {
    await navItem('审计日志').click();
    const table = env.page.locator('.audit-table');
    await poll(() => table.locator('.ant-table-row').count()).toBeGreaterThan(5);
    const text = await textOf(table);
    for (const words of ['重置密码', '登录失败', '修改角色', '角色：录入员 → 审核员', '退出登录', '登录名“nobody-here”']) {
      expect(text, words).toContain(words);
    }
    expect(text).not.toMatch(/amountFen|unitName|"status"|displayName/);
    await shoot('audit-1280');

    const recordName = '某某市某某区某某街道办事处（(2024)苏0102民初123号）';
    const link = table.getByRole('link', { name: recordName });
    expect(await link.count()).toBe(1);
    const recordRow = table.locator('.ant-table-row').filter({ has: env.page.getByRole('link', { name: recordName }) });
    expect(await textOf(recordRow)).toContain('新建');
    // The full list of the new record's fields opens below the row.
    await recordRow.locator('.ant-table-row-expand-icon').click();
    const details = env.page.locator('.audit-changes');
    await poll(() => details.isVisible()).toBe(true);
    expect(await textOf(details)).toContain('123,456.00 元');
    expect(await textOf(details)).toContain('认定日期');
    await link.click();
    await poll(() => env.page.evaluate(() => location.hash)).toBe(`#/records/${recordId}`);
  });
});
