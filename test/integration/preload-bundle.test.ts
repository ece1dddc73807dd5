import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract';

const root = path.resolve(import.meta.dirname, '../..');

describe('the preload bundle', () => {
  it('holds every channel name of the contract and nothing of its schemas', () => {
    execFileSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: root, stdio: 'pipe' });
    const bundle = fs.readFileSync(path.join(root, 'dist/electron/preload.cjs'), 'utf8');
    const names = JSON.parse(/\[("[^\]]*")\]/.exec(bundle)![0]) as string[];
    expect(names).toEqual(CHANNEL_NAMES);
    expect(bundle).not.toMatch(/zod|ZodError|safeParse/);
    expect(bundle.length).toBeLessThan(4_000);
  });
});
