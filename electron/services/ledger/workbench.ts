import type { ReadSql } from '../../db/database';
import type { DueEntry, Workbench } from '../../../shared/contract/workbench';
import { ENTITY_KINDS, type EntityKind } from '../../../shared/domain/entityKinds';

/** What the workbench asks a ledger: for the signed-in user (userId) or the whole office (null). */
export interface DueQuery {
  today: string;
  /** The last day of "falls due soon" (today + the horizon). */
  until: string;
  userId: string | null;
  /** At most this many entries of each list. */
  limit: number;
}

/**
 * A ledger's declaration for the workbench (工作台): what of it falls due soon and what is overdue, its counts
 * by status, and any headline figure. Each ledger provides one and the catalog lists them (WORKBENCH_SOURCES),
 * so a ledger that lands later joins the workbench by adding its declaration.
 */
export interface WorkbenchSource {
  kind: EntityKind;
  /** Open entries due in [today, until], soonest first, and how many in all. */
  dueSoon(sql: ReadSql, q: DueQuery): { entries: Omit<DueEntry, 'ledger' | 'ledgerLabel'>[]; total: number };
  /** Entries past their due date and still open, oldest first, and how many in all. */
  overdue(sql: ReadSql, q: DueQuery): { entries: Omit<DueEntry, 'ledger' | 'ledgerLabel'>[]; total: number };
  /** Count per status (only statuses that have entries); `link` opens the list filtered on it. */
  statusCounts(sql: ReadSql, q: DueQuery): Array<{ status: string; label: string; count: number; link: string }>;
  /** The list filtered on what falls due soon / is overdue. */
  links(q: DueQuery): { dueSoon: string; overdue: string };
  figures?(sql: ReadSql, q: DueQuery): Workbench['figures'];
}

export const WORKBENCH_HORIZON_DAYS = 30;

/** A ledger's count per status (only the statuses that have entries), each with the list link filtered on it. */
export function statusCountsOf<S extends string>(
  sql: ReadSql, table: string, statuses: readonly S[], labels: Record<S, string>,
  who: { sql: string; params: unknown[] }, link: (status: S) => string,
): Array<{ status: string; label: string; count: number; link: string }> {
  const counts = new Map(
    sql.all<{ status: S; n: number }>(`SELECT status, count(*) AS n FROM ${table} WHERE 1 = 1${who.sql} GROUP BY status`, ...who.params).map((r) => [r.status, r.n]),
  );
  return statuses.filter((s) => counts.has(s)).map((s) => ({ status: s, label: labels[s], count: counts.get(s)!, link: link(s) }));
}
const LIST_LIMIT = 50;

/** A calendar day (YYYY-MM-DD) some days later. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The workbench across every ledger that declares itself. */
export function buildWorkbench(sql: ReadSql, sources: readonly WorkbenchSource[], opts: { today: string; userId: string | null }): Workbench {
  const q: DueQuery = { today: opts.today, until: addDays(opts.today, WORKBENCH_HORIZON_DAYS), userId: opts.userId, limit: LIST_LIMIT };
  const dueSoon: DueEntry[] = [];
  const overdue: DueEntry[] = [];
  let dueSoonTotal = 0;
  let overdueTotal = 0;
  const ledgers: Workbench['ledgers'] = [];
  const figures: Workbench['figures'] = [];
  for (const source of sources) {
    const label = ENTITY_KINDS[source.kind].label;
    const tag = (e: Omit<DueEntry, 'ledger' | 'ledgerLabel'>): DueEntry => ({ ...e, ledger: source.kind, ledgerLabel: label });
    const soon = source.dueSoon(sql, q);
    const late = source.overdue(sql, q);
    dueSoon.push(...soon.entries.map(tag));
    overdue.push(...late.entries.map(tag));
    dueSoonTotal += soon.total;
    overdueTotal += late.total;
    const links = source.links(q);
    ledgers.push({
      ledger: source.kind, label, link: ENTITY_KINDS[source.kind].route ?? '/',
      dueSoon: { count: soon.total, link: links.dueSoon }, overdue: { count: late.total, link: links.overdue },
      statuses: source.statusCounts(sql, q),
    });
    figures.push(...(source.figures?.(sql, q) ?? []));
  }
  dueSoon.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  overdue.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return {
    today: q.today, until: q.until, horizonDays: WORKBENCH_HORIZON_DAYS, mine: opts.userId !== null,
    dueSoon: dueSoon.slice(0, LIST_LIMIT), dueSoonTotal, overdue: overdue.slice(0, LIST_LIMIT), overdueTotal, ledgers, figures,
  };
}
