import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eEnv } from '../support/browser';

let env: E2eEnv;
beforeAll(async () => { env = await startE2e(); });
afterAll(async () => { await env?.close(); });

describe('first start', () => {
  it('shows the setup screen and refuses a bad office USCC', async () => {
    const { page } = env;
    await page.getByLabel('单位名称').fill('某某市某某区某某街道办事处');
    await page.getByLabel('单位统一社会信用代码').fill('11320102MB0000000J');
    await page.getByLabel('单位统一社会信用代码').blur();
    await env.screenshot('setup-error');
    await expect.poll(() => page.getByText('校验').count()).toBeGreaterThan(0);
  });
});
