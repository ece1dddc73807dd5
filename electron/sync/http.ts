import type { KeyObject } from 'node:crypto';
import { signBase64, signingString } from './protocol';
import type { PlatformError } from './wire';

/** One answer from the platform, whatever its status. */
export interface PlatformAnswer {
  status: number;
  retryAfterSeconds: number | null;
  bytes: Buffer;
}

/** The platform could not be reached, did not answer in time, or broke the connection. */
export class NetworkError extends Error {}

export interface Signer {
  officeId: string;
  deviceId: string;
  privateKey: KeyObject;
  /** The platform's clock as best we know it (ours plus the learnt offset). */
  now(): Date;
}

/**
 * Requests to the platform, signed as the interface says: the four lines are the method, the request
 * target exactly as it goes on the request line, X-Timestamp and the SHA-256 of the body bytes as sent.
 */
export async function platformRequest(
  baseUrl: string,
  method: 'GET' | 'POST',
  target: string,
  options: { signer?: Signer; body?: Buffer; gzip?: boolean; contentType?: string; timeoutMs: number },
): Promise<PlatformAnswer> {
  const url = new URL(baseUrl + target);
  const headers: Record<string, string> = {};
  if (options.body) headers['content-type'] = options.contentType ?? 'application/json';
  if (options.gzip) headers['content-encoding'] = 'gzip';
  if (options.signer) {
    const timestamp = options.signer.now().toISOString();
    headers['x-office-id'] = options.signer.officeId;
    headers['x-device-id'] = options.signer.deviceId;
    headers['x-timestamp'] = timestamp;
    headers['x-signature'] = signBase64(options.signer.privateKey, signingString(method, url.pathname + url.search, timestamp, options.body ?? null));
  }
  try {
    const response = await fetch(url, { method, headers, body: options.body ? new Uint8Array(options.body.buffer as ArrayBuffer, options.body.byteOffset, options.body.length) : undefined, signal: AbortSignal.timeout(options.timeoutMs) });
    const bytes = Buffer.from(await response.arrayBuffer());
    const retryAfter = Number(response.headers.get('retry-after'));
    return { status: response.status, retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 && response.headers.has('retry-after') ? retryAfter : null, bytes };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new NetworkError(timedOut ? `平台在 ${Math.round(options.timeoutMs / 1000)} 秒内没有应答` : `无法连接平台：${(error as Error).message}`);
  }
}

/** The body as JSON, or null when it is not JSON (garbage, or cut short). */
export function jsonOf<T>(answer: PlatformAnswer): T | null {
  try {
    return JSON.parse(answer.bytes.toString('utf8')) as T;
  } catch {
    return null;
  }
}

export function errorOf(answer: PlatformAnswer): PlatformError {
  const body = jsonOf<PlatformError>(answer);
  return body && typeof body.message === 'string' ? body : { code: `HTTP_${answer.status}`, message: `平台返回 ${answer.status}` };
}

/** Worth another try later: busy, a server error, or a reply that is not the JSON asked for. */
export const isTransient = (status: number) => status === 429 || status >= 500;

export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  timeoutMs: number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseMs: 500,
  capMs: 60_000,
  timeoutMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Longest wait a Retry-After may ask for; a longer one is a mistake, not a plan. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

/** Exponential backoff with full jitter, or what Retry-After asked for when the platform said so. */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfterSeconds: number | null): number {
  if (retryAfterSeconds !== null) return Math.min(MAX_RETRY_AFTER_MS, retryAfterSeconds * 1000);
  return Math.floor(policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1)));
}
