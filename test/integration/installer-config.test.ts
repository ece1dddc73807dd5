import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import MAIN_EXTERNALS from '../../scripts/main-externals.json' with { type: 'json' };
import { tempDir } from '../support/testApp';

/**
 * No installer can be built here (Electron cannot be downloaded), so the configuration is checked with
 * electron-builder's own code: its schema validator, its file matcher and its production-module collector.
 */
const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG = 'build/electron-builder.yml';

type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, options: null): Promise<Config>;
  validateConfiguration(config: Config, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const { getMainFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers(...args: unknown[]): Array<{ createFilter(): (file: string, stat: fs.Stats) => boolean }>;
};
/** Names in npm's own production dependency tree (`npm ls --omit=dev`). */
function npmProductionTree(): Set<string> {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return new Set(out.split('\n').filter((line) => line.includes('node_modules')).map((line) => line.split('node_modules/').at(-1)!));
}
const quietLogger = { isEnabled: false, add() {} };

let config: Config;
beforeAll(async () => {
  config = await getConfig(ROOT, CONFIG, null);
});

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema, which does refuse a misspelt option', async () => {
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, perMachin: false } }, quietLogger)).rejects.toThrow(/configuration\.nsis/);
  });

  it('names the product and makes a per-user Chinese NSIS installer for Windows x64 with a desktop shortcut', () => {
    expect(config).toMatchObject({ appId: 'cn.gov.integrity-ledger', productName: '政务诚信台账', asar: true, npmRebuild: true });
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, installerLanguages: ['zh_CN'], createDesktopShortcut: 'always' });
    expect(config.artifactName).toMatch(/^[\x20-\x7e]+$/);
  });

  it('makes deb and AppImage for Linux x64 and arm64 with an ASCII executable name', () => {
    expect(config.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(config.linux.executableName).toBe('integrity-ledger');
  });

  it('associates .ledgerbatch and .ledgerreceipts files with the app', () => {
    expect(config.fileAssociations.map((a: { ext: string }) => a.ext)).toEqual(['ledgerbatch', 'ledgerreceipts']);
  });

  it('turns off RunAsNode, NODE_OPTIONS and --inspect and turns on asar integrity in the packaged Electron', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('keeps the native module outside the asar archive so it can be loaded', () => {
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('has its icons in build/: a 1024 px PNG, the Linux sizes and a Windows .ico with a 256 px entry', () => {
    const pngSize = (file: string) => {
      const data = fs.readFileSync(path.join(ROOT, 'build', file));
      expect(data.subarray(1, 4).toString()).toBe('PNG');
      return [data.readUInt32BE(16), data.readUInt32BE(20)];
    };
    expect(pngSize('icon.png')).toEqual([1024, 1024]);
    for (const size of [16, 32, 48, 128, 256, 512]) expect(pngSize(`icons/${size}x${size}.png`)).toEqual([size, size]);
    const ico = fs.readFileSync(path.join(ROOT, 'build', config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(widths).toContain(256);
  });
});

describe('what the installer would pack', () => {
  let appDir: string;
  beforeAll(() => {
    // The project's tracked files plus what `npm run build` writes, as empty files, in a scratch copy.
    appDir = tempDir('ledger-pack-');
    const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    const workers = ['backupWorker', 'importWorker', 'exportWorker'].flatMap((w) => [`dist/electron/${w}.cjs`, `dist/electron/${w}.cjs.map`]);
    const built = [...workers, 'dist/electron/main.cjs', 'dist/electron/main.cjs.map', 'dist/electron/preload.cjs', 'dist/electron/preload.cjs.map', 'dist/renderer/index.html', 'dist/renderer/assets/index-3f2a.js', 'dist/renderer/assets/index-3f2a.js.map', 'dist/renderer/assets/index-3f2a.css'];
    for (const file of [...tracked, ...built]) {
      fs.mkdirSync(path.dirname(path.join(appDir, file)), { recursive: true });
      fs.writeFileSync(path.join(appDir, file), '');
    }
  });
  afterAll(() => fs.rmSync(appDir, { recursive: true, force: true }));

  function packedAppFiles(): string[] {
    const info = { projectDir: appDir, buildResourcesDir: 'build', config, isPrepackedAppAsar: false, debugLogger: quietLogger };
    const [matcher] = getMainFileMatchers(appDir, '', (p: string) => p, {}, { info }, path.join(appDir, 'release'), false);
    const filter = matcher.createFilter();
    const packed: string[] = [];
    const walk = (dir: string) => {
      for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        const stat = fs.statSync(file);
        if (!filter(file, stat)) continue;
        if (stat.isDirectory()) walk(file);
        else packed.push(path.relative(appDir, file));
      }
    };
    walk(appDir);
    return packed.sort();
  }

  it('takes the built bundles and package.json only: no sources, tests, source maps or build scripts', () => {
    expect(packedAppFiles()).toEqual([
      'dist/electron/backupWorker.cjs',
      'dist/electron/exportWorker.cjs',
      'dist/electron/importWorker.cjs',
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/renderer/assets/index-3f2a.css',
      'dist/renderer/assets/index-3f2a.js',
      'dist/renderer/index.html',
      'package.json',
    ]);
  });

  it('ships exactly the production modules the main bundle loads, none of the development ones', { timeout: 60_000 }, async () => {
    const { getCollectorByPackageManager, PM } = require('app-builder-lib/out/node-module-collector');
    const { TmpDir } = require('builder-util');
    const tmp = new TmpDir('ledger-pack');
    try {
      const collector = getCollectorByPackageManager(PM.NPM, ROOT, tmp);
      const { nodeModules } = (await collector.getNodeModules({ packageName: pkg.name })) as { nodeModules: Array<{ name: string }> };
      const shipped = new Set(nodeModules.map((m) => m.name));
      for (const external of MAIN_EXTERNALS.filter((name) => name !== 'electron')) {
        expect(Object.keys(pkg.dependencies), external).toContain(external);
        expect(shipped.has(external), external).toBe(true);
      }
      // A development package may ship only when a production package needs it too (exceljs uses dayjs).
      const production = npmProductionTree();
      for (const dev of Object.keys(pkg.devDependencies)) {
        if (shipped.has(dev)) expect(production.has(dev), `${dev} ships but no production package needs it`).toBe(true);
      }
      for (const tool of ['electron', 'electron-builder', 'vitest', 'playwright', 'typescript', 'eslint', 'vite', 'esbuild', 'antd', 'react', 'react-dom', 'zod']) {
        expect(shipped.has(tool), tool).toBe(false);
      }
    } finally {
      await tmp.cleanup();
    }
  });
});
