/**
 * 限期整改通知书: drafting from a record (both links) and blank, numbering at issue (per office per year, no gap,
 * voided numbers kept, a new year restarts, a clock set back never re-issues), the life cycle as data (every
 * move of every role from every state), derived 逾期 by the system, 验收 moving the record to 已整改, upload
 * items in the same transaction.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/services/audit/auditLog';
import { AUDITED_TABLES } from '../../electron/services/catalog';
import type { Actor } from '../../electron/services/context';
import {
  applyNoticeDeadlines, countOutput, createNotice, getNotice, noticesForSource, queryNotices, startRectificationWithNotice, transitionNotice,
  updateNotice, updateNoticeSettings, getNoticeSettings,
} from '../../electron/services/notices';
import { createRecord, getRecord, transitionRecord } from '../../electron/services/records';
import { listPendingUploads } from '../../electron/services/outbox/outbox';
import { NOTICE_MACHINE, NOTICE_STATUSES, noticeUploadSchema, type NoticeStatus } from '../../shared/domain/notices';
import { errorOf } from '../support/errors';
import { unitRecord } from '../support/recordFixtures';
import { createTestApp, TEST_OFFICE, type TestApp } from '../support/testApp';

let app: TestApp;
let clock = new Date('2026-03-05T02:00:00Z');
beforeEach(async () => {
  clock = new Date('2026-03-05T02:00:00Z');
  app = await createTestApp({ now: () => clock });
});
afterEach(async () => app.close());

async function recognisedRecord(): Promise<{ id: string; version: number }> {
  const r = await createRecord(app.deps, app.clerk, unitRecord({ amountFen: 1234500 }));
  const approved = await transitionRecord(app.deps, app.reviewer, { id: r.id, expectedVersion: r.version, action: 'approve' });
  return { id: approved.id, version: approved.version };
}

async function issued(n = 1, actor: Actor = app.reviewer): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = await createNotice(app.deps, app.clerk, { sourceKind: 'blank' });
    const filled = await updateNotice(app.deps, app.clerk, { id: d.id, expectedVersion: d.version, fields: { ...d, addressee: `某某村民委员会${i}`, facts: '经查，你单位拖欠企业账款。' } });
    const out = await transitionNotice(app.deps, actor, { id: d.id, expectedVersion: filled.version, action: 'issue' });
    ids.push(out.id);
  }
  return ids;
}

const numbers = async () => (await queryNotices(app.deps, { sortBy: 'number', sortOrder: 'asc', page: 1, pageSize: 200 })).items;

describe('drafting', () => {
  it('下发整改 on a record makes a draft notice from the record, linked both ways, in one transaction', async () => {
    const rec = await recognisedRecord();
    const { record, noticeId } = await startRectificationWithNotice(app.deps, app.reviewer, {
      id: rec.id, expectedVersion: rec.version, action: 'startRectification', date: '2026-04-05', reason: '一、书面说明原因；\n二、限期清偿欠款。',
    });
    expect(record.status).toBe('rectifying');
    const { notice, source } = await getNotice(app.deps, noticeId);
    expect(notice).toMatchObject({
      status: 'draft', sourceKind: 'dishonesty_record', sourceId: rec.id, addressee: unitRecord().unitName, amountFen: 1234500,
      deadline: '2026-04-05', requirements: '一、书面说明原因；\n二、限期清偿欠款。', issuingOffice: TEST_OFFICE.officeName, number: null,
    });
    expect(notice.facts.startsWith('经查，')).toBe(true);
    expect(notice.basis[0]).toContain('国发〔2016〕76号');
    expect(source).toMatchObject({ kind: 'dishonesty_record', id: rec.id, route: `/records/${rec.id}` });
    expect((await noticesForSource(app.deps, 'dishonesty_record', rec.id)).map((n) => n.id)).toEqual([noticeId]);
  });

  it('refuses a notice of a record not yet recognised, and of a ledger not yet joined', async () => {
    const r = await createRecord(app.deps, app.clerk, unitRecord());
    expect((await errorOf(createNotice(app.deps, app.reviewer, { sourceKind: 'dishonesty_record', sourceId: r.id }))).message).toContain('须先审核认定');
    expect((await errorOf(createNotice(app.deps, app.reviewer, { sourceKind: 'public_commitment', sourceId: r.id }))).message).toContain('公开承诺');
  });

  it('a blank notice takes the settings: basis list, default period, reply method, 抄送', async () => {
    const s = await getNoticeSettings(app.deps);
    expect(s.basis.some((b) => b.includes('国发〔2016〕76号'))).toBe(true);
    expect(s.basis.some((b) => b.includes('苏政发〔2023〕55号'))).toBe(true);
    await updateNoticeSettings(app.deps, app.admin, { ...s, periodDays: 10, cc: '区纪委监委' });
    expect((await errorOf(updateNoticeSettings(app.deps, app.clerk, s))).message).toContain('管理员');
    const d = await createNotice(app.deps, app.clerk, { sourceKind: 'blank' });
    expect(d).toMatchObject({ deadline: '2026-03-15', cc: '区纪委监委', facts: '', addressee: '' });
  });

  it('an issued notice is never edited; issuing needs the printed fields', async () => {
    const d = await createNotice(app.deps, app.clerk, { sourceKind: 'blank' });
    const e = await errorOf(transitionNotice(app.deps, app.reviewer, { id: d.id, expectedVersion: d.version, action: 'issue' }));
    expect(e.message).toContain('主送单位');
    const [id] = await issued(1);
    const n = (await getNotice(app.deps, id)).notice;
    expect((await errorOf(updateNotice(app.deps, app.reviewer, { id, expectedVersion: n.version, fields: n }))).message).toContain('不能修改');
  });
});

describe('numbers', () => {
  it('are {prefix}〔{year}〕{n}号 from 1 without leading zeros, given at issue', async () => {
    await issued(3);
    const rows = await numbers();
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3].map((n) => `${TEST_OFFICE.noticePrefix}〔2026〕${n}号`));
    expect(rows.every((r) => r.issuedOn === '2026-03-05')).toBe(true);
  });

  it('a voided number stays used and shows 已作废; the next notice takes the next number', async () => {
    const [a] = await issued(2);
    const n = (await getNotice(app.deps, a)).notice;
    expect((await errorOf(transitionNotice(app.deps, app.reviewer, { id: a, expectedVersion: n.version, action: 'void' }))).message).toContain('作废理由');
    const v = await transitionNotice(app.deps, app.reviewer, { id: a, expectedVersion: n.version, action: 'void', reason: '主送单位有误' });
    expect(v).toMatchObject({ status: 'void', number: `${TEST_OFFICE.noticePrefix}〔2026〕1号`, voidReason: '主送单位有误' });
    await issued(1);
    expect((await numbers()).map((r) => [r.numberYear, r.number?.match(/〕(\d+)号/)?.[1], r.status])).toEqual([
      [2026, '1', 'void'], [2026, '2', 'issued'], [2026, '3', 'issued'],
    ]);
  });

  it('a new year restarts at 1; a clock set back keeps counting and never goes back a year', async () => {
    await issued(2);
    clock = new Date('2027-01-02T02:00:00Z');
    await issued(2);
    clock = new Date('2026-12-30T02:00:00Z'); // set back across the new year
    await issued(1);
    clock = new Date('2027-01-01T02:00:00Z'); // set back within the year
    await issued(1);
    const rows = await numbers();
    expect(rows.map((r) => r.number)).toEqual(['〔2026〕1号', '〔2026〕2号', '〔2027〕1号', '〔2027〕2号', '〔2027〕3号', '〔2027〕4号'].map((s) => TEST_OFFICE.noticePrefix + s));
    expect(rows.slice(4).map((r) => r.issuedOn)).toEqual(['2027-01-02', '2027-01-02']);
  });

  it('the database itself refuses a gap, a changed number and deleting a numbered notice', async () => {
    const [id] = await issued(1);
    const d = await createNotice(app.deps, app.clerk, { sourceKind: 'blank' });
    await expect(app.db.write((sql) => sql.run(`UPDATE rectification_notices SET number_office = 'x', number_year = 2026, number_seq = 5, number_text = 'x' WHERE id = ?`, d.id))).rejects.toThrow(/连续编号/);
    await expect(app.db.write((sql) => sql.run(`UPDATE rectification_notices SET number_seq = 9 WHERE id = ?`, id))).rejects.toThrow(/不得更改/);
    await expect(app.db.write((sql) => sql.run(`DELETE FROM rectification_notices WHERE id = ?`, id))).rejects.toThrow(/不得删除/);
  });
});

describe('life cycle, as data', () => {
  /** A notice brought into `status` (through the service's own moves). */
  async function noticeIn(status: NoticeStatus): Promise<{ id: string; version: number }> {
    const d = await createNotice(app.deps, app.clerk, { sourceKind: 'blank' });
    const f = await updateNotice(app.deps, app.clerk, { id: d.id, expectedVersion: d.version, fields: { ...d, addressee: '某某社区居民委员会', facts: '经查，……' } });
    let cur = { id: f.id, version: f.version };
    const step = async (action: string, extra: object = {}) => {
      const out = await transitionNotice(app.deps, app.reviewer, { id: cur.id, expectedVersion: cur.version, action, ...extra });
      cur = { id: out.id, version: out.version };
    };
    if (status === 'draft') return cur;
    if (status === 'void') { await step('void', { reason: '重复' }); return cur; }
    await step('issue');
    if (status === 'issued') return cur;
    if (status === 'overdue') {
      clock = new Date('2026-05-01T02:00:00Z');
      await applyNoticeDeadlines(app.deps);
      clock = new Date('2026-03-05T02:00:00Z');
      return { id: cur.id, version: (await getNotice(app.deps, cur.id)).notice.version };
    }
    await step('reply', { date: '2026-03-05', reason: '已整改' });
    if (status === 'replied') return cur;
    await step('verify', { date: '2026-03-05', reason: '整改到位' });
    return cur;
  }
  const INPUT = { reason: '说明', date: '2026-03-05' };

  for (const status of NOTICE_STATUSES) {
    for (const t of NOTICE_MACHINE.transitions) {
      for (const role of ['clerk', 'reviewer', 'admin'] as const) {
        const allowed = t.from.includes(status) && t.roles.includes(role);
        it(`${status} —${t.label}→ by ${role}: ${allowed ? 'allowed' : 'refused'}`, async () => {
          const n = await noticeIn(status);
          const actor = role === 'clerk' ? app.clerk : role === 'reviewer' ? app.reviewer : app.admin;
          const call = transitionNotice(app.deps, actor, { id: n.id, expectedVersion: n.version, action: t.action, ...INPUT });
          if (allowed) {
            const out = await call;
            expect(out.status).toBe(t.to);
          } else {
            const e = await errorOf(call);
            expect(e.message).toMatch(t.from.includes(status) ? /角色/ : /状态/);
            expect((await getNotice(app.deps, n.id)).notice.version).toBe(n.version);
          }
        });
      }
    }
  }

  it('逾期 follows by itself once the deadline has passed with no reply, as a version by the system', async () => {
    const [a, b] = await issued(2);
    const nb = (await getNotice(app.deps, b)).notice;
    await transitionNotice(app.deps, app.clerk, { id: b, expectedVersion: nb.version, action: 'reply', date: '2026-03-05', reason: '已书面回复' });
    clock = new Date('2026-04-04T02:00:00Z'); // the deadline (30 days) itself: not yet
    expect(await applyNoticeDeadlines(app.deps)).toBe(0);
    clock = new Date('2026-04-05T02:00:00Z');
    expect(await applyNoticeDeadlines(app.deps)).toBe(1);
    expect(await applyNoticeDeadlines(app.deps)).toBe(0);
    const { notice, versions } = await getNotice(app.deps, a);
    expect(notice.status).toBe('overdue');
    expect(versions[0]).toMatchObject({ author: 'system', userName: '系统（到期自动）', statusAfter: 'overdue', actionLabel: '逾期未回复' });
    expect((await getNotice(app.deps, b)).notice.status).toBe('replied');
    // escalations on the overdue notice
    const after = await transitionNotice(app.deps, app.reviewer, { id: a, expectedVersion: notice.version, action: 'interview', date: '2026-04-08', reason: '约谈主要负责人' });
    const again = await transitionNotice(app.deps, app.reviewer, { id: a, expectedVersion: after.version, action: 'criticize', date: '2026-04-20', reason: '全区通报' });
    expect(again.escalations).toEqual([{ kind: '约谈', date: '2026-04-08', note: '约谈主要负责人' }, { kind: '通报批评', date: '2026-04-20', note: '全区通报' }]);
    expect(again.status).toBe('overdue');
    expect((await queryNotices(app.deps, { overdue: true, sortBy: 'updatedAt', sortOrder: 'desc', page: 1, pageSize: 50 })).items.map((r) => r.id)).toEqual([a]);
  });

  it('验收 moves the linked record to 已整改; each change is an upload item valid for the platform; the audit holds', async () => {
    const rec = await recognisedRecord();
    const { noticeId } = await startRectificationWithNotice(app.deps, app.reviewer, { id: rec.id, expectedVersion: rec.version, action: 'startRectification', date: '2026-04-05', reason: '限期清偿' });
    let n = (await getNotice(app.deps, noticeId)).notice;
    n = await transitionNotice(app.deps, app.reviewer, { id: n.id, expectedVersion: n.version, action: 'issue' });
    n = await transitionNotice(app.deps, app.clerk, { id: n.id, expectedVersion: n.version, action: 'reply', date: '2026-03-05', reason: '已清偿' });
    expect((await errorOf(transitionNotice(app.deps, app.clerk, { id: n.id, expectedVersion: n.version, action: 'verify', date: '2026-03-05', reason: '到位' }))).message).toContain('角色');
    n = await transitionNotice(app.deps, app.reviewer, { id: n.id, expectedVersion: n.version, action: 'verify', date: '2026-03-05', reason: '到位' });
    expect(n.status).toBe('verified');
    const { record } = await getRecord(app.deps, app.reviewer, rec.id);
    expect(record.status).toBe('rectified');
    await countOutput(app.deps, app.reviewer, [n.id], 'pdf');
    expect((await getNotice(app.deps, n.id)).notice.pdfCount).toBe(1);
    const items = await app.db.read((sql) => listPendingUploads(sql)).then((all) => all.filter((i) => i.kind === 'rectification_notice'));
    expect(items.map((i) => i.version)).toEqual([1, 2, 3, 4]);
    for (const item of items) expect(noticeUploadSchema.safeParse(item.data).success).toBe(true);
    expect(await app.db.read((sql) => verifyAudit(sql, AUDITED_TABLES))).toMatchObject({ ok: true });
  });
});
