/** `ledger import|export --kind promises` and `ledger figures --json` over the same services as the window. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPromisesWorkbook } from '../../electron/services/promises/excel/importPromises';
import { promiseCells, promisesWorkbook } from '../support/promiseWorkbooks';
import { createTestApp, tempDir } from '../support/testApp';

const ROOT = path.resolve(import.meta.dirname, '../..');

function cli(args: string[]): Promise<{ code: number; stdout: string; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000, encoding: 'utf8' },
      (error, stdout) => {
        if (error && typeof error.code !== 'number') return reject(error);
        let json = {};
        try {
          json = JSON.parse(stdout.trim().split('\n').pop() ?? '');
        } catch {
          // not JSON
        }
        resolve({ code: error ? (error.code as number) : 0, stdout, json });
      });
  });
}

let data: string;
let out: string;
beforeAll(async () => {
  const app = await createTestApp();
  data = app.dataDir;
  out = tempDir('promises-cli-');
  const year = new Date().getFullYear();
  await importPromisesWorkbook(app.deps, app.clerk, await promisesWorkbook([
    promiseCells('A-1', 1, { '承诺金额（元）': '100,000', 兑现期限: `${year}-01-01`, 签订日期: `${year - 1}-12-01` }),
    promiseCells('A-1', 2, { '承诺金额（元）': '50,000', 兑现期限: `${year}-12-31`, 签订日期: `${year - 1}-12-01` }),
  ]), { dryRun: false });
  await app.db.close();
});
afterAll(() => {
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
});

describe('CLI for the investment promises', { timeout: 120_000 }, () => {
  it('figures --json gives this year’s 兑现率 and overdue figures', async () => {
    const run = await cli(['figures', '--data', data, '--json']);
    expect(run.code).toBe(0);
    const year = new Date().getFullYear();
    expect(run.json).toMatchObject({ from: `${year}-01-01`, to: `${year}-12-31`, total: { dueCount: 1, dueFen: 10_000_000, paidFen: 0, rate: 0 } });
    const today = new Date().toISOString().slice(0, 10);
    if (today > `${year}-01-01`) expect(run.json).toMatchObject({ total: { overdueCount: 1, overdueFen: 10_000_000 }, byDepartment: [{ label: '经济发展办' }] });
  });

  it('export --kind promises, then import --kind promises --dry-run of the export (refused as the same project)', async () => {
    const file = path.join(out, 'promises.xlsx');
    const exported = await cli(['export', '--data', data, '--kind', 'promises', '--out', file, '--json']);
    expect(exported.json).toMatchObject({ ok: true, count: 2 });
    const dry = await cli(['import', '--data', data, '--kind', 'promises', file, '--dry-run', '--json']);
    expect(dry.json).toMatchObject({ dryRun: true, totalRows: 2, accepted: 0 });
    expect((dry.json.rejected as Array<{ column: string }>)[0].column).toBe('协议编号');
    const wrong = await cli(['export', '--data', data, '--kind', 'nothing', '--out', file]);
    expect(wrong.code).toBe(2);
  });
});
