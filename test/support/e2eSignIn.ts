import { expect } from 'vitest';
import type { Locator, Page } from 'playwright';

/**
 * Signing in and out through the window, as a user does. antd puts a space between two Chinese characters
 * in a button ("登 录"), and a button that was loading may keep "loading" in its name, so names match loosely.
 */
export const looseButtonName = (text: string) => new RegExp(`^\\s*(loading\\s+)?${[...text].join('\\s*')}\\s*$`);

export function signInSteps(page: () => Page) {
  const button = (name: string) => page().getByRole('button', { name: looseButtonName(name) });
  async function fill(labels: Record<string, string>, within: Locator | Page = page()) {
    for (const [label, value] of Object.entries(labels)) await within.getByLabel(label, { exact: true }).fill(value);
  }
  return {
    fill,
    async login(username: string, password: string) {
      await button('登录').waitFor({ state: 'visible', timeout: 15_000 });
      await fill({ 登录名: username, 密码: password });
      await button('登录').click();
    },
    async logout() {
      await page().getByRole('button', { name: '用户菜单' }).click();
      await page().getByRole('menuitem', { name: '退出登录' }).click();
      await expect.poll(() => button('登录').isVisible(), { timeout: 15_000, interval: 100 }).toBe(true);
    },
  };
}
