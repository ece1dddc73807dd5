/**
 * The public half of the project's Ed25519 release key (PEM). The release manager makes the pair once with
 * `node scripts/sign-release.mjs --new-key <folder>` and pastes the public key here; the private key stays
 * offline with them. While this is null the app refuses every update ("本版本未配置发布公钥").
 */
export const RELEASE_PUBLIC_KEY: string | null = null;
