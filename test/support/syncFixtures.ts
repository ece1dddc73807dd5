import { expect } from 'vitest';
import type { ReadSql } from '../../electron/db/database';
import { SyncClient, type SyncClientOptions } from '../../electron/sync/syncClient';
import { createRecord } from '../../electron/services/records';
import { heldItems } from '../platform/stats';
import { platformForTest, type TestPlatform } from './platformRequests';
import { unitRecord, numberedUscc } from './recordFixtures';
import { createTestApp, TEST_OFFICE, type TestApp } from './testApp';

/** Fast retries for tests: no real waiting between tries, a short timeout for the hang fault. */
export const TEST_RETRY = { baseMs: 1, capMs: 20, timeoutMs: 2_000, maxAttempts: 8 };

export interface SyncWorld {
  app: TestApp;
  platform: TestPlatform;
  client: SyncClient;
  close(): Promise<void>;
}

/** A workstation (office TEST_OFFICE) enrolled with a fresh reference platform. */
export async function enrolledWorld(options: SyncClientOptions = {}): Promise<SyncWorld> {
  const app = await createTestApp();
  const platform = await platformForTest();
  const client = new SyncClient(app.deps, { retry: TEST_RETRY, ...options });
  const code = platform.store.issueCode(TEST_OFFICE.officeUscc, new Date().toISOString());
  await client.enrol(app.admin, { url: platform.url, code });
  return {
    app, platform, client,
    async close() {
      await platform.close();
      await app.close();
    },
  };
}

/** n valid unit records made through the records service, as a clerk would. */
export async function makeRecords(app: TestApp, n: number, from = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await createRecord(app.deps, app.clerk, unitRecord({ unitUscc: numberedUscc(from + i + 1) }))).id);
  return ids;
}

/** The latest version of every item the workstation ever queued, as the platform should hold it. */
export function localLatest(sql: ReadSql): Array<{ kind: string; id: string; version: number; op: string }> {
  return sql.all(`SELECT kind, item_id AS id, max(version) AS version, op FROM outbox GROUP BY kind, item_id ORDER BY item_id`);
}

/** Platform holdings equal the local ledger exactly, every version accepted once. */
export async function expectPlatformMatchesLedger(world: SyncWorld): Promise<void> {
  const local = await world.app.db.read((sql) => localLatest(sql));
  expect(heldItems(world.platform.store)).toEqual(local);
}
