// Bundles the Electron main process and the preload into dist/electron as CommonJS (the sandboxed
// preload must be a single file). Native and heavy Node packages stay external and ship in node_modules.
import { build } from 'esbuild';
// Packages the main bundle loads from node_modules; each is a production dependency the installer ships.
import MAIN_EXTERNALS from './main-externals.json' with { type: 'json' };

// Sources that find their folder through import.meta.url when run by tsx use __dirname first in the bundle.
const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, logLevel: 'warning', logOverride: { 'empty-import-meta': 'silent' } };

await build({
  ...common,
  // The backup worker thread is loaded beside main.cjs (electron/services/backup/backupJobs.ts).
  entryPoints: { main: 'electron/main/index.ts', backupWorker: 'electron/services/backup/backupWorker.ts' },
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
});
console.log('built dist/electron/main.cjs, preload.cjs and backupWorker.cjs');
