import { parentPort } from 'node:worker_threads';
import { connectDatabase } from '../../db/database';
import { LedgerKey } from '../../db/ledgerKey';
import { toWorkerError } from '../workerThreads';
import type { FromExportWorker, LedgerExport, ToExportWorker } from './exportJob';

const send = (message: FromExportWorker, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

/** The export worker thread's side (started by exportInWorker): one export on a read connection of its own. */
export function serveExportJobs(ledgers: readonly LedgerExport[]): void {
  parentPort!.on('message', (job: ToExportWorker) => {
    if (job.type === 'export') void run(job);
  });

  async function run(job: ToExportWorker): Promise<void> {
    try {
      const ledger = ledgers.find((l) => l.name === job.ledger);
      if (!ledger) throw new Error(`no export declared for ${job.ledger}`);
      const db = await connectDatabase(job.file, { nativeBinding: job.nativeBinding, key: LedgerKey.fromHex(job.keyHex) });
      try {
        const { bytes, count } = await ledger.write({ db, dataDir: job.dataDir, now: () => new Date(job.now) }, job.query, job.userId);
        const copy = new Uint8Array(bytes); // a buffer of its own, to hand over without copying again
        send({ type: 'done', bytes: copy, count }, [copy.buffer]);
      } finally {
        await db.dataSource.destroy();
      }
    } catch (error) {
      send({ type: 'failed', error: toWorkerError(error) });
    }
  }
}
