import type { ReadSql } from '../../db/database';
import { COMMITMENT_STATUS_LABELS, COMMITMENT_STATUSES, type CommitmentStatus } from '../../../shared/domain/commitments';
import { statusCountsOf, type DueQuery, type WorkbenchSource } from '../ledger/workbench';

/** A list link: /commitments with the filter in the query (useListPage opens the list on it). */
const commitmentListLink = (filter: Record<string, string>) => `/commitments?${new URLSearchParams(filter).toString()}`;

/** Still to be kept: entered (awaiting confirmation) or being performed. */
const OPEN = `('pending', 'performing')`;

/** "Mine": the commitments the signed-in user entered (the 责任人 is a name on the unit's side, not a user). */
const whoClause = (q: DueQuery) => (q.userId ? { sql: ' AND created_by = ?', params: [q.userId] } : { sql: '', params: [] as unknown[] });

interface DueRow {
  id: string;
  number: string;
  title: string;
  unit_name: string;
  department: string;
  responsible_person: string;
  due_on: string;
  status: CommitmentStatus;
}

function entries(sql: ReadSql, where: string, params: unknown[], q: DueQuery) {
  const who = whoClause(q);
  const rows = sql.all<DueRow>(
    `SELECT id, number, title, unit_name, department, responsible_person, due_on, status FROM public_commitments
      WHERE ${where}${who.sql} ORDER BY due_on, seq LIMIT ?`, ...params, ...who.params, q.limit,
  );
  const total = sql.get<{ n: number }>(`SELECT count(*) AS n FROM public_commitments WHERE ${where}${who.sql}`, ...params, ...who.params)!.n;
  return {
    total,
    entries: rows.map((r) => ({
      id: r.id,
      title: `${r.unit_name} · ${r.title}`,
      detail: `承诺编号 ${r.number}；${r.department}`,
      dueOn: r.due_on,
      statusLabel: COMMITMENT_STATUS_LABELS[r.status],
      responsibleName: r.responsible_person,
      link: `/commitments/${r.id}`,
    })),
  };
}

/** The public commitments on the workbench: open ones due within 30 days, overdue ones, counts per status. */
export const COMMITMENT_WORKBENCH: WorkbenchSource = {
  kind: 'public_commitment',
  dueSoon: (sql, q) => entries(sql, `status IN ${OPEN} AND due_on >= ? AND due_on <= ?`, [q.today, q.until], q),
  overdue: (sql, q) => entries(sql, `status = 'overdue'`, [], q),
  statusCounts: (sql, q) =>
    statusCountsOf(sql, 'public_commitments', COMMITMENT_STATUSES, COMMITMENT_STATUS_LABELS, whoClause(q), (s) => commitmentListLink({ statuses: s })),
  links: (q) => ({
    dueSoon: commitmentListLink({ statuses: 'pending,performing', dueFrom: q.today, dueTo: q.until, sortBy: 'dueOn', sortOrder: 'asc' }),
    overdue: commitmentListLink({ statuses: 'overdue', sortBy: 'dueOn', sortOrder: 'asc' }),
  }),
};
