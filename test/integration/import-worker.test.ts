import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysedRecordCount } from '../../electron/db/plannerStatistics';
import { verifyAudit } from '../../electron/services/audit/auditLog';
import { AUDITED_TABLES } from '../../electron/services/catalog';
import { cancelJob, jobProgress, type JobProgress } from '../../electron/services/jobs';
import { createRecord } from '../../electron/services/records';
import { importRecordsInWorker } from '../../electron/services/records/excel/importRecords';
import { ERROR_CODES } from '../../shared/contract/errors';
import { errorOf } from '../support/errors';
import { recordsWorkbook } from '../support/importWorkbooks';
import { unitRecord, unitTemplateCells } from '../support/recordFixtures';
import { createTestApp, type TestApp } from '../support/testApp';

/**
 * The window's import runs in a worker thread with a connection of its own: it reports rows checked and
 * written of the total, can be cancelled without writing anything, and the app's other calls wait for its
 * write transaction instead of failing.
 */
let t: TestApp;
let rows3000: Buffer;

const counts = (app: TestApp) =>
  app.db.read((sql) => ({
    records: sql.get<{ n: number }>(`SELECT count(*) AS n FROM dishonesty_records`)!.n,
    audit: sql.get<{ n: number }>(`SELECT count(*) AS n FROM audit_log`)!.n,
    outbox: sql.get<{ n: number }>(`SELECT count(*) AS n FROM outbox`)!.n,
  }));
const auditProblems = (app: TestApp) => app.db.read((sql) => verifyAudit(sql, AUDITED_TABLES).problems);

beforeAll(async () => {
  t = await createTestApp();
  await createRecord(t.deps, t.clerk, unitRecord({ docNumber: '(2024)苏0102民初900001号' }));
  rows3000 = await recordsWorkbook(3000);
}, 60_000);
afterAll(async () => t.close());

describe('import in a worker thread', { timeout: 120_000 }, () => {
  it('reports the rows checked, then written, growing to the total; a dry run writes nothing', async () => {
    const before = await counts(t);
    const seen: JobProgress[] = [];
    const dry = await importRecordsInWorker(t.deps, t.clerk, rows3000, { dryRun: true, onProgress: (p) => seen.push(p) });
    expect(dry).toMatchObject({ dryRun: true, accepted: 3000, totalRows: 3000, rejectedCount: 0 });
    expect(await counts(t)).toEqual(before);
    expect(seen.every((p) => p.phase === 'check')).toBe(true);
    expect(seen.at(-1)).toEqual({ phase: 'check', done: 3000, total: 3000 });

    const jobId = randomUUID();
    const polled: Array<ReturnType<typeof jobProgress>> = [];
    const progress: JobProgress[] = [];
    const result = await importRecordsInWorker(t.deps, t.clerk, rows3000, {
      dryRun: false, jobId, onProgress: (p) => (progress.push(p), polled.push(jobProgress(t.clerk, jobId))),
    });
    expect(result).toMatchObject({ dryRun: false, accepted: 3000, totalRows: 3000, rejectedCount: 0 });
    const after = await counts(t);
    expect(after.records).toBe(before.records + 3000);
    expect(after.outbox).toBe(before.outbox + 3000);
    // The worker retook the planner statistics for the grown table (in its write turn).
    expect(analysedRecordCount(t.db.connection)).toBe(after.records);

    for (const phase of ['check', 'write'] as const) {
      const done = progress.filter((p) => p.phase === phase).map((p) => p.done);
      expect(done.length).toBeGreaterThan(5);
      expect(done).toEqual([...done].sort((a, b) => a - b)); // it only grows
      expect(done.at(-1)).toBe(3000);
    }
    expect(progress.findIndex((p) => p.phase === 'write')).toBeGreaterThan(progress.findLastIndex((p) => p.phase === 'check'));
    // The page polling jobs.progress sees the same figures while it runs; another user sees nothing; afterwards nobody does.
    expect(polled.filter((p) => p.running && p.phase === 'write').length).toBeGreaterThan(5);
    expect(jobProgress(t.clerk, jobId).running).toBe(false);
    expect(await auditProblems(t)).toEqual([]);
  });

  it('a job is followed only by the user who started it', async () => {
    const jobId = randomUUID();
    const seenByOthers: boolean[] = [];
    await importRecordsInWorker(t.deps, t.clerk, await recordsWorkbook(300, 50_000), {
      dryRun: true, jobId, onProgress: () => seenByOthers.push(jobProgress(t.reviewer, jobId).running || cancelJob(t.reviewer, jobId).cancelled),
    });
    expect(seenByOthers.length).toBeGreaterThan(0);
    expect(seenByOthers.every((seen) => !seen)).toBe(true);
  });

  it('cancelled while it writes, an import leaves the ledger, its audit chain and the upload queue as they were', async () => {
    const file = await recordsWorkbook(3000, 10_000);
    const before = await counts(t);
    const jobId = randomUUID();
    let cancelledAt: JobProgress | null = null;
    const error = await errorOf(
      importRecordsInWorker(t.deps, t.clerk, file, {
        dryRun: false, jobId,
        onProgress: (p) => {
          if (!cancelledAt && p.phase === 'write' && p.done >= 1000) cancelledAt = (cancelJob(t.clerk, jobId), p);
        },
      }),
    );
    expect(cancelledAt).not.toBeNull();
    expect(error.code).toBe(ERROR_CODES.cancelled);
    expect(error.message).toBe('导入已取消，未作任何改动');
    expect(await counts(t)).toEqual(before);
    expect(await auditProblems(t)).toEqual([]);
    // The app's own connection writes again at once, and the same file imports whole afterwards.
    await createRecord(t.deps, t.clerk, unitRecord({ docNumber: '(2024)苏0102民初900002号' }));
    expect((await importRecordsInWorker(t.deps, t.clerk, file, { dryRun: false })).accepted).toBe(3000);
    expect((await counts(t)).records).toBe(before.records + 3001);
    expect(await auditProblems(t)).toEqual([]);
  });

  it('a cancel that comes once every row is written is too late: the import answers as done, and says so truly', async () => {
    const before = await counts(t);
    const jobId = randomUUID();
    const result = await importRecordsInWorker(t.deps, t.clerk, await recordsWorkbook(600, 70_000), {
      dryRun: false, jobId, onProgress: (p) => void (p.phase === 'write' && p.done === p.total && cancelJob(t.clerk, jobId)),
    });
    expect(result.accepted).toBe(600);
    expect((await counts(t)).records).toBe(before.records + 600);
    expect(await auditProblems(t)).toEqual([]);
  });

  it('cancelled while it checks (or before it started), nothing is written', async () => {
    const before = await counts(t);
    const jobId = randomUUID();
    const whileChecking = errorOf(
      importRecordsInWorker(t.deps, t.clerk, await recordsWorkbook(2000, 20_000), {
        dryRun: false, jobId, onProgress: (p) => void (p.phase === 'check' && p.done >= 500 && cancelJob(t.clerk, jobId)),
      }),
    );
    expect((await whileChecking).code).toBe(ERROR_CODES.cancelled);
    const early = randomUUID();
    expect(cancelJob(t.clerk, early)).toEqual({ cancelled: true });
    expect((await errorOf(importRecordsInWorker(t.deps, t.clerk, rows3000, { dryRun: false, jobId: early }))).code).toBe(ERROR_CODES.cancelled);
    expect(await counts(t)).toEqual(before);
  });

  it('other calls wait for the write transaction and then succeed; reads and timers go on meanwhile', async () => {
    const before = await counts(t);
    const order: string[] = [];
    let during: Promise<unknown>[] = [];
    const imported = importRecordsInWorker(t.deps, t.clerk, await recordsWorkbook(3000, 30_000), {
      dryRun: false,
      onProgress: (p) => {
        if (p.phase === 'write' && p.done === p.total) order.push('all rows written');
        if (during.length > 0 || p.phase !== 'write' || p.done < 250) return;
        during = [
          createRecord(t.deps, t.clerk, unitRecord({ docNumber: '(2024)苏0102民初900003号' })).then(() => order.push('write answered')),
          counts(t).then((c) => (order.push('read answered'), expect(c.records).toBe(before.records))),
          new Promise((resolve) => setTimeout(resolve, 1)).then(() => order.push('timer ran')),
        ];
      },
    }).then((r) => (order.push('import done'), r));
    expect((await imported).accepted).toBe(3000);
    await Promise.all(during);
    expect(order.indexOf('read answered')).toBeLessThan(order.indexOf('import done'));
    expect(order.indexOf('timer ran')).toBeLessThan(order.indexOf('import done'));
    expect(order.indexOf('write answered')).toBeGreaterThan(order.indexOf('all rows written'));
    expect((await counts(t)).records).toBe(before.records + 3001);
    expect(await auditProblems(t)).toEqual([]);
  });

  it('refusals made in the worker arrive as the same Chinese errors', async () => {
    const notAWorkbook = await errorOf(importRecordsInWorker(t.deps, t.clerk, Buffer.from('这不是表格'), { dryRun: true }));
    expect(notAWorkbook.code).toBe(ERROR_CODES.badFile);
    expect(notAWorkbook.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('rows refused in the worker come back with their reasons and the row report', async () => {
    const file = await recordsWorkbook(20, 60_000, [unitTemplateCells(60_100, { 统一社会信用代码: '91320102MA1XXXXXX0' })]);
    const result = await importRecordsInWorker(t.deps, t.clerk, file, { dryRun: true, fileName: '街道台账.xlsx' });
    expect(result).toMatchObject({ accepted: 20, totalRows: 21, rejectedCount: 1 });
    expect(result.rejected[0]).toMatchObject({ row: 22, column: '统一社会信用代码' });
    expect(result.report?.fileName).toContain('街道台账');
    expect(Buffer.from(result.report!.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('an import that needs more memory than the worker may use is refused in Chinese, and the app goes on', async () => {
    const before = await counts(t);
    const error = await errorOf(
      importRecordsInWorker(t.deps, t.clerk, await recordsWorkbook(6000, 40_000), { dryRun: false, resourceLimits: { maxOldGenerationSizeMb: 48 } }),
    );
    expect(error.code).toBe(ERROR_CODES.outOfMemory);
    expect(error.message).toContain('内存超过上限，未导入任何记录');
    expect(await counts(t)).toEqual(before);
    await createRecord(t.deps, t.clerk, unitRecord({ docNumber: '(2024)苏0102民初900004号' }));
  });
});
