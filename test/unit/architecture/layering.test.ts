import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layering rule of DESIGN.md is enforced by lint; these prove the rule bites where it must. */
const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rule', () => {
  it('refuses electron/ and Node in shared/', async () => {
    expect(await restrictedImports('shared/domain/x.ts', `import { openDatabase } from '../../electron/db/database';\nexport const x = openDatabase;\n`)).toHaveLength(1);
    expect(await restrictedImports('shared/domain/x.ts', `import fs from 'node:fs';\nexport const x = fs;\n`)).toHaveLength(1);
    expect(await restrictedImports('shared/domain/x.ts', `import { z } from 'zod';\nexport const x = z;\n`)).toHaveLength(0);
  });

  it('refuses electron/ in the renderer', async () => {
    expect(await restrictedImports('renderer/src/pages/X.tsx', `import { HANDLERS } from '../../../electron/ipc/handlers';\nexport const x = HANDLERS;\n`)).toHaveLength(1);
    expect(await restrictedImports('renderer/src/pages/X.tsx', `import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n`)).toHaveLength(1);
    expect(await restrictedImports('renderer/src/pages/X.tsx', `import { api } from '../api/client';\nexport const x = api;\n`)).toHaveLength(0);
  });

  it('refuses the electron package in services (they run under plain Node)', async () => {
    expect(await restrictedImports('electron/services/records/x.ts', `import { shell } from 'electron';\nexport const x = shell;\n`)).toHaveLength(1);
    expect(await restrictedImports('electron/main/x.ts', `import { shell } from 'electron';\nexport const x = shell;\n`)).toHaveLength(0);
  });
});
