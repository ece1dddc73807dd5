import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { LedgerKey } from '../../db/ledgerKey';

/**
 * Attachments at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the ledger's key, so one recovery key
 * opens the database and the evidence files alike. A stored file is
 *   MAGIC (8 bytes) ‖ IV (12 random bytes) ‖ ciphertext ‖ GCM tag (16 bytes)
 * and is still named by the SHA-256 of its PLAIN content, which is also the GCM associated data: a file moved
 * under another name, or changed by a single bit, does not decrypt (it reads as 'altered'). A file without the
 * magic is an attachment stored before encryption: read as it is, and sealed on the next opening of the app.
 */
export const SEALED_MAGIC = Buffer.from('LDGRAE1\n', 'latin1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function attachmentKeyOf(key: LedgerKey): Buffer {
  return Buffer.from(hkdfSync('sha256', key.raw(), Buffer.alloc(0), 'integrity-ledger/attachments/v1', 32));
}

export const isSealed = (stored: Buffer) => stored.length >= SEALED_MAGIC.length && stored.subarray(0, SEALED_MAGIC.length).equals(SEALED_MAGIC);

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export function seal(attachmentKey: Buffer, plain: Buffer, sha256: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', attachmentKey, iv);
  cipher.setAAD(Buffer.from(sha256, 'latin1'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([SEALED_MAGIC, iv, body, cipher.getAuthTag()]);
}

/** The plain bytes of a stored file named `sha256`, or null when they are not what was filed (altered, or another key). */
export function unseal(attachmentKey: Buffer, stored: Buffer, sha256: string): Buffer | null {
  if (!isSealed(stored)) return sha256Hex(stored) === sha256 ? stored : null;
  if (stored.length < SEALED_MAGIC.length + IV_BYTES + TAG_BYTES) return null;
  const iv = stored.subarray(SEALED_MAGIC.length, SEALED_MAGIC.length + IV_BYTES);
  const tag = stored.subarray(stored.length - TAG_BYTES);
  const body = stored.subarray(SEALED_MAGIC.length + IV_BYTES, stored.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', attachmentKey, iv);
    decipher.setAAD(Buffer.from(sha256, 'latin1'));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(body), decipher.final()]);
    return sha256Hex(plain) === sha256 ? plain : null;
  } catch {
    return null;
  }
}
