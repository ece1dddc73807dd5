import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

/**
 * The project's release signature: Ed25519 over the exact bytes of the update feed's metadata file
 * (latest.yml, latest-linux.yml…), kept beside it as `<file>.sig` in base64. The metadata holds each
 * installer's SHA-512, so a valid signature vouches for the installer too. electron-updater trusts
 * latest.yml as served; we check it against the key built into the app first.
 */
export const SIGNATURE_SUFFIX = '.sig';

export function signRelease(metadata: Buffer, privateKeyPem: string): string {
  return sign(null, metadata, createPrivateKey(privateKeyPem)).toString('base64');
}

export function isValidReleaseSignature(metadata: Buffer, signatureBase64: string, publicKeyPem: string): boolean {
  try {
    return verify(null, metadata, createPublicKey(publicKeyPem), Buffer.from(signatureBase64.trim(), 'base64'));
  } catch {
    return false;
  }
}
