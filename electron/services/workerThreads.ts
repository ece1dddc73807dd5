import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { AppError } from '../../shared/contract/errors';
import { requireFromServices, SERVICES_FOLDER } from './servicesFolder';

/**
 * A worker thread for a long job. In the desktop app each worker is bundled beside the main bundle as
 * `<bundled>.cjs` (scripts/build-electron.mjs) and loaded through require, which reads inside the asar archive;
 * from the sources (CLI, harness, tests) `source` (relative to electron/services) runs under tsx.
 */
export function startWorker(worker: { bundled: string; source: string }, resourceLimits?: ResourceLimits): Worker {
  const bundled = path.join(SERVICES_FOLDER, `${worker.bundled}.cjs`);
  if (fs.existsSync(bundled)) return new Worker(`require(${JSON.stringify(bundled)})`, { eval: true, resourceLimits });
  const source = pathToFileURL(path.join(SERVICES_FOLDER, worker.source)).href;
  return new Worker(
    `import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`,
    { eval: true, resourceLimits },
  );
}

/** tsx's ESM API, found from here rather than from the working directory (the harness may be started anywhere). */
function tsxEsmApi(): string {
  const manifest = requireFromServices.resolve('tsx/package.json');
  const exports = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api'].import.default)).href;
}

/** An error as it crosses from a worker thread (a class does not survive postMessage; its Chinese message must). */
export interface WorkerError {
  code?: string;
  message: string;
  field?: string;
}

export const toWorkerError = (error: unknown): WorkerError =>
  error instanceof AppError ? { code: error.code, message: error.message, field: error.field } : { message: error instanceof Error ? error.message : String(error) };

export const fromWorkerError = (error: WorkerError): Error => (error.code ? new AppError(error.code, error.message, error.field) : new Error(error.message));
