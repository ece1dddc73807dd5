/**
 * How long the main thread stalls during long jobs (issue: "long jobs never freeze the window"). Electron's
 * main process answers every IPC call on one thread, so a stall there is a frozen window for the clerk.
 * Measured with Node's event-loop delay histogram (1 ms resolution) while the job runs.
 *
 * npm run bench runs this in a process of its own (runStallBenchInChild), started with --expose-gc, and
 * collects the garbage before each job: as part of the bench's own process, the import's stall was at times
 * a 60–185 ms mark-compact of the 200–700 MB heap that the list, search and export measurements before it had
 * left (seen with --trace-gc), not anything the import did. The app's main process holds no such heap.
 * Alone: tsx --expose-gc test/bench/stalls.ts --data DIR [--rows N].
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openDatabase, type Db } from '../../electron/db/database';
import { writeBackupFile } from '../../electron/services/backup/backupFile';
import { writeBackupInWorker } from '../../electron/services/backup/backupJobs';
import ExcelJS from 'exceljs';
import { importRecordRows, importRecordsInWorker } from '../../electron/services/records/excel/importRecords';
import { RECORD_HEADERS } from '../../electron/services/records/excel/recordSheet';
import { exportInWorker } from '../../electron/services/excel/exportJob';
import { exportRecordsWorkbook, RECORD_EXPORT_LEDGER } from '../../electron/services/records/excel/exportRecords';
import { createTestApp } from '../support/testApp';
import { argOf, isMainScript, runBenchPartInChild } from './benchProcess';
import { importData, type SheetRows } from './importData';

export interface StallFigures {
  /** A backup of the bench ledger through the backup worker (what the app does). */
  backup_main_stall_max_ms: number;
  backup_ms: number;
  /** The same backup run on the main thread, for comparison (what the app did before the worker). */
  backup_on_main_stall_max_ms: number;
  /**
   * The longest stall during a 20,000-row import of an .xlsx file as the window does it (records.import: read,
   * check and write in the import worker), goal ≤ 50 ms.
   */
  main_stall_max_ms: number;
  import_rows: number;
  import_worker_ms: number;
  /** The same rows imported on the main thread (importRecordRows, as the CLI does), for comparison. */
  import_on_main_stall_max_ms: number;
  /** The export of the whole bench ledger as the window does it (records.export: the export worker). */
  export_main_stall_max_ms: number;
  export_ms: number;
  export_rows: number;
  /** The same export on the main thread, for comparison (what the app did before the worker). */
  export_on_main_stall_max_ms: number;
}

async function longestStall<T>(work: () => Promise<T>): Promise<{ stallMs: number; ms: number; result: T }> {
  (globalThis as { gc?: () => void }).gc?.(); // the garbage of the job measured before is not this job's stall
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, 20)); // the sampler's timer must be running before the work starts
  const started = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - started;
    // The sampler's timer records a stall only when it finally runs: let it run once after the work.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { stallMs: histogram.max / 1e6, ms, result };
  } finally {
    histogram.disable();
  }
}


/** The rows as the .xlsx file a clerk would pick. */
async function workbookOf(rows: SheetRows): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('政务失信记录');
  ws.addRow([...RECORD_HEADERS]);
  for (const { cells } of rows) ws.addRow(RECORD_HEADERS.map((h) => cells[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function inFreshLedger<T>(work: (app: Awaited<ReturnType<typeof createTestApp>>) => Promise<T>): Promise<T> {
  const app = await createTestApp();
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * `importRows` generated rows are made into the workbook first, and made again only for the main-thread
 * comparison: held through the measurements, their 20,000 objects (~50 MB) made the main thread's own
 * garbage collections take 40–60 ms during the backup in the worker — a heap the app's main process never has.
 */
export async function benchStalls(db: Db, importRows: number): Promise<StallFigures> {
  // Made first, so that collecting the garbage of making it is not counted as the import's stall.
  const bytes = await workbookOf(importData(importRows).rows);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-backup-'));
  try {
    const inWorker = await longestStall(() => writeBackupInWorker(db.file, path.join(folder, 'worker.sqlite'), { key: db.key }));
    const backupOnMain = await longestStall(async () => writeBackupFile(db.file, path.join(folder, 'main.sqlite'), { key: db.key }));
    const imported = await inFreshLedger((app) => longestStall(() => importRecordsInWorker(app.deps, app.clerk, bytes, { dryRun: false })));
    const rows = importData(importRows).rows;
    const onMain = await inFreshLedger((app) => longestStall(() => importRecordRows(app.deps, app.clerk, rows, { dryRun: false })));
    const deps = { db, dataDir: path.dirname(db.file), now: () => new Date() };
    const everything = { sortBy: 'updatedAt', sortOrder: 'desc' } as const;
    const exported = await longestStall(() => exportInWorker(deps, RECORD_EXPORT_LEDGER, everything));
    const exportOnMain = await longestStall(() => exportRecordsWorkbook(deps, everything));
    return {
      export_main_stall_max_ms: round(exported.stallMs),
      export_ms: Math.round(exported.ms),
      export_rows: exported.result.count,
      export_on_main_stall_max_ms: round(exportOnMain.stallMs),
      backup_main_stall_max_ms: round(inWorker.stallMs),
      backup_ms: Math.round(inWorker.ms),
      backup_on_main_stall_max_ms: round(backupOnMain.stallMs),
      main_stall_max_ms: round(imported.stallMs),
      import_rows: imported.result.accepted,
      import_worker_ms: Math.round(imported.ms),
      import_on_main_stall_max_ms: round(onMain.stallMs),
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The stall bench in a process of its own, on the ledger in `dataDir` (which the caller keeps open but does not
 * write meanwhile): its heap is the jobs', as the app's main process is.
 */
export const runStallBenchInChild = (dataDir: string, importRows: number) =>
  runBenchPartInChild<StallFigures>('test/bench/stalls.ts', ['--data', dataDir, '--rows', String(importRows)], { nodeFlags: ['--expose-gc'] });

if (isMainScript(import.meta.filename)) {
  const dataDir = argOf('--data');
  if (!dataDir) throw new Error('usage: tsx --expose-gc test/bench/stalls.ts --data DIR [--rows N]');
  const db = await openDatabase(dataDir);
  try {
    console.log(JSON.stringify(await benchStalls(db, Number(argOf('--rows') ?? 20_000))));
  } finally {
    await db.close();
  }
}
