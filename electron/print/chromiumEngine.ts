import type { Browser, Page } from 'playwright';
import type { PrintEngine } from './printEngine';

/**
 * The print engine under Node: Debian's Chromium (never a downloaded one) through Playwright. One browser and
 * one page are kept warm for the process (a new page costs more than the layout itself) and used one
 * document at a time. `CHROMIUM_PATH` overrides /usr/bin/chromium.
 */
let browser: Promise<Browser> | null = null;
let warmPage: Promise<Page> | null = null;
let queue: Promise<unknown> = Promise.resolve();

async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright');
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--font-render-hinting=none'] });
}

function page(): Promise<Page> {
  browser ??= launch();
  warmPage ??= browser.then((b) => b.newPage());
  return warmPage;
}

/** Run `work` on the page with `html` laid out (paginated), one document at a time. */
function withLaidOut<T>(html: string, work: (page: Page) => Promise<T>): Promise<T> {
  const run = async () => {
    const p = await page();
    try {
      await p.setContent(html, { waitUntil: 'load' });
      await p.waitForFunction(() => document.documentElement.dataset.paginated !== undefined, undefined, { timeout: 30_000 });
      const state = await p.evaluate(() => [document.documentElement.dataset.paginated, document.documentElement.dataset.error]);
      if (state[0] !== 'done') throw new Error(`通知书排版失败：${state[1] ?? ''}`);
      return await work(p);
    } catch (error) {
      warmPage = null;
      await p.close().catch(() => undefined);
      throw error;
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

export const chromiumEngine: PrintEngine = {
  layout: (html) => withLaidOut(html, (p) => p.content()),
  pdf: (html) => withLaidOut(html, (p) => p.pdf({ preferCSSPageSize: true, printBackground: true })),
};

/** Close the warm browser (the CLI and tests, before they exit). */
export async function closeChromiumEngine(): Promise<void> {
  const b = browser;
  browser = null;
  warmPage = null;
  if (b) await (await b).close();
}
