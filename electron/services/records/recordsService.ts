import { randomUUID } from 'node:crypto';
import type { Sql } from '../../db/database';
import { AppError, ERROR_CODES, forbidden, notFound, validationError } from '../../../shared/contract/errors';
import type { RecordDetail } from '../../../shared/contract/records';
import { RECORD_STATUS_LABELS, RECORD_FIELD_LABELS, type RecordStatus } from '../../../shared/domain/dishonesty';
import { EDITABLE_IN_PLACE, findTransition } from '../../../shared/domain/recordLifecycle';
import type { RecordFields } from '../../../shared/domain/recordSchema';
import { roleAllows } from '../../../shared/domain/roles';
import { todayIso } from '../../../shared/validation/dates';
import { normalizeText } from '../../../shared/validation/text';
import { recordChange } from '../changes';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';
import { cleanFields, FIELD_COLUMNS, FIELD_NAMES, snapshotOf, toDetail, type RecordDbRow } from './recordRow';

/** The audit entity name and upload kind of this ledger. */
export const RECORD_ENTITY = 'dishonesty_record';

export interface VersionNote {
  action: string;
  reason?: string | null;
  approver?: string | null;
  date?: string | null;
}

const INSERT_SQL = `INSERT INTO dishonesty_records (id, version, status, previous_status, locked, ${FIELD_NAMES.map((f) => FIELD_COLUMNS[f]).join(', ')},
  created_at, created_by, updated_at, updated_by) VALUES (?, 1, 'verifying', NULL, 0, ${FIELD_NAMES.map(() => '?').join(', ')}, ?, ?, ?, ?)`;
const UPDATE_FIELDS_SQL = `UPDATE dishonesty_records SET ${FIELD_NAMES.map((f) => `${FIELD_COLUMNS[f]} = ?`).join(', ')},
  version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`;

export function loadRecordRow(sql: Sql, id: string): RecordDbRow | undefined {
  return sql.get<RecordDbRow>(`SELECT * FROM dishonesty_records WHERE id = ?`, id);
}

function requireRecord(sql: Sql, id: string): RecordDbRow {
  const row = loadRecordRow(sql, id);
  if (!row) throw notFound('找不到该失信记录，可能已被删除或编号有误');
  return row;
}

function requireVersion(row: RecordDbRow, expected: number): void {
  if (row.version !== expected) {
    throw new AppError(ERROR_CODES.conflict, `该记录已被修改（当前第 ${row.version} 版，您看到的是第 ${expected} 版），请刷新后再操作`);
  }
}

/** Version history row + audit entry + upload item for the record's new state, in the caller's transaction. */
export function logRecordChange(sql: Sql, at: string, actor: Actor, before: RecordDbRow | null, after: RecordDbRow, note: VersionNote): void {
  const snapshot = snapshotOf(after);
  sql.run(
    `INSERT INTO record_versions (record_id, version, action, reason, approver, date, status_before, status_after, at, user_id, snapshot_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    after.id, after.version, note.action, note.reason ?? null, note.approver ?? null, note.date ?? null,
    before?.status ?? null, after.status, at, actor.id, JSON.stringify(snapshot),
  );
  recordChange(
    sql, at, actor,
    { entity: RECORD_ENTITY, entityId: after.id, action: note.action, before: before ? snapshotOf(before) : null, after: { ...snapshot, reason: note.reason ?? undefined } },
    { kind: 'dishonesty_record', id: after.id, version: after.version, op: 'upsert', updatedAt: at, data: snapshot },
  );
}

/** Insert one validated record inside the caller's transaction (used by the form and by the import). */
export function insertRecord(sql: Sql, at: string, actor: Actor, input: RecordFields, action = 'create'): RecordDbRow {
  const fields = cleanFields(input);
  const id = randomUUID();
  sql.run(INSERT_SQL, id, ...FIELD_NAMES.map((f) => fields[f]), at, actor.id, at, actor.id);
  const row = loadRecordRow(sql, id)!;
  logRecordChange(sql, at, actor, null, row, { action });
  return row;
}

function discardDraftInTx(sql: Sql, actor: Actor, draftKey: string | undefined): void {
  if (draftKey) sql.run(`DELETE FROM form_drafts WHERE user_id = ? AND key = ?`, actor.id, draftKey);
}

export async function createRecord(deps: ServiceDeps, actor: Actor, fields: RecordFields, draftKey?: string): Promise<RecordDetail> {
  requirePermission(actor, 'records.edit');
  return deps.db.write((sql) => {
    const row = insertRecord(sql, isoNow(deps), actor, fields);
    discardDraftInTx(sql, actor, draftKey);
    return detailOf(sql, actor, row);
  });
}

export interface UpdateRequest {
  id: string;
  expectedVersion: number;
  fields: RecordFields;
  reason?: string;
  draftKey?: string;
}

/**
 * Edit a record. A record still being verified is edited in place; any other (approved, closed) record is
 * corrected: the change needs a reviewer and a reason, and becomes a new version in the history.
 */
export async function updateRecord(deps: ServiceDeps, actor: Actor, req: UpdateRequest): Promise<RecordDetail> {
  return deps.db.write((sql) => {
    const before = requireRecord(sql, req.id);
    requireVersion(before, req.expectedVersion);
    const inPlace = !before.locked && EDITABLE_IN_PLACE.includes(before.status);
    const reason = req.reason?.trim() || null;
    if (inPlace) requirePermission(actor, 'records.edit');
    else {
      requirePermission(actor, 'records.correct');
      if (!reason) throw validationError('reason', `该记录${before.locked ? '已审核锁定' : `处于“${RECORD_STATUS_LABELS[before.status]}”状态`}，更正须填写更正理由`);
    }
    const fields = cleanFields(keepHiddenIdentity(before, req.fields, actor));
    const at = isoNow(deps);
    sql.run(UPDATE_FIELDS_SQL, ...FIELD_NAMES.map((f) => fields[f]), at, actor.id, req.id);
    const after = loadRecordRow(sql, req.id)!;
    logRecordChange(sql, at, actor, before, after, { action: inPlace ? 'edit' : 'correct', reason });
    discardDraftInTx(sql, actor, req.draftKey);
    return detailOf(sql, actor, after);
  });
}

/** A user who saw the identity number masked sends the mask back unchanged: keep the stored number. */
function keepHiddenIdentity(before: RecordDbRow, fields: RecordFields, actor: Actor): RecordFields {
  if (identityVisibleTo(actor, before) || !before.person_id_number) return fields;
  return { ...fields, personIdNumber: before.person_id_number };
}

export interface TransitionRequest {
  id: string;
  expectedVersion: number;
  action: string;
  reason?: string;
  approver?: string;
  date?: string;
}

/** Move a record along its life cycle (shared/domain/recordLifecycle.ts decides what is allowed). */
export async function transitionRecord(deps: ServiceDeps, actor: Actor, req: TransitionRequest): Promise<RecordDetail> {
  const transition = findTransition(req.action);
  if (!transition) throw new AppError(ERROR_CODES.invalidTransition, `未知的操作“${req.action}”`);
  return deps.db.write((sql) => {
    const before = requireRecord(sql, req.id);
    requireVersion(before, req.expectedVersion);
    if (!transition.from.includes(before.status)) {
      throw new AppError(ERROR_CODES.invalidTransition, `记录处于“${RECORD_STATUS_LABELS[before.status]}”状态，不能“${transition.label}”`);
    }
    if (!transition.roles.includes(actor.role)) throw forbidden(`您的角色不能“${transition.label}”`);
    const { input } = transition;
    const reason = req.reason?.trim() || null;
    const approver = req.approver?.trim() || null;
    if (input.reason && !reason) throw validationError('reason', `请填写${input.reason.label}`);
    if (input.approver && !approver) throw validationError('approver', `请填写${input.approver.label}`);
    if (input.date) {
      if (!req.date) throw validationError('date', `请填写${input.date.label}`);
      if (!input.date.mayBeFuture && req.date > todayIso(deps.now())) throw validationError('date', `${input.date.label}不能晚于今天`);
    }
    for (const field of transition.needsFields ?? []) {
      if (before[FIELD_COLUMNS[field]] === null || before[FIELD_COLUMNS[field]] === '') {
        throw validationError(field, `“${transition.label}”前请先填写${RECORD_FIELD_LABELS[field]}`);
      }
    }
    const to: RecordStatus = transition.to === 'previous' ? (before.previous_status ?? 'recognised') : transition.to;
    const previous = to === 'objection' ? before.status : null;
    const at = isoNow(deps);
    const locks = transition.locks === true;
    sql.run(
      `UPDATE dishonesty_records SET status = ?, previous_status = ?, locked = CASE WHEN ? THEN 1 ELSE locked END,
         approved_at = CASE WHEN ? THEN ? ELSE approved_at END, approved_by = CASE WHEN ? THEN ? ELSE approved_by END,
         version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
      to, previous, locks ? 1 : 0, locks ? 1 : 0, at, locks ? 1 : 0, actor.id, at, actor.id, req.id,
    );
    const after = loadRecordRow(sql, req.id)!;
    logRecordChange(sql, at, actor, before, after, { action: transition.action, reason, approver, date: req.date ?? null });
    return detailOf(sql, actor, after);
  });
}

/** Full identity numbers: reviewers and administrators, and the clerk who entered a record still in draft. */
export function identityVisibleTo(actor: Actor, row: Pick<RecordDbRow, 'created_by' | 'locked'>): boolean {
  return roleAllows(actor.role, 'records.viewIdentity') || (row.created_by === actor.id && !row.locked);
}

export function userNames(sql: Sql): Map<string, string> {
  return new Map(sql.all<{ id: string; display_name: string }>(`SELECT id, display_name FROM users`).map((u) => [u.id, u.display_name]));
}

export function detailOf(sql: Sql, actor: Actor, row: RecordDbRow): RecordDetail {
  return toDetail(row, userNames(sql), identityVisibleTo(actor, row));
}

export interface DuplicateQuery {
  subjectType: 'unit' | 'person';
  unitUscc?: string | null;
  personIdNumber?: string | null;
  docNumber: string;
  excludeId?: string;
}

/** Records of the same subject with the same 认定文书编号 (the form warns before saving another). */
export async function findDuplicates(deps: ServiceDeps, q: DuplicateQuery) {
  return deps.db.read((sql) => {
    const rows =
      q.subjectType === 'unit'
        ? q.unitUscc
          ? sql.all<RecordDbRow>(`SELECT * FROM dishonesty_records WHERE unit_uscc = ? AND subject_type = 'unit' AND doc_number = ?`, q.unitUscc, normalizeText(q.docNumber))
          : []
        : q.personIdNumber
          ? sql.all<RecordDbRow>(`SELECT * FROM dishonesty_records WHERE person_id_number = ? AND doc_number = ?`, q.personIdNumber, normalizeText(q.docNumber))
          : [];
    return rows
      .filter((r) => r.id !== q.excludeId)
      .map((r) => ({ id: r.id, subjectName: r.subject_type === 'person' ? (r.person_name ?? '') : r.unit_name, docNumber: r.doc_number ?? '', status: r.status }));
  });
}
