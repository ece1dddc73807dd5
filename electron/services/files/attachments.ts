import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ReadSql, WriteSql } from '../../db/database';
import type { Attachment } from '../../../shared/contract/records';
import { AppError, ERROR_CODES, notFound, validationError } from '../../../shared/contract/errors';
import type { EntityKind } from '../../../shared/domain/entityKinds';
import { recordChange } from '../changes';
import { isoNow, type Actor, type ServiceDeps } from '../context';

/**
 * Evidence files of any ledger entity (DESIGN.md "attachments"): the bytes are copied into the data folder
 * under their SHA-256 (attachments/ab/abcdef…), so the same file is stored once and any later change to its
 * bytes is noticed; the `attachments` table says which entity (kind, id) owns which file.
 */
export const attachmentPath = (dataDir: string, sha256: string) => path.join(dataDir, 'attachments', sha256.slice(0, 2), sha256);

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The entity an attachment belongs to. */
export interface AttachmentOwner {
  entity: EntityKind;
  entityId: string;
}

interface AttachmentRow {
  id: string;
  entity: string;
  entity_id: string;
  sha256: string;
  file_name: string;
  size: number;
  added_at: string;
  added_by: string;
}

export function attachmentState(dataDir: string, sha256: string): Attachment['state'] {
  const file = attachmentPath(dataDir, sha256);
  if (!fs.existsSync(file)) return 'missing';
  return sha256Of(fs.readFileSync(file)) === sha256 ? 'ok' : 'altered';
}

/**
 * A file name as it may be shown and stored: no folder, and no control or formatting characters — a
 * right-to-left override can make `invoice\u202Efdp.exe` look like `invoiceexe.pdf`.
 */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  return base || '附件';
}

/** Store the bytes (once) before the transaction: a failed transaction leaves only an unreferenced file. */
function storeFile(dataDir: string, bytes: Buffer, sha256: string): void {
  const file = attachmentPath(dataDir, sha256);
  if (fs.existsSync(file) && attachmentState(dataDir, sha256) === 'ok') return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  fs.writeFileSync(temp, bytes);
  fs.renameSync(temp, file);
}

/** Bytes checked and stored under their hash, ready to be filed inside a write transaction (insertAttachment). */
export interface StoredFile {
  sha256: string;
  fileName: string;
  size: number;
}

/** Store the bytes before the transaction that files them (a failed transaction leaves only an unreferenced file). */
export function storeAttachmentBytes(dataDir: string, fileName: string, bytes: Buffer): StoredFile {
  if (bytes.length === 0) throw validationError('file', `附件“${fileName}”是空文件`);
  const sha256 = sha256Of(bytes);
  storeFile(dataDir, bytes, sha256);
  return { sha256, fileName: safeFileName(fileName), size: bytes.length };
}

/** File stored bytes for their owner with the audit entry, inside the caller's transaction. */
export function insertAttachment(sql: WriteSql, at: string, actor: Actor, owner: AttachmentOwner, stored: StoredFile): Attachment {
  const row: AttachmentRow = {
    id: randomUUID(), entity: owner.entity, entity_id: owner.entityId, sha256: stored.sha256, file_name: stored.fileName, size: stored.size,
    added_at: at, added_by: actor.id,
  };
  sql.run(`INSERT INTO attachments (id, entity, entity_id, sha256, file_name, size, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    row.id, row.entity, row.entity_id, row.sha256, row.file_name, row.size, row.added_at, row.added_by);
  recordChange(sql, at, actor, {
    entity: 'attachment', entityId: row.id, action: 'add', before: null,
    after: { owner: owner.entity, ownerId: owner.entityId, fileName: row.file_name, sha256: row.sha256, size: row.size },
  });
  return { id: row.id, fileName: row.file_name, size: row.size, sha256: row.sha256, addedAt: at, addedByName: actor.displayName, state: 'ok' as const };
}

/**
 * File an attachment for its owner. `ownerExists` checks (inside the service's read) that the owning entity
 * is in its ledger; `notFoundMessage` says so when it is not.
 */
export async function addAttachment(
  deps: ServiceDeps, actor: Actor, owner: AttachmentOwner & { table: string; notFoundMessage: string }, fileName: string, bytes: Buffer,
): Promise<Attachment> {
  if (bytes.length === 0) throw validationError('file', `附件“${fileName}”是空文件`);
  const exists = await deps.db.read((sql) => sql.get(`SELECT 1 FROM ${owner.table} WHERE id = ?`, owner.entityId));
  if (!exists) throw notFound(owner.notFoundMessage);
  const stored = storeAttachmentBytes(deps.dataDir, fileName, bytes);
  return deps.db.write((sql) => insertAttachment(sql, isoNow(deps), actor, owner, stored));
}

/** An entity's attachments, oldest first, each with whether its file is still what was filed. */
export function listAttachments(sql: ReadSql, dataDir: string, owner: AttachmentOwner, names: Map<string, string>): Attachment[] {
  return sql
    .all<AttachmentRow>(`SELECT * FROM attachments WHERE entity = ? AND entity_id = ? ORDER BY added_at`, owner.entity, owner.entityId)
    .map((r) => ({
      id: r.id, fileName: safeFileName(r.file_name), size: r.size, sha256: r.sha256, addedAt: r.added_at, addedByName: names.get(r.added_by) ?? '',
      state: attachmentState(dataDir, r.sha256),
    }));
}

/** Where an attachment's bytes are, and whether they are still what was filed. */
export async function locateAttachment(
  deps: ServiceDeps, attachmentId: string,
): Promise<{ file: string; fileName: string; state: Attachment['state'] } & AttachmentOwner> {
  const row = await deps.db.read((sql) => sql.get<AttachmentRow>(`SELECT * FROM attachments WHERE id = ?`, attachmentId));
  if (!row) throw notFound('找不到该附件');
  return {
    file: attachmentPath(deps.dataDir, row.sha256), fileName: safeFileName(row.file_name), state: attachmentState(deps.dataDir, row.sha256),
    entity: row.entity as EntityKind, entityId: row.entity_id,
  };
}

/**
 * Open an attachment with the system viewer. A file whose bytes no longer match what was filed is not
 * opened until the user has seen that and confirmed (`confirmAltered`); a lost file is an error.
 */
export async function openAttachment(
  deps: ServiceDeps, openPath: (file: string) => Promise<boolean>, attachmentId: string, confirmAltered = false,
): Promise<{ state: Attachment['state']; opened: boolean }> {
  const { file, state } = await locateAttachment(deps, attachmentId);
  if (state === 'missing') throw new AppError(ERROR_CODES.notFound, '附件文件已丢失（数据目录中找不到），请重新上传');
  if (state === 'altered' && !confirmAltered) return { state, opened: false };
  return { state, opened: await openPath(file) };
}
