import { randomUUID } from 'node:crypto';
import type { ReadSql, WriteSql } from '../../db/database';
import { AppError, ERROR_CODES, validationError } from '../../../shared/contract/errors';
import type { CommitmentDetail } from '../../../shared/contract/commitments';
import { COMMITMENT_FIELD_LABELS, COMMITMENT_STATUS_LABELS, type CommitmentStatus } from '../../../shared/domain/commitments';
import { COMMITMENT_MACHINE } from '../../../shared/domain/commitmentLifecycle';
import type { CommitmentFields, SupervisionEntry, SupervisionInput } from '../../../shared/domain/commitmentSchema';
import { nameSortKey } from '../../../shared/domain/sortKey';
import { todayIso } from '../../../shared/validation/dates';
import { isoNow, type Actor, type NonUserAuthor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';
import type { DerivedRunner } from '../ledger/derivedSchedule';
import { applyDerivedStates, applyDerivedStateTo, checkMove, type MoveRequest } from '../ledger/statusRunner';
import { logVersion, requireRow, requireVersion, type VersionedSpec } from '../ledger/versionedEntity';
import { userNames } from '../records/recordsService';
import { cleanFields, FIELD_COLUMNS, FIELD_NAMES, snapshotOf, supervisionOf, toDetail, type CommitmentDbRow } from './commitmentRow';
import { discardDraftInTx } from '../drafts/draftsService';
import { columnValues, updateChangedColumns } from '../ledger/fieldColumns';

/** The commitments ledger as a versioned entity (its history, audit entries and upload items). */
export const COMMITMENT_VERSIONING: VersionedSpec<CommitmentDbRow> = {
  kind: 'public_commitment',
  table: 'public_commitments',
  versionsTable: 'commitment_versions',
  snapshotOf,
  notFoundMessage: '找不到该公开承诺，可能已被删除或编号有误',
  noun: '该承诺',
};

const INSERT_SQL = `INSERT INTO public_commitments (id, version, status, locked, ${FIELD_NAMES.map((f) => FIELD_COLUMNS[f]).join(', ')},
  unit_sort, created_at, created_by, updated_at, updated_by)
  VALUES (?, 1, '${COMMITMENT_MACHINE.initial}', 0, ${FIELD_NAMES.map(() => '?').join(', ')}, ?, ?, ?, ?, ?)`;

export const loadCommitmentRow = (sql: ReadSql, id: string) => sql.get<CommitmentDbRow>(`SELECT * FROM public_commitments WHERE id = ?`, id);

/** The local calendar day of an instant: what "the due date has passed" is measured against. */
const dayOf = (at: string) => todayIso(new Date(at));

/** The system's 逾期未兑现: status and version move, the last user's name stays on updated_by. */
function writeDerived(sql: WriteSql, row: CommitmentDbRow, to: string, at: string, _author: NonUserAuthor): CommitmentDbRow {
  sql.run(`UPDATE public_commitments SET status = ?, version = version + 1, updated_at = ? WHERE id = ?`, to, at, row.id);
  return loadCommitmentRow(sql, row.id)!;
}

/** After a user's change: a commitment whose due date has already passed falls overdue at once (the system's version). */
const settleDue = (sql: WriteSql, row: CommitmentDbRow, at: string) =>
  applyDerivedStateTo(sql, COMMITMENT_VERSIONING, COMMITMENT_MACHINE, row, dayOf(at), at, writeDerived) ?? row;

/** Every commitment whose due date has passed while it is still open falls overdue (at start and at midnight). */
export const COMMITMENT_DERIVED_RUNNER: DerivedRunner = {
  name: 'commitments',
  run: (sql, today, at) => applyDerivedStates(sql, COMMITMENT_VERSIONING, COMMITMENT_MACHINE, today, at, writeDerived),
};

/** One commitment number per unit: the same 统一社会信用代码 and 承诺编号 is the same commitment. */
export function findSameNumber(sql: ReadSql, fields: Pick<CommitmentFields, 'unitUscc' | 'number'>, excludeId?: string): CommitmentDbRow | undefined {
  return sql.get<CommitmentDbRow>(
    `SELECT * FROM public_commitments WHERE unit_uscc = ? AND number = ? AND id IS NOT ?`, fields.unitUscc, fields.number, excludeId ?? null,
  );
}

export const sameNumberReason = (other: Pick<CommitmentDbRow, 'title' | 'status'>) =>
  `该单位已有承诺编号相同的公开承诺（${other.title}，${COMMITMENT_STATUS_LABELS[other.status]}），同一单位的承诺编号不能重复`;

function refuseSameNumber(sql: ReadSql, fields: CommitmentFields, excludeId?: string): void {
  const other = findSameNumber(sql, fields, excludeId);
  if (other) throw new AppError(ERROR_CODES.duplicate, sameNumberReason(other), 'number');
}

/** Insert one validated commitment inside the caller's transaction (the form and the import). */
export function insertCommitment(sql: WriteSql, at: string, actor: Actor, input: CommitmentFields, action = 'create'): CommitmentDbRow {
  const fields = cleanFields(input);
  refuseSameNumber(sql, fields);
  const id = randomUUID();
  sql.run(INSERT_SQL, id, ...FIELD_NAMES.map((f) => fields[f]), nameSortKey(fields.unitName), at, actor.id, at, actor.id);
  const row = loadCommitmentRow(sql, id)!;
  logVersion(sql, COMMITMENT_VERSIONING, at, actor, null, row, { action });
  return settleDue(sql, row, at);
}

export function detailOf(sql: ReadSql, row: CommitmentDbRow): CommitmentDetail {
  return toDetail(row, userNames(sql));
}

export async function createCommitment(deps: ServiceDeps, actor: Actor, fields: CommitmentFields, draftKey?: string): Promise<CommitmentDetail> {
  requirePermission(actor, 'commitments.edit');
  return deps.db.write((sql) => {
    const row = insertCommitment(sql, isoNow(deps), actor, fields);
    discardDraftInTx(sql, actor, draftKey);
    return detailOf(sql, row);
  });
}

export interface CommitmentUpdate {
  id: string;
  expectedVersion: number;
  fields: CommitmentFields;
  reason?: string;
  draftKey?: string;
}

/** Where an overdue commitment was before the system made it overdue (a corrected due date takes it back). */
function statusBeforeOverdue(sql: ReadSql, id: string): CommitmentStatus {
  const last = sql.get<{ status_before: CommitmentStatus }>(
    `SELECT status_before FROM commitment_versions WHERE entity_id = ? AND action = 'fallOverdue' ORDER BY version DESC LIMIT 1`, id,
  );
  return last?.status_before ?? 'performing';
}

/**
 * Edit a commitment. One still 待确认 is edited in place by the clerk; a confirmed (locked) or closed one is
 * corrected: a reviewer, with a reason, as a new version. A due date corrected to today or later takes an
 * overdue commitment back to where it was; one moved into the past makes it overdue (the system's version).
 */
export async function updateCommitment(deps: ServiceDeps, actor: Actor, req: CommitmentUpdate): Promise<CommitmentDetail> {
  return deps.db.write((sql) => {
    const before = requireRow(sql, COMMITMENT_VERSIONING, req.id);
    requireVersion(COMMITMENT_VERSIONING, before, req.expectedVersion);
    const inPlace = !before.locked && COMMITMENT_MACHINE.editableInPlace.includes(before.status);
    const reason = req.reason?.trim() || null;
    if (inPlace) requirePermission(actor, 'commitments.edit');
    else {
      requirePermission(actor, 'commitments.correct');
      if (!reason) {
        const why = before.locked ? '已审核确认' : `处于“${COMMITMENT_STATUS_LABELS[before.status]}”状态`;
        throw validationError('reason', `该承诺${why}，更正须填写更正理由`);
      }
    }
    const fields = cleanFields(req.fields);
    refuseSameNumber(sql, fields, req.id);
    const at = isoNow(deps);
    const status = before.status === 'overdue' && fields.dueOn >= dayOf(at) ? statusBeforeOverdue(sql, req.id) : before.status;
    const columns = { ...columnValues(fields, FIELD_COLUMNS), unit_sort: nameSortKey(fields.unitName), status };
    updateChangedColumns(sql, COMMITMENT_VERSIONING.table, before, columns, { at, by: actor.id, id: req.id });
    const after = loadCommitmentRow(sql, req.id)!;
    logVersion(sql, COMMITMENT_VERSIONING, at, actor, before, after, { action: inPlace ? 'edit' : 'correct', reason });
    discardDraftInTx(sql, actor, req.draftKey);
    return detailOf(sql, settleDue(sql, after, at));
  });
}

export interface CommitmentMove extends MoveRequest {
  id: string;
  expectedVersion: number;
}

/** Confirm or close a commitment (shared/domain/commitmentLifecycle.ts decides what is allowed, and who). */
export async function transitionCommitment(deps: ServiceDeps, actor: Actor, req: CommitmentMove): Promise<CommitmentDetail> {
  return deps.db.write((sql) => {
    const before = requireRow(sql, COMMITMENT_VERSIONING, req.id);
    requireVersion(COMMITMENT_VERSIONING, before, req.expectedVersion);
    const at = isoNow(deps);
    const move = checkMove(COMMITMENT_MACHINE, actor, {
      status: before.status,
      previousStatus: null,
      isFilled: (field) => before[FIELD_COLUMNS[field]] !== null && before[FIELD_COLUMNS[field]] !== '',
      fieldLabel: (field) => COMMITMENT_FIELD_LABELS[field],
      today: dayOf(at),
    }, req);
    const confirming = move.transition.action === 'confirm';
    const locks = move.transition.locks === true;
    if (confirming) {
      sql.run(
        `UPDATE public_commitments SET status = ?, locked = 1, confirmed_at = ?, confirmed_by = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
        move.to, at, actor.id, at, actor.id, req.id,
      );
    } else {
      sql.run(
        `UPDATE public_commitments SET status = ?, locked = CASE WHEN ? THEN 1 ELSE locked END, outcome_on = ?, outcome_note = ?, outcome_detail = ?,
           outcome_approver = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
        move.to, locks ? 1 : 0, move.date, move.reason, move.reference, move.approver, at, actor.id, req.id,
      );
    }
    const after = loadCommitmentRow(sql, req.id)!;
    logVersion(sql, COMMITMENT_VERSIONING, at, actor, before, after, {
      action: move.transition.action, reason: move.reason, approver: move.approver, date: move.date,
    });
    return detailOf(sql, settleDue(sql, after, at));
  });
}

/** 2024-05-06 张某 实地检查：符合承诺 — how an entry reads in the history. */
export function supervisionSummary(entry: SupervisionInput): string {
  return entry.kind === 'check'
    ? `${entry.inspector}（${entry.method}）：${entry.result}。${entry.finding}`
    : `${entry.channel}：${entry.result}。${entry.content}`;
}

/**
 * Log a supervision check or a public complaint against a commitment (any state: a closed one can still be
 * complained about). The entry is attributed to the user and is a new version of the commitment.
 */
export async function superviseCommitment(
  deps: ServiceDeps, actor: Actor, req: { id: string; expectedVersion: number; entry: SupervisionInput },
): Promise<CommitmentDetail> {
  requirePermission(actor, 'commitments.edit');
  return deps.db.write((sql) => {
    const before = requireRow(sql, COMMITMENT_VERSIONING, req.id);
    requireVersion(COMMITMENT_VERSIONING, before, req.expectedVersion);
    const at = isoNow(deps);
    const entry = { ...req.entry, id: randomUUID(), at, byName: actor.displayName } as SupervisionEntry;
    const log = [...supervisionOf(before), entry];
    sql.run(
      `UPDATE public_commitments SET supervision_json = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
      JSON.stringify(log), at, actor.id, req.id,
    );
    const after = loadCommitmentRow(sql, req.id)!;
    logVersion(sql, COMMITMENT_VERSIONING, at, actor, before, after, {
      action: entry.kind === 'check' ? 'addCheck' : 'addComplaint', reason: supervisionSummary(req.entry), date: entry.on,
    });
    return detailOf(sql, after);
  });
}
