/**
 * The investment-promise ledger's services on real SQLite files (DOMAIN.md §3): projects with items, handovers
 * that never leave an item without a responsible person, payments that never exceed the promise unconfirmed,
 * overdue derived by the system on a fixed clock, decisions, and the one step to a dishonesty record.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/services/audit/auditLog';
import { AUDITED_TABLES, DERIVED_RUNNERS, USER_DISABLE_GUARDS } from '../../electron/services/catalog';
import { runDerivedStates } from '../../electron/services/ledger/derivedSchedule';
import { listPendingUploads } from '../../electron/services/outbox/outbox';
import {
  createProject, getProject, handOverAll, handOverProject, itemToRecord, queryPromises, recordPayment, setItemWay, transitionItem, updateProject,
} from '../../electron/services/promises';
import { getRecord } from '../../electron/services/records';
import { createUser, setUserDisabled, toActor } from '../../electron/services/users/usersService';
import { PLATFORM_KINDS } from '../platform/kinds';
import { errorOf } from '../support/errors';
import { projectInput } from '../support/promiseFixtures';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp';
import type { Actor } from '../../electron/services/context';

let app: TestApp;
let clock: Date;
let successor: Actor;

beforeEach(async () => {
  clock = new Date('2026-02-20T10:00:00');
  app = await createTestApp({ now: () => clock });
  successor = toActor(await createUser(app.deps, app.admin, { username: 'wangmin', displayName: '王敏', role: 'clerk', password: TEST_PASSWORD, mustChangePassword: false }));
});
afterEach(async () => app.close());

const uploadsOf = async (id: string) => (await app.db.read((sql) => listPendingUploads(sql, 10_000))).filter((u) => u.id === id);
const listAll = (filter: Record<string, unknown> = {}) =>
  queryPromises(app.deps, { sortBy: 'dueOn', sortOrder: 'asc', page: 1, pageSize: 200, ...filter }, app.clerk.id);

describe('projects and their promise items', () => {
  it('stores a project with two items, each item in the list, one upload item carrying the project whole', async () => {
    const project = await createProject(app.deps, app.clerk, projectInput(app.clerk.id));
    expect(project.items.map((i) => [i.type, i.amountFen, i.status, i.responsibleName])).toEqual([
      ['财政奖补', 100_000_00, 'pending', '李录入'],
      ['基础设施配套', 50_000_00, 'pending', '李录入'],
    ]);
    const list = await listAll();
    expect(list.total).toBe(2);
    expect(list.items[0]).toMatchObject({ projectName: '智能装备产业园项目', enterpriseName: '南京某某智能装备有限公司', status: 'pending', way: null });
    const uploads = await uploadsOf(project.id);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ kind: 'investment_promise', version: 1, op: 'upsert' });
    // the reference city platform validates the item with the app's own schema
    expect(PLATFORM_KINDS.investment_promise.schema.safeParse(uploads[0].data).success).toBe(true);
    expect((await app.db.read((sql) => verifyAudit(sql, AUDITED_TABLES))).problems).toEqual([]);
  });

  it('refuses a responsible person who is not an enabled user, naming the item', async () => {
    const error = await errorOf(createProject(app.deps, app.clerk, projectInput('no-such-user')));
    expect(error.field).toBe('items.0.responsibleUserId');
    expect(error.message).toContain('第 1 项的责任人');
    expect((await listAll()).total).toBe(0);
  });

  it('never changes a responsible person by an edit: that is a handover', async () => {
    const project = await createProject(app.deps, app.clerk, projectInput(app.clerk.id));
    const edited = projectInput(app.clerk.id);
    edited.items = project.items.map((i) => ({ ...i, responsibleUserId: successor.id }));
    const error = await errorOf(updateProject(app.deps, app.clerk, { id: project.id, expectedVersion: 1, fields: edited }));
    expect(error.message).toContain('工作交接');
  });
});

describe('handovers', () => {
  it('moves every open item to the successor, keeps settled items, and shows the chain', async () => {
    const project = await createProject(app.deps, app.clerk, projectInput(app.clerk.id));
    const [first, second] = project.items;
    const paid = await recordPayment(app.deps, app.clerk, { projectId: project.id, expectedVersion: 1, itemId: second.id, paidOn: '2026-02-10', amountFen: 50_000_00, voucherNo: 'PZ-001' });
    expect(paid.items[1].status).toBe('paid');
    const handed = await handOverProject(app.deps, app.clerk, {
      projectId: project.id, expectedVersion: 2, handedOn: '2026-02-19', fromUserId: app.clerk.id, toUserId: successor.id, reason: '岗位调整', department: null,
    });
    expect(handed.items.map((i) => i.responsibleName)).toEqual(['王敏', '李录入']);
    expect(handed.handovers).toMatchObject([{ fromName: '李录入', toName: '王敏', reason: '岗位调整', itemsMoved: 1, handedOn: '2026-02-19', recordedByName: '李录入' }]);
    const again = await handOverProject(app.deps, app.reviewer, {
      projectId: project.id, expectedVersion: 3, handedOn: '2026-02-20', fromUserId: successor.id, toUserId: app.reviewer.id, reason: '王敏调离', department: '招商办',
    });
    expect(again.handovers.map((h) => `${h.fromName}→${h.toName}`)).toEqual(['李录入→王敏', '王敏→张审核']);
    expect(again.items[0]).toMatchObject({ responsibleName: '张审核', department: '招商办' });
    expect(first.id).toBe(again.items[0].id);
    const { versions } = await getProject(app.deps, project.id);
    expect(versions.map((v) => v.actionLabel)).toEqual(['工作交接', '工作交接', '登记兑现', '新建']);
    expect((await uploadsOf(project.id)).map((u) => u.version)).toEqual([1, 2, 3, 4]);
  });

  it('never hands over to a disabled user or to the same person', async () => {
    const project = await createProject(app.deps, app.clerk, projectInput(app.clerk.id));
    await setUserDisabled(app.deps, app.admin, successor.id, true, USER_DISABLE_GUARDS);
    const error = await errorOf(handOverProject(app.deps, app.clerk, {
      projectId: project.id, expectedVersion: 1, handedOn: '2026-02-20', fromUserId: app.clerk.id, toUserId: successor.id, reason: '岗位调整', department: null,
    }));
    expect(error.field).toBe('toUserId');
    expect(error.message).toContain('已停用');
    const detail = (await getProject(app.deps, project.id)).project;
    expect(detail.items.every((i) => i.responsibleName === '李录入')).toBe(true);
  });

  it('asks for the handover before a user who answers for open items is disabled', async () => {
    await createProject(app.deps, app.clerk, projectInput(app.clerk.id));
    await createProject(app.deps, app.clerk, projectInput(app.clerk.id, { agreementNo: 'ZS-2025-002' }));
    const refused = await errorOf(setUserDisabled(app.deps, app.admin, app.clerk.id, true, USER_DISABLE_GUARDS));
    expect(refused.code).toBe('HANDOVER_REQUIRED');
    expect(refused.message).toContain('“李录入”仍是 4 项未办结招商引资承诺的责任人');
    expect(await handOverAll(app.deps, app.admin, { handedOn: '2026-02-20', fromUserId: app.clerk.id, toUserId: successor.id, reason: '调离', department: null }))
      .toEqual({ projects: 2, items: 4 });
    const disabled = await setUserDisabled(app.deps, app.admin, app.clerk.id, true, USER_DISABLE_GUARDS);
    expect(disabled.disabled).toBe(true);
    const list = await listAll();
    expect(list.items.map((i) => i.responsibleName)).toEqual(['王敏', '王敏', '王敏', '王敏']);
  });
});

describe('payments', () => {
  it('follows the paid amount: partial, then a payment beyond the promise is refused until confirmed', async () => {
    const project = await createProject(app.deps, app.clerk, projectInput(app.clerk.id));
    const item = project.items[0];
    const voucher = { fileName: '拨付凭证.pdf', bytes: Buffer.from('%PDF-1.4 凭证') };
    const partial = await recordPayment(app.deps, app.clerk, { projectId: project.id, expectedVersion: 1, itemId: item.id, paidOn: '2026-02-01', amountFen: 60_000_00, voucherNo: 'PZ-01', voucher });
    expect(partial.items[0]).toMatchObject({ status: 'partial', paidFen: 60_000_00 });
    expect(partial.items[0].payments[0]).toMatchObject({ voucherNo: 'PZ-01', voucher: { fileName: '拨付凭证.pdf', state: 'ok' } });

    const uploadsBefore = (await uploadsOf(project.id)).length;
    const over = await errorOf(recordPayment(app.deps, app.clerk, { projectId: project.id, expectedVersion: 2, itemId: item.id, paidOn: '2026-02-15', amountFen: 50_000_00, voucherNo: 'PZ-02' }));
    expect(over.code).toBe('EXCEEDS_AMOUNT');
    expect(over.field).toBe('amountFen');
    expect(over.message).toContain('超过承诺金额 100,000.00 元（超出 10,000.00 元）');
    const unchanged = (await getProject(app.deps, project.id)).project;
    expect(unchanged.items[0]).toMatchObject({ paidFen: 60_000_00, status: 'partial' });
    expect(unchanged.items[0].payments).toHaveLength(1);
    expect(await uploadsOf(project.id)).toHaveLength(uploadsBefore);

    const confirmed = await recordPayment(app.deps, app.clerk, {
      projectId: project.id, expectedVersion: 2, itemId: item.id, paidOn: '2026-02-15', amountFen: 50_000_00, voucherNo: 'PZ-02', confirmedOver: true,
    });
    expect(confirmed.items[0]).toMatchObject({ status: 'paid', paidFen: 110_000_00 });
    expect(confirmed.items[0].payments[1].overConfirmed).toBe(true);
  });

  it('refuses a payment dated in the future or on a version the clerk no longer sees', async () => {
    const project = await createProject(app.deps, app.clerk, projectInput(app.clerk.id));
    const future = await errorOf(recordPayment(app.deps, app.clerk, { projectId: project.id, expectedVersion: 1, itemId: project.items[0].id, paidOn: '2026-03-01', amountFen: 1, voucherNo: 'X' }));
    expect(future.field).toBe('paidOn');
    const stale = await errorOf(recordPayment(app.deps, app.clerk, { projectId: project.id, expectedVersion: 7, itemId: project.items[0].id, paidOn: '2026-02-01', amountFen: 1, voucherNo: 'X' }));
    expect(stale.code).toBe('CONFLICT');
  });
});

describe('overdue, derived by the system', () => {
  it('turns unpaid items past their due date overdue at the next run, once, as a system version with audit and upload', async () => {
    const project = await createProject(app.deps, app.clerk, projectInput(app.clerk.id));
    await recordPayment(app.deps, app.clerk, { projectId: project.id, expectedVersion: 1, itemId: project.items[0].id, paidOn: '2026-02-01', amountFen: 10_000_00, voucherNo: 'PZ-01' });
    expect(await runDerivedStates(app.deps, DERIVED_RUNNERS)).toMatchObject({ promises: 0 });

    clock = new Date('2026-03-01T23:59:00'); // the due day itself is not overdue yet
    expect(await runDerivedStates(app.deps, DERIVED_RUNNERS)).toMatchObject({ promises: 0 });
    clock = new Date('2026-03-02T00:00:05');
    expect(await runDerivedStates(app.deps, DERIVED_RUNNERS)).toMatchObject({ promises: 1 });
    expect(await runDerivedStates(app.deps, DERIVED_RUNNERS)).toMatchObject({ promises: 0 });

    const { project: after, versions } = await getProject(app.deps, project.id);
    expect(after.items.map((i) => i.status)).toEqual(['overdue', 'pending']);
    expect(after.status).toBe('overdue');
    expect(versions[0]).toMatchObject({ author: 'system', userName: '系统（到期自动）', actionLabel: '到期未兑现（自动）', date: '2026-03-01', statusBefore: 'partial', statusAfter: 'overdue' });
    const uploads = await uploadsOf(project.id);
    expect(uploads.at(-1)).toMatchObject({ version: 3 });
    expect((uploads.at(-1)!.data as { items: Array<{ status: string }> }).items[0].status).toBe('overdue');
    expect((await app.db.read((sql) => verifyAudit(sql, AUDITED_TABLES))).problems).toEqual([]);

    // paying the rest of an overdue item settles it
    const paid = await recordPayment(app.deps, app.clerk, { projectId: project.id, expectedVersion: 3, itemId: project.items[0].id, paidOn: '2026-03-02', amountFen: 90_000_00, voucherNo: 'PZ-02' });
    expect(paid.items[0].status).toBe('paid');
  });
});

describe('decisions and ways', () => {
  it('adjusts with legal basis and compensation, disputes with route and case number, settles a dispute back to what the amounts say', async () => {
    clock = new Date('2026-04-01T09:00:00');
    const project = await createProject(app.deps, app.clerk, projectInput(app.clerk.id));
    const [first, second] = project.items;
    expect(project.items.map((i) => i.status)).toEqual(['overdue', 'pending']);

    const clerkTry = await errorOf(transitionItem(app.deps, app.clerk, { projectId: project.id, expectedVersion: 1, itemId: first.id, action: 'adjust', reason: '规划调整', amountFen: 1, date: '2026-03-30' }));
    expect(clerkTry.code).toBe('FORBIDDEN');
    const noAmount = await errorOf(transitionItem(app.deps, app.reviewer, { projectId: project.id, expectedVersion: 1, itemId: first.id, action: 'adjust', reason: '规划调整', date: '2026-03-30' }));
    expect(noAmount.field).toBe('amountFen');
    const adjusted = await transitionItem(app.deps, app.reviewer, {
      projectId: project.id, expectedVersion: 1, itemId: first.id, action: 'adjust', reason: '因公共利益调整规划，经区政府常务会议决定', amountFen: 30_000_00, date: '2026-03-30',
    });
    expect(adjusted.items[0]).toMatchObject({ status: 'adjusted', compensationFen: 30_000_00, way: null, adjustBasis: '因公共利益调整规划，经区政府常务会议决定' });

    const way = await setItemWay(app.deps, app.clerk, { projectId: project.id, expectedVersion: 2, itemId: second.id, way: 'paymentPlan', date: '2026-09-30' });
    expect(way.items[1]).toMatchObject({ way: 'paymentPlan', wayDate: '2026-09-30' });
    expect((await listAll({ ways: ['paymentPlan'] })).items.map((i) => i.id)).toEqual([second.id]);

    const badRoute = await errorOf(transitionItem(app.deps, app.reviewer, { projectId: project.id, expectedVersion: 3, itemId: second.id, action: 'dispute', choice: '信访', reference: '(2026)苏01行初5号', date: '2026-03-31' }));
    expect(badRoute.field).toBe('choice');
    const disputed = await transitionItem(app.deps, app.reviewer, {
      projectId: project.id, expectedVersion: 3, itemId: second.id, action: 'dispute', choice: '行政诉讼', reference: '(2026)苏01行初5号', date: '2026-03-31',
    });
    expect(disputed.items[1]).toMatchObject({ status: 'disputed', way: 'legalRoute', disputeRoute: '行政诉讼', disputeCaseNo: '(2026)苏01行初5号' });
    expect((await listAll({ ways: ['legalRoute'] })).items.map((i) => i.id)).toEqual([second.id]);
    const payDisputed = await errorOf(transitionItem(app.deps, app.reviewer, { projectId: project.id, expectedVersion: 4, itemId: first.id, action: 'dispute', choice: '行政诉讼', reference: 'x', date: '2026-03-31' }));
    expect(payDisputed.code).toBe('INVALID_TRANSITION');

    const settled = await transitionItem(app.deps, app.reviewer, { projectId: project.id, expectedVersion: 4, itemId: second.id, action: 'settleDispute', reason: '法院判决驳回企业诉请部分', date: '2026-04-01' });
    expect(settled.items[1]).toMatchObject({ status: 'pending', way: null });
  });
});

describe('one step to a dishonesty record', () => {
  it('makes a 招商引资 record from an overdue item, linked both ways', async () => {
    clock = new Date('2026-04-01T09:00:00');
    const project = await createProject(app.deps, app.clerk, projectInput(app.clerk.id));
    const notOverdue = await errorOf(itemToRecord(app.deps, app.clerk, { projectId: project.id, expectedVersion: 1, itemId: project.items[1].id, situation: '拖欠企业账款' }));
    expect(notOverdue.message).toContain('逾期未兑现');
    const { recordId, project: after } = await itemToRecord(app.deps, app.clerk, { projectId: project.id, expectedVersion: 1, itemId: project.items[0].id, situation: '新官不理旧账' });
    expect(after.items[0].recordId).toBe(recordId);
    const { record, versions } = await getRecord(app.deps, app.reviewer, recordId);
    expect(record).toMatchObject({ situation: '新官不理旧账', sector: '招商引资', status: 'verifying', amountFen: 100_000_00, happenedOn: '2026-03-01' });
    expect(record.facts).toContain('智能装备产业园项目');
    expect(versions[0].action).toBe('fromPromise');
    const { promiseSourceOf } = await import('../../electron/services/promises');
    expect(await app.db.read((sql) => promiseSourceOf(sql, recordId))).toEqual({ link: `/promises/projects/${project.id}`, label: '招商引资项目“智能装备产业园项目”第 1 项（逾期未兑现）' });
    const twice = await errorOf(itemToRecord(app.deps, app.clerk, { projectId: project.id, expectedVersion: 2, itemId: project.items[0].id, situation: '拖欠企业账款' }));
    expect(twice.message).toContain('已生成过');
    expect((await app.db.read((sql) => verifyAudit(sql, AUDITED_TABLES))).problems).toEqual([]);
  });
});
