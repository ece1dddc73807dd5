import type { ServiceDeps } from '../context';
import { applyNoticeDeadlines } from './noticesService';

/**
 * 逾期 happens by itself (issue 10 §4): at start and just after every local midnight while the app runs, as
 * versions by the system. Returns a stop function.
 */
export function startNoticeClock(deps: ServiceDeps, onError: (error: unknown) => void = (e) => console.error('notice deadlines', e)): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const run = () => applyNoticeDeadlines(deps).catch(onError);
  const schedule = () => {
    if (stopped) return;
    const now = deps.now();
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 5);
    timer = setTimeout(() => void run().then(schedule), Math.max(1000, midnight.getTime() - now.getTime()));
    timer.unref();
  };
  void run().then(schedule);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
