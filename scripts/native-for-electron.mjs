// The ledger's SQLite driver (better-sqlite3-multiple-ciphers, the better-sqlite3 API with SQLCipher
// encryption) is a native module: Node (tests, CLI, harness) and Electron (the app) need builds for
// different ABIs. We keep both: node_modules/better-sqlite3-multiple-ciphers stays built for Node, and this
// script puts an Electron build in .native/electron-<version>/better_sqlite3_multiple_ciphers.node, which the
// main process loads through the driver's `nativeBinding` option. It runs on every `npm start` and returns at once when the build
// exists, so switching between `npm start` and `npm test` never rebuilds anything.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const target = path.resolve(`.native/electron-${electronVersion}/better_sqlite3_multiple_ciphers.node`);
if (fs.existsSync(target)) process.exit(0);

const source = path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
const work = path.resolve('.native/build-better-sqlite3-multiple-ciphers');
fs.rmSync(work, { recursive: true, force: true });
fs.cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });

const env = { ...process.env, npm_config_nodedir: '' };
const run = (cmd, args) => execFileSync(cmd, args, { cwd: work, stdio: 'inherit', env });
console.log(`正在为 Electron ${electronVersion} 准备 better-sqlite3-multiple-ciphers（只需一次）…`);
try {
  // Prebuilt binary for Electron when the network allows, else compile against Electron's headers.
  run(process.execPath, [require.resolve('prebuild-install/bin.js', { paths: [source] }), '--runtime', 'electron', '--target', electronVersion]);
} catch {
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [path.dirname(process.env.npm_execpath ?? ''), source] });
  run(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers']);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(path.join(work, 'build/Release/better_sqlite3.node'), target);
fs.rmSync(work, { recursive: true, force: true });
console.log(`已生成 ${path.relative(process.cwd(), target)}`);
