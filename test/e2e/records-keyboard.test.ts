import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eEnv } from '../support/browser';
import { e2eSteps, E2E_CLERK, E2E_REVIEWER, loose, officeDataDir, poll } from '../support/e2eSteps';

/**
 * A clerk at the keyboard all day, on a 1280×720 office screen, tests in order: a whole record typed with
 * keys only (Tab from field to field, typed choices and dates, Ctrl+S) and every stored field checked; errors
 * that stay until mended; Esc; the duplicate warning however fast the clerk saves (and when the service is
 * the one to find it); a draft that survives the window closing; the header's 待上报 count after a move.
 */

const CLERK = E2E_CLERK;
const REVIEWER = E2E_REVIEWER;
const TYPED = {
  unitName: '青禾镇人民政府',
  unitUscc: '11320102MB0000000F',
  situation: '拖欠企业账款',
  sector: '乡镇街道',
  clueSource: '民营企业沟通机制',
  severity: '较重',
  happenedOn: '2024-03-05',
  amount: '12,345.6',
  facts: '拖欠某建筑公司道路修缮工程款，经法院判决后仍未履行。',
  docName: '民事判决书',
  docNumber: '(2024)苏0102民初123号',
  docAuthority: '某某区人民法院',
  recognisedOn: '2024-05-20',
};

let env: E2eEnv;
/** The record typed with the keyboard (the later tests come back to it). */
let firstId = '';

beforeAll(async () => {
  const dataDir = await officeDataDir('ledger-e2e-keyboard-');
  env = await startE2e(dataDir);
  await env.page.setViewportSize({ width: 1280, height: 720 });
});
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await env?.screenshot(`failed-kbd-${context.task.name.replace(/[^\w\u4e00-\u9fa5]+/g, '-').slice(0, 60)}`).catch(() => undefined);
});
afterAll(async () => {
  await env?.close();
});

const { button, field, fieldError, navItem, pageHead, login, logout } = e2eSteps(() => env);
const heading = (name: string) => env.page.getByRole('heading', { name });
/** The id of the focused control or its group (antd names form controls `<form>_<field>`), else its tag. */
const focused = () =>
  env.page.evaluate(() => {
    const el = document.activeElement;
    return el?.id || el?.closest('[id]')?.id || `${el?.tagName.toLowerCase()}.${el?.className}`;
  });

/** Call a channel from the page with its harness token (to read back what was stored). */
async function callFromPage<T>(channel: string, payload: unknown): Promise<T> {
  const answer = await env.page.evaluate(
    async ([channel, payload]) => {
      const response = await fetch('./api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ledger-token': sessionStorage.getItem('ledger.harnessToken') ?? '' },
        body: JSON.stringify({ channel, payload }),
      });
      return (await response.json()) as { ok: boolean; data?: unknown; error?: unknown };
    },
    [channel, payload] as const,
  );
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.data as T;
}

/** Type into the focused control, then Tab; the cursor must then be in `next`. */
async function typeAndTab(text: string, next: string) {
  await env.page.keyboard.type(text, { delay: 5 });
  await env.page.keyboard.press('Tab');
  await poll(focused).toBe(next);
}

/** The required fields at speed (click, type, Enter), for the duplicate stories. */
async function fillQuickly(unit: { name: string; uscc: string }, happenedOn: string, facts: string, docNumber: string) {
  await field('单位名称').fill(unit.name);
  await field('统一社会信用代码').fill(unit.uscc);
  for (const [label, text] of [['失信情形', '拖欠'], ['领域', TYPED.sector], ['线索来源', '民营'], ['严重程度', '一般']]) {
    await field(label).click();
    await env.page.keyboard.type(text);
    await env.page.keyboard.press('Enter');
  }
  await field('发生日期').click();
  await env.page.keyboard.type(happenedOn);
  await env.page.keyboard.press('Enter');
  await field('失信事实').fill(facts);
  await field('认定文书编号').fill(docNumber);
}

async function openNewForm() {
  await navItem('政务失信记录').click();
  await button('新建记录').click();
  await poll(() => heading('新建失信记录').isVisible()).toBe(true);
}

describe('a record typed with the keyboard alone', () => {
  it('opens the form with the cursor in its first field', async () => {
    await login(CLERK.username);
    await openNewForm();
    // 主体类型 (单位, the default) has the cursor; Tab goes on to 单位名称.
    await poll(focused).toBe('record_subjectType');
    await env.page.keyboard.press('Tab');
    await poll(focused).toBe('record_unitName');
  });

  it('goes field to field with Tab in reading order, takes typed choices and dates, and saves with Ctrl+S', async () => {
    await typeAndTab(TYPED.unitName, 'record_unitUscc');
    await typeAndTab(TYPED.unitUscc.toLowerCase(), 'record_situation'); // typed in lower case, stored in capitals
    await typeAndTab('拖欠', 'record_sector'); // a choice taken by typing part of it
    await typeAndTab(TYPED.sector, 'record_clueSource');
    await typeAndTab('民营企业', 'record_severity');
    await typeAndTab(TYPED.severity, 'record_happenedOn');
    await typeAndTab(TYPED.happenedOn, 'record_amountFen'); // never the date's clear button
    await typeAndTab(TYPED.amount, 'record_facts');
    await typeAndTab(TYPED.facts, 'record_docName');
    await typeAndTab(TYPED.docName, 'record_docNumber');
    await typeAndTab(TYPED.docNumber, 'record_docAuthority');
    await typeAndTab(TYPED.docAuthority, 'record_recognisedOn');
    await env.page.keyboard.type('20240520'); // a date typed without separators
    await env.page.keyboard.press('Tab');
    await poll(() => field('认定日期').inputValue()).toBe(TYPED.recognisedOn);
    await env.screenshot('record-form-1280');

    await env.page.keyboard.press('Control+s');
    await poll(() => pageHead().textContent()).toContain(TYPED.unitName);
    firstId = env.page.url().split('#/records/')[1];
    const { record } = await callFromPage<{ record: Record<string, unknown> }>('records.get', { id: firstId });
    expect(record).toMatchObject({
      subjectType: 'unit',
      unitName: TYPED.unitName,
      unitUscc: TYPED.unitUscc,
      personName: null,
      personIdNumber: null,
      personPosition: null,
      situation: TYPED.situation,
      sector: TYPED.sector,
      clueSource: TYPED.clueSource,
      severity: TYPED.severity,
      happenedOn: TYPED.happenedOn,
      amountFen: 1_234_560,
      facts: TYPED.facts,
      docName: TYPED.docName,
      docNumber: TYPED.docNumber,
      docAuthority: TYPED.docAuthority,
      recognisedOn: TYPED.recognisedOn,
      status: 'verifying',
      version: 1,
    });
  });

  it('shows the detail page at 1280×720 without wrapping the 18-character code', async () => {
    const code = env.page.locator('.record-descriptions .code-text').first();
    await poll(() => code.textContent()).toContain(TYPED.unitUscc);
    const lines = await code.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
    });
    expect(lines).toBe(1);
    await env.screenshot('record-detail-1280');
  });
});

describe('errors stay until mended', () => {
  it('keeps a wrong check character after the cursor leaves, and says a short code is short once it leaves', async () => {
    await openNewForm();
    await field('统一社会信用代码').click();
    await env.page.keyboard.type('11320102MB0000000J');
    await poll(() => fieldError('统一社会信用代码').textContent()).toContain('校验位');
    await env.page.keyboard.press('Tab');
    await env.page.waitForTimeout(300);
    expect(await fieldError('统一社会信用代码').textContent()).toContain('应为“F”');
    // A code cut short is not nagged about while typing, but is said once the cursor has left.
    await field('统一社会信用代码').fill('1132010');
    await env.page.waitForTimeout(300);
    expect(await fieldError('统一社会信用代码').count()).toBe(0);
    await env.page.keyboard.press('Tab');
    await poll(() => fieldError('统一社会信用代码').textContent()).toContain('长度');
    await field('统一社会信用代码').fill(TYPED.unitUscc);
    await poll(() => fieldError('统一社会信用代码').count()).toBe(0);
  });

  it('keeps a future date in the box and says it may not be after today', async () => {
    const future = `${new Date().getFullYear() + 1}-01-15`;
    await field('发生日期').click();
    await env.page.keyboard.type(future);
    await env.page.keyboard.press('Tab');
    await poll(() => fieldError('发生日期').textContent()).toContain('不能晚于今天');
    expect(await field('发生日期').inputValue()).toBe(future);
    await env.page.waitForTimeout(300);
    expect(await field('发生日期').inputValue()).toBe(future);
    expect(await fieldError('发生日期').textContent()).toContain('发生日期不能晚于今天');
    await env.screenshot('record-form-kept-error-1280');
  });

  it('goes back to the list with Esc (the draft keeps what was typed)', async () => {
    await field('单位名称').click();
    await env.page.keyboard.press('Escape');
    await poll(() => heading('政务失信记录').isVisible()).toBe(true);
    expect(env.page.url()).toMatch(/#\/records$/);
  });
});

describe('duplicates', () => {
  it('warns with a link before saving, however fast the clerk saves', async () => {
    await button('新建记录').click();
    await poll(() => heading('新建失信记录').isVisible()).toBe(true);
    await poll(() => env.page.locator('.ant-alert').filter({ hasText: '已恢复未保存的草稿' }).isVisible()).toBe(true);
    await button('放弃草稿').click();
    await poll(focused).not.toBe('');
    // Everything at once, then Ctrl+S straight away: no time for the as-you-type lookup.
    await fillQuickly({ name: TYPED.unitName, uscc: TYPED.unitUscc }, '2024-04-01', '同一判决书项下另一笔拖欠的工程款。', TYPED.docNumber);
    await env.page.keyboard.press('Control+s');

    const dialog = env.page.getByRole('dialog').filter({ hasText: '该主体已有相同认定文书编号的记录' });
    await poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('link', { name: `${TYPED.unitName} · ${TYPED.docNumber}` }).isVisible()).toBe(true);
    await button('返回检查', dialog).click();
    await poll(() => dialog.count()).toBe(0);
    // The warning stays under the document fields, with its link.
    const warning = env.page.locator('.duplicate-warning');
    await poll(() => warning.isVisible()).toBe(true);
    expect(await warning.getByRole('link').textContent()).toContain(TYPED.docNumber);
    await env.screenshot('record-form-duplicate-1280');

    await env.page.keyboard.press('Control+s');
    await poll(() => dialog.isVisible()).toBe(true);
    await button('仍要保存', dialog).click();
    await poll(() => pageHead().textContent()).toContain(TYPED.unitName);
    const list = await callFromPage<{ total: number }>('records.list', { search: '青禾', page: 1, pageSize: 20 });
    expect(list.total).toBe(2);
  });

  it('shows the service’s duplicate answer and saves again with the clerk’s confirmation', async () => {
    // The service refuses a duplicate the form could not have seen (another clerk saved it a moment ago):
    // its answer is played here for the first save, as the service gives it.
    const sent: Array<Record<string, unknown>> = [];
    await env.page.route('**/api/invoke', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { channel: string; payload: Record<string, unknown> };
      if (body.channel !== 'records.create') return route.continue();
      sent.push(body.payload);
      if (body.payload.confirmedDuplicate) return route.continue();
      return route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { code: 'DUPLICATE', field: 'docNumber', message: '该主体已有认定文书编号相同的记录：桃源乡人民政府 · 桃政发〔2024〕9号' } }),
      });
    });
    try {
      await openNewForm();
      await fillQuickly({ name: '桃源乡人民政府', uscc: TYPED.unitUscc }, '2024-04-02', '未按协议兑现奖补资金。', '桃政发〔2024〕9号');
      await env.page.keyboard.press('Control+s');
      const dialog = env.page.getByRole('dialog').filter({ hasText: '该主体已有认定文书编号相同的记录' });
      await poll(() => dialog.isVisible()).toBe(true);
      expect(await dialog.textContent()).toContain('桃源乡人民政府 · 桃政发〔2024〕9号');
      await button('仍要保存', dialog).click();
      await poll(() => pageHead().textContent()).toContain('桃源乡人民政府');
      expect(sent.map((p) => p.confirmedDuplicate ?? false)).toEqual([false, true]);
    } finally {
      await env.page.unroute('**/api/invoke');
    }
  });
});

describe('drafts lose nothing', () => {
  it('offers 继续填写未保存的草稿 after the window was closed mid-record, and restores it', async () => {
    await openNewForm();
    await field('单位名称').fill('石桥街道办事处');
    await field('失信事实').fill('窗口关闭前刚刚输入的失信事实。');
    // The window closes at once (no time for the debounced save): the page-hide flush must carry it.
    await env.page.goto('about:blank');
    await env.restartHarness();
    await login(CLERK.username);
    const resume = button('继续填写未保存的草稿');
    await poll(() => resume.isVisible()).toBe(true);
    await resume.click();
    await poll(() => heading('新建失信记录').isVisible()).toBe(true);
    await poll(() => field('单位名称').inputValue()).toBe('石桥街道办事处');
    expect(await field('失信事实').inputValue()).toBe('窗口关闭前刚刚输入的失信事实。');
    await button('放弃草稿').click();
    await logout();
  });
});

describe('the header follows every change', () => {
  it('counts 待上报 up after an approval, without leaving the page', async () => {
    await login(REVIEWER.username);
    await env.page.goto(`${env.harness.url}#/records/${firstId}`);
    await poll(() => button('审核认定').isVisible()).toBe(true);
    const sync = env.page.locator('.sync-status');
    const count = async () => Number(/待上报 (\d+) 条/.exec((await sync.textContent()) ?? '')?.[1]);
    const before = await count();
    const url = env.page.url();
    await button('审核认定').click();
    const dialog = env.page.getByRole('dialog', { name: '审核认定' });
    await button('确认审核认定', dialog).click();
    await poll(() => pageHead().textContent()).toContain('已认定');
    await poll(count).toBe(before + 1);
    expect(env.page.url()).toBe(url);
  });
});

describe('office screens of 1280×720 (and 1920×1080)', () => {
  const listTable = () => env.page.locator('.records-table');

  it('shows the list’s key columns without a horizontal scroll, document numbers not cut', async () => {
    await navItem('政务失信记录').click();
    await poll(() => listTable().locator('.ant-table-row').count()).toBe(3);
    const fit = await listTable().evaluate((table) => {
      const scroller = table.querySelector<HTMLElement>('.ant-table-content, .ant-table-body') ?? table;
      const cut = Array.from(table.querySelectorAll<HTMLElement>('td.doc-number-cell')).filter((td) => td.scrollWidth > td.clientWidth).length;
      return { overflow: scroller.scrollWidth - scroller.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth, cut };
    });
    expect(fit).toEqual({ overflow: 0, page: 0, cut: 0 });
    for (const title of ['主体', '失信情形', '严重程度', '状态', '上报', '发生日期', '认定日期', '文书编号', '涉及金额', '最后修改']) {
      expect(await listTable().locator('th').filter({ hasText: title }).isVisible(), title).toBe(true);
    }
    expect(await listTable().locator('td.doc-number-cell').first().textContent()).toBe(TYPED.docNumber);
    await env.screenshot('records-list-1280');
  });

  it('takes the same screens at 1920×1080', async () => {
    await env.page.setViewportSize({ width: 1920, height: 1080 });
    try {
      await env.screenshot('records-list-1920');
      await env.page.goto(`${env.harness.url}#/records/${firstId}`);
      await poll(() => pageHead().textContent()).toContain(TYPED.unitName);
      await env.screenshot('record-detail-1920');
    } finally {
      await env.page.setViewportSize({ width: 1280, height: 720 });
    }
  });

  it('reaches the setup screen’s button at 1280×720', async () => {
    const fresh = await startE2e();
    try {
      await fresh.page.setViewportSize({ width: 1280, height: 720 });
      const finish = fresh.page.getByRole('button', { name: loose('完成设置') });
      await poll(() => finish.isVisible()).toBe(true);
      await finish.scrollIntoViewIfNeeded();
      const box = await finish.boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= 720).toBe(true);
      // Nothing above it is cut off either: the page scrolls to its top.
      const heading = fresh.page.getByText('首次使用设置');
      await heading.scrollIntoViewIfNeeded();
      expect(((await heading.boundingBox())?.y ?? -1) >= 0).toBe(true);
      await fresh.screenshot('setup-1280');
    } finally {
      await fresh.close();
    }
  });
});
