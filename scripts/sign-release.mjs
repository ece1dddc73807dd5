// Signs a release folder's update metadata with the project's Ed25519 release key, for the app's check
// before it installs anything (electron/services/update/releaseSignature.ts).
//   node scripts/sign-release.mjs --key release-key.pem release/   → writes latest*.yml.sig beside each latest*.yml
//   node scripts/sign-release.mjs --new-key DIR                    → makes a key pair in DIR (private key: keep offline!)
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { key: { type: 'string' }, 'new-key': { type: 'string' } }, allowPositionals: true });

if (values['new-key']) {
  const dir = values['new-key'];
  fs.mkdirSync(dir, { recursive: true });
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  fs.writeFileSync(path.join(dir, 'release-key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'release-public-key.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  console.log(`wrote ${dir}/release-key.pem (keep offline) and release-public-key.pem (paste into electron/services/update/releasePublicKey.ts)`);
} else {
  const folder = positionals[0];
  if (!values.key || !folder) {
    console.error('usage: node scripts/sign-release.mjs --key release-key.pem <release folder>');
    process.exit(2);
  }
  const key = createPrivateKey(fs.readFileSync(values.key));
  const metadataFiles = fs.readdirSync(folder).filter((name) => /^latest.*\.yml$/.test(name));
  if (metadataFiles.length === 0) {
    console.error(`no latest*.yml in ${folder}: build the installers first (npm run dist)`);
    process.exit(1);
  }
  for (const name of metadataFiles) {
    const file = path.join(folder, name);
    fs.writeFileSync(`${file}.sig`, sign(null, fs.readFileSync(file), key).toString('base64'));
    console.log(`signed ${file}`);
  }
}
