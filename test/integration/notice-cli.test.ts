/**
 * `notice …` on the command line as an operator runs it: the list as JSON, one notice's PDF, a batch PDF by year
 * and status, the test page, and non-zero exits with a Chinese message for what cannot be done.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotice, getNotice, transitionNotice, updateNotice } from '../../electron/services/notices';
import { pdfInfo, pdfLayoutText } from '../support/pdfCheck';
import { createTestApp, TEST_OFFICE, tempDir, type TestApp } from '../support/testApp';

const ROOT = path.resolve(import.meta.dirname, '../..');
let app: TestApp;
const ids: string[] = [];
const out = tempDir('notice-cli-');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI's JSON, read field by field
type Json = Record<string, any>;
function cli(args: string[]): Promise<{ code: number; json: Json; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: ROOT, timeout: 120_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      let json = {};
      try { json = JSON.parse(stdout.trim().split('\n').pop() ?? ''); } catch { /* not JSON */ }
      resolve({ code: error ? (error.code as number) : 0, json, stderr });
    });
  });
}

beforeAll(async () => {
  app = await createTestApp();
  for (const addressee of ['甲村民委员会', '乙村民委员会', '丙村民委员会']) {
    const d = await createNotice(app.deps, app.clerk, { sourceKind: 'blank' });
    const f = await updateNotice(app.deps, app.clerk, { id: d.id, expectedVersion: d.version, fields: { ...d, addressee, facts: '经查，你单位拖欠企业账款。' } });
    ids.push((await transitionNotice(app.deps, app.reviewer, { id: f.id, expectedVersion: f.version, action: 'issue' })).id);
  }
  const third = (await getNotice(app.deps, ids[2])).notice;
  await transitionNotice(app.deps, app.reviewer, { id: ids[2], expectedVersion: third.version, action: 'void', reason: '重复下发' });
  await createNotice(app.deps, app.clerk, { sourceKind: 'blank' });
  await app.db.close();
}, 120_000);
afterAll(async () => {
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(app.dataDir, { recursive: true, force: true });
});

describe('notice on the command line', () => {
  it('list --json gives every notice with number and status; filters by year and status', async () => {
    const all = await cli(['notice', 'list', '--data', app.dataDir, '--json']);
    expect(all.code).toBe(0);
    expect(all.json.total).toBe(4);
    const issued = await cli(['notice', 'list', '--data', app.dataDir, '--status', '已发出', '--year', String(new Date().getFullYear()), '--json']);
    expect(issued.json.items.map((n: { addressee: string }) => n.addressee)).toEqual(['甲村民委员会', '乙村民委员会']);
  }, 120_000);

  it('pdf --id writes one notice; pdf --status 已发出 writes the batch in number order; both counted', async () => {
    const one = path.join(out, 'one.pdf');
    const r = await cli(['notice', 'pdf', '--data', app.dataDir, '--id', ids[0], '--out', one, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(pdfLayoutText(one)).toContain('甲村民委员会：');
    const batch = path.join(out, 'batch.pdf');
    const b = await cli(['notice', 'pdf', '--data', app.dataDir, '--year', String(new Date().getFullYear()), '--status', '已发出', '--out', batch, '--json']);
    expect(b.json).toMatchObject({ ok: true, count: 2 });
    const text = pdfLayoutText(batch);
    expect(text.indexOf('甲村民委员会：')).toBeLessThan(text.indexOf('乙村民委员会：'));
    expect(text).not.toContain('丙村民委员会');
    expect(pdfInfo(batch).pages).toBeGreaterThanOrEqual(2);
    const list = await cli(['notice', 'list', '--data', app.dataDir, '--json']);
    const first = list.json.items.find((n: { id: string }) => n.id === ids[0]);
    expect(first.pdfCount).toBe(2);
  }, 120_000);

  it('test-page writes the two-page 样张 with the office name', async () => {
    const file = path.join(out, 'sample.pdf');
    const r = await cli(['notice', 'test-page', '--data', app.dataDir, '--out', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(pdfInfo(file).pages).toBe(2);
    expect(pdfLayoutText(file)).toContain(TEST_OFFICE.officeName);
  }, 120_000);

  it('exits non-zero with a Chinese message: no --out, an unknown id, a status that does not exist, nothing to print', async () => {
    const noOut = await cli(['notice', 'pdf', '--data', app.dataDir, '--id', ids[0], '--json']);
    expect(noOut.code).toBe(2);
    expect(noOut.json.error.message).toContain('--out');
    const unknown = await cli(['notice', 'pdf', '--data', app.dataDir, '--id', '00000000-0000-4000-8000-000000000000', '--out', path.join(out, 'x.pdf'), '--json']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.json.error.message).toContain('找不到该整改通知书');
    expect(fs.existsSync(path.join(out, 'x.pdf'))).toBe(false);
    const bad = await cli(['notice', 'list', '--data', app.dataDir, '--status', '已结案', '--json']);
    expect(bad.code).toBe(2);
    const none = await cli(['notice', 'pdf', '--data', app.dataDir, '--year', '1999', '--out', path.join(out, 'y.pdf'), '--json']);
    expect(none.code).toBe(3);
    expect(none.json.error.message).toContain('没有符合条件');
  }, 120_000);
});
