import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eEnv } from '../support/browser';

/** The harness token leaves the address bar once the window has taken it, and the window keeps working. */

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(async () => {
  await env?.close();
});

describe('the harness token in the address', () => {
  it('is removed from the address bar and the history after load; calls and a reload still work', async () => {
    const { page, harness } = env;
    await expect.poll(() => page.getByText('首次使用设置').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(page.url()).not.toContain(harness.token);
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate(() => location.href)).toBe(`http://127.0.0.1:${harness.port}/`);
    await page.reload();
    await expect.poll(() => page.getByText('首次使用设置').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(page.url()).not.toContain('token=');
  });
});
