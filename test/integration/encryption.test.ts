import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, DatabaseOpenError, openDatabase, type Db } from '../../electron/db/database';
import { rowCounts } from '../../electron/db/encryptLedger';
import { givenKey, LEDGER_KEY_FILE_NAME, LedgerKey } from '../../electron/db/ledgerKey';
import { openApp } from '../../electron/ipc/openApp';
import { verifyAudit } from '../../electron/services/audit/auditLog';
import { runBackup, updateBackupSettings } from '../../electron/services/backup/backupService';
import { restoreFromBackup } from '../../electron/services/backup/restoreService';
import { restoreLedger } from '../../electron/services/backup/restoreLedger';
import { knownMigrationNames } from '../../electron/services/backup/beforeMigrations';
import { AUDITED_TABLES } from '../../electron/services/catalog';
import { addRecordAttachment, createRecord, getRecord } from '../../electron/services/records';
import { attachmentPath, readAttachment } from '../../electron/services/files/attachments';
import { SEALED_MAGIC } from '../../electron/services/files/attachmentCipher';
import { SqliteDriver } from '../../electron/db/ledgerConnection';
import { createTestApp, tempDir, type TestApp } from '../support/testApp';
import { keyOf, openLedgerFile } from '../support/ledgerFile';
import { unitRecord } from '../support/recordFixtures';
import { encryptionStatus, showRecoveryKey } from '../../electron/services/encryption/recoveryKey';

/**
 * Encryption at rest as an auditor checks it: the database file and the attachment store hold no readable
 * name; a wrong or missing key is refused in Chinese and changes nothing; a ledger written before encryption is
 * encrypted in place with every row kept; backups stay encrypted and restore; the recovery key opens the
 * ledger in another folder (another computer).
 */

const UNIT = '青石镇加密测试食品有限公司';
const EVIDENCE = `${UNIT}拖欠工程款的判决书扫描件`;
const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const header = (file: string) => fs.readFileSync(file).subarray(0, 16).toString('latin1');
const holds = (file: string, text: string) => fs.readFileSync(file).includes(Buffer.from(text, 'utf8'));
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** A ledger with a record of UNIT and its evidence, closed (WAL folded in). */
async function ledgerWithEvidence(): Promise<{ app: TestApp; recordId: string; sha256: string }> {
  const app = await createTestApp();
  apps.push(app);
  const record = await createRecord(app.deps, app.clerk, unitRecord({ unitName: UNIT }));
  const attachment = await addRecordAttachment(app.deps, app.clerk, record.id, '判决书.txt', Buffer.from(EVIDENCE));
  return { app, recordId: record.id, sha256: attachment.sha256 };
}

async function openError(dataDir: string, options: Parameters<typeof openDatabase>[1] = {}): Promise<DatabaseOpenError> {
  let db: Db | undefined;
  try {
    db = await openDatabase(dataDir, options);
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseOpenError);
    return error as DatabaseOpenError;
  }
  await db.close();
  throw new Error('opened');
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', LEDGER_KEY_FILE: '' }, timeout: 60_000, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

describe('the ledger at rest', () => {
  it('the database file is not a readable SQLite file and holds no unit name; nor does the attachment store', async () => {
    const { app, sha256 } = await ledgerWithEvidence();
    const file = path.join(app.dataDir, DATABASE_FILE_NAME);
    // SQLite's temporary files (sorts, temporary tables) would not be encrypted: the connection keeps them in memory
    expect(app.db.connection.pragma('temp_store', { simple: true })).toBe(2);
    // while open: the database and its write-ahead log
    for (const f of [file, `${file}-wal`].filter((f) => fs.existsSync(f))) expect(holds(f, UNIT), f).toBe(false);
    await app.db.close();
    expect(header(file)).not.toBe('SQLite format 3\0');
    expect(holds(file, UNIT)).toBe(false);
    expect(holds(file, '某某市某某区某某街道办事处')).toBe(false);
    const stored = filesUnder(path.join(app.dataDir, 'attachments'));
    expect(stored).toEqual([attachmentPath(app.dataDir, sha256)]);
    expect(stored.some((f) => holds(f, UNIT) || holds(f, '判决书'))).toBe(false);
    // the key file is the user's alone
    if (process.platform !== 'win32') expect(fs.statSync(path.join(app.dataDir, LEDGER_KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
  });

  it('another SQLCipher tool opens it with the key alone and SQLCipher 3’s parameters at 4096-byte pages (HMAC-SHA1)', async () => {
    const { app } = await ledgerWithEvidence();
    const file = path.join(app.dataDir, DATABASE_FILE_NAME);
    const hex = app.db.key.hex;
    await app.db.close();
    const tool = new SqliteDriver(file, { readonly: true, fileMustExist: true });
    try {
      // what `sqlcipher` 3 does with PRAGMA key = "x'…'"; PRAGMA cipher_page_size = 4096
      for (const pragma of [`cipher = 'sqlcipher'`, 'legacy = 3', 'legacy_page_size = 4096']) tool.pragma(pragma);
      tool.pragma(`key = "x'${hex}'"`);
      expect(tool.prepare(`SELECT unit_name FROM dishonesty_records`).pluck().get()).toBe(UNIT);
    } finally {
      tool.close();
    }
  });

  it('a wrong key is refused in Chinese, and the file is left exactly as it was', async () => {
    const { app } = await ledgerWithEvidence();
    await app.db.close();
    const file = path.join(app.dataDir, DATABASE_FILE_NAME);
    const before = fs.readFileSync(file);
    const error = await openError(app.dataDir, { keys: givenKey(LedgerKey.random()) });
    expect(error.reason).toBe('wrong-key');
    expect(error.message).toContain('密钥不正确');
    expect(error.message).toContain('恢复密钥');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('an encrypted ledger without its key is refused — never replaced by a new, empty ledger', async () => {
    const { app } = await ledgerWithEvidence();
    await app.db.close();
    const file = path.join(app.dataDir, DATABASE_FILE_NAME);
    const before = fs.readFileSync(file);
    fs.rmSync(path.join(app.dataDir, LEDGER_KEY_FILE_NAME));
    const error = await openError(app.dataDir);
    expect(error.reason).toBe('no-key');
    expect(error.message).toContain('恢复密钥');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(app.dataDir, LEDGER_KEY_FILE_NAME))).toBe(false);
  });
});

describe('a ledger written before encryption', () => {
  it('is encrypted in place when opened: every row and audit entry kept, the audit log verifies, a safety copy first, attachments sealed', async () => {
    const { app, recordId, sha256 } = await ledgerWithEvidence();
    const key = app.db.key;
    await app.db.close();
    const file = path.join(app.dataDir, DATABASE_FILE_NAME);
    // Make it what an earlier version left: a plain database, plain attachment files, no key file.
    const conn = openLedgerFile(file);
    conn.pragma('journal_mode = DELETE');
    conn.pragma(`rekey = ''`);
    conn.close();
    fs.writeFileSync(attachmentPath(app.dataDir, sha256), EVIDENCE);
    fs.rmSync(path.join(app.dataDir, LEDGER_KEY_FILE_NAME));
    expect(header(file)).toBe('SQLite format 3\0');
    expect(holds(file, UNIT)).toBe(true);
    const plain = new (await import('../../electron/db/ledgerConnection')).SqliteDriver(file, { readonly: true });
    const before = rowCounts(plain);
    plain.close();
    expect(before.audit_log).toBeGreaterThan(5);

    const opened = await openApp({ dataDir: app.dataDir, host: { openPath: async () => true }, appVersion: '0.2.0' });
    try {
      const db = opened.app.deps.db;
      expect(db.key.equals(key)).toBe(false); // a new key, made for this installation
      expect(await db.read((sql) => verifyAudit(sql, AUDITED_TABLES))).toMatchObject({ ok: true, problems: [] });
      const record = await getRecord(opened.app.deps, app.reviewer, recordId);
      expect(record.record.unitName).toBe(UNIT);
      expect(record.attachments.map((a) => a.state)).toEqual(['ok']);
      expect(readAttachment(opened.app.deps, sha256)).toEqual(Buffer.from(EVIDENCE));
    } finally {
      await opened.close();
    }
    expect(header(file)).not.toBe('SQLite format 3\0');
    expect(holds(file, UNIT)).toBe(false);
    const after = openLedgerFile(file, { readonly: true });
    expect(rowCounts(after)).toEqual(before);
    expect(after.pragma('journal_mode', { simple: true })).toBe('wal');
    after.close();
    const stored = fs.readFileSync(attachmentPath(app.dataDir, sha256));
    expect(stored.subarray(0, SEALED_MAGIC.length).equals(SEALED_MAGIC)).toBe(true);

    // the safety copy: taken first, itself encrypted with the same key, every row there
    const copies = filesUnder(path.join(app.dataDir, 'before-update')).filter((f) => f.endsWith('.sqlite'));
    expect(copies).toHaveLength(1);
    expect(path.basename(copies[0])).toMatch(/^ledger-before-encryption-/);
    expect(holds(copies[0], UNIT)).toBe(false);
    const copy = openLedgerFile(copies[0], { dataDir: app.dataDir, readonly: true });
    expect(rowCounts(copy)).toEqual(before);
    copy.close();
  });
});

describe('backups and the recovery key', () => {
  it('backups are encrypted with the ledger’s key and restore', async () => {
    const { app } = await ledgerWithEvidence();
    const folder = tempDir('ledger-enc-backups-');
    dirs.push(folder);
    await updateBackupSettings(app.deps, app.admin, { folder, keep: 5 });
    const backup = await runBackup(app.deps, app.admin, 'manual', '0.1.0');
    const file = path.join(folder, backup.name);
    expect(header(file)).not.toBe('SQLite format 3\0');
    expect(holds(file, UNIT)).toBe(false);

    const countRecords = () => app.deps.db.read((sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM dishonesty_records`)!.n);
    await app.deps.db.write((sql) => sql.run(`INSERT INTO form_drafts (user_id, key, data_json, saved_at) VALUES (?, 'after', '{}', ?)`, app.clerk.id, new Date().toISOString()));
    await restoreFromBackup(app.deps, app.admin, { name: backup.name });
    expect(await countRecords()).toBe(1);
    expect(await app.deps.db.read((sql) => sql.get(`SELECT 1 FROM form_drafts WHERE key = 'after'`))).toBeUndefined();
    app.db = app.deps.db;
    await app.db.close();
    const ledger = path.join(app.dataDir, DATABASE_FILE_NAME);
    expect(header(ledger)).not.toBe('SQLite format 3\0');
    expect(holds(ledger, UNIT)).toBe(false);
  });

  it('the recovery key opens the ledger copied to another data folder; a mistyped one is refused', async () => {
    const { app } = await ledgerWithEvidence();
    const recovery = app.db.key.recoveryKey;
    expect(recovery).toMatch(/^([0-9A-F]{4}-){15}[0-9A-F]{4}$/);
    await app.db.close();
    const elsewhere = tempDir('ledger-new-machine-');
    dirs.push(elsewhere);
    fs.copyFileSync(path.join(app.dataDir, DATABASE_FILE_NAME), path.join(elsewhere, DATABASE_FILE_NAME));
    expect((await openError(elsewhere)).reason).toBe('no-key');

    const wrong = recovery.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const refused = await cli(['key', 'import', '--data', elsewhere, '--recovery-key', wrong]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('解不开');
    expect(fs.existsSync(path.join(elsewhere, LEDGER_KEY_FILE_NAME))).toBe(false);

    // typed by hand: lower case, spaces instead of dashes
    const typed = recovery.toLowerCase().replace(/-/g, ' ');
    const direct = await cli(['verify-audit', '--data', elsewhere, '--recovery-key', typed]);
    expect(direct.code, direct.stderr).toBe(0);
    expect(direct.stdout).toContain('审计日志链完整');

    const imported = await cli(['key', 'import', '--data', elsewhere, '--recovery-key', typed]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(keyOf(elsewhere).equals(keyOf(app.dataDir))).toBe(true);
    const db = await openDatabase(elsewhere);
    expect(await db.read((sql) => sql.get<{ unit_name: string }>(`SELECT unit_name FROM dishonesty_records`)?.unit_name)).toBe(UNIT);
    await db.close();
    const shown = await cli(['key', 'show', '--data', elsewhere]);
    expect(shown.stdout).toContain(recovery);
  }, 120_000);

  it('a backup of another installation restores with that installation’s recovery key, re-encrypted with this one’s', async () => {
    const { app } = await ledgerWithEvidence();
    const theirs = app.db.key;
    const folder = tempDir('ledger-enc-other-');
    dirs.push(folder);
    await updateBackupSettings(app.deps, app.admin, { folder, keep: 5 });
    const backup = path.join(folder, (await runBackup(app.deps, app.admin, 'manual', '0.1.0')).name);
    await app.db.close();

    // this installation: the same office's ledger moved here, under a key of its own
    const here = tempDir('ledger-enc-here-');
    dirs.push(here);
    const ours = LedgerKey.random();
    fs.copyFileSync(backup, path.join(here, DATABASE_FILE_NAME));
    const rekey = openLedgerFile(path.join(here, DATABASE_FILE_NAME), { key: theirs });
    rekey.pragma('journal_mode = DELETE');
    rekey.pragma(`rekey = "x'${ours.hex}'"`);
    rekey.close();

    const options = { knownMigrations: knownMigrationNames(), now: new Date(), keyHex: ours.hex };
    expect(() => restoreLedger(here, backup, options)).toThrow(/另一台电脑的密钥/);
    const result = restoreLedger(here, backup, { ...options, backupKeyHex: theirs.hex });
    expect(result.officeName).toBeTruthy();
    const db = await openDatabase(here, { keys: givenKey(ours) });
    expect(await db.read((sql) => sql.get<{ unit_name: string }>(`SELECT unit_name FROM dishonesty_records`)?.unit_name)).toBe(UNIT);
    await db.close();
  });
});

describe('the recovery key on the settings page', () => {
  it('is shown to administrators only, and each showing is in the audit log', async () => {
    const app = await createTestApp();
    apps.push(app);
    await expect(showRecoveryKey(app.deps, app.clerk)).rejects.toThrow('仅限管理员');
    await expect(showRecoveryKey(app.deps, app.reviewer)).rejects.toThrow('仅限管理员');
    const shown = await showRecoveryKey(app.deps, app.admin);
    expect(LedgerKey.fromRecoveryKey(shown.recoveryKey).equals(app.db.key)).toBe(true);
    const entry = await app.db.read((sql) => sql.get<{ entity: string; action: string; user_name: string }>(`SELECT entity, action, user_name FROM audit_log ORDER BY seq DESC LIMIT 1`));
    expect(entry).toEqual({ entity: 'ledger_key', action: 'showRecoveryKey', user_name: '王管理' });
    expect(await app.db.read((sql) => verifyAudit(sql, AUDITED_TABLES))).toMatchObject({ ok: true });
    expect(encryptionStatus(app.deps, app.admin).keyKeptBy).toContain('0600');
  });
});
