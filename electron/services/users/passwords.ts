import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are stored as scrypt hashes: `scrypt$N$r$p$salt$hash` (base64), parameters kept per hash, so a
 * hash made at an older, lower cost still verifies and is replaced at the user's next sign-in.
 */
export interface PasswordCost {
  N: number;
  r: number;
  p: number;
}
/** OWASP's floor for scrypt (N = 2^17, r = 8, p = 1): about 0.4 s and 128 MB per hash on an office PC. */
export const PASSWORD_COST: PasswordCost = { N: 1 << 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string, cost: PasswordCost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const actual = await scrypt(password, Buffer.from(saltB64, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash made at a lower cost than today's (or in another scheme) is replaced once the password is known. */
export function hashNeedsUpgrade(stored: string, cost: PasswordCost = PASSWORD_COST): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) < cost.N || Number(r) < cost.r || Number(p) < cost.p;
}

/**
 * A hash of a password nobody has, at the given cost, made once per cost: an unknown login name is checked
 * against it, so it costs the same time as a wrong password and names cannot be told apart by timing.
 */
const decoys = new Map<string, Promise<string>>();
export function decoyHash(cost: PasswordCost = PASSWORD_COST): Promise<string> {
  const key = `${cost.N}/${cost.r}/${cost.p}`;
  let hash = decoys.get(key);
  if (!hash) {
    hash = hashPassword(randomBytes(24).toString('base64'), cost);
    decoys.set(key, hash);
  }
  return hash;
}
