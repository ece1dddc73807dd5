// Bundles the Electron main process and the preload into dist/electron as CommonJS (the sandboxed
// preload must be a single file). Native and heavy Node packages stay external and ship in node_modules.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
// Packages the main bundle loads from node_modules; each is a production dependency the installer ships.
import MAIN_EXTERNALS from './main-externals.json' with { type: 'json' };

// Sources that find their folder through import.meta.url when run by tsx use __dirname first in the bundle.
const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, logLevel: 'warning', logOverride: { 'empty-import-meta': 'silent' } };

/** The contract's channel names, read off shared/contract itself (so the list can never drift from it). */
async function channelNames() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-contract-'));
  try {
    const file = path.join(dir, 'contract.mjs');
    await build({ entryPoints: ['shared/contract/index.ts'], bundle: true, platform: 'node', format: 'esm', outfile: file, logLevel: 'warning' });
    const { CHANNEL_NAMES } = await import(pathToFileURL(file).href);
    return CHANNEL_NAMES;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `ledger:channel-names` in the preload: just the names, no zod and no schema. */
const channelNamesModule = (names) => ({
  name: 'channel-names',
  setup(b) {
    b.onResolve({ filter: /^ledger:channel-names$/ }, (args) => ({ path: args.path, namespace: 'channel-names' }));
    b.onLoad({ filter: /.*/, namespace: 'channel-names' }, () => ({ contents: `export const CHANNEL_NAMES = ${JSON.stringify(names)};`, loader: 'js' }));
  },
});

await build({
  ...common,
  // The worker threads are loaded beside main.cjs (electron/services/workerThreads.ts).
  entryPoints: {
    main: 'electron/main/index.ts',
    backupWorker: 'electron/services/backup/backupWorker.ts',
    importWorker: 'electron/services/catalog/importWorker.ts',
    exportWorker: 'electron/services/catalog/exportWorker.ts',
  },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist/electron',
  external: MAIN_EXTERNALS,
});
await build({
  ...common,
  entryPoints: { preload: 'electron/preload/index.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist/electron',
  external: ['electron'],
  minify: true,
  plugins: [channelNamesModule(await channelNames())],
});
console.log('built dist/electron/main.cjs, preload.cjs, backupWorker.cjs, importWorker.cjs and exportWorker.cjs');
