import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_FIELD_LABELS } from '../../shared/domain/dishonesty';
import { computeUsccCheckChar } from '../../shared/validation/uscc';
import { startE2e, type E2eEnv } from '../support/browser';
import { e2eSteps, E2E_CLERK, E2E_REVIEWER, officeDataDir, poll } from '../support/e2eSteps';
import { tempDir } from '../support/testApp';

/**
 * The 政务失信记录 story in one browser session, tests in order: a clerk enters a record through the form
 * (and is told about a wrong check character under the field), a reviewer approves it and sees the version
 * history, the list finds it by a two-character Chinese substring, the app restarts and it is still there,
 * and a workbook with two good and two bad rows goes through the import page.
 */

const CLERK = E2E_CLERK;
const REVIEWER = E2E_REVIEWER;
const UNIT = { name: '青禾镇人民政府', uscc: '11320102MB0000000F', badUscc: '11320102MB0000000J' };
const DOC_NUMBER = '(2024)苏0102民初123号';

let env: E2eEnv;
let workDir: string;

beforeAll(async () => {
  const dataDir = await officeDataDir('ledger-e2e-records-');
  workDir = tempDir('ledger-e2e-records-files-');
  env = await startE2e(dataDir);
});
afterAll(async () => {
  await env?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

const { button, field, fieldError, navItem, pageHead, login, logout, shoot, choose, typeDate } = e2eSteps(() => env);
const listRows = () => env.page.locator('.records-table .ant-table-row');

describe('a clerk enters a record', () => {
  it('opens the form from the list', async () => {
    await login(CLERK.username);
    // the window opens on the workbench (工作台); the ledger is one click away
    await poll(() => env.page.getByRole('heading', { name: '工作台' }).isVisible()).toBe(true);
    await navItem('政务失信记录').click();
    await poll(() => env.page.getByRole('heading', { name: '政务失信记录' }).isVisible()).toBe(true);
    await button('新建记录').click();
    await poll(() => env.page.getByRole('heading', { name: '新建失信记录' }).isVisible()).toBe(true);
    // A unit is the default subject; the person fields come with the other choice.
    expect(await field('单位名称').isVisible()).toBe(true);
    expect(await field('身份证号').count()).toBe(0);
  });

  it('shows the check-character error under 统一社会信用代码 while typing', async () => {
    await field('单位名称').fill(UNIT.name);
    await field('统一社会信用代码').fill(UNIT.badUscc);
    await poll(() => fieldError('统一社会信用代码').textContent()).toContain('校验位');
    expect(await fieldError('统一社会信用代码').textContent()).toContain('应为“F”');
    expect(await fieldError('统一社会信用代码').count()).toBe(1);
    // Saving now names every missing required field under it and writes nothing.
    await button('保存').click();
    await poll(() => fieldError('失信情形').textContent()).toContain('请选择失信情形');
    expect(await fieldError('失信事实').textContent()).toContain('请填写失信事实');
    expect(await fieldError('发生日期').textContent()).toContain('请填写发生日期');
    await shoot('record-form-errors');
  });

  it('fixes the code, fills the rest by label and saves', async () => {
    await field('统一社会信用代码').fill(UNIT.uscc);
    await poll(() => fieldError('统一社会信用代码').count()).toBe(0);
    await choose('失信情形', '拖欠企业账款');
    await choose('领域', '乡镇街道');
    await choose('线索来源', '民营企业沟通机制');
    await choose('严重程度', '较重');
    await typeDate('发生日期', '2024-03-05');
    await field('涉及金额（元）').fill('12,345.6');
    await field('失信事实').fill('拖欠某建筑公司道路修缮工程款，经法院判决后仍未履行。');
    await field('认定文书名称').fill('民事判决书');
    await field('认定文书编号').fill(DOC_NUMBER);
    await field('认定机关').fill('某某区人民法院');
    await typeDate('认定日期', '2024-05-20');
    // The draft is kept as the clerk types.
    await poll(() => env.page.locator('.draft-status').textContent()).toContain('草稿已自动保存');
    await button('保存').click();

    await poll(() => pageHead().textContent()).toContain(UNIT.name);
    expect(await pageHead().textContent()).toContain('线索核实中');
    const content = env.page.locator('.record-descriptions');
    expect(await content.textContent()).toContain(UNIT.uscc);
    expect(await content.textContent()).toContain('12,345.60 元');
    expect(await content.textContent()).toContain('2024-03-05');
    expect(await content.textContent()).toContain(DOC_NUMBER);
    // A clerk cannot approve.
    expect(await button('审核认定').count()).toBe(0);
    await logout();
  });
});

describe('a reviewer approves it', () => {
  it('approves with 审核认定 and sees 已认定 and the version history', async () => {
    await login(REVIEWER.username);
    // The window stays where the clerk left it (the record); the reviewer starts from the list.
    await navItem('政务失信记录').click();
    await poll(() => listRows().count()).toBe(1);
    await env.page.getByRole('link', { name: UNIT.name }).click();
    await poll(() => pageHead().textContent()).toContain('线索核实中');

    await button('审核认定').click();
    const dialog = env.page.getByRole('dialog', { name: '审核认定' });
    await poll(() => dialog.isVisible()).toBe(true);
    await button('确认审核认定', dialog).click();
    await poll(() => env.page.getByText('已审核认定，记录状态：已认定').isVisible()).toBe(true);

    await poll(() => pageHead().textContent()).toContain('已认定');
    expect(await pageHead().textContent()).toContain('已审核锁定');
    expect(await pageHead().textContent()).toContain('第 2 版');
    const history = env.page.locator('.version-timeline');
    await poll(() => history.textContent()).toContain('第 2 版');
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('审核认定');
    expect(text).toContain('线索核实中 → 已认定');
    expect(text).toContain(REVIEWER.displayName);
    expect(text).toContain('第 1 版');
    expect(text).toContain(CLERK.displayName);
    // Newest first.
    expect(text.indexOf('第 2 版')).toBeLessThan(text.indexOf('第 1 版'));
    // A locked record is corrected, not edited; approving again is no longer offered.
    expect(await button('更正').isVisible()).toBe(true);
    expect(await button('审核认定').count()).toBe(0);
    await shoot('record-detail-history');
  });
});

describe('the list', () => {
  it('finds the record by a two-character Chinese substring', async () => {
    await navItem('政务失信记录').click();
    await poll(() => listRows().count()).toBe(1);
    await field('搜索').fill('修缮'); // from 失信事实
    await poll(() => listRows().first().textContent()).toContain(UNIT.name);
    await field('搜索').fill('某某某某');
    await poll(() => env.page.getByText('没有符合筛选条件的记录').isVisible()).toBe(true);
    await field('搜索').fill('青禾');
    await poll(() => listRows().count()).toBe(1);
    const row = (await listRows().first().textContent()) ?? '';
    expect(row).toContain(UNIT.name);
    expect(row).toContain('已认定');
    expect(row).toContain('12,345.60 元');
  });

  it('still has it after the app restarts, with the search remembered', async () => {
    await env.restartHarness();
    await login(REVIEWER.username);
    // the window opens on the workbench; the list remembers its search when the clerk goes back to it
    await navItem('政务失信记录').click();
    await poll(() => field('搜索').inputValue()).toBe('青禾');
    await poll(() => listRows().count()).toBe(1);
    expect(await listRows().first().textContent()).toContain(UNIT.name);
    expect(await listRows().first().textContent()).toContain('已认定');
  });
});

/* ------------------------------------------------------------------ import */

const uscc = (n: number) => {
  const first17 = `913201020${String(n).padStart(8, '0')}`;
  return first17 + computeUsccCheckChar(first17);
};

async function buildWorkbook(file: string) {
  const L = RECORD_FIELD_LABELS;
  const headers = Object.values(L);
  const row = (cells: Partial<Record<string, unknown>>) => headers.map((h) => cells[h] ?? null);
  const good = (n: number, extra: Record<string, unknown> = {}) => ({
    [L.subjectType]: '单位',
    [L.unitName]: `桃源乡人民政府第${n}分所`,
    [L.unitUscc]: uscc(n),
    [L.situation]: '未守信践诺',
    [L.sector]: '招商引资',
    [L.clueSource]: '自查',
    [L.facts]: `未按招商引资协议兑现奖补资金（第 ${n} 项）。`,
    [L.docName]: '问责决定书',
    [L.docNumber]: `桃政发〔2024〕${n}号`,
    [L.recognisedOn]: '2024/6/1',
    [L.docAuthority]: '某某区纪委监委',
    [L.amountFen]: '50,000.00',
    [L.happenedOn]: '2024年3月5日',
    [L.severity]: '一般',
    ...extra,
  });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('政务失信记录');
  ws.addRow(headers);
  ws.addRow(row(good(1))); // row 2
  ws.addRow(row(good(2, { [L.unitUscc]: `${uscc(2).slice(0, 17)}${uscc(2)[17] === '0' ? '1' : '0'}` }))); // row 3: wrong check character
  ws.addRow(row(good(3))); // row 4
  ws.addRow(row(good(4, { [L.happenedOn]: '2024-02-30' }))); // row 5: no such day
  ws.getColumn(3).numFmt = '@';
  await wb.xlsx.writeFile(file);
}

describe('Excel import', () => {
  it('checks and imports a workbook, reporting the bad rows by row number and column', async () => {
    const file = path.join(workDir, '失信记录台账.xlsx');
    await buildWorkbook(file);
    await button('Excel 导入').click();
    await poll(() => env.page.getByRole('heading', { name: 'Excel 导入政务失信记录' }).isVisible()).toBe(true);
    await env.page.locator('input[type=file]').setInputFiles(file);
    await poll(() => env.page.locator('.chosen-file').textContent()).toContain('失信记录台账.xlsx');

    await button('预检').click();
    const result = env.page.locator('.import-result').first();
    await poll(() => result.textContent()).toContain('预检完成');
    expect(await result.textContent()).toContain('可导入 2 行');
    const rejections = env.page.locator('.rejection-table .ant-table-row');
    await poll(() => rejections.count()).toBeGreaterThanOrEqual(2);
    const rows = await rejections.allTextContents();
    expect(rows.some((r) => r.startsWith('3') && r.includes('统一社会信用代码') && r.includes('校验位'))).toBe(true);
    expect(rows.some((r) => r.startsWith('5') && r.includes('发生日期'))).toBe(true);
    expect(rows.every((r) => r.startsWith('3') || r.startsWith('5'))).toBe(true);

    await button('导入').click();
    await poll(() => result.textContent()).toContain('导入完成：已导入 2 行，未导入 2 行');
    expect(await button('下载导入报告').isVisible()).toBe(true);
    expect(await button('已导入').isDisabled()).toBe(true);
    await shoot('records-import-report');
  });

  it('shows the imported rows on the list', async () => {
    await navItem('政务失信记录').click();
    await poll(() => field('搜索').inputValue()).toBe('青禾');
    await button('清除筛选').click();
    await poll(() => listRows().count()).toBe(3);
    expect(await env.page.locator('.ant-pagination').textContent()).toContain('共 3 条');
    await field('搜索').fill('桃源');
    await poll(() => listRows().count()).toBe(2);
    await button('清除筛选').click();
    await poll(() => listRows().count()).toBe(3);
    await shoot('records-list');
  });

  it('filters by 状态, keeps the filter across a reload, and clears it', async () => {
    const filterBar = env.page.locator('.records-filter');
    const filterItem = (label: string) => filterBar.locator('.ant-form-item').filter({ has: env.page.getByLabel(label, { exact: true }) });
    const chooseFilter = async (label: string, option: string) => {
      await filterBar.getByLabel(label, { exact: true }).click();
      await filterBar.getByLabel(label, { exact: true }).fill(option);
      await env.page.keyboard.press('Enter');
      await env.page.keyboard.press('Escape');
      await poll(() => filterItem(label).textContent()).toContain(option);
    };
    await chooseFilter('状态', '已认定');
    await poll(() => listRows().count()).toBe(1); // the approved record; the two imported are still being verified
    expect(await listRows().first().textContent()).toContain('已认定');
    await chooseFilter('状态', '线索核实中');
    await poll(() => listRows().count()).toBe(3);
    await chooseFilter('严重程度', '一般'); // the two imported rows; the record typed in is 较重
    await poll(() => listRows().count()).toBe(2);
    await env.page.reload();
    await poll(() => filterItem('严重程度').textContent()).toContain('一般');
    expect(await filterItem('状态').textContent()).toContain('已认定');
    await poll(() => listRows().count()).toBe(2);
    await button('清除筛选').click();
    await poll(() => listRows().count()).toBe(3);
    expect(await filterItem('状态').textContent()).not.toContain('已认定');
  });

  it('refuses a file that is not a workbook with an alert', async () => {
    const file = path.join(workDir, '不是表格.xlsx');
    fs.writeFileSync(file, '这不是 Excel 文件');
    await button('Excel 导入').click();
    await env.page.locator('input[type=file]').setInputFiles(file);
    await poll(() => env.page.locator('.chosen-file').textContent()).toContain('不是表格.xlsx');
    await button('预检').click();
    await poll(() => env.page.locator('.ant-alert').filter({ hasText: '文件无法导入' }).isVisible()).toBe(true);
  });
});
