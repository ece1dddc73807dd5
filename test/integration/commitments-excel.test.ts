/**
 * The 公开承诺 spreadsheet on real SQLite files: the template's headers, an import with good and bad rows
 * (tolerant dates, the words old spreadsheets use, a duplicate number in the file and in the ledger, nothing
 * of a bad row written), commitments past their due date overdue as they arrive, the export laid out like the
 * template (it imports again), and the command line's import and export --kind commitments.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryCommitments } from '../../electron/services/commitments';
import { buildCommitmentTemplate, exportCommitmentsWorkbook } from '../../electron/services/commitments/excel/exportCommitments';
import { importCommitmentsWorkbook } from '../../electron/services/commitments/excel/importCommitments';
import { listPendingUploads } from '../../electron/services/outbox/outbox';
import { COMMITMENT_FIELD_LABELS as L } from '../../shared/domain/commitments';
import { commitmentUploadSchema } from '../../shared/domain/commitmentSchema';
import { cli } from '../support/cliRun';
import { unitUscc } from '../support/commitmentFixtures';
import { officeDataDir } from '../support/e2eSteps';
import { createTestApp, tempDir, type TestApp } from '../support/testApp';

const HEADERS = ['承诺单位', '统一社会信用代码', '承诺编号', '承诺事项', '承诺内容', '承诺类型', '服务领域', '责任部门', '责任人', '公开渠道', '公开日期', '承诺期限'];

function cells(n: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    [L.unitName]: '某某镇人民政府', [L.unitUscc]: unitUscc(n), [L.number]: `ZC-${n}`, [L.title]: `便民服务承诺 ${n}`,
    [L.content]: '群众办事一次告知、限时办结。', [L.commitmentType]: '期限承诺', [L.serviceArea]: '便民服务', [L.department]: '便民服务中心',
    [L.responsiblePerson]: '孙某', [L.publishChannel]: '门户网站', [L.publishedOn]: '2024-03-05', [L.dueOn]: '2099-12-31', ...over,
  };
}

async function workbook(rows: Array<Record<string, unknown>>, headers: string[] = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('公开承诺');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp({ now: () => new Date(2026, 2, 10, 12) });
});
afterEach(async () => app.close());

const all = () => queryCommitments(app.deps, { page: 1, pageSize: 100, sortBy: 'unitName', sortOrder: 'asc' });

describe('the template', () => {
  it('has the 12 headers of DOMAIN.md in order, then 量化目标, and a 填写说明 sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildCommitmentTemplate()) as unknown as ExcelJS.Buffer);
    const headers = (wb.worksheets[0].getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers).toEqual([...HEADERS, '量化目标']);
    expect(wb.worksheets.map((w) => w.name)).toContain('填写说明');
  });
});

describe('import', () => {
  it('writes the good rows and reports every bad one by row and column, writing nothing of it', async () => {
    const bytes = await workbook([
      cells(1, { [L.publishedOn]: '2024/3/5', [L.dueOn]: '2099年12月31日', [L.commitmentType]: '服务质量', [L.publishChannel]: '公开栏' }), // row 2
      cells(2, { [L.unitUscc]: unitUscc(2).slice(0, 17) + (unitUscc(2).endsWith('0') ? '1' : '0') }), // row 3
      cells(3, { [L.serviceArea]: '养狗', [L.content]: '' }), // row 4: two problems
      cells(4, { [L.dueOn]: '2024-01-01' }), // row 5: due before published
      cells(1), // row 6: same unit and number as row 2
      cells(6, { [L.dueOn]: '2026-03-01' }), // row 7: past due: overdue on arrival
    ]);
    const dry = await importCommitmentsWorkbook(app.deps, app.clerk, bytes, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, totalRows: 6, accepted: 2 });
    expect((await all()).total).toBe(0);

    const result = await importCommitmentsWorkbook(app.deps, app.clerk, bytes, { dryRun: false, fileName: '承诺.xlsx' });
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => [r.row, r.column])).toEqual([
      [3, '统一社会信用代码'], [4, '承诺内容'], [4, '服务领域'], [5, '承诺期限'], [6, '承诺编号'],
    ]);
    expect(result.rejected.find((r) => r.row === 6)!.reason).toContain('与第 2 行重复');
    expect(result.report?.fileName).toContain('导入报告');
    const { items } = await all();
    expect(items.map((c) => [c.number, c.commitmentType, c.status])).toEqual(expect.arrayContaining([['ZC-1', '服务质量承诺', 'pending'], ['ZC-6', '期限承诺', 'overdue']]));
    const uploads = await app.db.read((sql) => listPendingUploads(sql));
    expect(uploads.every((u) => u.kind === 'public_commitment' && commitmentUploadSchema.safeParse(u.data).success)).toBe(true);
    expect(uploads).toHaveLength(3); // two imported, and the system's 逾期未兑现 of ZC-6

    // the same file again: every row a duplicate of the ledger (or still bad)
    const again = await importCommitmentsWorkbook(app.deps, app.clerk, bytes, { dryRun: false });
    expect(again.accepted).toBe(0);
    expect(again.rejected.filter((r) => r.row === 2)[0].reason).toContain('与已有承诺重复');
  });

  it('refuses a sheet without a required header, naming it', async () => {
    const bytes = await workbook([cells(1)], HEADERS.filter((h) => h !== '承诺期限'));
    await expect(importCommitmentsWorkbook(app.deps, app.clerk, bytes, { dryRun: false })).rejects.toMatchObject({ message: expect.stringContaining('承诺期限') });
  });
});

describe('export', () => {
  it('is laid out like the template plus where each stands, and imports again', async () => {
    await importCommitmentsWorkbook(app.deps, app.clerk, await workbook([cells(1), cells(2, { [L.dueOn]: '2026-01-31' })]), { dryRun: false });
    const { bytes, count } = await exportCommitmentsWorkbook(app.deps, { sortBy: 'unitName', sortOrder: 'asc', statuses: ['overdue'] });
    expect(count).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const headers = (wb.worksheets[0].getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers.slice(0, 13)).toEqual([...HEADERS, '量化目标']);
    expect(headers).toContain('状态');
    const row = wb.worksheets[0].getRow(2).values as unknown[];
    expect(row[headers.indexOf('状态') + 1]).toBe('逾期未兑现');
    const other = await createTestApp();
    try {
      expect((await importCommitmentsWorkbook(other.deps, other.clerk, bytes, { dryRun: true })).accepted).toBe(1);
    } finally {
      await other.close();
    }
  });
});

describe('ledger CLI: import and export --kind commitments', { timeout: 120_000 }, () => {
  it('imports a workbook (rejected rows reported), exports it, and refuses an unknown kind', async () => {
    const data = await officeDataDir('ledger-cli-commitments-');
    const root = tempDir('ledger-cli-commitments-files-');
    try {
      const file = path.join(root, '承诺.xlsx');
      fs.writeFileSync(file, await workbook([cells(1), cells(2, { [L.serviceArea]: '养狗' })]));
      const run = await cli(['import', '--data', data, '--kind', 'commitments', file, '--json']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.json).toMatchObject({ dryRun: false, totalRows: 2, accepted: 1, rejected: [{ row: 3, column: '服务领域' }] });
      const out = path.join(root, '导出.xlsx');
      const exported = await cli(['export', '--data', data, '--kind', 'commitments', '--out', out]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toContain('已导出 1 项承诺');
      expect(fs.existsSync(out)).toBe(true);
      const wrong = await cli(['export', '--data', data, '--kind', 'pledges', '--out', out]);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/--kind 只能是.*commitments（公开承诺）/);
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
