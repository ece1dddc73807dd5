import type { SyncClient } from './syncClient';

export interface SchedulerOptions {
  /** How often to look whether something is waiting (a cheap count). */
  pollMs: number;
  /** Sync at least this often even when nothing is waiting (to fetch the city's decisions). */
  everyMs: number;
  /** Longest quiet pause while the platform cannot be reached. */
  maxBackoffMs: number;
}

export const DEFAULT_SCHEDULE: SchedulerOptions = { pollMs: 30_000, everyMs: 5 * 60_000, maxBackoffMs: 15 * 60_000 };

/**
 * Automatic sync while the app runs: upload when something is waiting (and every few minutes, to fetch
 * decisions), backing off quietly while the platform cannot be reached. Every step is asynchronous and
 * short, so the window never waits on it; the timers do not keep the process alive.
 */
export function startSyncScheduler(client: SyncClient, options: Partial<SchedulerOptions> = {}): { stop(): void } {
  const o = { ...DEFAULT_SCHEDULE, ...options };
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let lastRun = 0;
  let backoff = 0;
  let notBefore = 0;

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void tick(), o.pollMs);
    timer.unref?.();
  };

  async function tick(): Promise<void> {
    try {
      const status = await client.status();
      const now = Date.now();
      const waiting = status.pending > 0 || status.inFlight > 0;
      if (status.enrolled && !client.busy && now >= notBefore && (waiting || now - lastRun >= o.everyMs)) {
        lastRun = now;
        const result = await client.syncNow();
        const unreachable = result.push.fault?.code === 'UNREACHABLE' || result.pull?.fault?.code === 'UNREACHABLE';
        backoff = unreachable ? Math.min(o.maxBackoffMs, backoff === 0 ? o.pollMs : backoff * 2) : 0;
        notBefore = Date.now() + backoff;
      }
    } catch {
      // a failing step is recorded by the client as the fault the header shows; try again later
      backoff = Math.min(o.maxBackoffMs, backoff === 0 ? o.pollMs : backoff * 2);
      notBefore = Date.now() + backoff;
    } finally {
      schedule();
    }
  }

  schedule();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
