import type { ReadSql } from '../../db/database';
import type { FigureRow, Figures } from '../../../shared/contract/promises';
import type { PromiseStatus } from '../../../shared/domain/promises';

interface FigureItem {
  department: string;
  enterprise_uscc: string;
  enterprise_name: string;
  type: string;
  status: PromiseStatus;
  amount_fen: number;
  due_on: string;
  compensation_fen: number | null;
  paid: number;
}

type Totals = Omit<FigureRow, 'key' | 'label' | 'rate'>;
const empty = (): Totals => ({ dueCount: 0, dueFen: 0, paidFen: 0, overdueCount: 0, overdueFen: 0, disputedCount: 0, adjustedCount: 0, compensationFen: 0 });

/**
 * What one item adds to its groups' figures, counted on the reference day `asOf`:
 * - 已调整补偿: no longer owed as promised — counted apart (with the compensation paid), never in 兑现率;
 * - every other item due by `asOf` is due: its amount in the denominator, what was paid on it by `asOf` (at
 *   most its amount: an over-payment does not pay another item) in the numerator;
 * - overdue: its due date before `asOf` and not fully paid by then, unless it is disputed (on the legal route);
 *   the overdue amount is what is still unpaid.
 */
function add(t: Totals, item: FigureItem, asOf: string): void {
  if (item.status === 'adjusted') {
    t.adjustedCount++;
    t.compensationFen += item.compensation_fen ?? 0;
    return;
  }
  const paid = Math.min(item.paid, item.amount_fen);
  t.dueCount++;
  t.dueFen += item.amount_fen;
  t.paidFen += paid;
  if (item.status === 'disputed') t.disputedCount++;
  else if (item.due_on < asOf && paid < item.amount_fen) {
    t.overdueCount++;
    t.overdueFen += item.amount_fen - paid;
  }
}

const finish = (key: string, label: string, t: Totals): FigureRow => ({ key, label, ...t, rate: t.dueFen > 0 ? t.paidFen / t.dueFen : null });

/**
 * The figures the office is asked for (DOMAIN.md §3): 兑现率 (paid ÷ due by the reference day), the overdue amount
 * and count, for items falling due in [from, to], in all and by 责任部门, enterprise, month of the due date and
 * promise type. The reference day is `to`, or today when the range reaches into the future.
 */
export function promiseFigures(sql: ReadSql, from: string, to: string, today: string): Figures {
  const asOf = to < today ? to : today;
  // Payments are never dated in the future, so on today the stored paid amount is the sum of them all.
  const paid = asOf === today ? 'paid_fen' : `coalesce((SELECT sum(p.amount_fen) FROM promise_payments p WHERE p.item_id = i.id AND p.paid_on <= ?), 0)`;
  const items = sql.all<FigureItem>(
    `SELECT department, enterprise_uscc, enterprise_name, type, status, amount_fen, due_on, compensation_fen, ${paid} AS paid
       FROM promise_items i INDEXED BY promise_items_figures WHERE due_on >= ? AND due_on <= ?`,
    ...(asOf === today ? [] : [asOf]), from, asOf,
  );
  const total = empty();
  const groups = {
    byDepartment: new Map<string, { label: string; t: Totals }>(),
    byEnterprise: new Map<string, { label: string; t: Totals }>(),
    byMonth: new Map<string, { label: string; t: Totals }>(),
    byType: new Map<string, { label: string; t: Totals }>(),
  };
  const into = (map: Map<string, { label: string; t: Totals }>, key: string, label: string) => {
    let g = map.get(key);
    if (!g) map.set(key, (g = { label, t: empty() }));
    return g.t;
  };
  for (const item of items) {
    add(total, item, asOf);
    add(into(groups.byDepartment, item.department, item.department), item, asOf);
    add(into(groups.byEnterprise, item.enterprise_uscc, item.enterprise_name), item, asOf);
    const month = item.due_on.slice(0, 7);
    add(into(groups.byMonth, month, month), item, asOf);
    add(into(groups.byType, item.type, item.type), item, asOf);
  }
  const rows = (map: Map<string, { label: string; t: Totals }>, order: (a: FigureRow, b: FigureRow) => number) =>
    [...map].map(([key, g]) => finish(key, g.label, g.t)).sort(order);
  const byKey = (a: FigureRow, b: FigureRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const byOverdue = (a: FigureRow, b: FigureRow) => b.overdueFen - a.overdueFen || b.dueFen - a.dueFen || byKey(a, b);
  return {
    from, to, asOf,
    total: finish('total', '合计', total),
    byDepartment: rows(groups.byDepartment, byOverdue),
    byEnterprise: rows(groups.byEnterprise, byOverdue),
    byMonth: rows(groups.byMonth, byKey),
    byType: rows(groups.byType, byOverdue),
  };
}
