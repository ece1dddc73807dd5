import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The primitives of the city platform interface v1 that both ends compute the same way: the canonical
 * hash of JSON (RFC 8785), the four signed lines of a request, and Ed25519 keys as base64 SPKI DER.
 */

export const sha256Hex = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Lowercase hex SHA-256 of the RFC 8785 canonical JSON of a value. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON form');
  return text;
}

/** METHOD, request target as sent, X-Timestamp and the body's SHA-256, joined by newlines. */
export function signingString(method: string, target: string, timestamp: string, body: Uint8Array | null): string {
  return [method.toUpperCase(), target, timestamp, body && body.length > 0 ? sha256Hex(body) : ''].join('\n');
}

export function signBase64(privateKey: KeyObject, bytes: string | Uint8Array): string {
  return sign(null, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes, privateKey).toString('base64');
}

export function verifyBase64(publicKey: KeyObject, bytes: string | Uint8Array, signature: string): boolean {
  try {
    return verify(null, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes, publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** An Ed25519 public key from base64 SPKI DER, or null when it is not one. */
export function publicKeyFromBase64(spki: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

export const publicKeyToBase64 = (key: KeyObject) => key.export({ format: 'der', type: 'spki' }).toString('base64');

export const privateKeyFromPkcs8 = (der: Buffer) => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });

/** Signature over a file's content: the ASCII of the hex SHA-256 of the canonical JSON of `content`. */
export const fileDigest = (content: unknown) => canonicalHash(content);

/** RFC 3339 date-time with `Z` or an offset. */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export const BATCH_FILE_FORMAT = 'ledgerbatch/1';
export const RECEIPTS_FILE_FORMAT = 'ledgerreceipts/1';
export const MAX_BATCH_ITEMS = 1000;
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;
export const MAX_BATCH_FILE_BYTES = 64 * 1024 * 1024;
