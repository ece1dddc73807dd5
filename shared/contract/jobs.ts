import { z } from 'zod';
import { channel } from './channel';
import { uuid } from './common';

/**
 * Long jobs (an import today): the page gives the job an id when it starts it, and while the starting call
 * waits for its answer, polls how far the job has got and may cancel it.
 */
export const jobProgressSchema = z.object({
  /** False before the job has started and once it has ended (the starting call then has its answer). */
  running: z.boolean(),
  /** 读取文件 → 检查 rows → 写入 records. */
  phase: z.enum(['read', 'check', 'write']),
  done: z.number(),
  total: z.number(),
});
export type JobProgressView = z.infer<typeof jobProgressSchema>;

export const jobChannels = {
  'jobs.progress': channel({ access: 'user', request: z.object({ jobId: uuid }), response: jobProgressSchema }),
  /** Stops the job; a cancelled import has written nothing (its starting call answers CANCELLED). */
  'jobs.cancel': channel({ access: 'user', request: z.object({ jobId: uuid }), response: z.object({ cancelled: z.boolean() }) }),
};
