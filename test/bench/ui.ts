/**
 * The screen part of the bench: the built renderer in Chromium, through the web harness, on the bench's
 * ledger. For each interaction a clerk makes on the 政务失信记录 list — a click on a sort, a filter choice, a
 * search term typed, next page — it measures from the input event to the frame that shows the new rows,
 * counts the list requests the interaction sent, and collects the browser's long tasks (over 50 ms).
 *
 *   tsx test/bench/ui.ts --data DIR [--rounds N]     (DIR: a ledger kept by `npm run bench -- --keep DIR`)
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright';
import { startHarness } from '../../electron/harness/server';
import { launchChromium } from '../support/browser';
import { TEST_PASSWORD } from '../support/testApp';
import { summarize, type Summary } from './stats';
import { argOf, isMainScript } from './benchProcess';

export interface UiBenchResult {
  /** Input → rows on screen, every interaction. */
  all: Summary;
  /** Input → the service's answer received (the rest of `all` is the renderer's). */
  answered: Summary;
  /** Input → the list request sent (the renderer's work before asking). */
  sent: Summary;
  byKind: Record<InteractionKind, Summary>;
  /** The longest task the browser reported during the interactions (0: none over the 50 ms threshold). */
  longTaskMaxMs: number;
  longTasks: number;
  /** The longest task per kind of interaction (where a slow one comes from). */
  longTaskMaxByKind: Record<InteractionKind, number>;
  /** records.list requests per interaction, most seen (1 is right). */
  maxListRequests: number;
}

type InteractionKind = 'sort' | 'filter' | 'search' | 'nextPage';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SEARCH_TERMS = ['街道', '工程款', '拖欠', '招商', '补贴', '2023', '社区', '合同'];

/** Build the renderer as `npm test` does, so the bench never times a stale bundle. */
export function buildRenderer(): void {
  execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * In the page: the time of the next input event (the clerk's click or keystroke) and a promise for the first
 * frame after it whose list rows differ from the rows before it, with no loading spinner over them.
 */
const PAGE_PROBE = () => {
  const w = window as unknown as { __uiBench: unknown; __longTasks: number[] };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  const signature = () =>
    Array.from(document.querySelectorAll('.records-table .ant-table-tbody tr.ant-table-row'))
      .map((r) => r.getAttribute('data-row-key'))
      .join(',') + (document.querySelector('.records-table .ant-table-placeholder') ? '|empty' : '');
  const loading = () => document.querySelector('.records-table .ant-spin-spinning') !== null;
  let inputAt = 0;
  let before = '';
  const onInput = (e: Event) => {
    if (!inputAt) inputAt = e.timeStamp;
  };
  for (const type of ['pointerdown', 'keydown', 'input']) window.addEventListener(type, onInput, true);
  w.__uiBench = {
    arm() {
      inputAt = 0;
      before = signature();
      w.__longTasks.length = 0;
    },
    settled(timeoutMs: number): Promise<{ ms: number; sentMs: number; answeredMs: number; longTasks: number[] }> {
      const started = performance.now();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (inputAt && signature() !== before && !loading()) {
            // The rows are in the DOM at this frame; the task after it runs once the frame is painted.
            setTimeout(() => {
              // When the list's answer arrived (the last call to the service): the rest is the renderer's time.
              const calls = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/invoke') && e.startTime >= inputAt);
              const answeredAt = calls.length ? Math.max(...calls.map((e) => (e as PerformanceResourceTiming).responseEnd)) : inputAt;
              const sentAt = calls.length ? Math.min(...calls.map((e) => e.startTime)) : inputAt;
              performance.clearResourceTimings();
              resolve({ ms: performance.now() - inputAt, sentMs: sentAt - inputAt, answeredMs: answeredAt - inputAt, longTasks: [...w.__longTasks] });
            }, 0);
          } else if (performance.now() - started > timeoutMs) {
            reject(new Error(`rows did not change within ${timeoutMs} ms (input seen: ${inputAt > 0})`));
          } else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    },
  };
};

async function login(page: Page, username: string): Promise<void> {
  await page.getByLabel('登录名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  // the window opens on the workbench; the bench measures the records list
  await page.locator('.workbench-page').waitFor({ timeout: 60_000 });
  await page.evaluate(() => { location.hash = '#/records'; });
  await page.locator('.records-table .ant-table-row').first().waitFor({ timeout: 60_000 });
}

/** One interaction: arm the probe, act, wait for the new rows; returns the time and the requests it sent. */
async function measure(page: Page, listRequests: { n: number }, act: () => Promise<void>) {
  await page.evaluate(() => (window as unknown as { __uiBench: { arm(): void } }).__uiBench.arm());
  listRequests.n = 0;
  await act();
  const result = await page.evaluate(() => (window as unknown as { __uiBench: { settled(t: number): Promise<{ ms: number; sentMs: number; answeredMs: number; longTasks: number[] }> } }).__uiBench.settled(20_000));
  // Requests still arriving after the rows (a second request for the same change) are counted too.
  await page.waitForTimeout(400);
  return { ...result, requests: listRequests.n };
}

export async function benchUi(dataDir: string, rounds = 8, log: (line: string) => void = console.log): Promise<UiBenchResult> {
  buildRenderer();
  const harness = await startHarness({ dataDir });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    // tsx names functions with a __name helper the page does not have.
    await page.addInitScript({ content: `var __name = (f) => f; (${PAGE_PROBE.toString()})();` });
    const listRequests = { n: 0 };
    page.on('request', (r) => {
      if (r.url().endsWith('/api/invoke') && (r.postData() ?? '').includes('"records.list"')) listRequests.n++;
    });
    await page.goto(harness.url);
    await login(page, 'clerk');

    const samples: Record<InteractionKind, number[]> = { sort: [], filter: [], search: [], nextPage: [] };
    const answered: number[] = [];
    const sent: number[] = [];
    const longTasks: number[] = [];
    const longTaskMaxByKind: Record<InteractionKind, number> = { sort: 0, filter: 0, search: 0, nextPage: 0 };
    let maxListRequests = 0;
    const run = async (kind: InteractionKind, act: () => Promise<void>, keep: boolean) => {
      const r = await measure(page, listRequests, act);
      if (!keep) return;
      samples[kind].push(r.ms);
      answered.push(r.answeredMs);
      sent.push(r.sentMs);
      longTasks.push(...r.longTasks);
      longTaskMaxByKind[kind] = Math.max(longTaskMaxByKind[kind], ...r.longTasks);
      maxListRequests = Math.max(maxListRequests, r.requests);
    };
    const filterBar = page.locator('.records-filter');
    const statusSelect = filterBar.getByLabel('状态', { exact: true });
    const statusOption = (label: string) => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label });

    for (let round = 0; round < rounds + 1; round++) {
      const keep = round > 0; // the first round warms up the page, the bundle and the database's cache
      await run('sort', () => page.locator('.records-table th').filter({ hasText: '发生日期' }).click(), keep);
      await run('nextPage', () => page.locator('.records-table .ant-pagination-next').click(), keep);
      await statusSelect.click();
      await run('filter', () => statusOption('已认定').click(), keep);
      await run('filter', () => statusOption('整改中').click(), keep);
      await run('filter', () => statusOption('已认定').click(), keep);
      await run('filter', () => statusOption('整改中').click(), keep);
      await page.keyboard.press('Escape');
      await run('search', () => filterBar.getByLabel('搜索', { exact: true }).fill(SEARCH_TERMS[round % SEARCH_TERMS.length]), keep);
      await run('nextPage', () => page.locator('.records-table .ant-pagination-next').click(), keep);
      await run('search', () => filterBar.getByLabel('搜索', { exact: true }).fill(''), keep);
      if (keep) log(`  第 ${round} 轮：${Object.entries(samples).map(([k, v]) => `${k} ${v.at(-1)?.toFixed(0)} ms`).join('，')}`);
    }
    const all = Object.values(samples).flat();
    return {
      all: summarize(all),
      answered: summarize(answered),
      sent: summarize(sent),
      byKind: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)])) as Record<InteractionKind, Summary>,
      longTaskMaxMs: longTasks.length ? Math.max(...longTasks) : 0,
      longTasks: longTasks.length,
      longTaskMaxByKind,
      maxListRequests,
    };
  } finally {
    await browser.close();
    await harness.close();
  }
}

// Run on its own: tsx test/bench/ui.ts --data DIR [--rounds N]
if (isMainScript(import.meta.filename)) {
  const data = argOf('--data');
  if (!data) throw new Error('use --data DIR (a ledger kept by npm run bench -- --keep DIR)');
  benchUi(path.resolve(data), Number(argOf('--rounds') ?? 8))
    .then((r) => console.log(JSON.stringify(r)))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
