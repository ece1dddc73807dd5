import { expect } from 'vitest';
import type { Locator } from 'playwright';
import type { E2eEnv } from './browser';
import { TEST_PASSWORD } from './testApp';

/**
 * What a person does in the app, for the end-to-end tests: find buttons and fields by their visible
 * names, sign in and out, take screenshots. `env` is read at each call (it is made in beforeAll).
 */
export function e2eActions(env: () => E2eEnv) {
  const page = () => env().page;
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  /**
   * antd puts a space between two Chinese characters in a button ("保 存"), and an icon adds its name in
   * front ("plus 新建记录"), so match names loosely.
   */
  const loose = (text: string) => new RegExp(`^(?:[a-z-]+\\s+)?\\s*${[...text].join('\\s*')}\\s*$`);
  const button = (name: string, within?: { getByRole: Locator['getByRole'] }) => (within ?? page()).getByRole('button', { name: loose(name) });
  const field = (label: string) => page().getByLabel(label, { exact: true });
  const userMenu = () => page().getByRole('button', { name: '用户菜单' });
  const navItem = (label: string) => page().locator('.frame-sider').getByRole('menuitem', { name: label, exact: true });
  const pageHead = () => page().locator('.page-head').first();
  /** Screenshots without the passing toasts (they fade after 3 s) or a hover. */
  async function shoot(name: string) {
    await page().mouse.move(0, 0);
    await poll(() => page().locator('.ant-message-notice').count()).toBe(0);
    await env().screenshot(name);
  }
  async function login(username: string) {
    await poll(() => button('登录').isVisible()).toBe(true);
    await field('登录名').fill(username);
    await field('密码').fill(TEST_PASSWORD);
    await button('登录').click();
    await poll(() => userMenu().isVisible()).toBe(true);
  }
  async function logout() {
    await userMenu().click();
    await page().getByRole('menuitem', { name: '退出登录' }).click();
    await poll(() => button('登录').isVisible()).toBe(true);
  }
  return { poll, loose, button, field, userMenu, navItem, pageHead, shoot, login, logout };
}
