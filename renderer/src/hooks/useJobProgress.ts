import { useCallback } from 'react';
import type { JobProgressView } from '../../../shared/contract/jobs';
import { api } from '../api/client';
import { usePolled } from './usePolled';

/**
 * While a long job the page started with `jobId` runs (an import, in a worker thread of the app), how far it
 * has got, asked a few times a second. Null until the job reports, and once `jobId` is null again.
 */
export function useJobProgress(jobId: string | null): JobProgressView | null {
  const ask = useCallback(async () => {
    const progress = await api.jobsProgress({ jobId: jobId! });
    return progress.running ? progress : null;
  }, [jobId]);
  return usePolled(jobId ? ask : null, 250);
}

/** The share of the whole job done, for a progress bar: writing takes most of an import's time. */
export function jobPercent(progress: JobProgressView | null, writes: boolean): number {
  if (!progress || progress.total === 0) return 0;
  const share = progress.done / progress.total;
  if (!writes) return progress.phase === 'check' ? Math.floor(share * 100) : 0;
  if (progress.phase === 'check') return Math.floor(share * 30);
  if (progress.phase === 'write') return 30 + Math.floor(share * 69);
  return 0;
}
