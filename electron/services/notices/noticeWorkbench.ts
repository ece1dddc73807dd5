import type { ReadSql } from '../../db/database';
import { NOTICE_STATUS_LABELS, NOTICE_STATUSES, type NoticeStatus } from '../../../shared/domain/notices';
import { statusCountsOf, type DueQuery, type WorkbenchSource } from '../ledger/workbench';

/** A list link: /notices with the filter in the query (useListPage opens the list on it). */
const noticeListLink = (filter: Record<string, string>) => `/notices?${new URLSearchParams(filter).toString()}`;

/** "Mine": the notices the signed-in user issued (a reviewer follows up what they signed). */
const whoClause = (q: DueQuery) => (q.userId ? { sql: ' AND issued_by = ?', params: [q.userId] } : { sql: '', params: [] as unknown[] });

interface DueRow {
  id: string;
  number_text: string | null;
  addressee: string;
  title: string;
  deadline: string;
  status: NoticeStatus;
  issuer: string | null;
}

function entries(sql: ReadSql, where: string, params: unknown[], q: DueQuery) {
  const who = whoClause(q);
  const rows = sql.all<DueRow>(
    `SELECT n.id, n.number_text, n.addressee, n.title, n.deadline, n.status, u.display_name AS issuer
       FROM rectification_notices n LEFT JOIN users u ON u.id = n.issued_by
      WHERE ${where}${who.sql} ORDER BY n.deadline, n.seq LIMIT ?`,
    ...params, ...who.params, q.limit,
  );
  const total = sql.get<{ n: number }>(`SELECT count(*) AS n FROM rectification_notices n WHERE ${where}${who.sql}`, ...params, ...who.params)!.n;
  return {
    total,
    entries: rows.map((r) => ({
      id: r.id,
      title: `${r.number_text ?? '（未编号）'} 致${r.addressee}`,
      detail: r.title,
      dueOn: r.deadline,
      statusLabel: NOTICE_STATUS_LABELS[r.status],
      responsibleName: r.issuer ?? '',
      link: `/notices/${r.id}`,
    })),
  };
}

/** The notices on the workbench: issued notices whose deadline comes within 30 days, 逾期 ones, counts per status. */
export const NOTICE_WORKBENCH: WorkbenchSource = {
  kind: 'rectification_notice',
  dueSoon: (sql, q) => entries(sql, `n.status = 'issued' AND n.deadline >= ? AND n.deadline <= ?`, [q.today, q.until], q),
  overdue: (sql, q) => entries(sql, `n.status = 'overdue'`, [], q),
  statusCounts: (sql, q) =>
    statusCountsOf(sql, 'rectification_notices n', NOTICE_STATUSES, NOTICE_STATUS_LABELS, whoClause(q), (s) => noticeListLink({ statuses: s })),
  links: (q) => ({
    dueSoon: noticeListLink({ statuses: 'issued', deadlineFrom: q.today, deadlineTo: q.until, sortBy: 'deadline', sortOrder: 'asc' }),
    overdue: noticeListLink({ statuses: 'overdue', sortBy: 'deadline', sortOrder: 'asc' }),
  }),
};
