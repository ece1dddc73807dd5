/**
 * The public-commitments ledger on real SQLite files: entry and validation, roles, corrections, the
 * fulfilment moves, the derived 逾期未兑现 with a fixed clock (made by the system, with audit and upload), the
 * supervision log, the one step to a dishonesty record (linked both ways), the list's filters and search.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addCommitmentAttachment, commitmentDepartments, COMMITMENT_DERIVED_RUNNER, createCommitment, getCommitment, makeRecordFromCommitment,
  noticeSourceFromCommitment, queryCommitments, superviseCommitment, transitionCommitment, updateCommitment, type CommitmentListQuery,
} from '../../electron/services/commitments';
import { runDerivedStates, scheduleDerivedStates } from '../../electron/services/ledger/derivedSchedule';
import { getRecord } from '../../electron/services/records';
import { attachmentPath, readAttachment } from '../../electron/services/files/attachments';
import { SEALED_MAGIC } from '../../electron/services/files/attachmentCipher';
import { verifyAuditChain } from '../../electron/services/audit/auditLog';
import { verifyAuditedRows } from '../../electron/services/audit/auditedRows';
import { AUDITED_TABLES } from '../../electron/services/catalog';
import { listPendingUploads } from '../../electron/services/outbox/outbox';
import { saveDraft, getDraft } from '../../electron/services/drafts/draftsService';
import { commitmentUploadSchema } from '../../shared/domain/commitmentSchema';
import { createTestApp, type TestApp } from '../support/testApp';
import { check, commitment, complaint, unitUscc } from '../support/commitmentFixtures';
import { errorOf } from '../support/errors';

/** A clock the test moves: local noon of a day. */
let clock = new Date(2026, 2, 10, 12, 0, 0);
const setDay = (y: number, m: number, d: number, h = 12) => (clock = new Date(y, m - 1, d, h, 0, 0));

let app: TestApp;
beforeEach(async () => {
  setDay(2026, 3, 10);
  app = await createTestApp({ now: () => clock });
});
afterEach(async () => app.close());

const list = (q: Partial<CommitmentListQuery> & { page?: number; pageSize?: number } = {}) =>
  queryCommitments(app.deps, { page: 1, pageSize: 50, sortBy: 'updatedAt', sortOrder: 'desc', ...q });
const titles = async (q: Partial<CommitmentListQuery> = {}) => (await list(q)).items.map((r) => r.title).sort();
const uploadsOf = (id: string) => app.db.read((sql) => listPendingUploads(sql).filter((u) => u.id === id));

describe('entering a commitment', () => {
  it('is saved 待确认 with every field, its first version, audit entry and an upload item the platform schema accepts', async () => {
    const saved = await createCommitment(app.deps, app.clerk, commitment({ number: 'CN-1', dueOn: '2026-06-30' }));
    expect(saved).toMatchObject({ status: 'pending', locked: false, version: 1, number: 'CN-1', serviceArea: '养老', target: '按期办结率 100%', createdByName: '李录入' });
    const uploads = await uploadsOf(saved.id);
    expect(uploads.map((u) => [u.kind, u.version, u.op])).toEqual([['public_commitment', 1, 'upsert']]);
    expect(commitmentUploadSchema.safeParse(uploads[0].data).success).toBe(true);
    const audit = await app.db.read((sql) => sql.get<{ action: string; user_name: string }>(`SELECT action, user_name FROM audit_log WHERE entity = 'public_commitment' AND entity_id = ?`, saved.id));
    expect(audit).toEqual({ action: 'create', user_name: '李录入' });
  });

  it('refuses bad fields with the field named in Chinese, and writes nothing', async () => {
    const cases: Array<[Partial<Parameters<typeof commitment>[0]>, string, RegExp]> = [
      [{ unitUscc: '11320102MB0000000A' }, 'unitUscc', /校验/],
      [{ content: '太短' }, 'content', /至少 5 个字/],
      [{ publishedOn: '2099-01-01', dueOn: '2099-12-31' }, 'publishedOn', /不能晚于今天/],
      [{ dueOn: '2024-02-01' }, 'dueOn', /不能早于公开日期/],
      [{ serviceArea: '养狗' as never }, 'serviceArea', /请选择服务领域/],
      [{ title: '' }, 'title', /请填写承诺事项/],
    ];
    const { commitmentFieldsSchema } = await import('../../shared/domain/commitmentSchema');
    for (const [override, field, message] of cases) {
      const parsed = commitmentFieldsSchema.safeParse(commitment(override));
      expect(parsed.success, field).toBe(false);
      expect(parsed.error!.issues[0]).toMatchObject({ path: [field] });
      expect(parsed.error!.issues[0].message).toMatch(message);
    }
    expect((await list()).total).toBe(0);
  });

  it('one commitment number per unit: a second is refused (the same number of another unit is fine)', async () => {
    await createCommitment(app.deps, app.clerk, commitment({ number: '（2024）1号' }));
    const error = await errorOf(createCommitment(app.deps, app.clerk, commitment({ number: '(2024)1号' })));
    expect(error).toMatchObject({ code: 'DUPLICATE', field: 'number' });
    expect(error.message).toContain('承诺编号相同');
    await createCommitment(app.deps, app.clerk, commitment({ number: '(2024)1号', unitUscc: unitUscc(2) }));
    expect((await list()).total).toBe(2);
  });

  it('the save removes the form draft in the same transaction', async () => {
    await saveDraft(app.deps, app.clerk, 'commitment:new', { title: '半截' });
    await createCommitment(app.deps, app.clerk, commitment(), 'commitment:new');
    expect(await getDraft(app.deps, app.clerk, 'commitment:new')).toBeNull();
  });
});

describe('roles and corrections', () => {
  it('a clerk edits 待确认 in place; after 审核确认 only a reviewer corrects it, with a reason', async () => {
    const c = await createCommitment(app.deps, app.clerk, commitment());
    const edited = await updateCommitment(app.deps, app.clerk, { id: c.id, expectedVersion: 1, fields: commitment({ number: c.number, department: '民政办' }) });
    expect(edited).toMatchObject({ version: 2, department: '民政办', status: 'pending' });
    expect(await errorOf(transitionCommitment(app.deps, app.clerk, { id: c.id, expectedVersion: 2, action: 'confirm' }))).toMatchObject({ code: 'FORBIDDEN' });
    const confirmed = await transitionCommitment(app.deps, app.reviewer, { id: c.id, expectedVersion: 2, action: 'confirm' });
    expect(confirmed).toMatchObject({ status: 'performing', locked: true, confirmedByName: '张审核' });
    const fields = commitment({ number: c.number, department: '民政办', responsiblePerson: '陈某' });
    expect(await errorOf(updateCommitment(app.deps, app.clerk, { id: c.id, expectedVersion: 3, fields, reason: '换人' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(updateCommitment(app.deps, app.reviewer, { id: c.id, expectedVersion: 3, fields }))).toMatchObject({ field: 'reason' });
    const corrected = await updateCommitment(app.deps, app.reviewer, { id: c.id, expectedVersion: 3, fields, reason: '责任人调整' });
    expect(corrected).toMatchObject({ version: 4, responsiblePerson: '陈某', status: 'performing' });
    const { versions } = await getCommitment(app.deps, c.id);
    expect(versions.map((v) => [v.version, v.actionLabel, v.userName])).toEqual([
      [4, '更正', '张审核'], [3, '审核确认', '张审核'], [2, '修改', '李录入'], [1, '新建', '李录入'],
    ]);
    expect(versions[0]).toMatchObject({ reason: '责任人调整', changes: [{ field: 'responsiblePerson', label: '责任人', before: '王某某', after: '陈某' }] });
    expect(await errorOf(updateCommitment(app.deps, app.reviewer, { id: c.id, expectedVersion: 3, fields, reason: 'x' }))).toMatchObject({ code: 'CONFLICT' });
  });

  it('closing moves keep what their dialog asked for on the commitment, and every step uploads', async () => {
    const c = await createCommitment(app.deps, app.clerk, commitment());
    await transitionCommitment(app.deps, app.reviewer, { id: c.id, expectedVersion: 1, action: 'confirm' });
    expect(await errorOf(transitionCommitment(app.deps, app.reviewer, { id: c.id, expectedVersion: 2, action: 'partiallyFulfil', date: '2026-03-01', reason: '已办结 8 件' })))
      .toMatchObject({ field: 'reference', message: '请填写未兑现内容' });
    const partial = await transitionCommitment(app.deps, app.reviewer, {
      id: c.id, expectedVersion: 2, action: 'partiallyFulfil', date: '2026-03-01', reason: '已办结 8 件', reference: '2 件超期',
    });
    expect(partial).toMatchObject({ status: 'partial', outcomeOn: '2026-03-01', outcomeNote: '已办结 8 件', outcomeDetail: '2 件超期', outcomeApprover: null });
    const fulfilled = await transitionCommitment(app.deps, app.admin, { id: c.id, expectedVersion: 3, action: 'fulfil', date: '2026-03-09', reason: '全部办结，见附件' });
    expect(fulfilled).toMatchObject({ status: 'fulfilled', outcomeOn: '2026-03-09', outcomeNote: '全部办结，见附件', outcomeDetail: null });
    expect((await uploadsOf(c.id)).map((u) => (u.data as { status: string }).status)).toEqual(['pending', 'performing', 'partial', 'fulfilled']);
    expect(await errorOf(transitionCommitment(app.deps, app.reviewer, { id: c.id, expectedVersion: 4, action: 'withdraw', date: '2026-03-09', reason: 'x' })))
      .toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});

describe('逾期未兑现 is derived from the due date, with a fixed clock', () => {
  it('falls overdue at the first look after the due date, as a version by the system with audit and upload; never by hand', async () => {
    const due = await createCommitment(app.deps, app.clerk, commitment({ title: '到期', dueOn: '2026-03-10' }));
    const later = await createCommitment(app.deps, app.clerk, commitment({ title: '未到期', dueOn: '2026-03-11' }));
    const kept = await createCommitment(app.deps, app.clerk, commitment({ title: '已兑现', dueOn: '2026-03-10' }));
    await transitionCommitment(app.deps, app.reviewer, { id: kept.id, expectedVersion: 1, action: 'confirm' });
    await transitionCommitment(app.deps, app.reviewer, { id: kept.id, expectedVersion: 2, action: 'fulfil', date: '2026-03-10', reason: '按期办结' });

    expect(await runDerivedStates(app.deps, [COMMITMENT_DERIVED_RUNNER])).toEqual({ commitments: 0 }); // the due day itself is not overdue
    setDay(2026, 3, 11, 0);
    expect(await runDerivedStates(app.deps, [COMMITMENT_DERIVED_RUNNER])).toEqual({ commitments: 1 });
    expect(await titles({ statuses: ['overdue'] })).toEqual(['到期']);
    const { commitment: shown, versions } = await getCommitment(app.deps, due.id);
    expect(shown).toMatchObject({ status: 'overdue', updatedByName: '系统（到期自动）' });
    expect(versions[0]).toMatchObject({ action: 'fallOverdue', actionLabel: '到期未兑现', author: 'system', userName: '系统（到期自动）', date: '2026-03-10' });
    expect((await uploadsOf(due.id)).map((u) => [u.version, (u.data as { status: string }).status])).toEqual([[1, 'pending'], [2, 'overdue']]);
    const audit = await app.db.read((sql) => sql.get<{ user_id: string | null; action: string }>(`SELECT user_id, action FROM audit_log WHERE entity_id = ? ORDER BY seq DESC LIMIT 1`, due.id));
    expect(audit).toEqual({ user_id: null, action: 'fallOverdue' });
    expect(await runDerivedStates(app.deps, [COMMITMENT_DERIVED_RUNNER])).toEqual({ commitments: 0 }); // nothing twice
    expect((await getCommitment(app.deps, later.id)).commitment.status).toBe('pending');
    expect(await errorOf(transitionCommitment(app.deps, app.admin, { id: later.id, expectedVersion: 1, action: 'fallOverdue' }))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await app.db.read((sql) => verifyAuditChain(sql))).ok).toBe(true);
    expect(await app.db.read((sql) => verifyAuditedRows(sql, AUDITED_TABLES))).toEqual([]);
  });

  it('a commitment saved with its due date already past is overdue at once (the clerk’s version, then the system’s)', async () => {
    const c = await createCommitment(app.deps, app.clerk, commitment({ dueOn: '2025-12-31' }));
    expect(c).toMatchObject({ status: 'overdue', version: 2 });
    const { versions } = await getCommitment(app.deps, c.id);
    expect(versions.map((v) => [v.action, v.author])).toEqual([['fallOverdue', 'system'], ['create', 'user']]);
  });

  it('a due date corrected to the future takes an overdue commitment back to where it was', async () => {
    const c = await createCommitment(app.deps, app.clerk, commitment({ dueOn: '2025-12-31' }));
    const fixed = await updateCommitment(app.deps, app.reviewer, { id: c.id, expectedVersion: 2, fields: commitment({ number: c.number, dueOn: '2026-12-31' }), reason: '期限录错' });
    expect(fixed).toMatchObject({ status: 'pending', dueOn: '2026-12-31' });
  });

  it('the schedule runs at start and again just after local midnight', async () => {
    await createCommitment(app.deps, app.clerk, commitment({ title: '今天到期', dueOn: '2026-03-10' }));
    setDay(2026, 3, 10, 23);
    clock = new Date(clock.getTime() + 59 * 60 * 1000 + 58_000); // 23:59:58
    const timer = scheduleDerivedStates(app.deps, [COMMITMENT_DERIVED_RUNNER]);
    await timer.first;
    expect(await titles({ statuses: ['overdue'] })).toEqual([]);
    clock = new Date(clock.getTime() + 2_000); // midnight: the timer fires a second later
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    timer.stop();
    expect(await titles({ statuses: ['overdue'] })).toEqual(['今天到期']);
  });
});

describe('supervision log', () => {
  it('checks and complaints are attributed, versioned, uploaded, and refused when incomplete', async () => {
    const c = await createCommitment(app.deps, app.clerk, commitment());
    const checked = await superviseCommitment(app.deps, app.clerk, { id: c.id, expectedVersion: 1, entry: check() });
    const complained = await superviseCommitment(app.deps, app.reviewer, { id: c.id, expectedVersion: 2, entry: complaint() });
    expect(complained.supervision).toMatchObject([
      { kind: 'check', inspector: '区纪委监委 刘某', method: '实地检查', result: '符合承诺', byName: '李录入' },
      { kind: 'complaint', channel: '12345热线', result: '属实', byName: '张审核' },
    ]);
    expect(checked.version).toBe(2);
    const { versions } = await getCommitment(app.deps, c.id);
    expect(versions.slice(0, 2).map((v) => [v.actionLabel, v.userName, v.date])).toEqual([['登记群众投诉', '张审核', '2024-07-02'], ['登记监督检查', '李录入', '2024-06-01']]);
    expect(versions[0].reason).toContain('申请养老补贴超过一个月未办结');
    const last = (await uploadsOf(c.id)).at(-1)!;
    expect(commitmentUploadSchema.parse(last.data).supervision).toHaveLength(2);
    expect((await list()).items[0]).toMatchObject({ checks: 1, complaints: 1 });
    const { supervisionInputSchema } = await import('../../shared/domain/commitmentSchema');
    const bad = supervisionInputSchema.safeParse({ ...complaint(), handling: '' });
    expect(bad.error?.issues[0]).toMatchObject({ path: ['handling'], message: '请填写处理情况' });
  });
});

describe('one step from an overdue commitment to a dishonesty record', () => {
  it('makes the record (未守信践诺, 乡镇街道, the unit, the facts) linked both ways, once, in one transaction', async () => {
    const open = await createCommitment(app.deps, app.clerk, commitment({ dueOn: '2026-03-20' }));
    expect(await errorOf(makeRecordFromCommitment(app.deps, app.clerk, { id: open.id, expectedVersion: 1, severity: '一般' })))
      .toMatchObject({ code: 'INVALID_TRANSITION' });

    const c = await createCommitment(app.deps, app.clerk, commitment({ number: 'CN-9', dueOn: '2026-02-28' }));
    await superviseCommitment(app.deps, app.clerk, { id: c.id, expectedVersion: 2, entry: complaint({ channel: '来信来访' }) });
    const { recordId, commitment: after } = await makeRecordFromCommitment(app.deps, app.clerk, { id: c.id, expectedVersion: 3, severity: '较重' });
    expect(after.version).toBe(4);
    const { record, links, versions } = await getRecord(app.deps, app.reviewer, recordId);
    expect(record).toMatchObject({
      subjectType: 'unit', unitName: c.unitName, unitUscc: c.unitUscc, situation: '未守信践诺', sector: '乡镇街道', clueSource: '来信来访',
      severity: '较重', happenedOn: '2026-02-28', status: 'verifying', createdByName: '李录入',
    });
    expect(record.facts).toContain('CN-9');
    expect(record.facts).toContain('承诺期限至 2026-02-28，逾期未兑现');
    expect(versions[0].actionLabel).toBe('由公开承诺生成');
    expect(links).toMatchObject([{ kind: 'public_commitment', id: c.id, direction: 'madeFrom', route: `/commitments/${c.id}` }]);
    const back = await getCommitment(app.deps, c.id);
    expect(back.links).toMatchObject([{ kind: 'dishonesty_record', id: recordId, direction: 'made', kindLabel: '政务失信记录', route: `/records/${recordId}` }]);
    expect(back.versions[0]).toMatchObject({ actionLabel: '生成失信记录', userName: '李录入' });
    expect(await errorOf(makeRecordFromCommitment(app.deps, app.clerk, { id: c.id, expectedVersion: 4, severity: '一般' }))).toMatchObject({ code: 'DUPLICATE' });
    expect((await uploadsOf(recordId)).map((u) => u.kind)).toEqual(['dishonesty_record']);

    // the entry point the notices ledger will call
    const source = await app.db.read((sql) => noticeSourceFromCommitment(sql, c.id));
    expect(source).toMatchObject({ addresseeUnit: c.unitName, addresseeUscc: c.unitUscc, dueOn: '2026-02-28' });
    expect(source.facts).toBe(record.facts);
  });
});

describe('list, search and attachments', () => {
  it('filters by status, type, area, department and due date; finds substrings of title, content and unit', async () => {
    await createCommitment(app.deps, app.clerk, commitment({ title: '养老补贴', department: '社会事务办', dueOn: '2026-04-30' }));
    await createCommitment(app.deps, app.clerk, commitment({ title: '物业纠纷调处', serviceArea: '物业', commitmentType: '服务质量承诺', department: '城管办', dueOn: '2026-12-31', content: '接到物业纠纷投诉后 3 日内上门调处。' }));
    await createCommitment(app.deps, app.clerk, commitment({ title: '停车位', serviceArea: '停车', unitName: '某某镇人民政府', unitUscc: unitUscc(7), dueOn: '2026-01-31' }));
    expect(await titles({ statuses: ['overdue'] })).toEqual(['停车位']);
    expect(await titles({ serviceAreas: ['物业', '停车'] })).toEqual(['停车位', '物业纠纷调处']);
    expect(await titles({ commitmentTypes: ['服务质量承诺'] })).toEqual(['物业纠纷调处']);
    expect(await titles({ departments: ['社会事务办'] })).toEqual(['停车位', '养老补贴']);
    expect(await titles({ dueFrom: '2026-04-01', dueTo: '2026-05-31' })).toEqual(['养老补贴']);
    expect(await titles({ search: '上门' })).toEqual(['物业纠纷调处']);
    expect(await titles({ search: '镇人民' })).toEqual(['停车位']);
    expect(await titles({ search: '养' })).toEqual(['养老补贴']);
    expect((await list({ sortBy: 'dueOn', sortOrder: 'asc' })).items.map((r) => r.title)).toEqual(['停车位', '养老补贴', '物业纠纷调处']);
    expect(await commitmentDepartments(app.deps)).toEqual(['城管办', '社会事务办'].sort());
  });

  it('evidence files belong to the commitment', async () => {
    const c = await createCommitment(app.deps, app.clerk, commitment());
    const added = await addCommitmentAttachment(app.deps, app.clerk, c.id, '公开栏照片.jpg', Buffer.from('公开栏照片 jpeg'));
    expect((await getCommitment(app.deps, c.id)).attachments).toMatchObject([{ fileName: '公开栏照片.jpg', addedByName: '李录入', state: 'ok' }]);
    // stored sealed under the ledger's key, as every ledger's evidence is: no plain copy in the data folder
    const stored = fs.readFileSync(attachmentPath(app.dataDir, added.sha256));
    expect(stored.subarray(0, SEALED_MAGIC.length).equals(SEALED_MAGIC)).toBe(true);
    expect(stored.includes(Buffer.from('公开栏照片'))).toBe(false);
    expect(readAttachment(app.deps, added.sha256)).toEqual(Buffer.from('公开栏照片 jpeg'));
  });
});
