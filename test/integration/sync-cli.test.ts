import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformForTest, type TestPlatform } from '../support/platformRequests';
import { makeRecords } from '../support/syncFixtures';
import { createTestApp, TEST_OFFICE, type TestApp } from '../support/testApp';

/** `ledger sync …` as an operator runs it: a separate process, --json, non-zero exits on failure. */

const ROOT = path.resolve(import.meta.dirname, '../..');
interface Run {
  code: number;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}
function sync(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'sync', ...args, '--data', app.dataDir, '--json'], { cwd: ROOT, timeout: 90_000 }, (error, stdout) => {
      let json = null;
      try {
        json = JSON.parse(stdout.trim().split('\n').pop() ?? '');
      } catch {
        // not JSON
      }
      resolve({ code: error ? Number(error.code) : 0, json });
    });
  });
}

let app: TestApp;
let platform: TestPlatform;
beforeAll(async () => {
  app = await createTestApp();
  platform = await platformForTest();
});
afterAll(async () => {
  await platform.close();
  await app.close();
});

describe('ledger sync', { timeout: 120_000 }, () => {
  it('status, enrol, push, export-file and import-receipts, each failure with a non-zero exit and a Chinese message', async () => {
    expect(await sync(['status'])).toMatchObject({ code: 0, json: { enrolled: false } });
    const notEnrolled = await sync(['push']);
    expect(notEnrolled.code).not.toBe(0);
    expect(notEnrolled.json.error).toMatchObject({ code: 'NOT_ENROLLED', message: expect.stringMatching(/登记/) });
    const badCode = await sync(['enrol', '--url', platform.url, '--code', 'WRONGCODE']);
    expect(badCode.code).not.toBe(0);
    expect(badCode.json.error).toMatchObject({ field: 'code' });
    expect((await sync(['enrol', '--url', platform.url])).code).toBe(2);
    const code = platform.store.issueCode(TEST_OFFICE.officeUscc, new Date().toISOString());
    expect(await sync(['enrol', '--url', platform.url, '--code', code])).toMatchObject({ code: 0, json: { ok: true, officeId: TEST_OFFICE.officeUscc } });

    await makeRecords(app, 5);
    expect(await sync(['push'])).toMatchObject({ code: 0, json: { ok: true, accepted: 5 } });
    expect(await sync(['pull'])).toMatchObject({ code: 0, json: { ok: true } });
    expect(await sync(['status'])).toMatchObject({ code: 0, json: { enrolled: true, pending: 0, inFlight: 0 } });

    await makeRecords(app, 2, 100);
    const out = path.join(app.dataDir, 'out.ledgerbatch');
    expect(await sync(['export-file', '--out', out])).toMatchObject({ code: 0, json: { batches: 1, items: 2 } });
    expect(fs.existsSync(out)).toBe(true);
    expect((await sync(['import-receipts', path.join(app.dataDir, 'nothing.ledgerreceipts')])).code).toBe(2);
    fs.writeFileSync(path.join(app.dataDir, 'junk.ledgerreceipts'), 'junk');
    const junk = await sync(['import-receipts', path.join(app.dataDir, 'junk.ledgerreceipts')]);
    expect(junk.code).not.toBe(0);
    expect(junk.json.error.code).toBe('FILE_TRUNCATED');
  });
});
