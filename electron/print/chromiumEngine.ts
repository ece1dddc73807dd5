import type { Browser, Page } from 'playwright';
import type { PrintEngine } from './printEngine';

/**
 * The print engine under Node: Debian's Chromium (never a downloaded one) through Playwright, one browser kept
 * warm for the process. `CHROMIUM_PATH` overrides /usr/bin/chromium.
 */
let browser: Promise<Browser> | null = null;

async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright');
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--font-render-hinting=none'] });
}

async function laidOut(html: string): Promise<Page> {
  browser ??= launch();
  const page = await (await browser).newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.paginated !== undefined, undefined, { timeout: 30_000 });
    const state = await page.evaluate(() => [document.documentElement.dataset.paginated, document.documentElement.dataset.error]);
    if (state[0] !== 'done') throw new Error(`通知书排版失败：${state[1] ?? ''}`);
    return page;
  } catch (error) {
    await page.close();
    throw error;
  }
}

export const chromiumEngine: PrintEngine = {
  async layout(html) {
    const page = await laidOut(html);
    try {
      return await page.content();
    } finally {
      await page.close();
    }
  },
  async pdf(html) {
    const page = await laidOut(html);
    try {
      return await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await page.close();
    }
  },
};

/** Close the warm browser (the CLI and tests, before they exit). */
export async function closeChromiumEngine(): Promise<void> {
  const b = browser;
  browser = null;
  if (b) await (await b).close();
}
