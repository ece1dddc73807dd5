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

/** The longest wait between two looks: a machine that slept or had its clock set still catches up within the hour. */
const LONGEST_WAIT_MS = 60 * 60 * 1000;

/** Milliseconds from `now` to a second after the next local midnight (so the new day has begun on every clock reading), at most an hour. */
export function msToNextLook(now: Date): number {
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  return Math.min(Math.max(midnight - now.getTime() + 1000, 1000), LONGEST_WAIT_MS);
}

/**
 * Derived states at start and after every local midnight while the app runs (DESIGN.md "derived states that
 * happen when a date passes"; DOMAIN.md: 逾期未兑现 "becomes overdue by itself"). Between midnights it looks
 * once an hour, which changes nothing unless a day has passed unseen. A failure is reported and tried again at
 * the next look; it never stops the app.
 */
export function scheduleDerivedStates(
  deps: ServiceDeps, runners: readonly DerivedRunner[], onError: (error: unknown) => void = (e) => console.error('derived states failed', e),
): { first: Promise<unknown>; stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const runOnce = () => runDerivedStates(deps, runners).catch(onError);
  const plan = () => {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().finally(plan), msToNextLook(deps.now()));
    timer.unref?.();
  };
  const first = runners.length === 0 ? Promise.resolve() : runOnce().finally(plan);
  return {
    first,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
