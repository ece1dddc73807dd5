import type { ReadSql, WriteSql } from '../../db/database';
import { AppError, ERROR_CODES, notFound } from '../../../shared/contract/errors';
import type { UploadKind } from '../../../shared/domain/entityKinds';
import { recordChange } from '../changes';
import { authorKindOf, userIdOf, type Author } from '../context';

/**
 * A ledger entity kept with its whole history (DESIGN.md "versioned entity"): every change is a new version
 * row, an audit entry and an upload item, written together in the caller's transaction, so a committed
 * change can never miss its history, its audit line or its upload. The author is a user, the system (a
 * state that followed from a date) or the city platform.
 *
 * The ledger's table has `id` (UUID), `version` and `status`; its versions table has the layout of
 * migration 0006's record_versions (entity_id, version, action, reason, approver, date, status_before,
 * status_after, at, author, user_id, snapshot_json).
 */
export interface VersionedSpec<DbRow extends VersionedRow> {
  /** Audit entity name and upload kind (shared/domain/entityKinds.ts). */
  kind: UploadKind;
  table: string;
  versionsTable: string;
  /** What a version, an audit entry and an upload item carry. */
  snapshotOf(row: DbRow): Record<string, unknown>;
  /** "找不到该…" when an id is not in the ledger. */
  notFoundMessage: string;
  /** How the entity is named in a version conflict: 该记录, 该承诺… */
  noun: string;
}

export interface VersionedRow {
  id: string;
  version: number;
  status: string;
}

/** What the author gave for the change (a transition's dialog, a correction's reason). */
export interface VersionNote {
  action: string;
  reason?: string | null;
  approver?: string | null;
  date?: string | null;
}

export function loadRow<DbRow extends VersionedRow>(sql: ReadSql, spec: VersionedSpec<DbRow>, id: string): DbRow | undefined {
  return sql.get<DbRow>(`SELECT * FROM ${spec.table} WHERE id = ?`, id);
}

export function requireRow<DbRow extends VersionedRow>(sql: ReadSql, spec: VersionedSpec<DbRow>, id: string): DbRow {
  const row = loadRow(sql, spec, id);
  if (!row) throw notFound(spec.notFoundMessage);
  return row;
}

/** Refuse a change made on a version the user no longer sees (someone else changed it meanwhile). */
export function requireVersion(spec: VersionedSpec<VersionedRow>, row: VersionedRow, expected: number): void {
  if (row.version !== expected) {
    throw new AppError(ERROR_CODES.conflict, `${spec.noun}已被修改（当前第 ${row.version} 版，您看到的是第 ${expected} 版），请刷新后再操作`);
  }
}

/** The new version's row + audit entry + upload item, in the caller's transaction. */
export function logVersion<DbRow extends VersionedRow>(
  sql: WriteSql, spec: VersionedSpec<DbRow>, at: string, author: Author, before: DbRow | null, after: DbRow, note: VersionNote,
): void {
  const snapshot = spec.snapshotOf(after);
  sql.run(
    `INSERT INTO ${spec.versionsTable} (entity_id, version, action, reason, approver, date, status_before, status_after, at, author, user_id, snapshot_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    after.id, after.version, note.action, note.reason ?? null, note.approver ?? null, note.date ?? null,
    before?.status ?? null, after.status, at, authorKindOf(author), userIdOf(author), JSON.stringify(snapshot),
  );
  recordChange(
    sql, at, author,
    { entity: spec.kind, entityId: after.id, action: note.action, before: before ? spec.snapshotOf(before) : null, after: { ...snapshot, reason: note.reason ?? undefined } },
    { kind: spec.kind, id: after.id, version: after.version, op: 'upsert', updatedAt: at, data: snapshot },
  );
}

/** A stored version, its snapshot parsed. */
export interface VersionRow {
  version: number;
  action: string;
  reason: string | null;
  approver: string | null;
  date: string | null;
  statusBefore: string | null;
  statusAfter: string;
  at: string;
  author: 'user' | 'system' | 'platform';
  userId: string | null;
  snapshot: Record<string, unknown>;
}

/** Every version of an entity, oldest first. */
export function versionRows(sql: ReadSql, spec: VersionedSpec<VersionedRow>, id: string): VersionRow[] {
  return sql
    .all<{
      version: number; action: string; reason: string | null; approver: string | null; date: string | null;
      status_before: string | null; status_after: string; at: string; author: VersionRow['author']; user_id: string | null; snapshot_json: string;
    }>(`SELECT * FROM ${spec.versionsTable} WHERE entity_id = ? ORDER BY version`, id)
    .map((r) => ({
      version: r.version, action: r.action, reason: r.reason, approver: r.approver, date: r.date,
      statusBefore: r.status_before, statusAfter: r.status_after, at: r.at, author: r.author, userId: r.user_id,
      snapshot: JSON.parse(r.snapshot_json) as Record<string, unknown>,
    }));
}

/** How a history shows one field's values: its label, and the value as a person reads it. */
export interface HistoryFields {
  labels: Readonly<Record<string, string>>;
  shown(field: string, value: unknown): unknown;
}

export interface HistoryEntry extends Omit<VersionRow, 'userId' | 'snapshot'> {
  actionLabel: string;
  /** The user's name, or 系统（到期自动） / 市平台. */
  userName: string;
  changes: Array<{ field: string; label: string; before: unknown; after: unknown }>;
}

/** The history a detail page shows: newest first, each version with the fields it changed and who did it. */
export function versionHistory(
  rows: readonly VersionRow[], fields: HistoryFields, actionLabel: (action: string) => string, names: Map<string, string>,
  authorLabels: Readonly<Record<'system' | 'platform', string>>,
): HistoryEntry[] {
  let previous: Record<string, unknown> | null = null;
  const entries: HistoryEntry[] = [];
  for (const row of rows) {
    const snapshot = row.snapshot;
    const before = previous;
    const changes = before
      ? Object.keys(fields.labels)
          .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(snapshot[field]))
          .map((field) => ({
            field,
            label: fields.labels[field],
            before: fields.shown(field, before[field]) ?? null,
            after: fields.shown(field, snapshot[field]) ?? null,
          }))
      : [];
    const { userId, snapshot: _snapshot, ...stored } = row;
    entries.push({
      ...stored,
      actionLabel: actionLabel(row.action),
      userName: row.author === 'user' ? (names.get(userId ?? '') ?? '') : authorLabels[row.author],
      changes,
    });
    previous = snapshot;
  }
  return entries.reverse();
}
