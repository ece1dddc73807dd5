/**
 * The 招商引资承诺 spreadsheet: one row per item, grouped into projects by 协议编号 + 企业统一社会信用代码;
 * rows of one project that disagree on a project column are refused together, each named; responsible people
 * must be users; the export lays items out like the template, so it imports again (and is then refused as
 * the same projects).
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPendingUploads } from '../../electron/services/outbox/outbox';
import { queryPromises, getProject } from '../../electron/services/promises';
import { buildPromiseTemplate, exportPromisesWorkbook } from '../../electron/services/promises/excel/exportPromises';
import { importPromisesWorkbook } from '../../electron/services/promises/excel/importPromises';
import { promiseCells, promisesWorkbook, PROMISE_HEADERS } from '../support/promiseWorkbooks';
import { createTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp({ now: () => new Date('2026-04-01T10:00:00') });
});
afterEach(async () => app.close());

const list = () => queryPromises(app.deps, { sortBy: 'dueOn', sortOrder: 'asc', page: 1, pageSize: 200 }, null);

describe('import', () => {
  it('groups rows into projects and refuses a project whose rows disagree, naming every row on the column', async () => {
    const bytes = await promisesWorkbook([
      promiseCells('A-1', 1), // rows 2–3: one project of two items
      promiseCells('A-1', 2, { 兑现期限: '2026-01-31' }),
      promiseCells('B-2', 1), // rows 4–5: the project name differs
      promiseCells('B-2', 2, { 项目名称: '另一个名称' }),
      promiseCells('C-3', 1, { 责任人: '不存在的人' }), // row 6
      promiseCells('A-1', 3, { 企业统一社会信用代码: '91320105MA1N00001J' }), // row 7: same number, another enterprise: its own project
    ]);
    const result = await importPromisesWorkbook(app.deps, app.clerk, bytes, { dryRun: false, fileName: '台账.xlsx' });
    expect(result.accepted).toBe(3);
    expect(result.rejected).toEqual([
      { row: 4, column: '项目名称', reason: '同一项目的各行（第 4、5 行）“项目名称”不一致，请统一后再导入' },
      { row: 5, column: '项目名称', reason: '同一项目的各行（第 4、5 行）“项目名称”不一致，请统一后再导入' },
      { row: 6, column: '责任人', reason: '“不存在的人”不是本系统中在岗的用户，请先添加该用户或改填在岗人员' },
    ]);
    expect(result.report?.fileName).toContain('台账');
    const items = (await list()).items;
    expect(items.map((i) => [i.agreementNo, i.amountFen, i.status, i.type, i.responsibleName])).toEqual([
      ['A-1', 120_000_000, 'overdue', '税费优惠', '李录入'], // due 2026-01-31, the 税收优惠 synonym
      ['A-1', 120_000_000, 'pending', '财政奖补', '李录入'],
      ['A-1', 120_000_000, 'pending', '财政奖补', '李录入'],
    ]);
    const projects = new Set(items.map((i) => i.projectId));
    expect(projects.size).toBe(2);
    const uploads = (await app.db.read((sql) => listPendingUploads(sql, 100))).filter((u) => u.kind === 'investment_promise');
    expect(uploads).toHaveLength(2);
    const first = (await getProject(app.deps, items[0].projectId)).project;
    expect(first).toMatchObject({ signedOn: '2025-01-10', collectiveDecision: false, items: [{ position: 1 }, { position: 2 }] });
  });

  it('refuses rows of a project already in the ledger, and writes nothing on a dry run', async () => {
    const bytes = await promisesWorkbook([promiseCells('A-1', 1)]);
    expect((await importPromisesWorkbook(app.deps, app.clerk, bytes, { dryRun: true })).accepted).toBe(1);
    expect((await list()).total).toBe(0);
    await importPromisesWorkbook(app.deps, app.clerk, bytes, { dryRun: false });
    const again = await importPromisesWorkbook(app.deps, app.clerk, bytes, { dryRun: false });
    expect(again.rejected).toEqual([{ row: 2, column: '协议编号', reason: '台账中已有该企业此协议编号的项目（项目A-1），不重复导入' }]);
  });

  it('checks 三重一大 when the optional columns are present', async () => {
    const bytes = await promisesWorkbook([promiseCells('D-4', 1, { 是否经三重一大集体决策: '是' })]);
    const result = await importPromisesWorkbook(app.deps, app.clerk, bytes, { dryRun: true });
    expect(result.rejected).toEqual([{ row: 2, column: '集体决策会议', reason: '经过三重一大集体决策的，请填写集体决策会议' }]);
  });
});

describe('template and export', () => {
  it('the template has the DOMAIN.md headers; the export lays items out like it and imports again', async () => {
    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await buildPromiseTemplate()) as never);
    const headers = (template.worksheets[0].getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 13)).toEqual(['项目名称', '企业名称', '企业统一社会信用代码', '协议编号', '签订日期', '签约主体', '承诺类型', '承诺内容', '承诺金额（元）', '兑现期限', '兑现条件', '责任部门', '责任人']);
    expect(PROMISE_HEADERS).toHaveLength(13);

    await importPromisesWorkbook(app.deps, app.clerk, await promisesWorkbook([promiseCells('A-1', 1), promiseCells('A-1', 2)]), { dryRun: false });
    const { bytes, count } = await exportPromisesWorkbook(app.deps, { sortBy: 'dueOn', sortOrder: 'asc' }, null);
    expect(count).toBe(2);
    const other = await createTestApp();
    try {
      const result = await importPromisesWorkbook(other.deps, other.clerk, bytes, { dryRun: false });
      expect(result.rejected).toEqual([]);
      expect(result.accepted).toBe(2);
      const again = await queryPromises(other.deps, { sortBy: 'dueOn', sortOrder: 'asc', page: 1, pageSize: 10 }, null);
      expect(again.items.map((i) => [i.projectName, i.amountFen, i.dueOn])).toEqual([['项目A-1', 120_000_000, '2026-06-30'], ['项目A-1', 120_000_000, '2026-06-30']]);
    } finally {
      await other.close();
    }
  });
});
