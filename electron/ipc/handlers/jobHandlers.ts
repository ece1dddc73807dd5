import { cancelJob, jobProgress } from '../../services/jobs';
import type { HandlerMap } from '../registry';

export const jobHandlers: HandlerMap<'jobs.progress' | 'jobs.cancel'> = {
  'jobs.progress': async (req, { actor }) => jobProgress(actor, req.jobId),
  'jobs.cancel': async (req, { actor }) => cancelJob(actor, req.jobId),
};
