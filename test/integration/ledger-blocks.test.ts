/**
 * The ledger building blocks on their own, with a small ledger declared here (a table with a due date), as
 * the commitments, promises and notices ledgers will declare theirs: the status runner's derived states
 * (made by the system, with version, audit entry and upload item), the grouping step of the Excel pipeline,
 * vocabulary synonyms, and the read/write handle types.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadSql, WriteSql } from '../../electron/db/database';
import { RecordSortIndexes1763900000003, SEVERITY_RANK_SQL as MIGRATION_SEVERITY_RANK } from '../../electron/db/migrations/0003-record-sort-indexes';
import { verifyAuditChain } from '../../electron/services/audit/auditLog';
import { groupRows } from '../../electron/services/excel/groupRows';
import { updateChangedColumns } from '../../electron/services/ledger/fieldColumns';
import { applyDerivedStates, checkMove } from '../../electron/services/ledger/statusRunner';
import { logVersion, requireRow, versionHistory, versionRows, type VersionedSpec } from '../../electron/services/ledger/versionedEntity';
import { listPendingUploads } from '../../electron/services/outbox/outbox';
import { rowToFields } from '../../electron/services/records/excel/importRecords';
import { SEVERITY_RANK_SQL } from '../../electron/services/records/recordListSpec';
import { AUTHOR_LABELS } from '../../shared/domain/entityKinds';
import type { StatusMachine } from '../../shared/domain/statusMachine';
import { errorOf } from '../support/errors';
import { personTemplateCells } from '../support/recordFixtures';
import { createTestApp, type TestApp } from '../support/testApp';

type PledgeStatus = 'open' | 'kept' | 'overdue';
interface PledgeRow { seq: number; id: string; version: number; status: PledgeStatus; due_on: string; title: string }

const MACHINE: StatusMachine<PledgeStatus, 'title'> = {
  statuses: ['open', 'kept', 'overdue'],
  labels: { open: '履行中', kept: '已兑现', overdue: '逾期未兑现' },
  initial: 'open',
  transitions: [
    { action: 'keep', label: '确认兑现', from: ['open', 'overdue'], to: 'kept', roles: ['reviewer', 'admin'], input: { date: { label: '兑现日期', mayBeFuture: false } }, needsFields: ['title'] },
  ],
  derived: [{ action: 'fallOverdue', label: '到期未兑现', to: 'overdue', from: ['open'], dueColumn: 'due_on' }],
  editableInPlace: ['open'],
};

const SPEC: VersionedSpec<PledgeRow> = {
  kind: 'public_commitment',
  table: 'test_pledges',
  versionsTable: 'test_pledge_versions',
  snapshotOf: (r) => ({ title: r.title, dueOn: r.due_on, status: r.status }),
  notFoundMessage: '找不到该承诺',
  noun: '该承诺',
};

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
  await app.db.write((sql) => {
    sql.run(`CREATE TABLE test_pledges (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, version INTEGER, status TEXT, due_on TEXT, title TEXT,
      public INTEGER, note TEXT, updated_at TEXT, updated_by TEXT)`);
    sql.run(`CREATE TABLE test_pledge_versions (seq INTEGER PRIMARY KEY, entity_id TEXT, version INTEGER, action TEXT, reason TEXT, approver TEXT,
      date TEXT, status_before TEXT, status_after TEXT, at TEXT, author TEXT, user_id TEXT, snapshot_json TEXT, UNIQUE (entity_id, version))`);
  });
});
afterEach(async () => app.close());

async function pledge(id: string, due: string, status: PledgeStatus = 'open'): Promise<void> {
  await app.db.write((sql) => {
    sql.run(`INSERT INTO test_pledges (id, version, status, due_on, title) VALUES (?, 1, ?, ?, ?)`, id, status, due, `承诺${id}`);
    logVersion(sql, SPEC, '2026-01-01T00:00:00.000Z', app.clerk, null, requireRow(sql, SPEC, id), { action: 'create' });
  });
}

const writeStatus = (sql: WriteSql, row: PledgeRow, to: string) => {
  sql.run(`UPDATE test_pledges SET status = ?, version = version + 1 WHERE id = ?`, to, row.id);
  return requireRow(sql, SPEC, row.id);
};

describe('derived states: made by the system when a date passes', () => {
  it('moves exactly the open entities whose due date is past, each as a system version with audit and upload', async () => {
    await pledge('a', '2026-03-01');
    await pledge('b', '2026-03-02'); // due today: not yet overdue
    await pledge('c', '2026-02-01', 'kept'); // kept in time: stays kept
    const moved = await app.db.write((sql) => applyDerivedStates(sql, SPEC, MACHINE, '2026-03-02', '2026-03-02T00:00:05.000Z', writeStatus));
    expect(moved).toBe(1);
    const statuses = await app.db.read((sql) => sql.all<{ id: string; status: string }>(`SELECT id, status FROM test_pledges ORDER BY id`));
    expect(statuses).toEqual([{ id: 'a', status: 'overdue' }, { id: 'b', status: 'open' }, { id: 'c', status: 'kept' }]);

    const history = await app.db.read((sql) =>
      versionHistory(versionRows(sql, SPEC, 'a'), { labels: { status: '状态' }, shown: (_f, v) => v }, (a) => (a === 'fallOverdue' ? '到期未兑现' : a), new Map([[app.clerk.id, '李录入']]), AUTHOR_LABELS),
    );
    expect(history.map((h) => [h.version, h.actionLabel, h.author, h.userName, h.date])).toEqual([
      [2, '到期未兑现', 'system', '系统（到期自动）', '2026-03-01'],
      [1, 'create', 'user', '李录入', null],
    ]);
    expect(history[0].changes).toEqual([{ field: 'status', label: '状态', before: 'open', after: 'overdue' }]);

    const audit = await app.db.read((sql) => sql.get<{ user_id: string | null; user_name: string; action: string }>(
      `SELECT user_id, user_name, action FROM audit_log WHERE entity = 'public_commitment' AND entity_id = 'a' ORDER BY seq DESC LIMIT 1`,
    ));
    expect(audit).toEqual({ user_id: null, user_name: '系统（到期自动）', action: 'fallOverdue' });
    const uploads = await app.db.read((sql) => listPendingUploads(sql).filter((u) => u.id === 'a'));
    expect(uploads.map((u) => [u.version, (u.data as { status: string }).status])).toEqual([[1, 'open'], [2, 'overdue']]);
    expect((await app.db.read((sql) => verifyAuditChain(sql))).ok).toBe(true);

    // run again (the next start, or midnight): nothing is due twice
    expect(await app.db.write((sql) => applyDerivedStates(sql, SPEC, MACHINE, '2026-03-02', '2026-03-02T00:00:09.000Z', writeStatus))).toBe(0);
    expect(await app.db.write((sql) => applyDerivedStates(sql, SPEC, MACHINE, '2026-03-03', '2026-03-03T00:00:01.000Z', writeStatus))).toBe(1);
  });

  it('a derived state is never chosen by hand: the runner knows only the machine’s transitions', async () => {
    await pledge('a', '2026-03-01');
    const ctx = { status: 'open' as const, previousStatus: null, isFilled: () => true, fieldLabel: () => '标题', today: '2026-03-02' };
    expect(await errorOf(Promise.resolve().then(() => checkMove(MACHINE, app.reviewer, ctx, { action: 'fallOverdue' })))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await errorOf(Promise.resolve().then(() => checkMove(MACHINE, app.clerk, ctx, { action: 'keep', date: '2026-03-01' })))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(Promise.resolve().then(() => checkMove(MACHINE, app.reviewer, ctx, { action: 'keep', date: '2026-03-03' })))).toMatchObject({ field: 'date', message: '兑现日期不能晚于今天' });
    expect(await errorOf(Promise.resolve().then(() => checkMove(MACHINE, app.reviewer, { ...ctx, isFilled: () => false }, { action: 'keep', date: '2026-03-01' }))))
      .toMatchObject({ field: 'title', message: '“确认兑现”前请先填写标题' });
    expect(checkMove(MACHINE, app.reviewer, ctx, { action: 'keep', date: '2026-03-01' })).toMatchObject({ to: 'kept', date: '2026-03-01' });
  });
});

describe('the Excel pipeline', () => {
  const rows = [
    { row: 2, fields: { agreement: 'XY-1', enterprise: '甲公司', signedOn: '2024-01-01', item: '奖补' } },
    { row: 3, fields: { agreement: 'XY-1', enterprise: '甲公司', signedOn: '2024-01-01', item: '用地' } },
    { row: 4, fields: { agreement: 'XY-2', enterprise: '乙公司', signedOn: '2024-02-01', item: '奖补' } },
    { row: 5, fields: { agreement: 'XY-2', enterprise: '乙公司', signedOn: '2024-02-09', item: '税费' } },
  ];
  const grouping = {
    keyOf: (f: (typeof rows)[number]['fields']) => `${f.agreement}|${f.enterprise}`,
    shared: [{ header: '签订日期', valueOf: (f: (typeof rows)[number]['fields']) => f.signedOn }],
    build: (members: ReadonlyArray<{ fields: (typeof rows)[number]['fields'] }>) => ({ agreement: members[0].fields.agreement, items: members.map((m) => m.fields.item) }),
  };

  it('groups rows that build one entity, and refuses a group whose rows disagree, naming every row', () => {
    const { groups, rejected } = groupRows(rows, grouping);
    expect(groups).toEqual([{ rows: [2, 3], value: { agreement: 'XY-1', items: ['奖补', '用地'] } }]);
    expect(rejected).toEqual([
      { row: 4, column: '签订日期', reason: '同一项目的各行（第 4、5 行）“签订日期”不一致，请统一后再导入' },
      { row: 5, column: '签订日期', reason: '同一项目的各行（第 4、5 行）“签订日期”不一致，请统一后再导入' },
    ]);
  });

  it('reads the words old spreadsheets use for a vocabulary value (主体类型 公务员 / 公职人员 → 个人)', () => {
    for (const word of ['公务员', '公职人员', ' 个人 ', 'PERSON']) {
      const result = rowToFields(personTemplateCells(1, { 主体类型: word, 线索来源: '信访' }));
      expect(result).toMatchObject({ ok: true, fields: { subjectType: 'person', clueSource: '来信来访' } });
    }
    const unknown = rowToFields(personTemplateCells(1, { 主体类型: '群众' }));
    expect(unknown).toMatchObject({ ok: false, problems: [{ column: '主体类型', reason: expect.stringMatching(/“群众”不是可选项，可填：单位、个人/) }] });
  });
});

describe('a save writes only the columns that changed', () => {
  it('sets what changed, bumps the version and stamp, and leaves the triggers of unchanged columns unfired', async () => {
    await pledge('P1', '2026-06-30');
    await app.db.write((sql) => sql.run(`UPDATE test_pledges SET public = 1, note = '备注' WHERE id = 'P1'`));
    await app.db.write((sql) => {
      sql.run(`CREATE TABLE title_reindexed (pledge_id TEXT)`);
      sql.run(`CREATE TRIGGER test_pledges_title AFTER UPDATE OF title ON test_pledges BEGIN INSERT INTO title_reindexed VALUES (new.id); END`);
      sql.run(`CREATE TABLE others_set (pledge_id TEXT)`);
      sql.run(`CREATE TRIGGER test_pledges_others AFTER UPDATE OF public, note ON test_pledges BEGIN INSERT INTO others_set VALUES (new.id); END`);
    });
    const save = (columns: Record<string, unknown>, at: string) => app.db.write((sql) => {
      updateChangedColumns(sql, 'test_pledges', requireRow(sql, SPEC, 'P1'), columns, { at, by: app.clerk.id, id: 'P1' });
      return {
        row: sql.get<Record<string, unknown>>(`SELECT * FROM test_pledges WHERE id = 'P1'`)!,
        reindexed: sql.all(`SELECT * FROM title_reindexed`).length,
        othersSet: sql.all(`SELECT * FROM others_set`).length,
      };
    });

    // the same title, a boolean stored as 1, a new due date: only due_on is set
    const first = await save({ title: '承诺P1', public: true, due_on: '2026-09-30', note: '备注' }, '2026-02-01T00:00:00.000Z');
    expect(first.row).toMatchObject({ due_on: '2026-09-30', title: '承诺P1', public: 1, note: '备注', version: 2, updated_at: '2026-02-01T00:00:00.000Z', updated_by: app.clerk.id });
    expect(first.reindexed).toBe(0);
    expect(first.othersSet).toBe(0);

    // a new title fires its trigger; an absent value clears the column; false is stored as 0
    const second = await save({ title: '承诺P1（修订）', public: false, due_on: '2026-09-30', note: undefined }, '2026-02-02T00:00:00.000Z');
    expect(second.row).toMatchObject({ title: '承诺P1（修订）', public: 0, note: null, due_on: '2026-09-30', version: 3, updated_at: '2026-02-02T00:00:00.000Z' });
    expect(second.reindexed).toBe(1);

    // nothing changed: still a new version with its stamp (the history shows the save)
    const third = await save({ title: '承诺P1（修订）', public: false, due_on: '2026-09-30', note: null }, '2026-02-03T00:00:00.000Z');
    expect(third.row).toMatchObject({ version: 4, updated_at: '2026-02-03T00:00:00.000Z' });
    expect(third.reindexed).toBe(1);

    // a row read before another write is not compared against: the save is refused and nothing changes
    await expect(app.db.write((sql) => {
      const stale = requireRow(sql, SPEC, 'P1');
      sql.run(`UPDATE test_pledges SET title = '别处改过', version = version + 1 WHERE id = 'P1'`);
      updateChangedColumns(sql, 'test_pledges', stale, { title: '承诺P1（修订）' }, { at: '2026-02-04T00:00:00.000Z', by: app.clerk.id, id: 'P1' });
    })).rejects.toThrow(/changed after version 4/);
    expect(await app.db.read((sql) => sql.get(`SELECT title, version FROM test_pledges WHERE id = 'P1'`))).toEqual({ title: '承诺P1（修订）', version: 4 });
  });
});

describe('the list engine reads the indexes the migrations made', () => {
  it('sorts by severity with exactly the expression of the severity index', () => {
    expect(SEVERITY_RANK_SQL).toBe(MIGRATION_SEVERITY_RANK);
    expect(RecordSortIndexes1763900000003).toBeDefined();
  });
});

describe('read and write handles have different types', () => {
  it('a write inside a read does not compile (checked by tsc over this file)', async () => {
    const readOnly = (sql: ReadSql) => {
      // @ts-expect-error ReadSql has no run(): a read cannot change the database
      if (false as boolean) sql.run(`DELETE FROM users`);
      return sql.get<{ n: number }>(`SELECT count(*) AS n FROM users`)!.n;
    };
    expect(await app.db.read(readOnly)).toBe(3);
    // @ts-expect-error a function that writes cannot be given to read()
    const attempt = () => app.db.read((sql: WriteSql) => sql.run(`DELETE FROM form_drafts`));
    expect(attempt).toBeTypeOf('function');
  });
});
