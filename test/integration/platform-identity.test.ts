import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicKeyFromBase64 } from '../../electron/sync/protocol';
import { makeDevice, OFFICE, OTHER_OFFICE, platformWithDevice, type TestPlatform, rawRequest, signedRequest, type TestDevice } from '../support/platformRequests';

/** The reference platform's enrolment and request signing (PLATFORM-API.md "Identity and signing"), by hand-made requests. */

let platform: TestPlatform;
let device: TestDevice;
beforeAll(async () => ({ platform, device } = await platformWithDevice()));
afterAll(() => platform.close());

const enrolBody = (d: TestDevice, code: string, officeId = d.officeId) =>
  Buffer.from(JSON.stringify({ officeId, deviceId: d.deviceId, publicKey: d.publicKeySpki, enrolmentCode: code }));
const enrol = (body: Buffer) => rawRequest(platform.url, 'POST', '/v1/enrol', { 'content-type': 'application/json' }, body);
const CHINESE = /[\u4e00-\u9fff]/;

describe('enrolment with one-time codes', () => {
  it('201 with the device id, the time and the platform key; the code works once only', async () => {
    const d = makeDevice();
    const code = platform.store.issueCode(OFFICE, new Date().toISOString());
    const first = await enrol(enrolBody(d, code));
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ deviceId: d.deviceId });
    expect(Date.parse(first.json.enrolledAt)).not.toBeNaN();
    expect(publicKeyFromBase64(first.json.platformPublicKey)?.asymmetricKeyType).toBe('ed25519');
    const again = await enrol(enrolBody(makeDevice(), code));
    expect(again.status).toBe(403);
    expect(again.json.message).toMatch(CHINESE);
  });

  it('403 for a wrong code and for a code issued to another office', async () => {
    expect((await enrol(enrolBody(makeDevice(), 'NOSUCHCODE'))).status).toBe(403);
    const otherCode = platform.store.issueCode(OTHER_OFFICE, new Date().toISOString());
    const answer = await enrol(enrolBody(makeDevice(), otherCode, OFFICE));
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ code: expect.any(String), message: expect.stringMatching(CHINESE) });
  });

  it('400 for a body that is not an enrolment or a key that is not Ed25519', async () => {
    expect((await enrol(Buffer.from('{"officeId":1}'))).status).toBe(400);
    const code = platform.store.issueCode(OFFICE, new Date().toISOString());
    const bad = await enrol(Buffer.from(JSON.stringify({ officeId: OFFICE, deviceId: 'x', publicKey: 'bm90IGEga2V5', enrolmentCode: code })));
    expect(bad.status).toBe(400);
  });
});

describe('signed requests', () => {
  it('a correctly signed request is answered; a timestamp with an offset is fine', async () => {
    expect((await signedRequest(platform.url, device, 'GET', '/v1/changes')).status).toBe(200);
    const t = new Date(Date.now() + 8 * 3600_000);
    const withOffset = `${t.toISOString().slice(0, 19)}+08:00`;
    expect((await signedRequest(platform.url, device, 'GET', '/v1/changes?limit=5', undefined, { timestamp: withOffset })).status).toBe(200);
  });

  it('the signed path is the request target exactly as sent, query included', async () => {
    const target = '/v1/audit-heads?deviceId=' + device.deviceId + '&x=%E8%A1%97';
    expect((await signedRequest(platform.url, device, 'GET', target)).status).toBe(200);
  });

  it('401 for a missing or bad signature, or an unknown device', async () => {
    const missing = await rawRequest(platform.url, 'GET', '/v1/changes', {});
    expect(missing.status).toBe(401);
    expect(missing.json.message).toMatch(CHINESE);
    const tampered = await signedRequest(platform.url, device, 'POST', '/v1/batches', { any: 1 }, { tamper: true });
    expect(tampered).toMatchObject({ status: 401, json: { code: 'BAD_SIGNATURE' } });
    const stranger = await signedRequest(platform.url, makeDevice(), 'GET', '/v1/changes');
    expect(stranger).toMatchObject({ status: 401, json: { code: 'UNKNOWN_DEVICE' } });
    // another device's key cannot sign for this device
    const impostor = { ...makeDevice(), deviceId: device.deviceId };
    expect((await signedRequest(platform.url, impostor, 'GET', '/v1/changes')).status).toBe(401);
  });

  it('401 CLOCK_SKEW with serverTime more than 15 minutes off; 401 BAD_TIMESTAMP when not RFC 3339', async () => {
    const skewed = await signedRequest(platform.url, device, 'GET', '/v1/changes', undefined, { timestamp: new Date(Date.now() - 16 * 60_000).toISOString() });
    expect(skewed.status).toBe(401);
    expect(skewed.json).toMatchObject({ code: 'CLOCK_SKEW', message: expect.stringMatching(CHINESE) });
    expect(Math.abs(Date.parse(skewed.json.serverTime) - Date.now())).toBeLessThan(60_000);
    const near = await signedRequest(platform.url, device, 'GET', '/v1/changes', undefined, { timestamp: new Date(Date.now() - 14 * 60_000).toISOString() });
    expect(near.status).toBe(200);
    for (const timestamp of ['2026-11-24 10:00:00', 'yesterday', '2026-11-24T10:00:00']) {
      const bad = await signedRequest(platform.url, device, 'GET', '/v1/changes', undefined, { timestamp });
      expect(bad).toMatchObject({ status: 401, json: { code: 'BAD_TIMESTAMP' } });
    }
  });

  it('403 when a device names another office in a header', async () => {
    const answer = await signedRequest(platform.url, device, 'GET', '/v1/changes', undefined, { officeHeader: OTHER_OFFICE });
    expect(answer.status).toBe(403);
    expect(answer.json.message).toMatch(CHINESE);
  });

  it('every error is JSON {code, message} in Chinese, unknown paths too', async () => {
    const answer = await signedRequest(platform.url, device, 'GET', '/v1/nothing-here');
    expect(answer.status).toBe(404);
    expect(Object.keys(answer.json).sort()).toEqual(['code', 'message']);
    expect(answer.json.message).toMatch(CHINESE);
  });
});
