import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreInWorker, writeBackupInWorker } from '../../electron/services/backup/backupJobs';
import { backupProgress, runBackup, updateBackupSettings } from '../../electron/services/backup/backupService';
import { knownMigrationNames } from '../../electron/services/backup/beforeMigrations';
import { errorOf } from '../support/errors';
import { createTestApp, tempDir, type TestApp } from '../support/testApp';

/**
 * Backups run in a worker thread with connections of their own: the app keeps answering while one runs,
 * and the worker's refusals arrive as the same errors the service would throw itself.
 */
let t: TestApp;
let folder: string;

beforeAll(async () => {
  t = await createTestApp();
  folder = tempDir('ledger-worker-backups-');
  await updateBackupSettings(t.deps, t.admin, { folder, keep: 5 });
  await t.db.write((sql) => {
    for (let i = 0; i < 60; i++) sql.run(`INSERT INTO form_drafts (user_id, key, data_json, saved_at) VALUES (?, ?, ?, ?)`, t.admin.id, `filler-${i}`, randomBytes(512 * 1024).toString('hex'), new Date().toISOString());
  });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('backup worker', { timeout: 60_000 }, () => {
  it('lets the app answer other calls while a backup is being written', async () => {
    const order: string[] = [];
    const backup = runBackup(t.deps, t.admin, 'manual', '0.1.0').then((row) => (order.push('backup done'), row));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const users = await t.db.read((sql) => sql.all(`SELECT username FROM users`));
    order.push('read answered');
    const row = await backup;
    expect(users).toHaveLength(3);
    expect(order).toEqual(['read answered', 'backup done']);
    expect(row.bytes).toBeGreaterThan(60 * 1024 * 1024);
  });

  it('reports how far a backup has got while it runs, and nothing once it is done', async () => {
    expect(backupProgress(t.deps, t.admin)).toEqual({ running: false, bytesDone: 0, bytesTotal: 0 });
    const seen: number[] = [];
    let done = false;
    const backup = runBackup(t.deps, t.admin, 'manual', '0.1.0').finally(() => (done = true));
    while (!done) {
      const now = backupProgress(t.deps, t.admin);
      if (now.running) {
        expect(now.bytesTotal).toBeGreaterThan(60 * 1024 * 1024);
        expect(now.bytesDone).toBeLessThanOrEqual(now.bytesTotal);
        seen.push(now.bytesDone);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await backup;
    expect(seen.some((bytes) => bytes > 0)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b)); // it only grows
    expect(backupProgress(t.deps, t.admin).running).toBe(false);
    expect(() => backupProgress(t.deps, t.clerk)).toThrow('仅限管理员');
  });

  it('brings the worker’s refusals back as the service’s own errors', async () => {
    const notLedger = path.join(folder, 'not-a-ledger.sqlite');
    fs.writeFileSync(notLedger, 'x'.repeat(10_000));
    const refused = await errorOf(restoreInWorker(t.dataDir, notLedger, { knownMigrations: knownMigrationNames(), now: new Date(), keyHex: t.deps.db.key.hex }));
    expect(refused).toMatchObject({ code: 'VALIDATION', field: 'file' });
    expect(refused.message).toContain('不是台账数据库');
    await expect(writeBackupInWorker(notLedger, path.join(folder, 'copy.sqlite'), { key: t.deps.db.key })).rejects.toBeInstanceOf(Error);
    expect(fs.existsSync(path.join(folder, 'copy.sqlite'))).toBe(false);
  });
});
