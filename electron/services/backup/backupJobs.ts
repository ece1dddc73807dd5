import { AppError } from '../../../shared/contract/errors';
import { BackupCheckError, type LedgerFileOptions, type WrittenBackup } from './backupFile';
import type { RestoreOptions, RestoreResult } from './restoreLedger';
import { startWorker } from '../workerThreads';

/** Work the backup worker thread does (backupWorker.ts). */
export type BackupJob =
  | { op: 'backup'; sourceFile: string; target: string; nativeBinding?: string; keyHex: string }
  | { op: 'restore'; dataDir: string; from: string; options: Omit<RestoreOptions, 'now'> & { now: string } };

export type JobFailure =
  | { kind: 'app'; code: string; message: string; field?: string }
  | { kind: 'check'; message: string; reason: BackupCheckError['reason'] }
  | { kind: 'other'; message: string };

const startBackupWorker = () => startWorker({ bundled: 'backupWorker', source: 'backup/backupWorker.ts' });

function run<T>(job: BackupJob): Promise<T> {
  const worker = startBackupWorker();
  return new Promise<T>((resolve, reject) => {
    worker.once('message', (answer: { ok: true; result: T } | { ok: false; error: JobFailure }) => {
      if (answer.ok) resolve(answer.result);
      else reject(rebuild(answer.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`backup worker stopped (exit ${code})`)));
    worker.postMessage(job);
  }).finally(() => void worker.terminate());
}

function rebuild(failure: JobFailure): Error {
  if (failure.kind === 'app') return new AppError(failure.code, failure.message, failure.field);
  if (failure.kind === 'check') return new BackupCheckError(failure.message, failure.reason);
  return new Error(failure.message);
}

/** writeBackupFile, off the main thread. */
export const writeBackupInWorker = (sourceFile: string, target: string, options: LedgerFileOptions) =>
  run<WrittenBackup>({ op: 'backup', sourceFile, target, nativeBinding: options.nativeBinding, keyHex: options.key.hex });

/** restoreLedger, off the main thread. */
export const restoreInWorker = (dataDir: string, from: string, options: RestoreOptions) =>
  run<RestoreResult>({ op: 'restore', dataDir, from, options: { ...options, now: options.now.toISOString() } });
