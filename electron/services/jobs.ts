import { AppError, ERROR_CODES } from '../../shared/contract/errors';
import type { Actor } from './context';

/** How far a long job has got: its step and the rows (or items) done of the step's total. */
export interface JobProgress {
  phase: 'read' | 'check' | 'write';
  done: number;
  total: number;
}

interface RunningJob {
  ownerId: string;
  progress: JobProgress;
  cancel: () => void;
}

/**
 * The long jobs under way in this process, by the id the page chose when it started one, so that the page can
 * poll their progress and cancel them while the starting call is still waiting for its answer.
 */
const running = new Map<string, RunningJob>();
/** Cancels that arrived before their job started (the page's cancel overtook its own start). */
const cancelledEarly = new Map<string, string>();
const EARLY_CANCELS_KEPT = 100;

export const cancelledError = (what: string) => new AppError(ERROR_CODES.cancelled, `${what}已取消，未作任何改动`);

export interface JobHandle {
  report(progress: JobProgress): void;
  end(): void;
}

/** Register a job of `owner`; `cancel` stops it. Throws when the page cancelled it already. */
export function beginJob(jobId: string, owner: Actor, what: string, cancel: () => void): JobHandle {
  if (running.has(jobId)) throw new AppError(ERROR_CODES.conflict, `${what}已在进行中，请等待它完成`);
  if (cancelledEarly.get(jobId) === owner.id) {
    cancelledEarly.delete(jobId);
    throw cancelledError(what);
  }
  const job: RunningJob = { ownerId: owner.id, progress: { phase: 'read', done: 0, total: 0 }, cancel };
  running.set(jobId, job);
  return {
    report: (progress) => void (job.progress = progress),
    end: () => void running.delete(jobId),
  };
}

/** The progress of the actor's own job; another user's job is reported as not running. */
export function jobProgress(actor: Actor, jobId: string): { running: boolean } & JobProgress {
  const job = running.get(jobId);
  if (!job || job.ownerId !== actor.id) return { running: false, phase: 'read', done: 0, total: 0 };
  return { running: true, ...job.progress };
}

/** Cancel the actor's own job (now, or as soon as it starts). */
export function cancelJob(actor: Actor, jobId: string): { cancelled: boolean } {
  const job = running.get(jobId);
  if (job && job.ownerId === actor.id) {
    job.cancel();
    return { cancelled: true };
  }
  if (job) return { cancelled: false };
  if (cancelledEarly.size >= EARLY_CANCELS_KEPT) cancelledEarly.delete(cancelledEarly.keys().next().value!);
  cancelledEarly.set(jobId, actor.id);
  return { cancelled: true };
}
