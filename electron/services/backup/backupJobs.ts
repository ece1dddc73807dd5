import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/contract/errors';
import { BackupCheckError, type WrittenBackup } from './backupFile';
import type { RestoreOptions, RestoreResult } from './restoreLedger';

/** Work the backup worker thread does (backupWorker.ts). */
export type BackupJob =
  | { op: 'backup'; sourceFile: string; target: string; nativeBinding?: string }
  | { op: 'restore'; dataDir: string; from: string; options: Omit<RestoreOptions, 'now'> & { now: string } };

export type JobFailure =
  | { kind: 'app'; code: string; message: string; field?: string }
  | { kind: 'check'; message: string; reason: BackupCheckError['reason'] }
  | { kind: 'other'; message: string };

const here = typeof __dirname !== 'undefined' ? __dirname : path.dirname(fileURLToPath(import.meta.url));

/**
 * A worker for one job. In the desktop app the worker is bundled beside the main bundle (and loaded through
 * require, which reads inside the asar archive); from the sources (CLI, harness, tests) it runs under tsx.
 */
function startWorker(): Worker {
  const bundled = path.join(here, 'backupWorker.cjs');
  if (fs.existsSync(bundled)) return new Worker(`require(${JSON.stringify(bundled)})`, { eval: true });
  const source = pathToFileURL(path.join(here, 'backupWorker.ts')).href;
  return new Worker(`import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`, { eval: true });
}

/** tsx's ESM API, found from here rather than from the working directory (the harness may be started anywhere). */
function tsxEsmApi(): string {
  const manifest = createRequire(path.join(here, 'backupJobs.ts')).resolve('tsx/package.json');
  const exports = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api'].import.default)).href;
}

function run<T>(job: BackupJob): Promise<T> {
  const worker = startWorker();
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
export const writeBackupInWorker = (sourceFile: string, target: string, nativeBinding?: string) =>
  run<WrittenBackup>({ op: 'backup', sourceFile, target, nativeBinding });

/** restoreLedger, off the main thread. */
export const restoreInWorker = (dataDir: string, from: string, options: RestoreOptions) =>
  run<RestoreResult>({ op: 'restore', dataDir, from, options: { ...options, now: options.now.toISOString() } });
