import { randomUUID } from 'node:crypto';
import type { ReadSql, WriteSql } from '../../db/database';
import { retryWhenBusy } from '../../db/busyRetry';
import { AppError, ERROR_CODES, validationError, validationFailure } from '../../../shared/contract/errors';
import type { NoticeDetail, NoticeListFilter, NoticeRow, NoticeSortKey } from '../../../shared/contract/notices';
import {
  addDays, ESCALATION_OF, formatNoticeNumber, NOTICE_FIELD_LABELS, NOTICE_MACHINE, noticeEditSchema, noticeFieldsSchema, NOTICE_SOURCE_LABELS,
  type NoticeFields, type NoticeFieldsInput, type NoticeSourceKind, type NoticeStatus,
} from '../../../shared/domain/notices';
import { nameSortKey } from '../../../shared/domain/sortKey';
import { todayIso } from '../../../shared/validation/dates';
import { recordChange } from '../changes';
import { discardDraftInTx } from '../drafts/draftsService';
import { isoNow, type Actor, type NonUserAuthor, type ServiceDeps } from '../context';
import { listPage } from '../ledger/listEngine';
import type { ListSpec } from '../ledger/listSpec';
import { applyDerivedStates, checkMove, type MoveRequest } from '../ledger/statusRunner';
import type { DerivedRunner } from '../ledger/derivedSchedule';
import { loadRow, logVersion, requireRow, requireVersion, type VersionedSpec } from '../ledger/versionedEntity';
import { columnValues, updateChangedColumns } from '../ledger/fieldColumns';
import { requirePermission } from '../permissions';
import { columnValue, escalationsOf, fieldsOf, NOTICE_COLUMNS, NOTICE_FIELD_NAMES, snapshotOf, toDetail, toListRow, type NoticeDbRow } from './noticeRow';
import { officeOf, readNoticeSettings } from './noticeSettings';
import { NOTICE_TEMPLATES, noticeSourceOf } from './sources';

/** The notices as a versioned entity: every change a version, an audit entry and a `rectification_notice` upload item. */
export const NOTICE_VERSIONING: VersionedSpec<NoticeDbRow> = {
  kind: 'rectification_notice',
  table: 'rectification_notices',
  versionsTable: 'notice_versions',
  snapshotOf,
  notFoundMessage: '找不到该整改通知书，可能已被删除或编号有误',
  noun: '该通知书',
};

/**
 * Take the database's write lock before the transaction reads anything: another process writing meanwhile
 * then makes this one wait (busy timeout) instead of failing on a stale snapshot, and an issue never reads a
 * last number another connection is about to pass.
 */
function takeWriteLock(sql: WriteSql): void {
  sql.run(`UPDATE rectification_notices SET version = version WHERE id = ''`);
}

export const loadNoticeRow = (sql: ReadSql, id: string) => loadRow(sql, NOTICE_VERSIONING, id);
export const requireNoticeRow = (sql: ReadSql, id: string) => requireRow(sql, NOTICE_VERSIONING, id);

export function userNames(sql: ReadSql): Map<string, string> {
  return new Map(sql.all<{ id: string; display_name: string }>(`SELECT id, display_name FROM users`).map((u) => [u.id, u.display_name]));
}

const detailOf = (sql: ReadSql, row: NoticeDbRow): NoticeDetail => toDetail(row, userNames(sql));

const INSERT_SQL = `INSERT INTO rectification_notices (id, version, status, source_kind, source_id, ${NOTICE_FIELD_NAMES.map((f) => NOTICE_COLUMNS[f]).join(', ')},
  addressee_sort, created_at, created_by, updated_at, updated_by)
  VALUES (?, 1, '${NOTICE_MACHINE.initial}', ?, ?, ${NOTICE_FIELD_NAMES.map(() => '?').join(', ')}, ?, ?, ?, ?, ?)`;

/** The draft a source (or a blank notice) starts from: facts and addressee from the source, the rest from settings and the template. */
function draftFields(sql: ReadSql, deps: Pick<ServiceDeps, 'now'>, kind: NoticeSourceKind, sourceId: string | null, overrides: Partial<NoticeFields>): NoticeFields {
  const settings = readNoticeSettings(sql);
  const template = NOTICE_TEMPLATES[kind];
  let source = null;
  if (kind !== 'blank') {
    const declared = noticeSourceOf(kind);
    if (!sourceId) throw validationError('sourceId', `请选择要下发整改通知书的${NOTICE_SOURCE_LABELS[kind]}`);
    declared.checkCanNotify?.(sql, sourceId);
    source = declared.load(sql, sourceId);
    if (!source) throw new AppError(ERROR_CODES.notFound, `找不到该${NOTICE_SOURCE_LABELS[kind]}`);
  }
  const base: NoticeFields = {
    title: '限期整改通知书',
    addressee: source?.addressee ?? '',
    addresseeUscc: source?.addresseeUscc ?? null,
    facts: source ? `${template.factsLead}${source.facts}` : '',
    amountFen: source?.amountFen ?? null,
    basis: settings.basis.slice(0, 1),
    requirements: template.requirements,
    deadline: addDays(todayIso(deps.now()), settings.periodDays),
    replyMethod: settings.replyMethod,
    issuingOffice: officeOf(sql).name,
    cc: settings.cc,
  };
  return noticeFieldsSchema.parse({ ...base, ...overrides });
}

/** Make a draft notice inside the caller's transaction (the form's 新建, a record's 下发整改). */
export function createNoticeInTx(
  sql: WriteSql, deps: Pick<ServiceDeps, 'now'>, actor: Actor, kind: NoticeSourceKind, sourceId: string | null, overrides: Partial<NoticeFields> = {},
): NoticeDbRow {
  takeWriteLock(sql);
  const fields = draftFields(sql, deps, kind, sourceId, overrides);
  const id = randomUUID();
  const at = isoNow(deps);
  sql.run(INSERT_SQL, id, kind, sourceId, ...NOTICE_FIELD_NAMES.map((f) => columnValue(fields, f)), nameSortKey(fields.addressee), at, actor.id, at, actor.id);
  const row = loadNoticeRow(sql, id)!;
  logVersion(sql, NOTICE_VERSIONING, at, actor, null, row, { action: 'create' });
  return row;
}

export async function createNotice(deps: ServiceDeps, actor: Actor, req: { sourceKind: NoticeSourceKind; sourceId?: string }): Promise<NoticeDetail> {
  requirePermission(actor, 'notices.edit');
  return retryWhenBusy(() => deps.db.write((sql) => detailOf(sql, createNoticeInTx(sql, deps, actor, req.sourceKind, req.sourceId ?? null))));
}

/** Edit a draft. An issued notice is an official document: it is never edited (void it and draft anew). */
export async function updateNotice(
  deps: ServiceDeps, actor: Actor, req: { id: string; expectedVersion: number; fields: NoticeFieldsInput; draftKey?: string },
): Promise<NoticeDetail> {
  requirePermission(actor, 'notices.edit');
  const parsed = noticeEditSchema.safeParse(req.fields);
  if (!parsed.success) throw validationFailure(parsed.error, ['fields']);
  const fields = parsed.data;
  return retryWhenBusy(() => deps.db.write((sql) => {
    takeWriteLock(sql);
    const before = requireRow(sql, NOTICE_VERSIONING, req.id);
    requireVersion(NOTICE_VERSIONING, before, req.expectedVersion);
    if (!NOTICE_MACHINE.editableInPlace.includes(before.status)) {
      throw new AppError(ERROR_CODES.invalidTransition, `该通知书处于“${NOTICE_MACHINE.labels[before.status]}”状态，不能修改（已签发的通知书只能作废后重新起草）`);
    }
    const at = isoNow(deps);
    const columns = { ...columnValues(fields, NOTICE_COLUMNS, columnValue), addressee_sort: nameSortKey(fields.addressee) };
    updateChangedColumns(sql, NOTICE_VERSIONING.table, before, columns, { at, by: actor.id, id: req.id });
    const after = loadNoticeRow(sql, req.id)!;
    logVersion(sql, NOTICE_VERSIONING, at, actor, before, after, { action: 'edit' });
    discardDraftInTx(sql, actor, req.draftKey);
    return detailOf(sql, after);
  }));
}

export interface NoticeMoveRequest extends MoveRequest {
  id: string;
  expectedVersion: number;
}

/**
 * The next number of the office for the issue date, taken in the issuing transaction. The issue date never
 * goes back before the office's latest issued notice (a clock set back cannot reopen an earlier year or
 * date), and the number is 1 + the largest of that office and year: numbers are never reused (a voided
 * notice keeps its number) and have no gap, since a crash rolls the whole transaction back. The database's
 * triggers (migration 0016) refuse anything else.
 */
function nextNumber(sql: ReadSql, officeUscc: string, today: string): { issuedOn: string; year: number; seq: number } {
  const latest = sql.get<{ d: string | null }>(`SELECT max(issued_on) AS d FROM rectification_notices WHERE number_office = ?`, officeUscc)?.d ?? null;
  const issuedOn = latest && latest > today ? latest : today;
  const year = Number(issuedOn.slice(0, 4));
  const max = sql.get<{ n: number | null }>(
    `SELECT max(number_seq) AS n FROM rectification_notices WHERE number_office = ? AND number_year = ?`, officeUscc, year,
  )?.n ?? 0;
  return { issuedOn, year, seq: max + 1 };
}

/** Move a notice along its life cycle (shared/domain/notices.ts NOTICE_MACHINE decides what is allowed). */
export async function transitionNotice(deps: ServiceDeps, actor: Actor, req: NoticeMoveRequest): Promise<NoticeDetail> {
  return retryWhenBusy(() => deps.db.write((sql) => detailOf(sql, transitionNoticeInTx(sql, deps, actor, req))));
}

export function transitionNoticeInTx(sql: WriteSql, deps: Pick<ServiceDeps, 'now'>, actor: Actor, req: NoticeMoveRequest): NoticeDbRow {
  takeWriteLock(sql);
  const before = requireRow(sql, NOTICE_VERSIONING, req.id);
  requireVersion(NOTICE_VERSIONING, before, req.expectedVersion);
  const today = todayIso(deps.now());
  const fields = fieldsOf(before);
  const move = checkMove(NOTICE_MACHINE, actor, {
    status: before.status,
    previousStatus: null,
    isFilled: (field) => {
      const v = fields[field];
      return v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
    },
    fieldLabel: (field) => NOTICE_FIELD_LABELS[field],
    today,
  }, req);
  const at = isoNow(deps);
  const to: NoticeStatus = move.to;
  const set: Record<string, unknown> = {};
  let date = move.date;
  switch (move.transition.action) {
    case 'issue': {
      const office = officeOf(sql);
      if (!office.prefix) throw validationError('noticePrefix', '请先由管理员在“单位设置”中填写文号前缀');
      if (!office.uscc) throw validationError('officeUscc', '请先由管理员在“单位设置”中填写单位统一社会信用代码');
      const n = nextNumber(sql, office.uscc, today);
      if (before.deadline && before.deadline < n.issuedOn) throw validationError('deadline', '整改期限不能早于签发日期');
      Object.assign(set, {
        number_office: office.uscc, number_prefix: office.prefix, number_year: n.year, number_seq: n.seq,
        number_text: formatNoticeNumber(office.prefix, n.year, n.seq), issued_on: n.issuedOn, issued_at: at, issued_by: actor.id,
      });
      date = n.issuedOn;
      break;
    }
    case 'reply':
      if (move.date! < (before.issued_on ?? move.date!)) throw validationError('date', '回复日期不能早于签发日期');
      Object.assign(set, { reply_on: move.date, reply_summary: move.reason });
      break;
    case 'verify':
      if (move.date! < (before.reply_on ?? move.date!)) throw validationError('date', '验收日期不能早于回复日期');
      Object.assign(set, { verified_on: move.date, verify_note: move.reason });
      break;
    case 'void':
      Object.assign(set, { void_reason: move.reason });
      break;
    default: {
      const kind = ESCALATION_OF[move.transition.action];
      if (kind) set.escalations_json = JSON.stringify([...escalationsOf(before), { kind, date: move.date, note: move.reason }]);
    }
  }
  const columns = Object.keys(set);
  sql.run(
    `UPDATE rectification_notices SET status = ?, ${columns.map((c) => `${c} = ?, `).join('')}version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
    to, ...columns.map((c) => set[c]), at, actor.id, req.id,
  );
  const after = loadNoticeRow(sql, req.id)!;
  let reason = move.reason;
  if (move.transition.action === 'verify' && before.source_kind !== 'blank' && before.source_id) {
    const moved = noticeSourceOf(before.source_kind).onVerified?.(sql, deps, actor, before.source_id, { date: move.date!, reason: move.reason! });
    if (moved) reason = `${reason}（${moved}）`;
  }
  logVersion(sql, NOTICE_VERSIONING, at, actor, before, after, { action: move.transition.action, reason, date });
  return after;
}

/** How the system writes 逾期 (a derived state): status and time, authored by nobody. */
function writeDerived(sql: WriteSql, row: NoticeDbRow, to: string, at: string, _author: NonUserAuthor): NoticeDbRow {
  sql.run(`UPDATE rectification_notices SET status = ?, version = version + 1, updated_at = ?, updated_by = NULL WHERE id = ?`, to, at, row.id);
  return loadNoticeRow(sql, row.id)!;
}

/** 逾期 for every issued notice whose deadline has passed with no reply, as versions by the system. */
export const NOTICE_DERIVED_RUNNER: DerivedRunner = {
  name: 'notices',
  run: (sql, today, at) => applyDerivedStates(sql, NOTICE_VERSIONING, NOTICE_MACHINE, today, at, writeDerived),
};

export async function applyNoticeDeadlines(deps: ServiceDeps): Promise<number> {
  return retryWhenBusy(() => deps.db.write((sql) => NOTICE_DERIVED_RUNNER.run(sql, todayIso(deps.now()), isoNow(deps))));
}

/**
 * Count prints and PDFs on the notices (issue 10 §3). Not a version of the notice's content: an audit entry
 * per notice, in the same transaction as the count.
 */
export async function countOutput(deps: ServiceDeps, actor: Actor, ids: readonly string[], kind: 'print' | 'pdf'): Promise<void> {
  const column = kind === 'print' ? 'print_count' : 'pdf_count';
  await retryWhenBusy(() => deps.db.write((sql) => {
    const at = isoNow(deps);
    for (const id of ids) {
      const row = requireRow(sql, NOTICE_VERSIONING, id);
      sql.run(`UPDATE rectification_notices SET ${column} = ${column} + 1 WHERE id = ?`, id);
      recordChange(sql, at, actor, {
        entity: NOTICE_VERSIONING.kind, entityId: id, action: kind,
        before: null, after: { number: row.number_text, [kind === 'print' ? 'printCount' : 'pdfCount']: row[column] + 1 },
      });
    }
  }));
}

/** The 限期整改通知书 list: filters, sorts and the search index (migration 0016). */
export const NOTICE_LIST_SPEC: ListSpec = {
  table: 'rectification_notices',
  choiceFilters: { statuses: 'status', sourceKinds: 'source_kind', years: 'number_year' },
  rangeFilters: { deadlineFrom: { column: 'deadline', bound: 'from' }, deadlineTo: { column: 'deadline', bound: 'to' } },
  search: { indexTable: 'notice_search', columns: ['addressee', 'number_text', 'title', 'facts', 'requirements'] },
  textFilters: { addressee: { indexTable: 'notice_addressee_search', columns: ['addressee'] } },
  sorts: { updatedAt: 'updated_at', number: 'number_year', deadline: 'deadline', issuedOn: 'issued_on', addressee: 'addressee_sort' },
};

export type NoticeListQuery = NoticeListFilter & { sortBy: NoticeSortKey; sortOrder: 'asc' | 'desc' };

function withOverdue(q: NoticeListQuery): NoticeListQuery {
  if (!q.overdue) return q;
  const statuses = q.statuses?.length ? q.statuses.filter((s) => s === 'overdue') : ['overdue' as const];
  // a filter that keeps nothing: a status no notice has
  return { ...q, statuses: statuses.length ? statuses : (['__none__'] as unknown as NoticeStatus[]) };
}

export function listNotices(sql: ReadSql, q: NoticeListQuery & { page: number; pageSize: number }): { items: NoticeRow[]; total: number } {
  const { rows, total } = listPage<NoticeDbRow>(sql, NOTICE_LIST_SPEC, withOverdue(q) as never);
  return { total, items: rows.map(toListRow) };
}

/** Every notice of a filter (the batch PDF), numbered ones in number order. */
export function noticeIdsFor(sql: ReadSql, filter: { year?: number; status?: NoticeStatus }): string[] {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.year !== undefined) { clauses.push('number_year = ?'); params.push(filter.year); }
  if (filter.status) { clauses.push('status = ?'); params.push(filter.status); }
  return sql.all<{ id: string }>(
    `SELECT id FROM rectification_notices ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY number_year, number_seq, seq`, ...params,
  ).map((r) => r.id);
}

export function noticesOfSource(sql: ReadSql, kind: NoticeSourceKind, id: string): NoticeRow[] {
  return sql.all<NoticeDbRow>(`SELECT * FROM rectification_notices WHERE source_kind = ? AND source_id = ? ORDER BY seq DESC`, kind, id).map(toListRow);
}
