import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_CHECKPOINT_MS, WAL_AUTOCHECKPOINT_PAGES } from '../../electron/db/database';
import { createRecord } from '../../electron/services/records';
import { nextDocNumber, unitRecord } from '../support/recordFixtures';
import { createTestApp, type TestApp } from '../support/testApp';

/**
 * A clerk's save never waits for the WAL to be copied back into the database: SQLite's own checkpoint is
 * pushed far out, and the app checkpoints once writes have paused.
 */
let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(async () => {
  vi.useRealTimers();
  await app.close();
});

describe('checkpoints happen when the clerk is not waiting', () => {
  it('SQLite checkpoints on its own only after many pages', () => {
    expect(app.db.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
  });

  it('one checkpoint after the writes have paused, none during a run of saves', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pragma = vi.spyOn(app.db.connection, 'pragma');
    const checkpoints = () => pragma.mock.calls.filter(([text]) => String(text).startsWith('wal_checkpoint')).length;
    for (let i = 0; i < 5; i++) {
      await createRecord(app.deps, app.clerk, unitRecord({ docNumber: nextDocNumber() }));
      await vi.advanceTimersByTimeAsync(IDLE_CHECKPOINT_MS / 3);
    }
    expect(checkpoints()).toBe(0);
    await vi.advanceTimersByTimeAsync(IDLE_CHECKPOINT_MS);
    await app.db.read(() => undefined); // the checkpoint ran in the queue before this read
    expect(pragma.mock.calls.filter(([text]) => text === 'wal_checkpoint(PASSIVE)')).toHaveLength(1);
    expect(checkpoints()).toBe(1);
  });
});
