import { afterEach, describe, expect, it } from 'vitest';
import { makeBatch } from '../../electron/sync/batching';
import { startSyncScheduler } from '../../electron/sync/scheduler';
import { readEnrolment } from '../../electron/sync/state';
import { batchReceipts, listBatches, rejectedItems, uploadState, uploadTags } from '../../electron/sync/views';
import { getRecord, updateRecord } from '../../electron/services/records';
import { heldItems } from '../platform/stats';
import { numberedUscc, unitRecord } from '../support/recordFixtures';
import { enrolledWorld, makeRecords, type SyncWorld } from '../support/syncFixtures';

/** What the 上报平台 page and a record's upload tag show, and automatic sync while the app runs. */

let world: SyncWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

describe('upload state of an item', () => {
  it('待上报 → 上报中 → 已上报; a refusal is 被退回 with the reason; a correction waiting is 待上报 again', async () => {
    world = await enrolledWorld();
    const [good, bad] = await makeRecords(world.app, 2);
    const tag = (id: string) => world!.app.db.read((sql) => uploadState(sql, 'dishonesty_record', id));
    expect((await tag(good)).tag).toBe('pending');
    await world.app.db.write((sql) => makeBatch(sql, readEnrolment(sql)!, new Date().toISOString()));
    expect((await tag(good)).tag).toBe('uploading');
    // the batch as an older program might have made it: the second record's code with a wrong check character
    const badUscc = numberedUscc(2);
    const wrong = badUscc.slice(0, 17) + (badUscc[17] === '0' ? '1' : '0');
    await world.app.db.write((sql) => sql.run(`UPDATE sync_batches SET body_json = replace(body_json, ?, ?)`, badUscc, wrong));
    await world.client.push();
    expect(await tag(good)).toMatchObject({ tag: 'uploaded', version: 1, platformRef: expect.any(String) });
    expect(await tag(bad)).toMatchObject({ tag: 'rejected', field: 'unitUscc', message: expect.stringMatching(/校验/) });
    const page = await world.app.db.read((sql) => uploadTags(sql, 'dishonesty_record', [good, bad]));
    expect([...page.entries()]).toEqual([[good, 'uploaded'], [bad, 'rejected']]);

    const batches = await world.app.db.read((sql) => listBatches(sql, 1, 20));
    expect(batches.total).toBe(1);
    expect(batches.items[0]).toMatchObject({ state: 'answered', accepted: 1, rejected: 1, itemCount: 2 });
    const report = await world.app.db.read((sql) => batchReceipts(sql, batches.items[0].batchId));
    expect(report?.receipts.map((r) => [r.kindLabel, r.status, r.field])).toEqual([
      ['政务失信记录', 'accepted', null], ['政务失信记录', 'rejected', 'unitUscc'],
    ]);
    expect(report?.receipts[0].description).toContain('某某市某某区某某街道办事处');
    expect((await world.app.db.read((sql) => rejectedItems(sql))).map((r) => r.id)).toEqual([bad]);

    const { record } = await getRecord(world.app.deps, world.app.clerk, bad);
    await updateRecord(world.app.deps, world.app.clerk, { id: bad, expectedVersion: record.version, fields: unitRecord({ unitUscc: record.unitUscc }) });
    expect(await tag(bad)).toMatchObject({ tag: 'pending', message: expect.any(String) });
    await world.client.push();
    expect(await tag(bad)).toMatchObject({ tag: 'uploaded', version: 2 });
    expect(await world.app.db.read((sql) => rejectedItems(sql))).toEqual([]);
  });
});

describe('automatic sync', () => {
  it('uploads what is waiting without being asked, and keeps trying quietly while the platform is away', async () => {
    world = await enrolledWorld();
    await makeRecords(world.app, 3);
    const scheduler = startSyncScheduler(world.client, { pollMs: 50, everyMs: 60_000, maxBackoffMs: 200 });
    try {
      await expect.poll(() => heldItems(world!.platform.store).length, { timeout: 10_000 }).toBe(3);
      world.platform.faults.set({ kind: 'error500' });
      await makeRecords(world.app, 2, 10);
      await expect.poll(async () => (await world!.client.status()).fault?.code, { timeout: 10_000 }).toBe('UNREACHABLE');
      world.platform.faults.set(null);
      await expect.poll(() => heldItems(world!.platform.store).length, { timeout: 10_000 }).toBe(5);
      await expect.poll(async () => (await world!.client.status()).fault, { timeout: 10_000 }).toBeNull();
    } finally {
      scheduler.stop();
    }
  });
});
