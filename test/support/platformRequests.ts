import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { startPlatform, type PlatformOptions, type RunningPlatform } from '../platform/server';
import { tempDir } from './testApp';
import { unitRecord } from './recordFixtures';

/**
 * Hand-made requests to the reference platform, written from the interface page alone (not with the
 * app's sync client), so the platform is checked against the page and not against our own client.
 */

export const OFFICE = '11320102MB0000000F';
export const OTHER_OFFICE = '11320102MB0000001D';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface TestDevice {
  officeId: string;
  deviceId: string;
  privateKey: KeyObject;
  publicKeySpki: string;
}

export function makeDevice(officeId = OFFICE): TestDevice {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { officeId, deviceId: randomUUID(), privateKey, publicKeySpki: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}

/** One raw HTTP request; `path` goes on the request line exactly as given. */
export function rawRequest(base: string, method: string, path: string, headers: Record<string, string>, body?: Buffer, timeoutMs = 10_000): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        let json: unknown = null;
        try {
          json = JSON.parse(bytes.toString('utf8'));
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, json });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

export interface SignOptions {
  gzip?: boolean;
  timestamp?: string;
  officeHeader?: string;
  /** Spoil the signature (sign other bytes). */
  tamper?: boolean;
  contentType?: string;
  /** Send this Content-Encoding over bytes given as they are. */
  contentEncoding?: string;
  timeoutMs?: number;
}

/** A request signed as the page says: METHOD, target, X-Timestamp, hex SHA-256 of the body as sent. */
export function signedRequest(base: string, device: TestDevice, method: string, path: string, payload?: unknown, options: SignOptions = {}): Promise<Answer> {
  let body: Buffer | undefined;
  if (Buffer.isBuffer(payload)) body = payload;
  else if (payload !== undefined) body = Buffer.from(JSON.stringify(payload), 'utf8');
  if (body && options.gzip) body = gzipSync(body);
  const timestamp = options.timestamp ?? new Date().toISOString();
  const digest = body ? createHash('sha256').update(body).digest('hex') : '';
  const lines = [method, path, timestamp, options.tamper ? digest + '0' : digest].join('\n');
  const headers: Record<string, string> = {
    'x-office-id': options.officeHeader ?? device.officeId,
    'x-device-id': device.deviceId,
    'x-timestamp': timestamp,
    'x-signature': sign(null, Buffer.from(lines, 'utf8'), device.privateKey).toString('base64'),
  };
  if (body) headers['content-type'] = options.contentType ?? 'application/json';
  if (options.gzip || options.contentEncoding) headers['content-encoding'] = options.contentEncoding ?? 'gzip';
  return rawRequest(base, method, path, headers, body, options.timeoutMs);
}

/** A platform on 127.0.0.1 with a fresh data folder, and a helper that enrols a device. */
export async function platformForTest(options: Partial<PlatformOptions> = {}): Promise<RunningPlatform & { dataDir: string; enrol(device?: TestDevice): Promise<TestDevice> }> {
  const dataDir = options.dataDir ?? tempDir('platform-test-');
  const platform = await startPlatform({ faultControl: true, ...options, dataDir });
  return {
    ...platform,
    dataDir,
    async enrol(device = makeDevice()) {
      const code = platform.store.issueCode(device.officeId, new Date().toISOString());
      const answer = await rawRequest(platform.url, 'POST', '/v1/enrol', { 'content-type': 'application/json' },
        Buffer.from(JSON.stringify({ officeId: device.officeId, deviceId: device.deviceId, publicKey: device.publicKeySpki, enrolmentCode: code })));
      if (answer.status !== 201) throw new Error(`enrol failed: ${answer.status} ${answer.bytes}`);
      return device;
    },
  };
}

export function recordItem(overrides: Partial<{ id: string; version: number; op: 'upsert' | 'void'; kind: string; data: unknown }> = {}) {
  return { kind: 'dishonesty_record', id: randomUUID(), version: 1, op: 'upsert' as const, updatedAt: new Date().toISOString(), data: unitRecord(), ...overrides };
}

let seq = 0;
export function batchOf(device: TestDevice, items: unknown[], overrides: Record<string, unknown> = {}) {
  return { batchId: randomUUID(), officeId: device.officeId, deviceId: device.deviceId, seq: ++seq, createdAt: new Date().toISOString(), schemaVersion: 1, items, ...overrides };
}

export type TestPlatform = Awaited<ReturnType<typeof platformForTest>>;

/** A platform for a test file and one enrolled device of OFFICE. */
export async function platformWithDevice(): Promise<{ platform: TestPlatform; device: TestDevice }> {
  const platform = await platformForTest();
  return { platform, device: await platform.enrol() };
}
