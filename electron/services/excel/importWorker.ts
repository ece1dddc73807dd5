import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { connectDatabase } from '../../db/database';
import { LedgerKey } from '../../db/ledgerKey';
import type { FromImportWorker, LedgerImport, ToImportWorker } from './importJob';
import { importWorkbook } from './importPipeline';
import { toWorkerError } from '../workerThreads';

/**
 * On Linux a nice value belongs to one thread: this worker gives way to the app's own thread (which answers the
 * window) on a busy two-core office PC. Elsewhere the call would lower the whole app, so it is not made.
 */
function yieldToTheAppThread(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(0, 10);
  } catch {
    // not allowed here: the worker runs at the app's priority
  }
}

const send = (message: FromImportWorker) => parentPort!.postMessage(message);

/**
 * The import worker thread's side (started by importWorkbookInWorker): one import on a connection of its own.
 * It reads and checks the file at once, asks for its turn to write, writes in one transaction, and answers.
 */
export function serveImportJobs(ledgers: readonly LedgerImport[]): void {
  yieldToTheAppThread();
  let granted: ((now: string) => void) | null = null;
  parentPort!.on('message', (message: ToImportWorker) => {
    if (message.type === 'go') granted?.(message.now);
    else void run(message); // the app's thread ends the worker once it has the answer
  });

  async function run(job: Extract<ToImportWorker, { type: 'start' }>): Promise<void> {
    const ledger = ledgers.find((l) => l.name === job.ledger);
    let now = job.now;
    try {
      if (!ledger) throw new Error(`no import declared for ${job.ledger}`);
      const db = await connectDatabase(job.file, { nativeBinding: job.nativeBinding, key: LedgerKey.fromHex(job.keyHex) });
      try {
        const result = await importWorkbook({ db, dataDir: job.dataDir, now: () => new Date(now) }, job.actor, ledger.spec, Buffer.from(job.bytes), {
          dryRun: job.dryRun,
          fileName: job.fileName,
          worker: {
            progress: (progress) => send({ type: 'progress', progress }),
            cancelled: () => Atomics.load(job.cancel, 0) === 1,
            writeTurn: async (write) => {
              now = await new Promise<string>((resolve) => {
                granted = resolve;
                send({ type: 'write-turn' });
              });
              try {
                return await write();
              } finally {
                send({ type: 'written' });
              }
            },
          },
        });
        send({ type: 'done', result });
      } finally {
        // Not Db.close: its checkpoint would take the write lock after the app's connection was let write again.
        await db.dataSource.destroy();
      }
    } catch (error) {
      send({ type: 'failed', error: toWorkerError(error) });
    }
  }
}
