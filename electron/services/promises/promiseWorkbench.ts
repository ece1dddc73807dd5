import type { ReadSql } from '../../db/database';
import { PROMISE_STATUS_LABELS, PROMISE_STATUSES } from '../../../shared/domain/promises';
import { formatFen } from '../../../shared/validation/money';
import { statusCountsOf, type DueQuery, type WorkbenchSource } from '../ledger/workbench';
import { userNames, type ItemDbRow } from './promiseRows';

/** A list link: /promises with the filter in the query (useListPage opens the list on it). */
export function promiseListLink(filter: Record<string, string | undefined>): string {
  const params = Object.entries(filter).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${encodeURIComponent(v!)}`);
  return `/promises${params.length ? `?${params.join('&')}` : ''}`;
}

/** The list's 范围 filter: only the items the signed-in user answers for. */
const mineParam = (q: DueQuery) => (q.userId ? 'mine' : undefined);
const whoClause = (q: DueQuery) => (q.userId ? { sql: ' AND responsible_user_id = ?', params: [q.userId] } : { sql: '', params: [] as unknown[] });

function entries(sql: ReadSql, where: string, params: unknown[], q: DueQuery) {
  const who = whoClause(q);
  const rows = sql.all<ItemDbRow>(`SELECT * FROM promise_items WHERE ${where}${who.sql} ORDER BY due_on, seq LIMIT ?`, ...params, ...who.params, q.limit);
  const total = sql.get<{ n: number }>(`SELECT count(*) AS n FROM promise_items WHERE ${where}${who.sql}`, ...params, ...who.params)!.n;
  const names = userNames(sql);
  return {
    total,
    entries: rows.map((r) => ({
      id: r.id,
      title: `${r.project_name} · 第 ${r.position} 项 ${r.type}`,
      detail: `${r.enterprise_name}；承诺 ${formatFen(r.amount_fen)} 元，已兑现 ${formatFen(r.paid_fen)} 元；${r.department}`,
      dueOn: r.due_on,
      statusLabel: PROMISE_STATUS_LABELS[r.status],
      responsibleName: names.get(r.responsible_user_id) ?? '',
      link: `/promises/projects/${r.project_id}`,
    })),
  };
}

/** The office's 兑现率 this year so far: paid ÷ due on the items due from 1 January to today (adjusted items apart). */
function rateThisYear(sql: ReadSql, q: DueQuery) {
  const who = whoClause(q);
  const r = sql.get<{ due: number | null; paid: number | null; overdue: number | null; n: number }>(
    `SELECT sum(amount_fen) AS due, sum(min(paid_fen, amount_fen)) AS paid, count(*) AS n,
            sum(CASE WHEN status = 'overdue' THEN amount_fen - paid_fen ELSE 0 END) AS overdue
       FROM promise_items WHERE due_on >= ? AND due_on <= ? AND status <> 'adjusted'${who.sql}`,
    `${q.today.slice(0, 4)}-01-01`, q.today, ...who.params,
  )!;
  return { due: r.due ?? 0, paid: r.paid ?? 0, n: r.n };
}

/** The investment-promise ledger on the workbench: items due in 30 days, overdue items, counts per status, 兑现率. */
export const PROMISE_WORKBENCH: WorkbenchSource = {
  kind: 'investment_promise',
  dueSoon: (sql, q) => entries(sql, `status IN ('pending', 'partial') AND due_on >= ? AND due_on <= ?`, [q.today, q.until], q),
  overdue: (sql, q) => entries(sql, `status = 'overdue'`, [], q),
  statusCounts: (sql, q) =>
    statusCountsOf(sql, 'promise_items', PROMISE_STATUSES, PROMISE_STATUS_LABELS, whoClause(q), (s) => promiseListLink({ statuses: s, scope: mineParam(q) })),
  links: (q) => ({
    dueSoon: promiseListLink({ statuses: 'pending,partial', dueFrom: q.today, dueTo: q.until, scope: mineParam(q), sortBy: 'dueOn', sortOrder: 'asc' }),
    overdue: promiseListLink({ statuses: 'overdue', scope: mineParam(q), sortBy: 'dueOn', sortOrder: 'asc' }),
  }),
  figures: (sql, q) => {
    const r = rateThisYear(sql, q);
    const year = q.today.slice(0, 4);
    return [{
      label: `${year} 年招商引资承诺兑现率`,
      value: r.due > 0 ? `${((r.paid / r.due) * 100).toFixed(1)}%` : '—',
      hint: r.due > 0 ? `已兑现 ${formatFen(r.paid)} 元 / 应兑现 ${formatFen(r.due)} 元（${r.n} 项到期）` : '今年尚无到期的承诺事项',
      link: `/promises/figures?from=${year}-01-01&to=${q.today}`,
    }];
  },
};
