import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database';
import { verifyAudit } from '../../electron/services/audit/auditLog';
import { AUDITED_TABLES } from '../../electron/services/catalog';
import { createRecord } from '../../electron/services/records';
import { recordsWorkbook } from '../support/importWorkbooks';
import { unitRecord } from '../support/recordFixtures';
import { createTestApp, tempDir, type TestApp } from '../support/testApp';

/**
 * kill -9 of the app while its import worker is writing: the worker's transaction was never committed, so the
 * ledger, its audit chain and its upload queue are as they were, and the same file imports whole afterwards.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
let t: TestApp;
let db: Db;
let file: string;

beforeAll(async () => {
  t = await createTestApp();
  await createRecord(t.deps, t.clerk, unitRecord({ docNumber: '(2024)苏0102民初800001号' }));
  await t.db.close(); // the child process is the app now
  file = path.join(tempDir('ledger-kill-import-'), '台账.xlsx');
  fs.writeFileSync(file, await recordsWorkbook(4000));
}, 60_000);
afterAll(async () => {
  await db?.close();
  fs.rmSync(t.dataDir, { recursive: true, force: true });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

/** Run the import in a child process and kill it once it reports `killAt` rows written. */
function importAndKill(killAt: number): Promise<{ lastReport: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/importInChild.ts', t.dataDir, file, JSON.stringify(t.clerk)], { cwd: ROOT });
    let lastReport = '';
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        lastReport = line;
        const [phase, done] = line.split(' ');
        if (phase === 'write' && Number(done) >= killAt) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ lastReport, signal }));
  });
}

describe('kill -9 while the import worker writes', { timeout: 120_000 }, () => {
  it('leaves the ledger as it was, and the file imports whole afterwards', async () => {
    const killed = await importAndKill(1500);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.lastReport).toMatch(/^write \d+ 4000$/);

    db = await openDatabase(t.dataDir);
    const count = (table: string) => db.read((sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)!.n);
    expect(await count('dishonesty_records')).toBe(1);
    expect(await count('outbox')).toBe(1);
    expect((await db.read((sql) => verifyAudit(sql, AUDITED_TABLES))).problems).toEqual([]);
    await db.close();

    const again = await importAndKill(Number.POSITIVE_INFINITY);
    expect(again.lastReport).toBe('done 4000');
    db = await openDatabase(t.dataDir);
    expect(await count('dishonesty_records')).toBe(4001);
    expect((await db.read((sql) => verifyAudit(sql, AUDITED_TABLES))).problems).toEqual([]);
  });
});
