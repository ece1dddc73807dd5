import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../electron/harness/server';
import { COMMITMENT_FIELD_LABELS as L } from '../../shared/domain/commitments';
import { todayIso } from '../../shared/validation/dates';
import { startE2e, type E2eEnv } from '../support/browser';
import { unitUscc } from '../support/commitmentFixtures';
import { e2eSteps, E2E_CLERK, officeDataDir, poll } from '../support/e2eSteps';
import { TEST_OFFICE, tempDir } from '../support/testApp';

/**
 * The 公开承诺 story in one browser session at 1280×720, tests in order: a clerk enters a commitment by the
 * labels of the form, due today, and logs a public complaint against it; the app starts again the next day
 * and the commitment has fallen overdue by itself (the system's version); the list finds it under
 * 逾期未兑现; one step makes the dishonesty record, which links back; a workbook with good and bad rows goes
 * through the import page.
 */

const TODAY = todayIso();
const TOMORROW_NOON = (() => {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 12, 0, 0);
})();
const TITLE = '低保申请限时办结';

let env: E2eEnv;
let dataDir: string;
let workDir: string;

beforeAll(async () => {
  dataDir = await officeDataDir('ledger-e2e-commitments-');
  workDir = tempDir('ledger-e2e-commitments-files-');
  env = await startE2e(dataDir);
  await env.page.setViewportSize({ width: 1280, height: 720 });
});
afterAll(async () => {
  await env?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

const { button, field, fieldError, navItem, login, shoot, choose, typeDate } = e2eSteps(() => env);
const heading = (name: string) => env.page.getByRole('heading', { name });
describe('a clerk enters a commitment', () => {
  it('fills the form by its labels; a missing field is named under it', async () => {
    await login(E2E_CLERK.username);
    await navItem('公开承诺').click();
    await poll(() => heading('公开承诺').isVisible()).toBe(true);
    await button('新建承诺').click();
    await poll(() => heading('新建公开承诺').isVisible()).toBe(true);
    // the office's own name is filled in once the form has loaded (the unit is most often the office itself)
    await poll(() => field(L.unitName).inputValue()).toBe(TEST_OFFICE.officeName);
    await field(L.unitUscc).fill(TEST_OFFICE.officeUscc);
    await field(L.number).fill('GK-2024-017');
    await field(L.title).fill(TITLE);
    await button('保存').click();
    await poll(() => fieldError(L.content).textContent()).toContain('请填写承诺内容');
    await field(L.content).fill('低保申请材料齐全的，自受理之日起 10 个工作日内完成入户调查并公示结果。');
    await choose(L.commitmentType, '期限承诺');
    await choose(L.serviceArea, '扶贫');
    await field(L.target).fill('按期办结率 100%，群众满意率不低于 95%');
    await field(L.department).fill('社会事务办');
    await field(L.responsiblePerson).fill('周某某');
    await choose(L.publishChannel, '政务公开栏');
    await typeDate(L.publishedOn, '2024-03-01');
    await typeDate(L.dueOn, TODAY);
    await poll(() => env.page.locator('.draft-status').textContent()).toContain('草稿已自动保存');
    await shoot('commitments-form');
    await button('保存').click();
    await poll(() => heading(TITLE).isVisible()).toBe(true);
    expect(await env.page.locator('.page-head').first().textContent()).toContain('待确认');
  });

  it('logs a public complaint against it, attributed in the log and the history', async () => {
    await button('登记群众投诉').click();
    const dialog = env.page.getByRole('dialog');
    await poll(() => dialog.isVisible()).toBe(true);
    await typeDate('收到日期', TODAY);
    await choose('投诉渠道', '12345热线');
    await field('投诉内容').fill('3 月递交的低保申请一个月未见答复。');
    await field('处理情况').fill('已转社会事务办核实，督促限期答复。');
    await dialog.getByText('属实', { exact: true }).click();
    await button('登记', dialog).click();
    await poll(() => env.page.locator('.supervision-table .ant-table-row').count()).toBe(1);
    expect(await env.page.locator('.supervision-table').textContent()).toContain(E2E_CLERK.displayName);
    expect(await env.page.locator('.version-timeline').textContent()).toContain('登记群众投诉');
  });
});

describe('the due date passes', () => {
  it('the next day the commitment is overdue by itself, as the system’s version', async () => {
    const port = env.harness.port;
    await env.harness.close();
    env.harness = await startHarness({ dataDir, port, ledgerNow: () => TOMORROW_NOON });
    await env.page.goto(env.harness.url);
    await login(E2E_CLERK.username);
    await navItem('公开承诺').click();
    const rows = env.page.locator('.commitments-table .ant-table-row');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('逾期未兑现');
    // the filter finds it among the overdue ones
    await field('状态').click();
    await env.page.locator('.ant-select-dropdown').getByText('逾期未兑现', { exact: true }).click();
    await env.page.keyboard.press('Escape');
    await poll(() => rows.count()).toBe(1);
    await shoot('commitments-list');
    await rows.first().click();
    await poll(() => heading(TITLE).isVisible()).toBe(true);
    const history = env.page.locator('.version-timeline');
    await poll(() => history.textContent()).toContain('到期未兑现');
    expect(await history.textContent()).toContain('系统（到期自动）');
    expect(await history.textContent()).toContain('状态：待确认 → 逾期未兑现');
    await shoot('commitments-detail');
  });

  it('one step makes the dishonesty record, linked both ways', async () => {
    await button('生成失信记录').click();
    const dialog = env.page.getByRole('dialog');
    await poll(() => dialog.isVisible()).toBe(true);
    await button('生成失信记录', dialog).click();
    await poll(() => heading(TEST_OFFICE.officeName).isVisible()).toBe(true);
    const content = env.page.locator('.record-descriptions');
    expect(await content.textContent()).toContain('未守信践诺');
    expect(await content.textContent()).toContain('乡镇街道');
    expect(await content.textContent()).toContain('12345热线');
    expect(await content.textContent()).toContain('GK-2024-017');
    const link = env.page.locator('.links-card a');
    expect(await link.textContent()).toContain(TITLE);
    await shoot('commitments-record-made');
    await link.click();
    await poll(() => heading(TITLE).isVisible()).toBe(true);
    expect(await env.page.locator('.links-card').textContent()).toContain('政务失信记录');
    expect(await button('生成失信记录').count()).toBe(0);
  });
});

describe('Excel import', () => {
  it('imports the good rows and reports the bad ones by row and column', async () => {
    const headers = [L.unitName, L.unitUscc, L.number, L.title, L.content, L.commitmentType, L.serviceArea, L.department, L.responsiblePerson, L.publishChannel, L.publishedOn, L.dueOn];
    const row = (n: number, over: Record<string, unknown> = {}) => {
      const cells: Record<string, unknown> = {
        [L.unitName]: '某某镇人民政府', [L.unitUscc]: unitUscc(n), [L.number]: `ZC-${n}`, [L.title]: `便民服务承诺 ${n}`,
        [L.content]: '群众办事一次告知、限时办结。', [L.commitmentType]: '服务质量', [L.serviceArea]: '便民', [L.department]: '便民服务中心',
        [L.responsiblePerson]: '孙某', [L.publishChannel]: '网站', [L.publishedOn]: '2024/3/5', [L.dueOn]: '2030年12月31日', ...over,
      };
      return headers.map((h) => cells[h]);
    };
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('公开承诺');
    ws.addRow(headers);
    ws.addRow(row(1)); // row 2
    ws.addRow(row(2, { [L.serviceArea]: '养狗' })); // row 3: no such area
    ws.addRow(row(3)); // row 4
    ws.addRow(row(4, { [L.dueOn]: '2024-01-01' })); // row 5: due before published
    ws.getColumn(2).numFmt = '@';
    const file = path.join(workDir, '公开承诺台账.xlsx');
    await wb.xlsx.writeFile(file);

    await navItem('公开承诺').click();
    await button('Excel 导入').click();
    await poll(() => heading('Excel 导入公开承诺').isVisible()).toBe(true);
    await env.page.locator('input[type=file]').setInputFiles(file);
    await poll(() => env.page.locator('.chosen-file').textContent()).toContain('公开承诺台账.xlsx');
    await button('导入').click();
    await button('导入', env.page.getByRole('dialog')).click(); // no 预检 first: confirm
    const result = env.page.locator('.import-result').first();
    await poll(() => result.textContent()).toContain('导入完成：已导入 2 行，未导入 2 行');
    const rows = await env.page.locator('.rejection-table .ant-table-row').allTextContents();
    expect(rows.some((r) => r.startsWith('3') && r.includes('服务领域'))).toBe(true);
    expect(rows.some((r) => r.startsWith('5') && r.includes('承诺期限'))).toBe(true);
    expect(rows.every((r) => r.startsWith('3') || r.startsWith('5'))).toBe(true);
    await shoot('commitments-import-report');
  });
});
