import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { SqliteDriver } from '../../electron/db/ledgerConnection';
import { LEDGER_KEY_FILE_NAME } from '../../electron/db/ledgerKey';
import { openLedgerFile } from '../support/ledgerFile';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, DatabaseOpenError, openDatabase, type Db } from '../../electron/db/database';
import { MIGRATIONS } from '../../electron/db/migrations';
import { analysedRecordCount, analysedTables } from '../../electron/db/plannerStatistics';
import { verifyAuditChain } from '../../electron/services/audit/auditLog';
import { enqueueUpload, listPendingUploads } from '../../electron/services/outbox/outbox';
import { createRecord, getRecord, queryRecords, updateRecord } from '../../electron/services/records';
import { readSettings, updateSettings } from '../../electron/services/settings/settingsService';
import { authenticate, createUser, initializeOffice, listUsers, setUserDisabled, toActor } from '../../electron/services/users/usersService';
import type { ServiceDeps } from '../../electron/services/context';
import { saveDraft, getDraft } from '../../electron/services/drafts/draftsService';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';
import { unitRecord } from '../support/recordFixtures';
import { seedGeneratedRecords } from '../support/seedRecords';
import { insertLegacyRecord, seedLegacyRecords } from '../support/legacyRecords';

const CJK = /[\u4e00-\u9fff]/;
const dirs: string[] = [];
const open: Db[] = [];
const raw: Database.Database[] = [];

function newDir(): string {
  const dir = tempDir('ledger-db-test-');
  dirs.push(dir);
  return dir;
}
async function openDb(dir: string, options?: Parameters<typeof openDatabase>[1]): Promise<Db> {
  const db = await openDatabase(dir, options);
  open.push(db);
  return db;
}
async function closeDb(db: Db): Promise<void> {
  await db.close();
  open.splice(open.indexOf(db), 1);
}
async function openError(dir: string, options?: Parameters<typeof openDatabase>[1]): Promise<DatabaseOpenError> {
  try {
    const db = await openDb(dir, options);
    await closeDb(db);
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseOpenError);
    return error as DatabaseOpenError;
  }
  throw new Error('expected the database to be refused, but it opened');
}

afterEach(async () => {
  for (const c of raw.splice(0)) if (c.open) c.close();
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('connection settings', () => {
  it('opens with WAL, synchronous FULL and foreign keys on, and keeps them on reopening', async () => {
    const dir = newDir();
    for (let i = 0; i < 2; i++) {
      const db = await openDb(dir);
      expect(db.connection.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.connection.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.connection.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.file).toBe(path.join(dir, DATABASE_FILE_NAME));
      await closeDb(db);
    }
  });

  it('enforces foreign keys (a draft of a user who does not exist is refused)', async () => {
    const db = await openDb(newDir());
    await expect(
      db.write((sql) => sql.run(`INSERT INTO form_drafts (user_id, key, data_json, saved_at) VALUES ('nobody', 'k', '{}', 'now')`)),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('creates the data folder and every table of every migration', async () => {
    const dir = path.join(newDir(), 'nested', 'data');
    const db = await openDb(dir);
    const tables = await db.read((sql) => sql.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`).map((t) => t.name));
    for (const t of ['settings', 'users', 'audit_log', 'outbox', 'form_drafts', 'dishonesty_records', 'record_versions', 'attachments', 'record_search', 'migrations']) {
      expect(tables).toContain(t);
    }
    const applied = await db.read((sql) => sql.all<{ name: string }>(`SELECT name FROM migrations ORDER BY id`).map((m) => m.name));
    expect(applied).toEqual(MIGRATIONS.map((M) => new M().name));
  });
});

describe('upgrading an older database', () => {
  it('keeps every user, setting, audit entry, outbox item and draft when later migrations run', async () => {
    const dir = newDir();
    const old = await openDb(dir, { migrations: MIGRATIONS.slice(0, 1) });
    const oldTables = await old.read((sql) => sql.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`).map((t) => t.name));
    expect(oldTables).not.toContain('dishonesty_records');

    const deps: ServiceDeps = { db: old, dataDir: dir, now: () => new Date() };
    const admin = await initializeOffice(deps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
    const clerkRow = await createUser(deps, admin, { username: 'clerk', displayName: '李录入', role: 'clerk', password: TEST_PASSWORD });
    await setUserDisabled(deps, admin, clerkRow.id, true);
    await updateSettings(deps, admin, { ...TEST_OFFICE, officeName: '改名后的街道办事处', idleLockMinutes: 25 });
    await old.write((sql) =>
      enqueueUpload(sql, { kind: 'public_commitment', id: 'c-1', version: 1, op: 'upsert', updatedAt: '2025-01-01T00:00:00.000Z', data: { title: '承诺' } }, '2025-01-01T00:00:00.000Z'),
    );
    await saveDraft(deps, admin, 'records.new', { unitName: '未保存的单位' });

    const snapshot = (db: Db) =>
      db.read((sql) => ({
        users: sql.all(`SELECT * FROM users ORDER BY id`),
        settings: sql.all(`SELECT * FROM settings ORDER BY key`),
        audit: sql.all(`SELECT * FROM audit_log ORDER BY seq`),
        outbox: sql.all(`SELECT * FROM outbox ORDER BY seq`),
        drafts: sql.all(`SELECT * FROM form_drafts ORDER BY key`),
      }));
    const before = await snapshot(old);
    expect(before.users).toHaveLength(2);
    expect(before.audit.length).toBeGreaterThanOrEqual(4);
    expect(before.outbox).toHaveLength(1);
    await closeDb(old);

    const db = await openDb(dir);
    expect(await snapshot(db)).toEqual(before);
    const applied = await db.read((sql) => sql.all<{ name: string }>(`SELECT name FROM migrations ORDER BY id`).map((m) => m.name));
    expect(applied).toEqual(MIGRATIONS.map((M) => new M().name));

    // the data still works: the chain verifies, people sign in, the settings read back, the new ledger is usable
    const upgraded: ServiceDeps = { db, dataDir: dir, now: () => new Date() };
    expect(await db.read((sql) => verifyAuditChain(sql))).toMatchObject({ ok: true, checked: before.audit.length });
    const signedIn = await authenticate(upgraded, 'admin', TEST_PASSWORD);
    expect(signedIn.id).toBe(admin.id);
    await expect(authenticate(upgraded, 'clerk', TEST_PASSWORD)).rejects.toMatchObject({ code: 'USER_DISABLED' });
    expect(await db.read((sql) => readSettings(sql))).toMatchObject({ officeName: '改名后的街道办事处', idleLockMinutes: 25 });
    expect((await listUsers(upgraded, signedIn)).map((u) => u.username).sort()).toEqual(['admin', 'clerk']);
    expect(await getDraft(upgraded, admin, 'records.new')).toMatchObject({ data: { unitName: '未保存的单位' } });
    const record = await createRecord(upgraded, signedIn, unitRecord());
    expect((await queryRecords(upgraded, { search: '街道', page: 1, pageSize: 10, sortBy: 'updatedAt', sortOrder: 'desc' })).items.map((r) => r.id)).toEqual([record.id]);
    expect(await db.read((sql) => listPendingUploads(sql).map((i) => i.kind))).toEqual(['public_commitment', 'dishonesty_record']);
    expect(await db.read((sql) => verifyAuditChain(sql).ok)).toBe(true);
  });

  it('opening an up-to-date database again runs nothing and changes nothing', async () => {
    const dir = newDir();
    const first = await openDb(dir);
    const count = await first.read((sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM migrations`)!.n);
    await closeDb(first);
    const again = await openDb(dir);
    expect(await again.read((sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM migrations`)!.n)).toBe(count);
  });
});

describe('databases that cannot be opened', () => {
  it('refuses a database written by a newer version (unknown migration), in Chinese, and leaves it untouched', async () => {
    const dir = newDir();
    await closeDb(await openDb(dir));
    const conn = openLedgerFile(path.join(dir, DATABASE_FILE_NAME));
    conn.prepare(`INSERT INTO migrations (timestamp, name) VALUES (?, ?)`).run(1999999999999, 'FutureLedger1999999999999');
    conn.close();

    const error = await openError(dir);
    expect(error.reason).toBe('too-new');
    expect(error.message).toMatch(CJK);
    expect(error.message).toContain('升级');
    expect(error.message).toContain('FutureLedger1999999999999');

    const check = openLedgerFile(path.join(dir, DATABASE_FILE_NAME), { readonly: true });
    raw.push(check);
    expect(check.prepare(`SELECT name FROM migrations ORDER BY id`).pluck().all()).toEqual([
      ...MIGRATIONS.map((M) => new M().name),
      'FutureLedger1999999999999',
    ]);
  });

  it('an older program (fewer migrations) refuses a database a newer one has upgraded', async () => {
    const dir = newDir();
    await closeDb(await openDb(dir));
    const error = await openError(dir, { migrations: MIGRATIONS.slice(0, 1) });
    expect(error.reason).toBe('too-new');
    expect(error.message).toContain(new MIGRATIONS[1]().name);
  });

  it('reports a file that is no database (text, a run of one byte) as corrupt, in Chinese, without overwriting it or making a key', async () => {
    const dir = newDir();
    const file = path.join(dir, DATABASE_FILE_NAME);
    const bytes = Buffer.from('这不是数据库'.repeat(2000));
    fs.writeFileSync(file, bytes);
    const error = await openError(dir);
    expect(error.reason).toBe('corrupt');
    expect(error.message).toMatch(CJK);
    expect(error.message).toContain('备份');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.existsSync(path.join(dir, LEDGER_KEY_FILE_NAME))).toBe(false);
  });

  it('random bytes look like an encrypted ledger: without a key “no key”, with one “wrong key” — in Chinese, the file untouched', async () => {
    const dir = newDir();
    const file = path.join(dir, DATABASE_FILE_NAME);
    const bytes = crypto.randomBytes(64 * 1024);
    fs.writeFileSync(file, bytes);
    const noKey = await openError(dir);
    expect(noKey.reason).toBe('no-key');
    expect(noKey.message).toContain('恢复密钥');
    expect(fs.existsSync(path.join(dir, LEDGER_KEY_FILE_NAME))).toBe(false); // no key is made for a file that exists

    const keyed = newDir();
    await closeDb(await openDb(keyed)); // makes a key
    fs.writeFileSync(path.join(keyed, DATABASE_FILE_NAME), bytes);
    fs.rmSync(path.join(keyed, `${DATABASE_FILE_NAME}-wal`), { force: true });
    const wrong = await openError(keyed);
    expect(wrong.reason).toBe('wrong-key');
    expect(wrong.message).toMatch(CJK);
    expect(wrong.message).toContain('备份');
    expect(fs.readFileSync(path.join(keyed, DATABASE_FILE_NAME)).equals(bytes)).toBe(true);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('reports a database another program holds with BEGIN EXCLUSIVE as locked, and opens once it lets go', async () => {
    const dir = newDir();
    const db = await openDb(dir);
    const deps: ServiceDeps = { db, dataDir: dir, now: () => new Date() };
    await initializeOffice(deps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
    await closeDb(db);

    const other = openLedgerFile(path.join(dir, DATABASE_FILE_NAME));
    raw.push(other);
    other.exec('BEGIN EXCLUSIVE');
    other.prepare(`UPDATE settings SET value = value WHERE key = 'office.name'`).run();

    const error = await openError(dir);
    expect(error.reason).toBe('locked');
    expect(error.message).toMatch(CJK);
    expect(error.message).toContain('占用');

    other.exec('COMMIT');
    other.close();
    const reopened = await openDb(dir);
    expect(await reopened.read((sql) => readSettings(sql)?.officeName)).toBe(TEST_OFFICE.officeName);
  });

  it('waits for a writer elsewhere that holds the lock longer than the busy timeout, instead of refusing at once', async () => {
    const dir = newDir();
    await closeDb(await openDb(dir));
    const other = openLedgerFile(path.join(dir, DATABASE_FILE_NAME));
    raw.push(other);
    other.exec('BEGIN IMMEDIATE'); // another process's long write: 2.5 s, beyond the 2 s busy timeout
    const released = new Promise<void>((resolve) => setTimeout(() => (other.exec('COMMIT'), resolve()), 2500));
    const db = await openDb(dir);
    await released;
    expect(db.connection.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('reports a brand-new file another program holds exclusively (rollback journal) as locked', async () => {
    const dir = newDir();
    const other = new SqliteDriver(path.join(dir, DATABASE_FILE_NAME)); // another program, no key
    raw.push(other);
    other.exec('CREATE TABLE t (x)');
    other.exec('BEGIN EXCLUSIVE');
    other.exec('INSERT INTO t VALUES (1)');
    const error = await openError(dir);
    expect(error.reason).toBe('locked');
    expect(error.message).toMatch(CJK);
  });
});

describe('query-planner statistics for the records list', () => {
  const analysedRows = (db: Db) => db.read(() => analysedRecordCount(db.connection));
  async function ledgerWithUsers(dir: string, migrations = MIGRATIONS) {
    const db = await openDb(dir, { migrations });
    const deps: ServiceDeps = { db, dataDir: dir, now: () => new Date() };
    const admin = await initializeOffice(deps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
    const make = async (username: string, role: 'clerk' | 'reviewer') =>
      toActor(await createUser(deps, admin, { username, displayName: username, role, password: TEST_PASSWORD }));
    return { db, clerk: await make('clerk', 'clerk'), reviewer: await make('reviewer', 'reviewer') };
  }

  it('are taken at opening once the ledger has 1,000 records, and retaken only when it doubles', async () => {
    const dir = newDir();
    const { db, clerk, reviewer } = await ledgerWithUsers(dir);
    await seedGeneratedRecords(db, { count: 999, seed: 1, clerk, reviewer });
    await closeDb(db);
    let reopened = await openDb(dir);
    expect(await analysedRows(reopened)).toBeNull(); // too small to matter

    await seedGeneratedRecords(reopened, { count: 301, seed: 2, clerk, reviewer });
    await closeDb(reopened);
    reopened = await openDb(dir);
    expect(await analysedRows(reopened)).toBe(1300);

    await seedGeneratedRecords(reopened, { count: 1000, seed: 3, clerk, reviewer }); // 2,300: not yet double
    await closeDb(reopened);
    reopened = await openDb(dir);
    expect(await analysedRows(reopened)).toBe(1300);
    expect(await reopened.refreshStatistics()).toBe(false);

    await seedGeneratedRecords(reopened, { count: 400, seed: 4, clerk, reviewer }); // 2,700 ≥ 2 × 1,300
    expect(await reopened.refreshStatistics()).toBe(true);
    expect(await analysedRows(reopened)).toBe(2700);
    // Never the search index's tables: statistics taken on a near-empty record_search_data make SQLite scan
    // the whole index on every later insert (a 100,000-record load went from 67 s to 1,040 s).
    expect(await reopened.read(() => analysedTables(reopened.connection))).toEqual(['dishonesty_records']);
  });

  it('an upgrade from before the list index builds it, and the list reads the same records', async () => {
    const dir = newDir();
    const { db, clerk } = await ledgerWithUsers(dir, MIGRATIONS.slice(0, 3));
    await db.write((sql) => seedLegacyRecords(sql, clerk.id, 1200, 5)); // as the version of migration 0003 wrote them
    const query = { search: '街道', statuses: ['verifying' as const], page: 2, pageSize: 20, sortBy: 'happenedOn' as const, sortOrder: 'asc' as const };
    const deps = (d: Db): ServiceDeps => ({ db: d, dataDir: dir, now: () => new Date() });
    const before = await queryRecords(deps(db), query);
    expect(before.total).toBeGreaterThan(20);
    await closeDb(db);

    const upgraded = await openDb(dir);
    const indexes = await upgraded.read((sql) =>
      sql.all<{ name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'dishonesty_records' AND sql IS NOT NULL`).map((i) => i.name),
    );
    expect(indexes).toEqual(expect.arrayContaining(['records_list', 'records_happened', 'records_recognised']));
    expect(indexes).not.toContain('records_situation');
    expect(await analysedRows(upgraded)).toBe(1200);
    expect(await queryRecords(deps(upgraded), query)).toEqual(before);
  });

  it('keep no sampled rows (sqlite_stat4), whose random samples made plans differ after each ANALYZE; a ledger that has them loses them at opening', async () => {
    const dir = newDir();
    const { db, clerk, reviewer } = await ledgerWithUsers(dir);
    await seedGeneratedRecords(db, { count: 1200, seed: 7, clerk, reviewer });
    await closeDb(db);
    const samples = (d: Db) => d.read(() => d.connection.prepare(`SELECT count(*) FROM sqlite_stat4 WHERE tbl = 'dishonesty_records'`).pluck().get() as number);
    let reopened = await openDb(dir);
    expect(await analysedRows(reopened)).toBe(1200);
    expect(await samples(reopened)).toBe(0);
    await reopened.write(() => void reopened.connection.exec('ANALYZE dishonesty_records')); // as an older version left it
    expect(await samples(reopened)).toBeGreaterThan(0);
    await closeDb(reopened);
    reopened = await openDb(dir);
    expect(await samples(reopened)).toBe(0);
    expect(await analysedRows(reopened)).toBe(1200);
    await closeDb(reopened);
  });

  it('an upgrade to the distinct unit-name index (migration 0013) filters by unit exactly as before, and new names are found', async () => {
    const dir = newDir();
    const { db, clerk, reviewer } = await ledgerWithUsers(dir, MIGRATIONS.slice(0, 12));
    await seedGeneratedRecords(db, { count: 300, seed: 9, clerk, reviewer });
    const deps = (d: Db): ServiceDeps => ({ db: d, dataDir: dir, now: () => new Date() });
    const queries = ['街道', '镇', '人民政府', '办事处 街道', '（', 'zz-没有'].map((unit) => ({ unit, page: 1, pageSize: 500, sortBy: 'updatedAt' as const, sortOrder: 'desc' as const }));
    const before = await Promise.all(queries.map((q) => queryRecords(deps(db), q)));
    expect(before[0].total).toBeGreaterThan(0);
    await closeDb(db);

    const upgraded = await openDb(dir);
    for (const [i, q] of queries.entries()) expect(await queryRecords(deps(upgraded), q), q.unit).toEqual(before[i]);
    const names = await upgraded.read((sql) => sql.get<{ n: number; distinct: number }>(
      `SELECT (SELECT count(*) FROM record_unit_names) AS n, (SELECT count(DISTINCT unit_name) FROM dishonesty_records) AS "distinct"`,
    )!);
    expect(names.n).toBe(names.distinct);

    const byUnit = async (unit: string) => (await queryRecords(deps(upgraded), { unit, page: 1, pageSize: 50, sortBy: 'updatedAt', sortOrder: 'desc' })).items.map((r) => r.id);
    const created = await createRecord(deps(upgraded), clerk, unitRecord({ unitName: '青云湖街道办事处' }));
    expect(await byUnit('青云湖')).toEqual([created.id]);
    await updateRecord(deps(upgraded), clerk, { id: created.id, expectedVersion: created.version, fields: unitRecord({ unitName: '白鹭洲街道办事处' }) });
    expect(await byUnit('青云湖')).toEqual([]);
    expect(await byUnit('白鹭洲')).toEqual([created.id]);
    await closeDb(upgraded);
  });
});

describe('record versions stored as a rowid table (migration 0005)', () => {
  it('an upgrade keeps every version of every record, and the history reads the same', async () => {
    const dir = newDir();
    const old = await openDb(dir, { migrations: MIGRATIONS.slice(0, 4) });
    const deps: ServiceDeps = { db: old, dataDir: dir, now: () => new Date() };
    const admin = await initializeOffice(deps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
    const reviewer = toActor(await createUser(deps, admin, { username: 'reviewer', displayName: '张审核', role: 'reviewer', password: TEST_PASSWORD }));
    // what the version of migration 0004 wrote for: create, edit in place, approve
    const ids = await old.write((sql) => Array.from({ length: 5 }, (_, i) => insertLegacyRecord(sql, reviewer.id, unitRecord({ docNumber: `(2024)苏0102民初${i}号` }), [
      { action: 'create', status: 'verifying', at: `2024-06-0${i + 1}T01:00:00.000Z` },
      { action: 'edit', status: 'verifying', at: `2024-06-0${i + 1}T02:00:00.000Z`, fields: { severity: '严重' } },
      { action: 'approve', status: 'recognised', at: `2024-06-0${i + 1}T03:00:00.000Z` },
    ])));
    const columns = 'version, action, reason, approver, date, status_before, status_after, at, user_id, snapshot_json';
    const before = await old.read((sql) => sql.all(`SELECT record_id AS entity_id, ${columns} FROM record_versions ORDER BY record_id, version`));
    expect(before).toHaveLength(15);
    await closeDb(old);

    const db = await openDb(dir);
    const upgraded: ServiceDeps = { db, dataDir: dir, now: () => new Date() };
    expect(await db.read((sql) => sql.all(`SELECT entity_id, ${columns} FROM record_versions ORDER BY entity_id, version`))).toEqual(before);
    for (const id of ids) {
      const { versions } = await getRecord(upgraded, reviewer, id);
      expect(versions.map((v) => [v.version, v.actionLabel, v.statusAfter, v.userName, v.author])).toEqual([
        [3, '审核认定', 'recognised', '张审核', 'user'], [2, '修改', 'verifying', '张审核', 'user'], [1, '新建', 'verifying', '张审核', 'user'],
      ]);
      expect(versions[1].changes).toEqual([{ field: 'severity', label: '严重程度', before: '较重', after: '严重' }]);
    }
    const table = await db.read((sql) => sql.get<{ sql: string }>(`SELECT sql FROM sqlite_schema WHERE name = 'record_versions'`)!.sql);
    expect(table).not.toMatch(/WITHOUT ROWID/i);
    // a record's versions still cannot repeat, and new versions are written after the upgrade
    await expect(db.write((sql) => sql.run(`INSERT INTO record_versions (entity_id, ${columns}) SELECT entity_id, ${columns} FROM record_versions LIMIT 1`)))
      .rejects.toThrow(/UNIQUE/);
    await updateRecord(upgraded, reviewer, { id: ids[0], expectedVersion: 3, fields: unitRecord({ docNumber: '(2024)苏0102民初0号', severity: '一般' }), reason: '更正严重程度' });
    expect((await getRecord(upgraded, reviewer, ids[0])).versions.map((v) => v.version)).toEqual([4, 3, 2, 1]);
  });
});

describe('the ledger building blocks (migration 0006)', () => {
  it('an upgrade keeps versions and attachments, adds pinyin sort keys, and indexes single characters and unit names', async () => {
    const dir = newDir();
    const old = await openDb(dir, { migrations: MIGRATIONS.slice(0, 5) });
    const deps: ServiceDeps = { db: old, dataDir: dir, now: () => new Date() };
    const admin = await initializeOffice(deps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
    const at = '2024-06-01T01:00:00.000Z';
    const [unit, person] = await old.write((sql) => [
      insertLegacyRecord(sql, admin.id, unitRecord({ unitName: '东城街道办事处', facts: '拖欠工程款，经判决仍未履行。' }), [{ action: 'create', status: 'verifying', at }]),
      insertLegacyRecord(sql, admin.id, unitRecord({
        subjectType: 'person', personName: '曾小明', personIdNumber: '11010519491231002X', unitUscc: null, unitName: '安丰镇人民政府', docNumber: 'P-1', facts: '被问责后仍不作为。',
      }), [{ action: 'create', status: 'verifying', at }]),
    ]);
    await old.write((sql) => sql.run(
      `INSERT INTO record_attachments (id, record_id, sha256, file_name, size, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      crypto.randomUUID(), unit, 'a'.repeat(64), '判决书.pdf', 10, at, admin.id,
    ));
    await closeDb(old);

    const db = await openDb(dir);
    const upgraded: ServiceDeps = { db, dataDir: dir, now: () => new Date() };
    expect((await getRecord(upgraded, admin, unit)).attachments).toMatchObject([{ fileName: '判决书.pdf', size: 10, addedByName: '王管理', state: 'missing' }]);
    const list = async (q: Record<string, unknown>) =>
      (await queryRecords(upgraded, { sortBy: 'updatedAt', sortOrder: 'asc', page: 1, pageSize: 50, ...q })).items.map((r) => r.id);
    // 曾 zeng sorts after 东 dong by the subject's own name; the person works at 安丰镇 (an), before 东城
    expect(await list({ sortBy: 'subjectName' })).toEqual([unit, person]);
    expect(await list({ sortBy: 'unitName' })).toEqual([person, unit]);
    expect(await list({ search: '欠' })).toEqual([unit]);
    expect(await list({ search: '行' })).toEqual([unit]);
    expect(await list({ search: '问' })).toEqual([person]);
    expect(await list({ unit: '镇' })).toEqual([person]);
    expect(await list({ unit: '东城街道' })).toEqual([unit]);
    expect(await db.read((sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'record_attachments'`)!.n)).toBe(0);
  });
});
