import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultFlag, type FaultPlan } from '../platform/faults';
import { platformStats } from '../platform/stats';
import { batchOf, platformWithDevice, type TestPlatform, rawRequest, recordItem, signedRequest, type TestDevice } from '../support/platformRequests';

/** The reference platform's injected faults, switched per run through its loopback control endpoint. */

let platform: TestPlatform;
let device: TestDevice;
beforeAll(async () => ({ platform, device } = await platformWithDevice()));
afterAll(() => platform.close());

const setFault = (plan: FaultPlan | null) => rawRequest(platform.url, 'POST', '/__control/faults', { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(plan)));
const upload = () => signedRequest(platform.url, device, 'POST', '/v1/batches', batchOf(device, [recordItem()]));
const stored = () => platformStats(platform.store).batches;

describe('fault injection', () => {
  it('500, and 429/503 with Retry-After, store nothing; the fault holds for the requests it was set for', async () => {
    const before = stored();
    await setFault({ kind: 'error500', times: 1 });
    expect((await upload()).status).toBe(500);
    expect((await upload()).status).toBe(200);
    for (const kind of ['busy429', 'busy503'] as const) {
      await setFault({ kind, times: 1, retryAfter: 7 });
      const answer = await upload();
      expect(answer.status).toBe(kind === 'busy429' ? 429 : 503);
      expect(answer.headers['retry-after']).toBe('7');
      expect(answer.json.message).toMatch(/繁忙/);
    }
    expect(stored()).toBe(before + 1);
  });

  it('garbage and a reset mid-answer store nothing; a truncated answer and a dropped connection come after the batch was stored', async () => {
    let before = stored();
    await setFault({ kind: 'garbage', times: 1 });
    const garbage = await upload();
    expect(garbage.status).toBe(200);
    expect(garbage.json).toBeNull();
    await setFault({ kind: 'reset', times: 1 });
    await expect(upload()).rejects.toThrow();
    expect(stored()).toBe(before);

    before = stored();
    await setFault({ kind: 'truncated', times: 1 });
    const truncated = await upload();
    expect(truncated.json).toBeNull();
    expect(truncated.bytes.toString()).toMatch(/^\{"batchId"/);
    await setFault({ kind: 'drop-after-store', times: 1 });
    await expect(upload()).rejects.toThrow();
    expect(stored()).toBe(before + 2);
  });

  it('hang: no answer until the client gives up', async () => {
    await setFault({ kind: 'hang', times: 1 });
    const started = Date.now();
    const hung = signedRequest(platform.url, device, 'POST', '/v1/batches', batchOf(device, [recordItem()]), { timeoutMs: 300 });
    await expect(hung).rejects.toThrow(/timeout/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await setFault(null);
    expect((await upload()).status).toBe(200);
  });

  it('serve --fault takes kind[:times] or kind@probability', () => {
    expect(parseFaultFlag('busy503:3')).toEqual({ kind: 'busy503', times: 3, probability: undefined });
    expect(parseFaultFlag('reset@0.2')).toMatchObject({ kind: 'reset', probability: 0.2 });
    expect(() => parseFaultFlag('explode')).toThrow(/未知的故障/);
  });
});
