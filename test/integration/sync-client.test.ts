import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReadSql } from '../../electron/db/database';
import { makeBatch } from '../../electron/sync/batching';
import { DEVICE_KEY_FILE } from '../../electron/sync/deviceKey';
import { SyncClient } from '../../electron/sync/syncClient';
import { getRecord, updateRecord } from '../../electron/services/records';
import { platformStats } from '../platform/stats';
import { errorOf } from '../support/errors';
import { platformForTest } from '../support/platformRequests';
import { unitRecord } from '../support/recordFixtures';
import { enrolledWorld, expectPlatformMatchesLedger, makeRecords, TEST_RETRY, type SyncWorld } from '../support/syncFixtures';
import { createTestApp, TEST_OFFICE } from '../support/testApp';

/** The app's sync client (electron/sync) against the real reference platform on loopback. */

let world: SyncWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const outboxStates = (w: SyncWorld) => w.app.db.read((sql) => sql.all<{ state: string; n: number }>(`SELECT state, count(*) AS n FROM outbox GROUP BY state ORDER BY state`));

describe('enrolment', () => {
  it('an administrator enrols with the one-time code; the private key stays in an owner-only file; a used or wrong code says so on the code field', async () => {
    const app = await createTestApp();
    const platform = await platformForTest();
    try {
      const client = new SyncClient(app.deps, { retry: TEST_RETRY });
      const code = platform.store.issueCode(TEST_OFFICE.officeUscc, new Date().toISOString());
      expect((await errorOf(client.enrol(app.clerk, { url: platform.url, code }))).code).toBe('FORBIDDEN');
      const result = await client.enrol(app.admin, { url: platform.url, code });
      expect(result).toMatchObject({ officeId: TEST_OFFICE.officeUscc, platformUrl: platform.url });
      const keyFile = path.join(app.dataDir, DEVICE_KEY_FILE);
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(platform.store.device(result.deviceId)?.office_id).toBe(TEST_OFFICE.officeUscc);
      const again = await errorOf(client.enrol(app.admin, { url: platform.url, code }));
      expect(again.field).toBe('code');
      expect(again.message).toMatch(/登记/);
      const badUrl = await errorOf(client.enrol(app.admin, { url: 'ftp://x', code }));
      expect(badUrl.field).toBe('url');
      const status = await client.status();
      expect(status).toMatchObject({ enrolled: true, deviceId: result.deviceId, keyProtection: expect.stringMatching(/0600/) });
      const audit = await app.db.read((sql) => sql.get<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'sync'`));
      expect(audit?.action).toBe('enrol');
    } finally {
      await platform.close();
      await app.close();
    }
  });

  it('push before enrolment is refused with a message that says what to do', async () => {
    const app = await createTestApp();
    try {
      const error = await errorOf(new SyncClient(app.deps).push());
      expect(error.code).toBe('NOT_ENROLLED');
      expect(error.message).toMatch(/登记/);
    } finally {
      await app.close();
    }
  });
});

describe('upload', () => {
  it('every record goes up once, a record changed several times at its latest version only; receipts mark each uploaded with its platformRef', async () => {
    world = await enrolledWorld();
    const ids = await makeRecords(world.app, 30);
    for (let v = 1; v <= 3; v++) {
      const { record } = await getRecord(world.app.deps, world.app.clerk, ids[0]);
      await updateRecord(world.app.deps, world.app.clerk, { id: ids[0], expectedVersion: record.version, fields: unitRecord({ unitUscc: record.unitUscc, facts: `第 ${v} 次修改后的失信事实。` }) });
    }
    const report = await world.client.push();
    expect(report).toMatchObject({ items: 30, accepted: 30, rejected: 0, fault: null });
    expect(platformStats(world.platform.store).versions).toBe(30);
    await expectPlatformMatchesLedger(world);
    expect(await outboxStates(world)).toEqual([{ state: 'superseded', n: 3 }, { state: 'uploaded', n: 30 }]);
    const tag = await world.app.db.read((sql) => sql.get<{ status: string; platform_ref: string; version: number }>(`SELECT * FROM upload_state WHERE item_id = ?`, ids[0]));
    expect(tag).toMatchObject({ status: 'accepted', version: 4, platform_ref: expect.stringMatching(/\S/) });
    expect(await world.client.status()).toMatchObject({ pending: 0, inFlight: 0, fault: null, lastSuccessAt: expect.any(String) });
    // the batch carried the audit chain's head, kept by the platform
    expect(platformStats(world.platform.store).auditHeads).toBe(1);
    expect((await world.client.push()).batches).toBe(0);
  });

  it('a platform rejection is kept with its field and message; the correction goes up as a new version and is accepted', async () => {
    world = await enrolledWorld();
    const [id] = await makeRecords(world.app, 1);
    // as if written by an older program that did not check the code
    await world.app.db.write((sql) => sql.run(`UPDATE outbox SET data_json = json_set(data_json, '$.unitUscc', '11320102MB0000000A') WHERE item_id = ?`, id));
    const first = await world.client.push();
    expect(first).toMatchObject({ rejected: 1, accepted: 0 });
    const rejected = await world.app.db.read((sql) => sql.get<{ status: string; field: string; message: string }>(`SELECT * FROM upload_state WHERE item_id = ?`, id));
    expect(rejected).toMatchObject({ status: 'rejected', field: 'unitUscc', message: expect.stringMatching(/统一社会信用代码/) });
    expect((await world.client.status()).rejected).toBe(1);
    const { record } = await getRecord(world.app.deps, world.app.clerk, id);
    await updateRecord(world.app.deps, world.app.clerk, { id, expectedVersion: record.version, fields: unitRecord({ unitUscc: record.unitUscc }) });
    expect(await world.client.push()).toMatchObject({ accepted: 1 });
    expect((await world.client.status()).rejected).toBe(0);
    await expectPlatformMatchesLedger(world);
  });

  it('413 splits the batch and tries again; nothing is lost or sent twice', async () => {
    world = await enrolledWorld({ limits: { maxItems: 1500, maxBytes: 8 * 1024 * 1024 } });
    await makeRecords(world.app, 1200);
    const report = await world.client.push();
    expect(report).toMatchObject({ items: 1200, accepted: 1200, fault: null });
    expect(report.batches).toBeGreaterThanOrEqual(2);
    await expectPlatformMatchesLedger(world);
  });

  it('a clock 40 minutes off is corrected from the 401 CLOCK_SKEW and the upload goes through', async () => {
    const app = await createTestApp({ now: () => new Date(Date.now() + 40 * 60_000) });
    const platform = await platformForTest();
    try {
      const client = new SyncClient(app.deps, { retry: TEST_RETRY });
      await client.enrol(app.admin, { url: platform.url, code: platform.store.issueCode(TEST_OFFICE.officeUscc, new Date().toISOString()) });
      await makeRecords(app, 2);
      expect(await client.push()).toMatchObject({ accepted: 2, fault: null });
      const offset = await app.db.read((sql) => sql.get<{ value: string }>(`SELECT value FROM sync_state WHERE key = 'clockOffsetMs'`));
      expect(Math.round(Number(offset?.value) / 60_000)).toBe(-40);
    } finally {
      await platform.close();
      await app.close();
    }
  });

  it('409 for a batch id already used with other items stops the upload and is shown as a fault, keeping the batch', async () => {
    world = await enrolledWorld();
    await makeRecords(world.app, 2);
    await world.client.push();
    const usedId = await world.app.db.read((sql) => sql.get<{ batch_id: string }>(`SELECT batch_id FROM sync_batches`)!.batch_id);
    await makeRecords(world.app, 1, 10);
    // a batch whose body names an id the platform already holds for other items (as after restoring an old backup)
    await world.app.db.write((sql) => {
      const batch = makeBatch(sql, { platformUrl: '', officeId: TEST_OFFICE.officeUscc, deviceId: deviceIdOf(sql), publicKey: '', platformPublicKey: '' }, new Date().toISOString())!;
      sql.run(`UPDATE sync_batches SET body_json = replace(body_json, ?, ?) WHERE batch_id = ?`, batch.batchId, usedId, batch.batchId);
    });
    const report = await world.client.push();
    expect(report.fault).toMatchObject({ code: 'BATCH_CONFLICT' });
    const status = await world.client.status();
    expect(status.fault?.message).toMatch(/409/);
    expect(status.batches.fault).toBe(1);
    expect(status.inFlight).toBe(1);
  });
});

const deviceIdOf = (sql: ReadSql) => sql.get<{ value: string }>(`SELECT value FROM sync_state WHERE key = 'deviceId'`)!.value;
