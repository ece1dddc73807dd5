import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { startHarness, type Harness, type HarnessOptions } from '../../electron/harness/server';
import { tempDir } from './testApp';

/**
 * End-to-end tests drive Debian's Chromium (never a downloaded browser) against the web harness, which
 * serves the built renderer and the same handler registry as the desktop app.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`找不到 Chromium（${CHROMIUM_PATH}）：请先 apt-get install chromium fonts-noto-cjk`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface E2eEnv {
  dataDir: string;
  harness: Harness;
  browser: Browser;
  page: Page;
  /** Stop the harness and start a new one on the same data folder (the app restarted). */
  restartHarness(): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startE2e(dataDir = tempDir('ledger-e2e-'), harnessOptions: Partial<HarnessOptions> = {}): Promise<E2eEnv> {
  const browser = await launchChromium();
  const env: E2eEnv = {
    dataDir,
    harness: await startHarness({ ...harnessOptions, dataDir }),
    browser,
    page: await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }),
    async restartHarness() {
      const port = env.harness.port;
      await env.harness.close();
      env.harness = await startHarness({ ...harnessOptions, dataDir, port });
      await env.page.goto(env.harness.url);
    },
    async screenshot(name) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await env.page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
      await env.harness.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await env.page.goto(env.harness.url);
  return env;
}
