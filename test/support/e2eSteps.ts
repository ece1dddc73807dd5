import { expect } from 'vitest';
import type { Locator } from 'playwright';
import { openDatabase } from '../../electron/db/database';
import { createUser, initializeOffice } from '../../electron/services/users/usersService';
import type { E2eEnv } from './browser';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from './testApp';

/** Wait for a condition (the default 1 s of expect.poll is short for password hashing on a slow machine). */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

/**
 * antd puts a space between two Chinese characters in a button ("保 存"), and an icon adds its name in
 * front ("plus 新建记录"), so match names loosely.
 */
export const loose = (text: string) => new RegExp(`^(?:[a-z-]+\\s+)?\\s*${[...text].join('\\s*')}\\s*$`);

/** The steps of the signed-in window that the ledger stories share; `env()` is read at each step. */
export function e2eSteps(env: () => E2eEnv) {
  const button = (name: string, within: { getByRole: Locator['getByRole'] } = env().page) => within.getByRole('button', { name: loose(name) });
  const field = (label: string) => env().page.getByLabel(label, { exact: true });
  const formItem = (label: string) => env().page.locator('.ant-form-item').filter({ has: field(label) });
  const userMenu = () => env().page.getByRole('button', { name: '用户菜单' });
  return {
    /** Screenshots without the passing toasts (they fade after 3 s) or a hover. */
    async shoot(name: string) {
      await env().page.mouse.move(0, 0);
      await poll(() => env().page.locator('.ant-message-notice').count()).toBe(0);
      await env().screenshot(name);
    },
    /** A select with search: type the option and take it with Enter, as a clerk at the keyboard would. */
    async choose(label: string, option: string) {
      await field(label).click();
      await field(label).fill(option);
      await env().page.keyboard.press('Enter');
      await poll(() => formItem(label).textContent()).toContain(option);
    },
    async typeDate(label: string, date: string) {
      await field(label).click();
      await field(label).fill(date);
      await env().page.keyboard.press('Enter');
      await poll(() => field(label).inputValue()).toBe(date);
    },
    button,
    field,
    formItem,
    fieldError: (label: string) => formItem(label).locator('.ant-form-item-explain-error'),
    userMenu,
    navItem: (label: string) => env().page.locator('.frame-sider').getByRole('menuitem', { name: label, exact: true }),
    pageHead: () => env().page.locator('.page-head').first(),
    async login(username: string) {
      await poll(() => button('登录').isVisible()).toBe(true);
      await field('登录名').fill(username);
      await field('密码').fill(TEST_PASSWORD);
      await button('登录').click();
      await poll(() => userMenu().isVisible()).toBe(true);
    },
    async logout() {
      await userMenu().click();
      await env().page.getByRole('menuitem', { name: '退出登录' }).click();
      await poll(() => button('登录').isVisible()).toBe(true);
    },
  };
}

export const E2E_CLERK = { username: 'clerk', displayName: '李录入' };
export const E2E_REVIEWER = { username: 'reviewer', displayName: '张审核' };

/** A data folder with the office, its administrator, a clerk and a reviewer, made through the services before the app starts. */
export async function officeDataDir(prefix: string): Promise<string> {
  const dataDir = tempDir(prefix);
  const db = await openDatabase(dataDir);
  const deps = { db, dataDir, now: () => new Date() };
  const admin = await initializeOffice(deps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
  await createUser(deps, admin, { ...E2E_CLERK, role: 'clerk', password: TEST_PASSWORD, mustChangePassword: false });
  await createUser(deps, admin, { ...E2E_REVIEWER, role: 'reviewer', password: TEST_PASSWORD, mustChangePassword: false });
  await db.close();
  return dataDir;
}
