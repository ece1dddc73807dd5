import type { WriteSql } from '../../db/database';
import { retryWhenBusy } from '../../db/busyRetry';
import { todayIso } from '../../../shared/validation/dates';
import type { ServiceDeps } from '../context';

/**
 * A ledger's date-driven states (statusRunner applyDerivedStates / applyDerivedPartStates) as the app runs them:
 * each ledger declares one runner and the catalog lists them (DERIVED_RUNNERS).
 */
export interface DerivedRunner {
  name: string;
  /** Makes every state due on `today`, in the caller's transaction; returns how many entities moved. */
  run(sql: WriteSql, today: string, at: string): number;
}

/** Every runner once, each in its own transaction (a ledger's failure leaves the others' states made). */
export async function runDerivedStates(deps: ServiceDeps, runners: readonly DerivedRunner[]): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const runner of runners) {
    const now = deps.now();
    // another process (the CLI) may be writing: a refused transaction changed nothing and is run again
    moved[runner.name] = await retryWhenBusy(() => deps.db.write((sql) => runner.run(sql, todayIso(now), now.toISOString())));
  }
  return moved;
}

/** Milliseconds from `now` to a little after the next local midnight. */
export function msToNextMidnight(now: Date): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 5);
  return next.getTime() - now.getTime();
}

/**
 * Derived states at start and after every local midnight while the app runs (DESIGN.md "derived states that
 * happen when a date passes"). A failure is reported and retried at the next midnight.
 */
export function scheduleDerivedStates(
  deps: ServiceDeps, runners: readonly DerivedRunner[], onError: (error: unknown) => void = (e) => console.error('derived states failed', e),
): { first: Promise<unknown>; stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const runOnce = () => runDerivedStates(deps, runners).catch(onError);
  const plan = () => {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().finally(plan), msToNextMidnight(deps.now()));
    timer.unref?.();
  };
  const first = runOnce().finally(plan);
  return {
    first,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
