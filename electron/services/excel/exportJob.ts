import type { ServiceDeps } from '../context';
import { fromWorkerError, startWorker, type WorkerError } from '../workerThreads';

/**
 * A ledger's spreadsheet export as the export worker finds it by name (functions do not cross threads): the
 * worker opens a read connection of its own and calls `write` with the list's filter.
 */
export interface LedgerExport<Q = unknown> {
  name: string;
  /** `userId`: the signed-in user, for filters such as 我负责的. */
  write(deps: ServiceDeps, query: Q, userId: string | null): Promise<{ bytes: Buffer; count: number }>;
}

export interface ToExportWorker {
  type: 'export';
  ledger: string;
  file: string;
  dataDir: string;
  nativeBinding?: string;
  /** The ledger's key (hex), for the worker's own connection. */
  keyHex: string;
  query: unknown;
  userId: string | null;
  now: string;
}

export type FromExportWorker =
  | { type: 'done'; bytes: Uint8Array; count: number }
  | { type: 'failed'; error: WorkerError };

const nativeBindingOf = (deps: ServiceDeps) => (deps.db.dataSource.options as { nativeBinding?: string }).nativeBinding;

/**
 * Export a filtered list in a worker thread: reading 100,000 rows and zipping the workbook takes seconds,
 * which on the app's thread would freeze the window. The worker reads a consistent snapshot (WAL) while the
 * app goes on writing; the workbook comes back as one transferred buffer.
 */
export async function exportInWorker<Q>(deps: ServiceDeps, ledger: LedgerExport<Q>, query: Q, userId: string | null = null): Promise<{ bytes: Buffer; count: number }> {
  const worker = startWorker({ bundled: 'exportWorker', source: 'catalog/exportWorker.ts' });
  try {
    return await new Promise((resolve, reject) => {
      worker.on('message', (message: FromExportWorker) => {
        if (message.type === 'done') resolve({ bytes: Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength), count: message.count });
        else reject(fromWorkerError(message.error));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`export worker stopped (exit ${code})`)));
      worker.postMessage({
        type: 'export', ledger: ledger.name, file: deps.db.file, dataDir: deps.dataDir, nativeBinding: nativeBindingOf(deps), keyHex: deps.db.key.hex,
        query, userId, now: deps.now().toISOString(),
      } satisfies ToExportWorker);
    });
  } finally {
    await worker.terminate();
  }
}
