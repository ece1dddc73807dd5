import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layering rule of DESIGN.md is enforced by lint; these prove the rule bites where it must. */
const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  // one entry per refused import, whichever of the two rules (packages, project folders) refused it
  const refused = result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'ledger/layering');
  return [...new Map(refused.map((m) => [`${m.line}:${m.column}`, m.message])).values()];
}

/** One import of a project file from `file`, as lint sees it. */
const importing = (file: string, from: string) => restrictedImports(file, `import * as x from '${from}';\nexport const y = x;\n`);

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

  it('is an allow-list per folder: one ledger cannot reach into another, blocks never into a ledger', async () => {
    // a ledger uses the building blocks, the database and shared/
    expect(await importing('electron/services/records/x.ts', '../ledger/listEngine')).toHaveLength(0);
    expect(await importing('electron/services/records/x.ts', '../../db/database')).toHaveLength(0);
    expect(await importing('electron/services/records/x.ts', '../../../shared/domain/dishonesty')).toHaveLength(0);
    // …but not another ledger, and a block never reaches into a ledger
    expect(await importing('electron/services/records/x.ts', '../promises/promisesService')).toHaveLength(1);
    expect(await importing('electron/services/ledger/x.ts', '../records/recordsService')).toHaveLength(1);
    expect(await importing('electron/services/excel/x.ts', '../records/excel/recordSheet')).toHaveLength(1);
    // the one-step links between ledgers are declared (an overdue commitment → a dishonesty record)
    expect(await importing('electron/services/commitments/x.ts', '../records/recordsService')).toHaveLength(0);
    // the database never calls up into services or IPC; IPC uses services
    expect(await importing('electron/db/x.ts', '../services/records/recordsService')).toHaveLength(1);
    expect(await importing('electron/ipc/handlers/x.ts', '../../services/records')).toHaveLength(0);
    // a folder nobody gave a place in the layering may not be imported at all
    expect(await importing('electron/services/records/x.ts', '../../nowhere/thing')).toHaveLength(1);
  });

  it('keeps the preload to itself: it carries channel names, not the contract', async () => {
    expect(await importing('electron/preload/x.ts', '../../shared/contract')).toHaveLength(1);
    expect(await importing('electron/preload/x.ts', './channelNames')).toHaveLength(0);
  });
});
