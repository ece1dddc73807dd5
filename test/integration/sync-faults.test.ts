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

/** `ledger sync push` in its own process, killed with SIGKILL after `killAfterMs` unless it ends first. */
function pushInChild(killAfterMs: number): Promise<'killed' | number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'sync', 'push', '--data', world.app.dataDir, '--json'], { cwd: ROOT, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? 'killed' : (code ?? -1));
    });
  });
}

describe('kill -9 of the client', { timeout: 300_000 }, () => {
  it('killed at random moments 12 times, then restarted: the platform holds exactly the ledger', async () => {
    // the test's own connection is closed while a child process owns the data folder
    await world.app.db.close();
    const outcomes: Array<'killed' | number> = [];
    // How long one push of 400 new items takes on this machine, so the kills fall inside pushes whatever
    // its speed: from the process starting up to the receipts being applied.
    let fullPushMs = 0;
    for (let i = 0; i < 13; i++) {
      const db = await openDatabase(world.app.dataDir);
      await seedGeneratedRecords(db, { count: 400, seed: 1000 + i, clerk: world.app.clerk, reviewer: world.app.reviewer, batch: 400 });
      await db.close();
      if (i === 0) {
        const started = Date.now();
        expect(await pushInChild(120_000)).toBe(0);
        fullPushMs = Date.now() - started;
        continue;
      }
      outcomes.push(await pushInChild(Math.floor(fullPushMs * (0.3 + Math.random() * 0.8))));
    }
    expect(outcomes.filter((o) => o === 'killed').length).toBeGreaterThanOrEqual(6);
    expect(await pushInChild(120_000)).toBe(0);
    world.app.db = await openDatabase(world.app.dataDir);
    world.app.deps.db = world.app.db;
    const status = await world.client.status();
    expect(status).toMatchObject({ pending: 0, inFlight: 0, rejected: 0 });
    await expectPlatformMatchesLedger(world);
    const stats = platformStats(world.platform.store);
    expect(stats.versions).toBe(stats.items.dishonesty_record.held);
  });
});
