import type { WriteSql } from '../../db/database';
import { todayIso } from '../../../shared/validation/dates';
import { isoNow, type ServiceDeps } from '../context';
import { localDayStartUtc } from '../time';

/**
 * A ledger with states that follow from a date (a commitment's due date passing): how it makes them, as the
 * system, in the caller's transaction (statusRunner.applyDerivedStates with the ledger's declarations).
 */
export interface DatedLedger {
  name: string;
  applyDue(sql: WriteSql, today: string, at: string): number;
}

/** Make every ledger's due states now, in one transaction. Returns how many entities moved, per ledger. */
export async function applyDueStates(deps: ServiceDeps, ledgers: readonly DatedLedger[]): Promise<Record<string, number>> {
  const today = todayIso(deps.now());
  const at = isoNow(deps);
  return deps.db.write((sql) => Object.fromEntries(ledgers.map((l) => [l.name, l.applyDue(sql, today, at)])));
}

/** The longest wait between two looks: a machine that slept or had its clock set still catches up within the hour. */
const LONGEST_WAIT_MS = 60 * 60 * 1000;

export interface DueStateTimer {
  /** The run at start, finished. */
  started: Promise<void>;
  stop(): void;
}

/**
 * Derived states at start and at every local midnight while the app runs (DOMAIN.md: 逾期未兑现 "becomes
 * overdue by itself"). A failure is logged and tried again at the next look; it never stops the app.
 */
export function scheduleDueStates(deps: ServiceDeps, ledgers: readonly DatedLedger[], onError: (error: unknown) => void = console.error): DueStateTimer {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const run = () => applyDueStates(deps, ledgers).then(() => undefined, onError);
  const next = () => {
    if (stopped) return;
    const now = deps.now();
    const midnight = new Date(localDayStartUtc(todayIso(now), 1)).getTime();
    // a second after midnight, so the new day has begun on every clock reading
    const wait = Math.min(Math.max(midnight - now.getTime() + 1000, 1000), LONGEST_WAIT_MS);
    timer = setTimeout(() => void run().then(next), wait);
    timer.unref?.();
  };
  const started = ledgers.length === 0 ? Promise.resolve() : run().then(next);
  return {
    started,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
