import { randomUUID } from 'node:crypto';
import type { ReadSql, WriteSql } from '../../db/database';
import { AppError, ERROR_CODES, validationError } from '../../../shared/contract/errors';
import type { RecordDetail } from '../../../shared/contract/records';
import { RECORD_STATUS_LABELS, RECORD_FIELD_LABELS, type RecordStatus } from '../../../shared/domain/dishonesty';
import { RECORD_MACHINE } from '../../../shared/domain/recordLifecycle';
import type { RecordFields } from '../../../shared/domain/recordSchema';
import { roleAllows } from '../../../shared/domain/roles';
import { nameSortKey, personSortKey } from '../../../shared/domain/sortKey';
import { todayIso } from '../../../shared/validation/dates';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';
import { checkMove, type MoveRequest } from '../ledger/statusRunner';
import { loadRow, logVersion, requireRow, requireVersion, type VersionedSpec, type VersionNote } from '../ledger/versionedEntity';
import { duplicateReason, findDuplicateRecords } from './recordDuplicates';
import { cleanFields, FIELD_COLUMNS, FIELD_NAMES, snapshotOf, toDetail, type RecordDbRow } from './recordRow';
import { discardDraftInTx } from '../drafts/draftsService';
import { columnValues, updateChangedColumns } from '../ledger/fieldColumns';

export type { VersionNote };

/** The records ledger as a versioned entity (its history, audit entries and upload items). */
export const RECORD_VERSIONING: VersionedSpec<RecordDbRow> = {
  kind: 'dishonesty_record',
  table: 'dishonesty_records',
  versionsTable: 'record_versions',
  snapshotOf,
  notFoundMessage: '找不到该失信记录，可能已被删除或编号有误',
  noun: '该记录',
};

/** The audit entity name and upload kind of this ledger. */
export const RECORD_ENTITY = RECORD_VERSIONING.kind;

/** Columns written with the fields: the pinyin sort keys of the subject's and the unit's names. */
function sortKeys(fields: RecordFields): [string, string] {
  const unitKey = nameSortKey(fields.unitName);
  return [fields.subjectType === 'person' ? personSortKey(fields.personName ?? '') : unitKey, unitKey];
}

const INSERT_SQL = `INSERT INTO dishonesty_records (id, version, status, previous_status, locked, ${FIELD_NAMES.map((f) => FIELD_COLUMNS[f]).join(', ')},
  subject_sort, unit_sort, created_at, created_by, updated_at, updated_by)
  VALUES (?, 1, '${RECORD_MACHINE.initial}', NULL, 0, ${FIELD_NAMES.map(() => '?').join(', ')}, ?, ?, ?, ?, ?, ?)`;
/** The columns a save writes: the fields and their sort keys. */
function columnsOf(fields: RecordFields): Record<string, unknown> {
  const [subjectSort, unitSort] = sortKeys(fields);
  return { ...columnValues(fields, FIELD_COLUMNS), subject_sort: subjectSort, unit_sort: unitSort };
}

export const loadRecordRow = (sql: ReadSql, id: string) => loadRow(sql, RECORD_VERSIONING, id);

/** Insert one validated record inside the caller's transaction (used by the form and by the import). */
export function insertRecord(sql: WriteSql, at: string, actor: Actor, input: RecordFields, action = 'create'): RecordDbRow {
  const fields = cleanFields(input);
  const id = randomUUID();
  sql.run(INSERT_SQL, id, ...FIELD_NAMES.map((f) => fields[f]), ...sortKeys(fields), at, actor.id, at, actor.id);
  const row = loadRecordRow(sql, id)!;
  logVersion(sql, RECORD_VERSIONING, at, actor, null, row, { action });
  return row;
}

/**
 * Refuse a second record of the same subject with the same 认定文书编号 unless the clerk saw the warning and
 * confirmed it: the form shows the warning before saving, and the service holds the rule however the
 * request was made (a quick save, the CLI, another window).
 */
function refuseUnconfirmedDuplicate(sql: ReadSql, actor: Actor, fields: RecordFields, confirmed: boolean | undefined, excludeId?: string): void {
  if (confirmed) return;
  const duplicates = findDuplicateRecords(sql, actor, { ...fields, excludeId });
  if (duplicates.length > 0) throw new AppError(ERROR_CODES.duplicate, duplicateReason(fields, duplicates), 'docNumber');
}

/** `confirmedDuplicate`: the clerk saw the duplicate warning and saves anyway. */
export async function createRecord(
  deps: ServiceDeps, actor: Actor, fields: RecordFields, draftKey?: string, confirmedDuplicate?: boolean,
): Promise<RecordDetail> {
  requirePermission(actor, 'records.edit');
  return deps.db.write((sql) => {
    refuseUnconfirmedDuplicate(sql, actor, cleanFields(fields), confirmedDuplicate);
    const row = insertRecord(sql, isoNow(deps), actor, fields);
    discardDraftInTx(sql, actor, draftKey);
    return detailOf(sql, actor, row);
  });
}

const duplicateKeyChanged = (before: RecordDbRow, after: RecordFields) =>
  before.subject_type !== after.subjectType || before.unit_uscc !== after.unitUscc ||
  before.person_id_number !== after.personIdNumber || before.doc_number !== after.docNumber;

export interface UpdateRequest {
  id: string;
  expectedVersion: number;
  fields: RecordFields;
  reason?: string;
  draftKey?: string;
  confirmedDuplicate?: boolean;
}

/**
 * Edit a record. A record still being verified is edited in place; any other (approved, closed) record is
 * corrected: the change needs a reviewer and a reason, and becomes a new version in the history.
 */
export async function updateRecord(deps: ServiceDeps, actor: Actor, req: UpdateRequest): Promise<RecordDetail> {
  return deps.db.write((sql) => {
    const before = requireRow(sql, RECORD_VERSIONING, req.id);
    requireVersion(RECORD_VERSIONING, before, req.expectedVersion);
    const inPlace = !before.locked && RECORD_MACHINE.editableInPlace.includes(before.status);
    const reason = req.reason?.trim() || null;
    if (inPlace) requirePermission(actor, 'records.edit');
    else {
      requirePermission(actor, 'records.correct');
      if (!reason) throw validationError('reason', `该记录${before.locked ? '已审核锁定' : `处于“${RECORD_STATUS_LABELS[before.status]}”状态`}，更正须填写更正理由`);
    }
    const fields = cleanFields(keepHiddenIdentity(before, req.fields, actor));
    // Only an edit that changes who or which document it is can make a new duplicate (one already
    // confirmed is not asked again at every later edit).
    if (duplicateKeyChanged(before, fields)) refuseUnconfirmedDuplicate(sql, actor, fields, req.confirmedDuplicate, req.id);
    const at = isoNow(deps);
    updateChangedColumns(sql, RECORD_VERSIONING.table, before, columnsOf(fields), { at, by: actor.id, id: req.id });
    const after = loadRecordRow(sql, req.id)!;
    logVersion(sql, RECORD_VERSIONING, at, actor, before, after, { action: inPlace ? 'edit' : 'correct', reason });
    discardDraftInTx(sql, actor, req.draftKey);
    return detailOf(sql, actor, after);
  });
}

/** A user who saw the identity number masked sends the mask back unchanged: keep the stored number. */
function keepHiddenIdentity(before: RecordDbRow, fields: RecordFields, actor: Actor): RecordFields {
  if (identityVisibleTo(actor, before) || !before.person_id_number) return fields;
  return { ...fields, personIdNumber: before.person_id_number };
}

export interface TransitionRequest extends MoveRequest {
  id: string;
  expectedVersion: number;
}

/** Move a record along its life cycle (shared/domain/recordLifecycle.ts decides what is allowed). */
export async function transitionRecord(deps: ServiceDeps, actor: Actor, req: TransitionRequest): Promise<RecordDetail> {
  return deps.db.write((sql) => detailOf(sql, actor, transitionRecordInTx(sql, deps, actor, req)));
}

/** The same move inside the caller's transaction (a notice's 验收 moves its record on with it). */
export function transitionRecordInTx(sql: WriteSql, deps: Pick<ServiceDeps, 'now'>, actor: Actor, req: TransitionRequest): RecordDbRow {
  {
    const before = requireRow(sql, RECORD_VERSIONING, req.id);
    requireVersion(RECORD_VERSIONING, before, req.expectedVersion);
    const move = checkMove(RECORD_MACHINE, actor, {
      status: before.status,
      previousStatus: before.previous_status ?? 'recognised',
      isFilled: (field) => before[FIELD_COLUMNS[field]] !== null && before[FIELD_COLUMNS[field]] !== '',
      fieldLabel: (field) => RECORD_FIELD_LABELS[field],
      today: todayIso(deps.now()),
    }, req);
    const to: RecordStatus = move.to;
    const previous = to === 'objection' ? before.status : null;
    const at = isoNow(deps);
    const locks = move.transition.locks === true;
    sql.run(
      `UPDATE dishonesty_records SET status = ?, previous_status = ?, locked = CASE WHEN ? THEN 1 ELSE locked END,
         approved_at = CASE WHEN ? THEN ? ELSE approved_at END, approved_by = CASE WHEN ? THEN ? ELSE approved_by END,
         version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
      to, previous, locks ? 1 : 0, locks ? 1 : 0, at, locks ? 1 : 0, actor.id, at, actor.id, req.id,
    );
    const after = loadRecordRow(sql, req.id)!;
    logVersion(sql, RECORD_VERSIONING, at, actor, before, after, {
      action: move.transition.action, reason: move.reason, approver: move.approver, date: req.date ?? null,
    });
    return after;
  }
}

/** Full identity numbers: reviewers and administrators, and the clerk who entered a record still in draft. */
export function identityVisibleTo(actor: Actor, row: Pick<RecordDbRow, 'created_by' | 'locked'>): boolean {
  return roleAllows(actor.role, 'records.viewIdentity') || (row.created_by === actor.id && !row.locked);
}

export function userNames(sql: ReadSql): Map<string, string> {
  return new Map(sql.all<{ id: string; display_name: string }>(`SELECT id, display_name FROM users`).map((u) => [u.id, u.display_name]));
}

export function detailOf(sql: ReadSql, actor: Actor, row: RecordDbRow): RecordDetail {
  return toDetail(row, userNames(sql), identityVisibleTo(actor, row));
}
