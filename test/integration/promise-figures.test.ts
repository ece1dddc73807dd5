/**
 * 兑现率 and the overdue figures against a fixture computed by hand (26 items in 5 projects of 3 enterprises,
 * with partial, over-paid, adjusted, disputed, overdue and future items), and the workbench built on them.
 * Amounts are in 万元 below (1 万元 = 1,000,000 分); every expected number was worked out on paper.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkbench } from '../../electron/services/ledger/workbench';
import { WORKBENCH_SOURCES } from '../../electron/services/catalog';
import { createProject, figuresFor, recordPayment, transitionItem } from '../../electron/services/promises';
import { ENTERPRISE_USCC, projectInput } from '../support/promiseFixtures';
import { createTestApp, type TestApp } from '../support/testApp';
import type { FigureRow } from '../../shared/contract/promises';

const W = 1_000_000; // fen in 1 万元
type Dept = '经发办' | '城建办' | '财政所';
interface Item { due: string; amount: number; dept: Dept; pays?: Array<[string, number]>; adjust?: number; dispute?: boolean }

const [E1, E2, E3] = ENTERPRISE_USCC;
const PROJECTS: Array<{ no: string; uscc: string; name: string; signed: string; items: Item[] }> = [
  { no: 'ZS-P1', uscc: E1, name: '甲企业', signed: '2025-06-01', items: [
    { due: '2026-01-15', amount: 10, dept: '经发办', pays: [['2026-01-10', 10]] }, // 1 paid
    { due: '2026-02-10', amount: 20, dept: '经发办', pays: [['2026-04-20', 5]] }, // 2 overdue, 15 unpaid
    { due: '2026-03-31', amount: 8, dept: '城建办' }, // 3 overdue
    { due: '2026-07-31', amount: 12, dept: '城建办' }, // 4 not yet due
    { due: '2025-12-31', amount: 30, dept: '经发办', pays: [['2025-12-20', 30]] }, // 5 before the range
  ] },
  { no: 'ZS-P2', uscc: E2, name: '乙企业', signed: '2025-09-01', items: [
    { due: '2026-01-31', amount: 40, dept: '城建办', pays: [['2026-01-30', 40]] }, // 6 paid
    { due: '2026-04-30', amount: 25, dept: '财政所', pays: [['2026-05-01', 10]] }, // 7 overdue, 15 unpaid
    { due: '2026-05-31', amount: 6, dept: '财政所', adjust: 2 }, // 8 adjusted, compensation 2
    { due: '2026-06-01', amount: 15, dept: '经发办', dispute: true }, // 9 disputed
    { due: '2026-06-15', amount: 5, dept: '经发办' }, // 10 due today: due, not overdue
    { due: '2026-06-30', amount: 9, dept: '财政所' }, // 11 not yet due
  ] },
  { no: 'ZS-P3', uscc: E3, name: '丙企业', signed: '2025-03-01', items: [
    { due: '2026-02-28', amount: 50, dept: '财政所', pays: [['2026-02-20', 60]] }, // 12 over-paid (confirmed): counts 50
    { due: '2026-03-15', amount: 7, dept: '城建办', pays: [['2026-03-10', 3]] }, // 13 overdue, 4 unpaid
    { due: '2026-05-20', amount: 11, dept: '经发办', pays: [['2026-05-19', 11]] }, // 14 paid
    { due: '2026-06-10', amount: 4, dept: '城建办', pays: [['2026-06-01', 1]] }, // 15 overdue, 3 unpaid
    { due: '2026-01-05', amount: 3, dept: '财政所', adjust: 1.5 }, // 16 adjusted, compensation 1.5
  ] },
  { no: 'ZS-P4', uscc: E1, name: '甲企业', signed: '2025-01-01', items: [
    { due: '2026-02-01', amount: 9, dept: '经发办' }, // 17 overdue
    { due: '2026-05-01', amount: 16, dept: '城建办', pays: [['2026-04-30', 16]] }, // 18 paid
    { due: '2026-06-14', amount: 2, dept: '财政所' }, // 19 overdue (yesterday)
    { due: '2026-09-01', amount: 30, dept: '经发办' }, // 20 not yet due
  ] },
  { no: 'ZS-P5', uscc: E2, name: '乙企业', signed: '2025-01-01', items: [
    { due: '2026-03-01', amount: 10, dept: '经发办', pays: [['2026-02-25', 4]], dispute: true }, // 21 disputed after a payment of 4
    { due: '2026-04-15', amount: 5, dept: '财政所', pays: [['2026-04-10', 5]] }, // 22 paid
    { due: '2026-04-20', amount: 6, dept: '城建办', pays: [['2026-04-18', 2]] }, // 23 overdue, 4 unpaid
    { due: '2026-05-05', amount: 3, dept: '经发办', adjust: 0 }, // 24 adjusted, no compensation
    { due: '2026-06-05', amount: 8, dept: '财政所', pays: [['2026-06-04', 8]] }, // 25 paid
    { due: '2027-01-10', amount: 20, dept: '城建办' }, // 26 after the range
  ] },
];

let app: TestApp;
const clock = new Date('2026-06-15T10:00:00');

beforeAll(async () => {
  app = await createTestApp({ now: () => clock });
  for (const p of PROJECTS) {
    const base = projectInput(app.clerk.id);
    let project = await createProject(app.deps, app.clerk, {
      ...base, agreementNo: p.no, enterpriseUscc: p.uscc, enterpriseName: p.name, signedOn: p.signed,
      items: p.items.map((it, i) => ({ type: '财政奖补', content: `第${i + 1}项承诺`, amountFen: it.amount * W, dueOn: it.due, conditions: null, department: it.dept, responsibleUserId: app.clerk.id })),
    });
    for (const [i, it] of p.items.entries()) {
      const itemId = project.items[i].id;
      for (const [paidOn, amount] of it.pays ?? []) {
        project = await recordPayment(app.deps, app.clerk, {
          projectId: project.id, expectedVersion: project.version, itemId, paidOn, amountFen: amount * W, voucherNo: `PZ-${p.no}-${i}`, confirmedOver: true,
        });
      }
      if (it.adjust !== undefined) {
        project = await transitionItem(app.deps, app.reviewer, {
          projectId: project.id, expectedVersion: project.version, itemId, action: 'adjust', reason: '因公共利益依法调整', amountFen: it.adjust * W, date: '2026-06-01',
        });
      }
      if (it.dispute) {
        project = await transitionItem(app.deps, app.reviewer, {
          projectId: project.id, expectedVersion: project.version, itemId, action: 'dispute', choice: '行政复议', reference: `复议〔2026〕${i}号`, date: '2026-06-02',
        });
      }
    }
  }
});
afterAll(async () => app.close());

/** A figure row in 万元, as worked out by hand. */
const row = (r: FigureRow) => ({
  due: [r.dueCount, r.dueFen / W], paid: r.paidFen / W, overdue: [r.overdueCount, r.overdueFen / W], disputed: r.disputedCount,
  adjusted: [r.adjustedCount, r.compensationFen / W],
});

describe('兑现率 for the year 2026, counted on 2026-06-15', () => {
  it('totals: 18 items due, 251 due, 165 paid, 8 overdue owing 60, 2 disputed, 3 adjusted with 3.5 compensation', async () => {
    const f = await figuresFor(app.deps, '2026-01-01', '2026-12-31');
    expect(f.asOf).toBe('2026-06-15');
    expect(row(f.total)).toEqual({ due: [18, 251], paid: 165, overdue: [8, 60], disputed: 2, adjusted: [3, 3.5] });
    expect(f.total.rate).toBeCloseTo(165 / 251, 10);
  });

  it('by 责任部门', async () => {
    const f = await figuresFor(app.deps, '2026-01-01', '2026-12-31');
    const by = Object.fromEntries(f.byDepartment.map((r) => [r.label, row(r)]));
    expect(by).toEqual({
      经发办: { due: [7, 80], paid: 30, overdue: [2, 24], disputed: 2, adjusted: [1, 0] },
      城建办: { due: [6, 81], paid: 62, overdue: [4, 19], disputed: 0, adjusted: [0, 0] },
      财政所: { due: [5, 90], paid: 73, overdue: [2, 17], disputed: 0, adjusted: [2, 3.5] },
    });
    // most overdue money first
    expect(f.byDepartment.map((r) => r.label)).toEqual(['经发办', '城建办', '财政所']);
  });

  it('by enterprise (two agreements of one enterprise count together)', async () => {
    const f = await figuresFor(app.deps, '2026-01-01', '2026-12-31');
    expect(Object.fromEntries(f.byEnterprise.map((r) => [r.label, row(r)]))).toEqual({
      甲企业: { due: [6, 65], paid: 31, overdue: [4, 34], disputed: 0, adjusted: [0, 0] },
      乙企业: { due: [8, 114], paid: 69, overdue: [2, 19], disputed: 2, adjusted: [2, 2] },
      丙企业: { due: [4, 72], paid: 65, overdue: [2, 7], disputed: 0, adjusted: [1, 1.5] },
    });
  });

  it('by month of the due date', async () => {
    const f = await figuresFor(app.deps, '2026-01-01', '2026-12-31');
    expect(f.byMonth.map((r) => [r.label, row(r)])).toEqual([
      ['2026-01', { due: [2, 50], paid: 50, overdue: [0, 0], disputed: 0, adjusted: [1, 1.5] }],
      ['2026-02', { due: [3, 79], paid: 55, overdue: [2, 24], disputed: 0, adjusted: [0, 0] }],
      ['2026-03', { due: [3, 25], paid: 7, overdue: [2, 12], disputed: 1, adjusted: [0, 0] }],
      ['2026-04', { due: [3, 36], paid: 17, overdue: [2, 19], disputed: 0, adjusted: [0, 0] }],
      ['2026-05', { due: [2, 27], paid: 27, overdue: [0, 0], disputed: 0, adjusted: [2, 2] }],
      ['2026-06', { due: [5, 34], paid: 9, overdue: [2, 5], disputed: 1, adjusted: [0, 0] }],
    ]);
  });
});

describe('a past range counts payments made by its last day', () => {
  it('first quarter 2026, counted on 2026-03-31: the April payment of item 2 is not in it; item 3 due that day is not yet overdue', async () => {
    const f = await figuresFor(app.deps, '2026-01-01', '2026-03-31');
    expect(f.asOf).toBe('2026-03-31');
    expect(row(f.total)).toEqual({ due: [8, 154], paid: 107, overdue: [3, 33], disputed: 1, adjusted: [1, 1.5] });
  });

  it('a range wholly in the future has nothing due', async () => {
    const f = await figuresFor(app.deps, '2026-07-01', '2026-12-31');
    expect(row(f.total)).toEqual({ due: [0, 0], paid: 0, overdue: [0, 0], disputed: 0, adjusted: [0, 0] });
    expect(f.total.rate).toBeNull();
  });
});

describe('the workbench on the same ledger', () => {
  it('due in the next 30 days, overdue, counts per status and the office 兑现率, each with its list link', async () => {
    const wb = await app.db.read((sql) => buildWorkbench(sql, WORKBENCH_SOURCES, { today: '2026-06-15', userId: null }));
    expect(wb.until).toBe('2026-07-15');
    expect(wb.dueSoon.map((e) => e.dueOn)).toEqual(['2026-06-15', '2026-06-30']);
    expect(wb.overdueTotal).toBe(8);
    expect(wb.overdue[0]).toMatchObject({ ledger: 'investment_promise', ledgerLabel: '招商引资政策承诺', dueOn: '2026-02-01', statusLabel: '逾期未兑现' });
    const ledger = wb.ledgers.find((l) => l.ledger === 'investment_promise')!;
    expect(Object.fromEntries(ledger.statuses.map((s) => [s.label, s.count]))).toEqual({ 未到期: 5, 已兑现: 8, 逾期未兑现: 8, 已调整补偿: 3, 有争议: 2 });
    expect(ledger.overdue).toEqual({ count: 8, link: '/promises?statuses=overdue&sortBy=dueOn&sortOrder=asc' });
    expect(wb.figures[0]).toMatchObject({ label: '2026 年招商引资承诺兑现率', value: '65.7%', hint: '已兑现 1,650,000.00 元 / 应兑现 2,510,000.00 元（18 项到期）' });
    const mine = await app.db.read((sql) => buildWorkbench(sql, WORKBENCH_SOURCES, { today: '2026-06-15', userId: app.reviewer.id }));
    expect([mine.dueSoonTotal, mine.overdueTotal]).toEqual([0, 0]);
  });
});
