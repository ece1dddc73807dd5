import { randomUUID, sign } from 'node:crypto';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicKeyFromBase64, verifyBase64 } from '../../electron/sync/protocol';
import { decide, publishDictionary, publishUnit } from '../platform/changes';
import { platformStats } from '../platform/stats';
import { batchOf, makeDevice, OTHER_OFFICE, platformForTest, recordItem, signedRequest, type TestDevice } from '../support/platformRequests';
import { tempDir } from '../support/testApp';

/** GET /v1/changes, POST /v1/batch-files, GET /v1/receipts-file and the platform's CLI, by hand-made requests. */

let platform: Awaited<ReturnType<typeof platformForTest>>;
let device: TestDevice;
let stranger: TestDevice;
beforeAll(async () => {
  platform = await platformForTest();
  device = await platform.enrol();
  stranger = await platform.enrol(makeDevice(OTHER_OFFICE));
});
afterAll(() => platform.close());

const now = () => new Date().toISOString();
const get = (d: TestDevice, target: string) => signedRequest(platform.url, d, 'GET', target);
const digestOf = (value: unknown) => createHash('sha256').update(canonicalize(value)!).digest('hex');

describe('GET /v1/changes', () => {
  it('an empty feed with no since gives the start cursor; pages by limit with hasMore; the office sees its decisions and every dictionary and unit', async () => {
    const start = await get(device, '/v1/changes');
    expect(start.json).toMatchObject({ items: [], hasMore: false, nextCursor: expect.any(String) });
    const mine = recordItem();
    const theirs = recordItem();
    await signedRequest(platform.url, device, 'POST', '/v1/batches', batchOf(device, [mine]));
    await signedRequest(platform.url, stranger, 'POST', '/v1/batches', batchOf(stranger, [theirs]));
    decide(platform.store, { id: mine.id, kind: 'dishonesty_record', status: 'revoked', note: '异议成立' }, now());
    decide(platform.store, { id: theirs.id, kind: 'dishonesty_record', status: 'repaired' }, now());
    publishDictionary(platform.store, { name: '失信情形', version: 2, entries: [{ code: 'A1', label: '司法判决' }] }, now());
    publishUnit(platform.store, { uscc: '11320102MB0000000F', name: '某某街道办事处', unitType: '街道办事处', parentUscc: null }, now());

    const page1 = await get(device, `/v1/changes?since=${start.json.nextCursor}&limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.json.hasMore).toBe(true);
    expect(page1.json.items).toEqual([
      { type: 'record_status', changeId: expect.any(String), id: mine.id, kind: 'dishonesty_record', status: 'revoked', decidedAt: expect.any(String), note: '异议成立' },
      { type: 'dictionary', changeId: expect.any(String), name: '失信情形', version: 2, entries: [{ code: 'A1', label: '司法判决' }] },
    ]);
    const page2 = await get(device, `/v1/changes?since=${page1.json.nextCursor}&limit=2`);
    expect(page2.json).toMatchObject({ hasMore: false, items: [{ type: 'unit', uscc: '11320102MB0000000F', unitType: '街道办事处', parentUscc: null }] });
    const empty = await get(device, `/v1/changes?since=${page2.json.nextCursor}`);
    expect(empty.json).toEqual({ items: [], nextCursor: page2.json.nextCursor, hasMore: false });
    const theirsFeed = await get(stranger, '/v1/changes');
    expect(theirsFeed.json.items.filter((i: { type: string }) => i.type === 'record_status').map((i: { id: string }) => i.id)).toEqual([theirs.id]);
  });

  it('a limit above 1000 is taken as 1000; a malformed or unknown cursor is 400', async () => {
    expect((await get(device, '/v1/changes?limit=5000')).status).toBe(200);
    for (const since of ['garbage', 'c-1', 'c99999999']) {
      const answer = await get(device, `/v1/changes?since=${since}`);
      expect(answer.status).toBe(400);
      expect(answer.json.message).toMatch(/游标/);
    }
  });
});

/** A .ledgerbatch file as a workstation writes it, from the page alone. */
function batchFile(d: TestDevice, batches: unknown[], overrides: Record<string, unknown> = {}): Buffer {
  const signature = sign(null, Buffer.from(digestOf(batches), 'ascii'), d.privateKey).toString('base64');
  return gzipSync(JSON.stringify({ format: 'ledgerbatch/1', officeId: d.officeId, deviceId: d.deviceId, publicKey: d.publicKeySpki, batches, signature, ...overrides }));
}
const postFile = (d: TestDevice, bytes: Buffer) =>
  signedRequest(platform.url, d, 'POST', '/v1/batch-files', bytes, { contentType: 'application/octet-stream' });

describe('batch files and receipts files', () => {
  it('takes every batch of a file, answering each; a batch that would be 409 on its own is an error entry and the others still count', async () => {
    const taken = batchOf(device, [recordItem()]);
    await signedRequest(platform.url, device, 'POST', '/v1/batches', taken);
    const a = batchOf(device, [recordItem(), recordItem()]);
    const conflicting = { ...taken, items: [recordItem()] };
    const b = batchOf(device, [recordItem()]);
    const sibling = await platform.enrol(makeDevice(device.officeId));
    const answer = await postFile(sibling, batchFile(device, [a, conflicting, b]));
    expect(answer.status).toBe(200);
    expect(answer.json.results).toHaveLength(3);
    expect(answer.json.results[0]).toMatchObject({ batchId: a.batchId, receipts: [{ status: 'accepted' }, { status: 'accepted' }] });
    expect(answer.json.results[1]).toEqual({ batchId: taken.batchId, error: { status: 409, code: expect.any(String), message: expect.any(String) } });
    expect(answer.json.results[2]).toMatchObject({ batchId: b.batchId, receipts: [{ status: 'accepted' }] });

    const receipts = await get(device, `/v1/receipts-file?batchIds=${a.batchId},${b.batchId}`);
    expect(receipts.status).toBe(200);
    const file = JSON.parse(gunzipSync(receipts.bytes).toString('utf8'));
    expect(file).toMatchObject({ format: 'ledgerreceipts/1', officeId: device.officeId });
    expect(file.results.map((r: { batchId: string }) => r.batchId)).toEqual([a.batchId, b.batchId]);
    const platformKey = publicKeyFromBase64(platform.store.publicKeyBase64)!;
    expect(verifyBase64(platformKey, digestOf(file.results), file.signature)).toBe(true);
    expect(verifyBase64(platformKey, digestOf(file.results.slice(1)), file.signature)).toBe(false);
  });

  it('refuses a truncated, unknown-format, tampered, other-office or wrong-key file whole, storing nothing of it', async () => {
    const good = () => batchOf(device, [recordItem()]);
    const before = platformStats(platform.store).batches;
    const whole = batchFile(device, [good(), good()]);
    const truncated = await postFile(device, whole.subarray(0, whole.length - 20));
    expect(truncated.status).toBe(400);
    expect((await postFile(device, batchFile(device, [good()], { format: 'ledgerbatch/9' }))).json).toMatchObject({ code: 'UNKNOWN_FORMAT' });
    const signed = [good(), good()];
    const tamperedBytes = gzipSync(JSON.stringify({
      format: 'ledgerbatch/1', officeId: device.officeId, deviceId: device.deviceId, publicKey: device.publicKeySpki,
      batches: [signed[0], { ...signed[1], seq: 77 }],
      signature: sign(null, Buffer.from(digestOf(signed), 'ascii'), device.privateKey).toString('base64'),
    }));
    expect((await postFile(device, tamperedBytes)).status).toBe(403);
    expect((await postFile(stranger, batchFile(device, [good()]))).status).toBe(403);
    expect((await postFile(device, batchFile(device, [good(), batchOf(device, [recordItem()], { officeId: OTHER_OFFICE })]))).status).toBe(403);
    expect((await postFile(device, batchFile(device, [good()], { publicKey: makeDevice().publicKeySpki }))).status).toBe(403);
    const unknown = makeDevice(device.officeId);
    expect((await postFile(device, batchFile(unknown, [good()]))).status).toBe(403);
    expect(platformStats(platform.store).batches).toBe(before);
  });

  it('receipts-file: 404 for an unknown batch, 403 for another office\'s batch', async () => {
    const theirs = batchOf(stranger, [recordItem()]);
    await signedRequest(platform.url, stranger, 'POST', '/v1/batches', theirs);
    expect((await get(device, `/v1/receipts-file?batchIds=${randomUUID()}`)).status).toBe(404);
    expect((await get(device, `/v1/receipts-file?batchIds=${theirs.batchId}`)).status).toBe(403);
  });
});

const ROOT = path.resolve(import.meta.dirname, '../..');
function platformCli(args: string[]): Promise<{ code: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'test/platform/cli.ts', ...args, '--json'], { cwd: ROOT, timeout: 60_000 }, (error, stdout) => {
      let json = null;
      try {
        json = JSON.parse(stdout.trim().split('\n').pop() ?? '');
      } catch {
        // not JSON
      }
      resolve({ code: error ? Number(error.code) : 0, json });
    });
  });
}

describe('npm run platform', { timeout: 60_000 }, () => {
  it('issue-code, decide, publish-dictionary, publish-unit and stats on a data folder; a bad decision exits non-zero', async () => {
    const dir = tempDir('platform-cli-');
    const code = await platformCli(['issue-code', '--data', dir, '--office', OTHER_OFFICE]);
    expect(code.code).toBe(0);
    expect(code.json.code).toMatch(/^[A-Z0-9]{12}$/);
    expect((await platformCli(['publish-dictionary', '--data', dir, '--name', '领域', '--version', '1', '--entries', 'A=政府采购,B=统计'])).code).toBe(0);
    expect((await platformCli(['publish-unit', '--data', dir, '--uscc', OTHER_OFFICE, '--name', '某镇人民政府', '--unit-type', '乡镇'])).code).toBe(0);
    expect((await platformCli(['decide', '--data', dir, '--id', randomUUID(), '--kind', 'dishonesty_record', '--status', 'revoked'])).code).not.toBe(0);
    const stats = await platformCli(['stats', '--data', dir]);
    expect(stats.json).toMatchObject({ devices: 0, batches: 0, changes: 2, versions: 0 });
  });
});
