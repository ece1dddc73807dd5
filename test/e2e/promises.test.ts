/**
 * The investment-promise ledger in Chromium at 1280×720, as a clerk uses it: a project with two items entered
 * through the form, handed over to a successor, a payment recorded with its voucher; the figures page and the
 * workbench (the page after sign-in) change accordingly. Screenshots: project detail, figures with charts, workbench.
 */
import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import { createProject, recordPayment } from '../../electron/services/promises';
import { startE2e, type E2eEnv } from '../support/browser';
import { e2eSteps, officeDataDir, poll } from '../support/e2eSteps';
import { ENTERPRISE_USCC, projectInput } from '../support/promiseFixtures';
import { promiseCells, promisesWorkbook } from '../support/promiseWorkbooks';
import { tempDir } from '../support/testApp';

let env: E2eEnv;
let workDir: string;
const { button, field, navItem, login } = e2eSteps(() => env);
const day = (offset: number) => dayjs().add(offset, 'day').format('YYYY-MM-DD');

async function shoot(name: string) {
  await env.page.mouse.move(0, 0);
  await poll(() => env.page.locator('.ant-message-notice').count()).toBe(0);
  await env.screenshot(name);
}

/** A call from the page, as the window makes it (the harness token is in its session storage). */
const call = <T>(channel: string, payload: unknown) => env.page.evaluate(async ([c, p]) => {
  const token = sessionStorage.getItem('ledger.harnessToken');
  const response = await fetch('./api/invoke', { method: 'POST', headers: { 'content-type': 'application/json', 'x-ledger-token': token ?? '' }, body: JSON.stringify({ channel: c, payload: p }) });
  return ((await response.json()) as { data: unknown }).data;
}, [channel, payload] as const) as Promise<T>;

type Wb = { overdueTotal: number; dueSoonTotal: number; figures: Array<{ value: string }> };
type Fig = { total: { dueFen: number; paidFen: number; overdueFen: number; overdueCount: number; rate: number | null } };
const year = dayjs().year();
const thisYear = { from: `${year}-01-01`, to: `${year}-12-31` };

beforeAll(async () => {
  const dataDir = await officeDataDir('ledger-e2e-promises-');
  // Two projects already in the ledger, so the figures have departments and months to compare.
  const db = await openDatabase(dataDir);
  const deps = { db, dataDir, now: () => new Date() };
  const clerk = (await db.read((sql) => sql.get<{ id: string; username: string; display_name: string; role: 'clerk' }>(`SELECT * FROM users WHERE username = 'clerk'`)))!;
  const actor = { id: clerk.id, username: clerk.username, displayName: clerk.display_name, role: clerk.role };
  const base = projectInput(clerk.id, { signedOn: `${year - 1}-06-01` });
  const a = await createProject(deps, actor, { ...base, agreementNo: 'ZS-OLD-1', items: [
    { ...base.items[0], dueOn: `${year}-01-20`, amountFen: 80_000_00, department: '经济发展办' },
    { ...base.items[1], dueOn: day(-3) < `${year}-01-25` ? `${year}-01-25` : day(-3), amountFen: 40_000_00, department: '城建办' },
  ] });
  await recordPayment(deps, actor, { projectId: a.id, expectedVersion: 1, itemId: a.items[0].id, paidOn: `${year}-01-15`, amountFen: 80_000_00, voucherNo: 'PZ-2026-001' });
  await createProject(deps, actor, { ...base, agreementNo: 'ZS-OLD-2', enterpriseUscc: ENTERPRISE_USCC[1], enterpriseName: '苏州某某新材料有限公司', projectName: '新材料研发中心', items: [
    { ...base.items[0], dueOn: `${year}-02-28`, amountFen: 30_000_00, department: '财政所', type: '税费优惠' },
  ] });
  await db.close();
  workDir = tempDir('ledger-e2e-promises-files-');
  fs.writeFileSync(path.join(workDir, '拨付凭证.pdf'), '%PDF-1.4\n% 凭证\n');
  env = await startE2e(dataDir);
  await env.page.setViewportSize({ width: 1280, height: 720 });
}, 120_000);
afterAll(async () => {
  await env?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('a clerk keeps an investment project', { timeout: 180_000 }, () => {
  let before: { wb: Wb; fig: Fig };

  it('signs in to the workbench', async () => {
    await login('clerk');
    await poll(() => env.page.getByRole('heading', { name: '工作台' }).isVisible()).toBe(true);
    before = { wb: await call<Wb>('workbench.get', { mine: false }), fig: await call<Fig>('promises.figures', thisYear) };
    expect(before.wb.overdueTotal).toBeGreaterThanOrEqual(1);
    await poll(() => env.page.locator('.wb-overdue .ant-statistic-content-value').textContent()).toBe(String(before.wb.overdueTotal));
  });

  it('enters a project with two items through the form', async () => {
    await navItem('招商引资承诺').click();
    await button('新建项目').click();
    await poll(() => env.page.getByRole('heading', { name: '新建招商引资项目' }).isVisible()).toBe(true);
    await field('项目名称').fill('智慧物流园项目');
    await field('企业名称').fill('南京某某物流科技有限公司');
    await field('企业统一社会信用代码').fill(ENTERPRISE_USCC[2]);
    await field('协议编号').fill('ZS-2026-018');
    await field('签订日期').fill(`${year - 1}-03-05`);
    await env.page.keyboard.press('Enter');
    await field('签约主体').fill('某某街道办事处');
    const card = (i: number) => env.page.locator('.promise-item-card').nth(i);
    const fillItem = async (i: number, values: { type: string; content: string; amount: string; due: string; dept: string }) => {
      const c = card(i);
      await c.getByRole('combobox', { name: `第${i + 1}项承诺类型` }).click();
      await env.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: values.type }).click();
      await c.getByLabel(`第${i + 1}项承诺内容`).fill(values.content);
      await c.getByLabel(`第${i + 1}项承诺金额（元）`).fill(values.amount);
      await c.locator('.date-input input').fill(values.due);
      await env.page.keyboard.press('Enter');
      await c.getByRole('combobox', { name: `第${i + 1}项责任部门` }).fill(values.dept);
      await c.getByRole('combobox', { name: `第${i + 1}项责任人` }).click();
      await env.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '李录入' }).click();
    };
    await fillItem(0, { type: '财政奖补', content: '物流园一期竣工后给予建设奖励', amount: '200,000', due: day(-10), dept: '经济发展办' });
    await button('添加承诺事项').click();
    await fillItem(1, { type: '基础设施配套', content: '园区外道路配套建设', amount: '150000.00', due: day(20), dept: '城建办' });
    await button('保存').click();
    await poll(() => env.page.getByRole('heading', { name: '智慧物流园项目' }).isVisible()).toBe(true);
    const rows = env.page.locator('.items-table > div > div > div > div > div > table > tbody > tr.ant-table-row, .items-table tr.ant-table-row-level-0');
    await poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('逾期未兑现');
    expect(await rows.nth(1).textContent()).toContain('未到期');
  });

  it('hands the project over and records a payment with its voucher', async () => {
    await button('工作交接').click();
    const modal = env.page.locator('.ant-modal').filter({ hasText: '确认交接' });
    await modal.getByLabel('接手责任人').click();
    await env.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '张审核' }).click();
    await modal.getByLabel('交接日期').fill(day(0));
    await env.page.keyboard.press('Enter');
    await modal.getByLabel('交接原因').fill('李录入调任经济发展办，项目移交张审核');
    await modal.getByRole('button', { name: /确认交接/ }).click();
    await poll(() => env.page.locator('.handover-card').textContent()).toContain('李录入 → 张审核');
    const items = env.page.locator('.items-table tr.ant-table-row-level-0');
    await poll(() => items.nth(0).textContent()).toContain('张审核');

    await items.nth(0).getByRole('button', { name: /登记兑现/ }).click();
    const pay = env.page.locator('.ant-modal').filter({ hasText: '凭证号' });
    await pay.getByLabel('兑现日期').fill(day(0));
    await env.page.keyboard.press('Enter');
    await pay.getByLabel('兑现金额（元）').fill('120,000');
    await pay.getByLabel('凭证号').fill('PZ-2026-0420');
    await pay.locator('input[type=file]').setInputFiles(path.join(workDir, '拨付凭证.pdf'));
    await pay.getByRole('button', { name: /保\s*存/ }).click();
    await poll(() => env.page.locator('.payments-table').first().textContent()).toContain('PZ-2026-0420');
    expect(await env.page.locator('.payments-table').first().textContent()).toContain('拨付凭证.pdf');
    await poll(() => items.nth(0).textContent()).toContain('120,000.00');
    await shoot('promise-project-detail-1280');
  });

  it('the figures page shows the payment in 兑现率 and the overdue amount, with charts', async () => {
    const after = await call<Fig>('promises.figures', thisYear);
    expect(after.total.dueFen).toBe(before.fig.total.dueFen + 200_000_00);
    expect(after.total.paidFen).toBe(before.fig.total.paidFen + 120_000_00);
    expect(after.total.overdueFen).toBe(before.fig.total.overdueFen + 80_000_00);
    expect(after.total.overdueCount).toBe(before.fig.total.overdueCount + 1);
    await env.page.evaluate(() => { location.hash = '#/promises/figures'; });
    await poll(() => env.page.getByRole('heading', { name: '招商引资承诺兑现统计' }).isVisible()).toBe(true);
    const rate = `${((after.total.rate ?? 0) * 100).toFixed(1)}%`;
    await poll(() => env.page.locator('.figures-summary').textContent()).toContain(rate);
    await poll(() => env.page.locator('.chart-card .recharts-wrapper').count()).toBe(2);
    expect(await env.page.locator('.chart-card .recharts-bar-rectangle').count()).toBeGreaterThan(3);
    await shoot('promise-figures-1280');
  });

  it('the workbench counts the new overdue item and the one due within 30 days; each number opens its list', async () => {
    await navItem('工作台').click();
    const wb = await call<Wb>('workbench.get', { mine: false });
    expect(wb.overdueTotal).toBe(before.wb.overdueTotal + 1);
    expect(wb.dueSoonTotal).toBe(before.wb.dueSoonTotal + 1);
    expect(wb.figures[0].value).not.toBe(before.wb.figures[0].value);
    await poll(() => env.page.locator('.wb-overdue .ant-statistic-content-value').textContent()).toBe(String(wb.overdueTotal));
    await poll(() => env.page.locator('.workbench-page').textContent()).toContain('智慧物流园项目');
    await shoot('workbench-1280');
    await env.page.locator('.wb-overdue').click();
    await poll(() => env.page.locator('.promises-table .ant-table-row').count()).toBe(wb.overdueTotal);
    expect(await env.page.locator('.promises-table').textContent()).toContain('智慧物流园项目');
  });

  it('makes a dishonesty record from the overdue item in one step; the record links back to the project', async () => {
    await navItem('招商引资承诺').click();
    await env.page.locator('.promises-table a').filter({ hasText: '智慧物流园项目' }).first().click();
    await poll(() => env.page.getByRole('heading', { name: '智慧物流园项目' }).isVisible()).toBe(true);
    await button('生成失信记录').click();
    const modal = env.page.locator('.ant-modal').filter({ hasText: '领域为“招商引资”' });
    await modal.getByRole('radio', { name: '新官不理旧账' }).check();
    await modal.getByRole('button', { name: /生\s*成/ }).click();
    await poll(() => env.page.getByRole('link', { name: '查看失信记录' }).isVisible()).toBe(true);
    await env.page.getByRole('link', { name: '查看失信记录' }).click();
    await poll(() => env.page.locator('.record-detail-page').textContent()).toContain('招商引资项目“智慧物流园项目”第 1 项');
    expect(await env.page.locator('.record-detail-page').textContent()).toContain('新官不理旧账');
    await env.page.getByRole('link', { name: /招商引资项目“智慧物流园项目”/ }).click();
    await poll(() => env.page.getByRole('heading', { name: '智慧物流园项目' }).isVisible()).toBe(true);
  });

  it('drafts a 限期整改通知书 to the department that owes the overdue item; the project lists it', async () => {
    await button('下发整改通知书').click();
    await poll(() => env.page.locator('.page').textContent()).toContain('政策承诺逾期未兑现');
    expect(await env.page.locator('.page').textContent()).toContain('智慧物流园项目');
    await env.page.goBack();
    await poll(() => env.page.locator('.notices-of-source').textContent()).toContain('限期整改通知书（草稿）');
  });

  it('imports a workbook of two projects on the import page; a project whose rows disagree is reported, row by row', async () => {
    const file = path.join(workDir, '招商引资台账.xlsx');
    fs.writeFileSync(file, await promisesWorkbook([
      promiseCells('IMP-1', 1), promiseCells('IMP-1', 2),
      promiseCells('IMP-2', 1), promiseCells('IMP-2', 2, { 签约主体: '另一个签约主体' }),
    ]));
    await navItem('招商引资承诺').click();
    await button('Excel 导入').click();
    await poll(() => env.page.getByRole('heading', { name: 'Excel 导入招商引资承诺' }).isVisible()).toBe(true);
    await env.page.locator('input[type=file]').setInputFiles(file);
    await button('预检').click();
    await poll(() => env.page.locator('.import-result').first().textContent()).toContain('签约主体');
    await button('导入').click();
    await poll(() => env.page.getByText('已导入 2 行承诺事项').isVisible()).toBe(true);
    await button('查看承诺事项列表').click();
    await poll(() => env.page.locator('.promises-table').textContent()).toContain('项目IMP-1');
  });
});
