import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import { FAULT_KINDS, type FaultKind } from '../platform/faults';
import { platformStats } from '../platform/stats';
import { seedGeneratedRecords } from '../support/seedRecords';
import { enrolledWorld, expectPlatformMatchesLedger, type SyncWorld } from '../support/syncFixtures';

/**
 * Nothing lost, nothing twice: uploads of a few thousand items through every fault the platform can
 * inject, and a client process killed with SIGKILL at random moments; afterwards the platform holds
 * exactly the workstation's ledger, every item once at its latest version.
 */

let world: SyncWorld;
let seed = 1;
beforeAll(async () => {
  // batches of 250, so that each upload below is several batches
  world = await enrolledWorld({ limits: { maxItems: 250, maxBytes: 8 * 1024 * 1024 } });
});
afterAll(() => world.close());

const addRecords = (count: number) => seedGeneratedRecords(world.app.db, { count, seed: seed++, clerk: world.app.clerk, reviewer: world.app.reviewer, batch: 500 });

/** Push until a push ends without a fault (a fault such as "unreachable" is retried by the next run). */
async function pushUntilDone(maxRuns = 20) {
  for (let run = 1; run <= maxRuns; run++) {
    const report = await world.client.push();
    if (!report.fault) return run;
  }
  throw new Error('the upload never completed');
}

describe('injected faults during uploads', { timeout: 120_000 }, () => {
  // Every second upload request fails (the retry of a failed one then succeeds), so good and bad answers interleave.
  const plans: Record<FaultKind, { every?: number; times?: number; retryAfter?: number }> = {
    error500: { every: 2 },
    busy429: { times: 2, retryAfter: 1 },
    busy503: { times: 2, retryAfter: 1 },
    hang: { times: 1 },
    reset: { every: 2 },
    garbage: { every: 2 },
    truncated: { every: 2 },
    'drop-after-store': { every: 2 },
  };
  for (const kind of FAULT_KINDS) {
    it(`${kind}: every item arrives once at its latest version`, async () => {
      await addRecords(kind === 'hang' ? 300 : 1_500);
      world.platform.faults.set({ kind, ...plans[kind] });
      const started = Date.now();
      await pushUntilDone();
      const injected = world.platform.faults.injected;
      world.platform.faults.set(null);
      expect(injected).toBeGreaterThanOrEqual(kind === 'hang' ? 1 : 2);
      if (kind.startsWith('busy')) expect(Date.now() - started).toBeGreaterThanOrEqual(2_000); // Retry-After: 1 s, twice
      const status = await world.client.status();
      expect(status).toMatchObject({ pending: 0, inFlight: 0, rejected: 0, fault: null });
      await expectPlatformMatchesLedger(world);
    });
  }
});

const ROOT = path.resolve(import.meta.dirname, '../..');

/** When to kill a `sync push` child: a time after it started, or after the platform stored its first batch. */
type KillAt = { afterStartMs: number } | { afterFirstBatchMs: number } | null;
interface PushRun {
  outcome: 'killed' | number;
  /** From the start to the platform storing the push's first batch, and from then to the end (null if not seen). */
  toFirstBatchMs: number | null;
  firstBatchToEndMs: number | null;
}

/**
 * `ledger sync push` in its own process, killed with SIGKILL at `killAt` unless it ends first. The platform's
 * batches are watched, so that a kill can be placed inside the upload whatever the machine's speed (the
 * process's start-up alone takes 1–3 s on a loaded machine).
 */
function pushInChild(killAt: KillAt): Promise<PushRun> {
  return new Promise((resolve) => {
    const started = Date.now();
    const countBatches = world.platform.store.db.prepare(`SELECT count(*) AS n FROM batches`);
    const batches = () => (countBatches.get() as { n: number }).n;
    const batchesBefore = batches();
    let firstBatchAt: number | null = null;
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'sync', 'push', '--data', world.app.dataDir, '--json'], { cwd: ROOT, stdio: 'ignore' });
    const kill = () => child.kill('SIGKILL');
    let killTimer: NodeJS.Timeout | null = killAt && 'afterStartMs' in killAt ? setTimeout(kill, killAt.afterStartMs) : null;
    const watch = setInterval(() => {
      if (firstBatchAt !== null || batches() === batchesBefore) return;
      firstBatchAt = Date.now();
      if (killAt && 'afterFirstBatchMs' in killAt) killTimer = setTimeout(kill, killAt.afterFirstBatchMs);
    }, 5);
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      if (killTimer) clearTimeout(killTimer);
      const ended = Date.now();
      resolve({
        outcome: signal === 'SIGKILL' ? 'killed' : (code ?? -1),
        toFirstBatchMs: firstBatchAt === null ? null : firstBatchAt - started,
        firstBatchToEndMs: firstBatchAt === null ? null : ended - firstBatchAt,
      });
    });
  });
}

describe('kill -9 of the client', { timeout: 300_000 }, () => {
  it('killed at random moments 12 times, then restarted: the platform holds exactly the ledger', async () => {
    // the test's own connection is closed while a child process owns the data folder
    await world.app.db.close();
    const outcomes: Array<'killed' | number> = [];
    // One push of 400 new items (two batches) measured first: how long until its first batch is stored, and how
    // long from there to its end. A third of the kills fall before the first batch (items marked in flight,
    // nothing sent yet); the others at a random moment after it (a batch stored but its answer not applied, the
    // second batch on its way, receipts half applied).
    let calibration: PushRun | null = null;
    for (let i = 0; i < 13; i++) {
      const db = await openDatabase(world.app.dataDir);
      await seedGeneratedRecords(db, { count: 400, seed: 1000 + i, clerk: world.app.clerk, reviewer: world.app.reviewer, batch: 400 });
      await db.close();
      if (!calibration) {
        calibration = await pushInChild(null);
        expect(calibration.outcome).toBe(0);
        expect(calibration.toFirstBatchMs).not.toBeNull();
        continue;
      }
      const killAt = i % 3 === 0
        ? { afterStartMs: Math.floor(calibration.toFirstBatchMs! * (0.5 + Math.random() * 0.5)) }
        : { afterFirstBatchMs: Math.floor(calibration.firstBatchToEndMs! * Math.random()) };
      outcomes.push((await pushInChild(killAt)).outcome);
    }
    expect(outcomes.filter((o) => o === 'killed').length).toBeGreaterThanOrEqual(6);
    expect((await pushInChild(null)).outcome).toBe(0);
    world.app.db = await openDatabase(world.app.dataDir);
    world.app.deps.db = world.app.db;
    const status = await world.client.status();
    expect(status).toMatchObject({ pending: 0, inFlight: 0, rejected: 0 });
    await expectPlatformMatchesLedger(world);
    const stats = platformStats(world.platform.store);
    expect(stats.versions).toBe(stats.items.dishonesty_record.held);
  });
});
