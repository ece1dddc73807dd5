import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../platform/server';
import { heldItems, platformStats } from '../platform/stats';
import { batchOf, makeDevice, OTHER_OFFICE, platformForTest, platformWithDevice, type TestPlatform, recordItem, signedRequest, type TestDevice } from '../support/platformRequests';
import { unitRecord } from '../support/recordFixtures';

/** POST /v1/batches on the reference platform (PLATFORM-API.md "Uploading"), by hand-made requests. */

let platform: TestPlatform;
let device: TestDevice;
beforeAll(async () => ({ platform, device } = await platformWithDevice()));
afterAll(() => platform.close());

const post = (body: unknown, gzip = false) => signedRequest(platform.url, device, 'POST', '/v1/batches', body, { gzip });

describe('judging items', () => {
  it('accepts a valid record with a platformRef; one rejected item never rejects the rest, and names field and reason in Chinese', async () => {
    const good = recordItem();
    const bad = recordItem({ data: unitRecord({ unitUscc: '11320102MB0000000A' }) });
    const late = recordItem();
    const batch = batchOf(device, [good, bad, late]);
    const answer = await post(batch, true);
    expect(answer.status).toBe(200);
    expect(answer.json.batchId).toBe(batch.batchId);
    expect(Date.parse(answer.json.receivedAt)).not.toBeNaN();
    const [r1, r2, r3] = answer.json.receipts;
    expect(r1).toMatchObject({ id: good.id, version: 1, status: 'accepted', platformRef: expect.any(String) });
    expect(r2).toMatchObject({ id: bad.id, version: 1, status: 'rejected', field: 'unitUscc', code: expect.any(String) });
    expect(r2.message).toMatch(/统一社会信用代码/);
    expect(r2.platformRef).toBeUndefined();
    expect(r3).toMatchObject({ id: late.id, status: 'accepted' });
  });

  it('validates with the app\'s own rules: a future date, a missing subject, an unknown vocabulary word', async () => {
    const items = [
      recordItem({ data: unitRecord({ happenedOn: '2999-01-01', recognisedOn: null }) }),
      recordItem({ data: { ...unitRecord(), subjectType: 'person', personName: null } }),
      recordItem({ data: { ...unitRecord(), sector: '火星' } }),
    ];
    const { json } = await post(batchOf(device, items));
    expect(json.receipts.map((r: { status: string; field: string }) => [r.status, r.field])).toEqual([
      ['rejected', 'happenedOn'], ['rejected', 'personName'], ['rejected', 'sector'],
    ]);
  });

  it('an unknown kind is rejected on its own (field "kind")', async () => {
    const { json } = await post(batchOf(device, [recordItem({ kind: 'moon_landing' }), recordItem()]));
    expect(json.receipts[0]).toMatchObject({ status: 'rejected', field: 'kind' });
    expect(json.receipts[1]).toMatchObject({ status: 'accepted' });
  });

  it('stale, duplicate and VERSION_CONFLICT in the page\'s order; a higher version is validated and accepted', async () => {
    const id = randomUUID();
    const v2 = recordItem({ id, version: 2 });
    await post(batchOf(device, [v2]));
    const { json } = await post(batchOf(device, [
      recordItem({ id, version: 1 }),
      { ...v2 },
      recordItem({ id, version: 2, data: unitRecord({ facts: '内容不同的第二版事实描述。' }) }),
      recordItem({ id, version: 3, data: unitRecord({ unitUscc: 'bad' }) }),
      recordItem({ id, version: 3, data: unitRecord({ severity: '严重' }) }),
    ]));
    const first = (await post(batchOf(device, [{ ...v2 }]))).json.receipts[0];
    expect(json.receipts.map((r: { status: string }) => r.status)).toEqual(['stale', 'duplicate', 'rejected', 'rejected', 'accepted']);
    expect(json.receipts[2]).toMatchObject({ code: 'VERSION_CONFLICT', field: 'version' });
    expect(json.receipts[1].platformRef).toBe(json.receipts[4].platformRef);
    expect(first.status).toBe('stale');
    expect(heldItems(platform.store).find((i) => i.id === id)).toMatchObject({ version: 3, op: 'upsert' });
  });

  it('void is kept and marked void, even for an id the platform never held', async () => {
    const held = recordItem();
    await post(batchOf(device, [held]));
    const before = platformStats(platform.store).items.dishonesty_record.void;
    const { json } = await post(batchOf(device, [
      recordItem({ id: held.id, version: 2, op: 'void', data: { reason: '录入重复' } }),
      recordItem({ op: 'void', data: { reason: '误报' } }),
      recordItem({ op: 'void', data: {} }),
    ]));
    expect(json.receipts.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted', 'rejected']);
    expect(platformStats(platform.store).items.dishonesty_record.void).toBe(before + 2);
  });
});

describe('idempotency by batchId', () => {
  it('the same batch again answers the first answer, whatever its seq or createdAt; other items under the same id are 409', async () => {
    const batch = batchOf(device, [recordItem(), recordItem({ data: unitRecord({ unitUscc: 'x' }) })]);
    const first = await post(batch);
    const versions = platformStats(platform.store).versions;
    const again = await post({ ...batch, seq: 999, createdAt: new Date(Date.now() + 1000).toISOString() }, true);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(platformStats(platform.store).versions).toBe(versions);
    // the same items with keys in another order are the same canonical JSON
    const reordered = batch.items.map((i) => Object.fromEntries(Object.entries(i as object).reverse()));
    expect((await post({ ...batch, items: reordered })).json).toEqual(first.json);
    const altered = await post({ ...batch, items: [batch.items[0]] });
    expect(altered.status).toBe(409);
    expect(altered.json.message).toMatch(/批次/);
  });
});

describe('what is not a batch', () => {
  it('413 above 1,000 items and above 8 MiB uncompressed (a gzip bomb too); 1,000 items are fine', async () => {
    const many = (n: number) => Array.from({ length: n }, () => recordItem());
    expect((await post(batchOf(device, many(1001)), true)).status).toBe(413);
    const ok = await post(batchOf(device, many(1000)), true);
    expect(ok.status).toBe(200);
    expect(ok.json.receipts).toHaveLength(1000);
    const huge = batchOf(device, [recordItem({ data: { ...unitRecord(), padding: 'x'.repeat(9 * 1024 * 1024) } })]);
    const bomb = await post(huge, true);
    expect(bomb.status).toBe(413);
    expect(bomb.json.message).toMatch(/8 MiB/);
    expect((await post(huge, false)).status).toBe(413);
  });

  it('400 for a body that is not a batch, broken gzip, and a schemaVersion other than 1', async () => {
    expect((await post(Buffer.from('not json'))).status).toBe(400);
    expect((await post({ hello: 'world' })).status).toBe(400);
    expect((await post(batchOf(device, [recordItem()], { batchId: 'not-a-uuid' }))).status).toBe(400);
    const broken = await signedRequest(platform.url, device, 'POST', '/v1/batches', gzipSync('{"a":1}').subarray(0, 8), { contentEncoding: 'gzip' });
    expect(broken).toMatchObject({ status: 400, json: { code: 'BAD_GZIP' } });
    const v2 = await post(batchOf(device, [recordItem()], { schemaVersion: 2 }));
    expect(v2).toMatchObject({ status: 400, json: { code: 'UNSUPPORTED_SCHEMA' } });
  });

  it('403 for a batch naming another office', async () => {
    const answer = await post(batchOf(device, [recordItem()], { officeId: OTHER_OFFICE }));
    expect(answer.status).toBe(403);
  });
});

describe('audit heads', () => {
  it('every head is kept and served oldest first, to devices of the same office only', async () => {
    const sibling = await platform.enrol(makeDevice(device.officeId));
    const stranger = await platform.enrol(makeDevice(OTHER_OFFICE));
    const b1 = batchOf(sibling, [recordItem()], { auditHead: { seq: 10, hash: 'a'.repeat(64) } });
    const b2 = batchOf(sibling, [recordItem()], { auditHead: { seq: 12, hash: 'b'.repeat(64) } });
    await signedRequest(platform.url, sibling, 'POST', '/v1/batches', b1);
    await signedRequest(platform.url, sibling, 'POST', '/v1/batches', b2);
    const answer = await signedRequest(platform.url, device, 'GET', `/v1/audit-heads?deviceId=${sibling.deviceId}`);
    expect(answer.status).toBe(200);
    expect(answer.json.heads.map((h: { seq: number; hash: string; batchId: string }) => [h.seq, h.hash[0], h.batchId])).toEqual([
      [10, 'a', b1.batchId], [12, 'b', b2.batchId],
    ]);
    expect(Date.parse(answer.json.heads[0].receivedAt)).not.toBeNaN();
    expect((await signedRequest(platform.url, stranger, 'GET', `/v1/audit-heads?deviceId=${sibling.deviceId}`)).status).toBe(403);
  });
});

describe('a restart', () => {
  it('keeps devices, items, batches and the platform key', async () => {
    const dataDir = platform.dataDir;
    const batch = batchOf(device, [recordItem()]);
    const first = await post(batch);
    const key = platform.store.publicKeyBase64;
    await platform.close();
    const again = await startPlatform({ dataDir });
    try {
      expect(again.store.publicKeyBase64).toBe(key);
      const answer = await signedRequest(again.url, device, 'POST', '/v1/batches', batch);
      expect(answer.json).toEqual(first.json);
    } finally {
      await again.close();
    }
    platform = await platformForTest({ dataDir });
  });
});
