import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportInWorker } from '../../electron/services/excel/exportJob';
import { createRecord } from '../../electron/services/records';
import { exportRecordsWorkbook, RECORD_EXPORT_LEDGER } from '../../electron/services/records/excel/exportRecords';
import { numberedUscc, unitRecord } from '../support/recordFixtures';
import { registryCalls } from '../support/registryCalls';
import { projectInput } from '../support/promiseFixtures';
import { createProject } from '../../electron/services/promises';
import { createTestApp, type TestApp } from '../support/testApp';

/** The export of a filtered list runs in a worker thread with its own connection, and gives the same workbook. */

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
  await createRecord(app.deps, app.clerk, unitRecord({ unitName: '青禾镇人民政府', severity: '严重' }));
  await createRecord(app.deps, app.clerk, unitRecord({ unitName: '白沙街道办事处', unitUscc: numberedUscc(3), severity: '一般' }));
});
afterEach(async () => {
  await app.close();
});

async function rowsOf(bytes: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('exports off the app\'s thread', () => {
  it('the worker writes the same rows as the app\'s thread would, for the list\'s filter', async () => {
    const query = { severities: ['严重' as const], sortBy: 'updatedAt' as const, sortOrder: 'desc' as const };
    const inWorker = await exportInWorker(app.deps, RECORD_EXPORT_LEDGER, query);
    const direct = await exportRecordsWorkbook(app.deps, query);
    expect(inWorker.count).toBe(1);
    expect(await rowsOf(inWorker.bytes)).toEqual(await rowsOf(direct.bytes));
    expect((await rowsOf(inWorker.bytes))[1]).toContain('青禾镇人民政府');
  });

  it('records.export answers with the worker\'s workbook, and a failing export is an error, not a hang', async () => {
    const calls = registryCalls(app);
    const { session } = await calls.signIn('clerk');
    const answer = await calls.ok<{ fileName: string; contentBase64: string; count: number }>(session, 'records.export', { sortBy: 'updatedAt', sortOrder: 'desc' });
    expect(answer.count).toBe(2);
    expect((await rowsOf(Buffer.from(answer.contentBase64, 'base64'))).length).toBe(3);
    await expect(exportInWorker(app.deps, { name: 'no-such-ledger', write: RECORD_EXPORT_LEDGER.write }, { sortBy: 'updatedAt', sortOrder: 'desc' })).rejects.toThrow(/no export declared/);
  });

  it('promises.export goes through the same worker, with the signed-in user for 我负责的', async () => {
    const project = await createProject(app.deps, app.clerk, projectInput(app.clerk.id));
    await createProject(app.deps, app.reviewer, { ...projectInput(app.reviewer.id), agreementNo: 'XY-2026-099', projectName: '另一个项目' });
    const calls = registryCalls(app);
    const { session } = await calls.signIn('clerk');
    const answer = await calls.ok<{ contentBase64: string; count: number }>(session, 'promises.export', { sortBy: 'dueOn', sortOrder: 'asc', mine: true });
    expect(answer.count).toBe(project.items.length);
    const rows = await rowsOf(Buffer.from(answer.contentBase64, 'base64'));
    expect(rows.slice(1).every((r) => r.includes(project.projectName))).toBe(true);
  });
});
