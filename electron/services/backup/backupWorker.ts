import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/contract/errors';
import { LedgerKey } from '../../db/ledgerKey';
import { BackupCheckError, writeBackupFile } from './backupFile';
import type { BackupJob, JobFailure } from './backupJobs';
import { restoreLedger } from './restoreLedger';

/**
 * The worker thread that does the long, synchronous parts of backups and restores (VACUUM INTO, copying,
 * integrity_check, SHA-256, fsync) on connections of its own, so the main process never stalls on them.
 */
parentPort!.on('message', (job: BackupJob) => {
  try {
    const result =
      job.op === 'backup'
        ? writeBackupFile(job.sourceFile, job.target, { nativeBinding: job.nativeBinding, key: LedgerKey.fromHex(job.keyHex) })
        : restoreLedger(job.dataDir, job.from, { ...job.options, now: new Date(job.options.now) });
    parentPort!.postMessage({ ok: true, result });
  } catch (error) {
    parentPort!.postMessage({ ok: false, error: describe(error) });
  }
});

function describe(error: unknown): JobFailure {
  if (error instanceof AppError) return { kind: 'app', code: error.code, message: error.message, field: error.field };
  if (error instanceof BackupCheckError) return { kind: 'check', message: error.message, reason: error.reason };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}
