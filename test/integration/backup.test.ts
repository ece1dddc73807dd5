import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/db/database';
import { verifyAuditChain } from '../../electron/services/audit/auditLog';
import { listBackups, sweepPartials, verifyBackup } from '../../electron/services/backup/backupFolder';
import { backupIfDue, backupOverview, runBackup, updateBackupSettings } from '../../electron/services/backup/backupService';
import { restoreFromBackup } from '../../electron/services/backup/restoreService';
import { initializeOffice, createUser } from '../../electron/services/users/usersService';
import { errorOf } from '../support/errors';
import { givenKey } from '../../electron/db/ledgerKey';
import { openLedgerFile } from '../support/ledgerFile';
import { createTestApp, TEST_PASSWORD, tempDir, type TestApp } from '../support/testApp';

/** Backups to the administrator's folder and restores from them, on real ledger files. */
let t: TestApp;
let folder: string;
let clock: Date;

beforeEach(async () => {
  clock = new Date('2026-11-20T08:00:00Z');
  t = await createTestApp({ now: () => clock });
  folder = tempDir('ledger-backups-');
  await updateBackupSettings(t.deps, t.admin, { folder, keep: 3 });
});
afterEach(async () => {
  await t.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const usernames = async () => t.deps.db.read((sql) => sql.all<{ username: string }>(`SELECT username FROM users ORDER BY username`).map((u) => u.username));
const addUser = (username: string) => createUser(t.deps, t.admin, { username, displayName: username, role: 'clerk', password: TEST_PASSWORD });
const later = (hours: number) => (clock = new Date(clock.getTime() + hours * 3600_000));

describe('backups', () => {
  it('writes a checked, self-contained copy under its final name only, with its note', async () => {
    const row = await runBackup(t.deps, t.admin, 'manual', '0.1.0');
    expect(row).toMatchObject({ check: 'ok', reason: 'manual', officeName: '测试市某某区某某街道办事处' });
    expect(fs.readdirSync(folder).sort()).toEqual([row.name.replace('.sqlite', '.json'), row.name]);
    const copy = openLedgerFile(path.join(folder, row.name), { dataDir: t.dataDir, readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare(`SELECT username FROM users ORDER BY username`).pluck().all()).toEqual(['admin', 'clerk', 'reviewer']);
    copy.close();
    expect(fs.readdirSync(folder).some((n) => n.endsWith('-wal') || n.endsWith('-shm') || n.endsWith('-journal'))).toBe(false);
    expect(verifyBackup(path.join(folder, row.name), { key: t.deps.db.key })).toBeNull();
    const audit = await t.deps.db.read((sql) => sql.get<{ action: string; entity_id: string }>(`SELECT action, entity_id FROM audit_log ORDER BY seq DESC LIMIT 1`));
    expect(audit).toEqual({ action: 'create', entity_id: row.name });
  });

  it('the report names the audit chain head inside the backup: the same on the page\'s list, and the one the live log had', async () => {
    await addUser('zhao');
    const head = await t.deps.db.read((sql) => sql.get<{ seq: number; hash: string }>(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`)!);
    const row = await runBackup(t.deps, t.admin, 'manual', '0.1.0');
    expect(row.auditHead).toEqual(head);
    expect((await backupOverview(t.deps, t.admin)).backups[0]).toMatchObject({ name: row.name, auditHead: head });
    const copy = openLedgerFile(path.join(folder, row.name), { dataDir: t.dataDir, readonly: true });
    expect(copy.prepare(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).get()).toEqual(head);
    copy.close();
    // the backup's own audit line comes after the copy, and names the head the copy holds
    const line = await t.deps.db.read((sql) => sql.get<{ seq: number; after_json: string }>(`SELECT seq, after_json FROM audit_log ORDER BY seq DESC LIMIT 1`)!);
    expect(line.seq).toBe(head.seq + 1);
    expect(JSON.parse(line.after_json).auditHead).toEqual(head);
  });

  it('keeps only the newest N', async () => {
    const names = [];
    for (let i = 0; i < 5; i++) {
      names.push((await runBackup(t.deps, t.admin, 'manual', '0.1.0')).name);
      later(1);
    }
    expect(listBackups(folder).map((b) => b.name)).toEqual(names.slice(2).reverse());
    expect(fs.readdirSync(folder)).toHaveLength(6); // three backups, three notes
  });

  it('backs up at start only when the newest backup is older than a day, and skips a missing folder quietly', async () => {
    expect(await backupIfDue(t.deps, '0.1.0')).toMatchObject({ made: { reason: 'automatic' } });
    later(23);
    expect(await backupIfDue(t.deps, '0.1.0')).toEqual({ skipped: 'recent' });
    later(2);
    expect(await backupIfDue(t.deps, '0.1.0')).toMatchObject({ made: { reason: 'automatic' } });
    expect(listBackups(folder)).toHaveLength(2);
    fs.rmSync(folder, { recursive: true });
    later(48);
    expect(await backupIfDue(t.deps, '0.1.0')).toEqual({ skipped: 'folder-missing' });
  });

  it('notices a backup changed after it was written', async () => {
    const row = await runBackup(t.deps, t.admin, 'manual', '0.1.0');
    const file = path.join(folder, row.name);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] ^= 0xff;
    fs.writeFileSync(file, bytes);
    expect(verifyBackup(file, { key: t.deps.db.key })).toContain('SHA-256 不符');
    fs.appendFileSync(file, Buffer.alloc(4096));
    expect(listBackups(folder)[0].check).toBe('changed');
  });

  it('sweeps the scratch files of interrupted backups once they are an hour old, and never lists them', async () => {
    const stale = path.join(folder, '.ledger-backup-x.sqlite.partial-1234');
    fs.writeFileSync(stale, 'half a backup');
    expect(listBackups(folder)).toEqual([]);
    expect(sweepPartials(folder, new Date())).toEqual([]);
    const old = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(stale, old, old);
    expect(sweepPartials(folder, new Date())).toEqual(['.ledger-backup-x.sqlite.partial-1234']);
  });

  it('refuses a folder that is not there, is relative, and refuses clerks, in Chinese naming the field', async () => {
    const missing = await errorOf(updateBackupSettings(t.deps, t.admin, { folder: path.join(folder, 'nope'), keep: 3 }));
    expect(missing).toMatchObject({ field: 'folder' });
    expect(missing.message).toContain('备份文件夹不存在');
    expect((await errorOf(updateBackupSettings(t.deps, t.admin, { folder: 'backups', keep: 3 }))).message).toContain('完整路径');
    expect((await errorOf(runBackup(t.deps, t.clerk, 'manual', '0.1.0'))).code).toBe('FORBIDDEN');
    expect((await errorOf(backupOverview(t.deps, t.clerk))).code).toBe('FORBIDDEN');
  });
});

describe('restore', () => {
  it('puts the backup back, keeps a copy of the ledger as it was, and notes the restore in the audit log', async () => {
    const backup = await runBackup(t.deps, t.admin, 'manual', '0.1.0');
    await addUser('after');
    expect(await usernames()).toContain('after');

    const result = await restoreFromBackup(t.deps, t.admin, { name: backup.name });
    expect(await usernames()).toEqual(['admin', 'clerk', 'reviewer']);
    const safety = openLedgerFile(result.safetyCopy, { dataDir: t.dataDir, readonly: true });
    expect(safety.prepare(`SELECT count(*) FROM users WHERE username = 'after'`).pluck().get()).toBe(1);
    safety.close();
    const chain = await t.deps.db.read((sql) => verifyAuditChain(sql));
    expect(chain.ok).toBe(true);
    const last = await t.deps.db.read((sql) => sql.get<{ action: string }>(`SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1`));
    expect(last?.action).toBe('restore');
    expect(fs.readdirSync(t.dataDir).filter((n) => n.includes('partial'))).toEqual([]);
  });

  it('refuses another office’s backup, a damaged file and a file that is not a ledger, and leaves the ledger as it was', async () => {
    await addUser('keepme');
    // Another office's ledger, under the same key (as if its recovery key had been given): the office is what differs.
    const other = tempDir('ledger-other-');
    const otherDb = await openDatabase(other, { keys: givenKey(t.deps.db.key) });
    await initializeOffice({ db: otherDb, dataDir: other, now: () => new Date() }, { officeName: '另一个街道办事处', officeUscc: '11320102MB0000001D', noticePrefix: '另街' }, { username: 'admin', displayName: '管理', password: TEST_PASSWORD });
    await otherDb.close();

    const damaged = path.join(folder, 'damaged.sqlite');
    const good = await runBackup(t.deps, t.admin, 'manual', '0.1.0');
    const bytes = fs.readFileSync(path.join(folder, good.name));
    bytes.fill(0x5a, 4096 * 2, 4096 * 4);
    fs.writeFileSync(damaged, bytes);
    const text = path.join(folder, 'notes.txt');
    fs.writeFileSync(text, '这不是数据库'.repeat(1000));

    // A ledger of another installation, under its own key: unreadable without that installation's recovery key.
    const elsewhere = tempDir('ledger-elsewhere-');
    await (await openDatabase(elsewhere)).close();

    const cases: Array<[string, string]> = [
      [path.join(other, DATABASE_FILE_NAME), '不属于本单位'],
      [path.join(elsewhere, DATABASE_FILE_NAME), '另一台电脑的密钥加密的'],
      [damaged, '完整性检查未通过'],
      [text, '不是台账数据库'],
      [path.join(folder, 'missing.sqlite'), '找不到备份文件'],
    ];
    for (const [file, message] of cases) {
      const error = await errorOf(restoreFromBackup(t.deps, t.admin, { file }));
      expect(error.message, file).toContain(message);
      expect(error.field).toBe('file');
      expect(await usernames()).toContain('keepme');
    }
    expect(fs.existsSync(path.join(t.dataDir, 'before-restore'))).toBe(false); // refused before anything was touched
    fs.rmSync(other, { recursive: true, force: true });
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  it('refuses a backup made by a newer version', async () => {
    const backup = await runBackup(t.deps, t.admin, 'manual', '0.1.0');
    const file = path.join(folder, backup.name);
    const db = openLedgerFile(file, { dataDir: t.dataDir });
    db.prepare(`INSERT INTO migrations (timestamp, name) VALUES (?, ?)`).run(99990000000000, 'FutureThing99990000000000');
    db.close();
    const error = await errorOf(restoreFromBackup(t.deps, t.admin, { file }));
    expect(error.message).toContain('更新版本');
  });

  it('is refused to clerks and reviewers', async () => {
    const backup = await runBackup(t.deps, t.admin, 'manual', '0.1.0');
    for (const actor of [t.clerk, t.reviewer]) expect((await errorOf(restoreFromBackup(t.deps, actor, { name: backup.name }))).code).toBe('FORBIDDEN');
  });
});
