import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { ImportResult } from '../../../shared/contract/ledger';
import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import type { Actor, ServiceDeps } from '../context';
import { beginJob, cancelledError, type JobHandle, type JobProgress } from '../jobs';
import { requirePermission } from '../permissions';
import { fromWorkerError, startWorker, type WorkerError } from '../workerThreads';
import type { ImportSpec } from './importPipeline';

/**
 * A ledger's import as the worker thread finds it: functions do not cross threads, so the worker looks the
 * spec up by name in the catalog of ledgers (electron/services/catalog), the app's thread uses the spec itself.
 */
export interface LedgerImport<F extends string = string, T = unknown, E = T> {
  name: string;
  spec: ImportSpec<F, T, E>;
}

/** Sent to the import worker (importWorker.ts). */
export type ToImportWorker =
  | {
      type: 'start';
      ledger: string;
      file: string;
      dataDir: string;
      nativeBinding?: string;
      /** The ledger's key (hex), for the worker's own connection. */
      keyHex: string;
      actor: Actor;
      bytes: Uint8Array;
      dryRun: boolean;
      fileName?: string;
      now: string;
      /** Set to 1 by a cancel during the write transaction: the worker rolls it back (see cancelJobOf). */
      cancel: Int32Array;
    }
  /** The app's connection has stopped writing: the worker may write now (at this time). */
  | { type: 'go'; now: string };

/** Sent by the import worker. */
export type FromImportWorker =
  | { type: 'progress'; progress: JobProgress }
  /** The rows are checked; the worker waits for `go` before its write transaction. */
  | { type: 'write-turn' }
  /** The write transaction is over (committed or rolled back). */
  | { type: 'written' }
  | { type: 'done'; result: ImportResult }
  | { type: 'failed'; error: WorkerError };

/** Heap a worker may use: a 30 MB workbook of 20,000 rows needs well under this; a hostile one is stopped. */
export const IMPORT_WORKER_HEAP_MB = 1536;

export interface ImportJobOptions {
  dryRun: boolean;
  fileName?: string;
  /** The page's id for the job, for jobs.progress and jobs.cancel. */
  jobId?: string;
  /** Tests lower the worker's heap to meet the limit. */
  resourceLimits?: ResourceLimits;
  /** Progress as it comes (besides jobs.progress). */
  onProgress?: (progress: JobProgress) => void;
}

const nativeBindingOf = (deps: ServiceDeps) => (deps.db.dataSource.options as { nativeBinding?: string }).nativeBinding;

/**
 * Import an .xlsx file in a worker thread with its own connection (importWorkbook, off the app's thread): the
 * file is read and every row checked while the app goes on as usual; for the write transaction the app's own
 * connection holds its writes (reads go on). Cancelling or a worker that dies ends its connection, so the
 * transaction is never committed: the ledger is as it was.
 */
export async function importWorkbookInWorker(
  deps: ServiceDeps, actor: Actor, ledger: LedgerImport, bytes: Buffer, opts: ImportJobOptions,
): Promise<ImportResult> {
  requirePermission(actor, ledger.spec.permission);
  const worker = startWorker({ bundled: 'importWorker', source: 'catalog/importWorker.ts' }, opts.resourceLimits ?? { maxOldGenerationSizeMb: IMPORT_WORKER_HEAP_MB });
  const what = opts.dryRun ? '导入检查' : '导入';
  const writeTurn = { started: false };
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  let cancelled = false;
  let job: JobHandle | null = null;
  try {
    if (opts.jobId) {
      job = beginJob(opts.jobId, actor, what, () => {
        cancelled = true;
        cancelJobOf(worker, writeTurn.started, cancelFlag);
      });
    }
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  try {
    const result = await talkTo(worker, exited, deps, writeTurn, (progress) => {
      job?.report(progress);
      opts.onProgress?.(progress);
    }, {
      type: 'start', ledger: ledger.name, file: deps.db.file, dataDir: deps.dataDir, nativeBinding: nativeBindingOf(deps), keyHex: deps.db.key.hex, actor,
      bytes, dryRun: opts.dryRun, fileName: opts.fileName, now: deps.now().toISOString(), cancel: cancelFlag,
    });
    // The worker took new planner statistics if the table grew a lot; this connection reads them again.
    if (!opts.dryRun && result.accepted > 0) await deps.db.reloadStatistics();
    return result;
  } catch (error) {
    throw cancelled ? cancelledError(what) : error;
  } finally {
    job?.end();
    await worker.terminate();
  }
}

/**
 * Before its write turn, ending the thread is safe and immediate. From then on the worker is only asked to stop
 * before its next row, and rolls back: a thread ended while SQLite commits would still commit, and the answer
 * would say cancelled. A cancel that comes once every row is written is too late: the import answers as done.
 */
function cancelJobOf(worker: Worker, writeTurnStarted: boolean, flag: Int32Array): void {
  Atomics.store(flag, 0, 1);
  if (!writeTurnStarted) void worker.terminate();
}

function talkTo(
  worker: Worker, exited: Promise<number>, deps: ServiceDeps, writeTurn: { started: boolean }, progress: (p: JobProgress) => void, start: ToImportWorker,
): Promise<ImportResult> {
  return new Promise<ImportResult>((resolve, reject) => {
    let written: () => void = () => undefined;
    worker.on('message', (message: FromImportWorker) => {
      if (message.type === 'progress') progress(message.progress);
      else if (message.type === 'write-turn') {
        // Held until the worker's transaction is over — or the worker has gone, its connection closed with it.
        void deps.db.holdWrites(() => {
          writeTurn.started = true;
          worker.postMessage({ type: 'go', now: deps.now().toISOString() } satisfies ToImportWorker);
          return Promise.race([new Promise<void>((done) => (written = done)), exited]);
        });
      } else if (message.type === 'written') written();
      else if (message.type === 'done') resolve(message.result);
      else reject(fromWorkerError(message.error));
    });
    worker.once('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        reject(new AppError(ERROR_CODES.outOfMemory, '文件太大，导入所需内存超过上限，未导入任何记录。请把表格拆成几个较小的文件分别导入。', 'contentBase64'));
      } else reject(error);
    });
    void exited.then((code) => reject(new Error(`import worker stopped (exit ${code})`)));
    worker.postMessage(start);
  });
}
