import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReadSql, WriteSql } from '../../db/database';
import type { LedgerKey } from '../../db/ledgerKey';
import { attachmentKeyOf, isSealed, seal, sha256Hex, unseal } from './attachmentCipher';
import type { Attachment } from '../../../shared/contract/records';
import { AppError, ERROR_CODES, notFound, validationError } from '../../../shared/contract/errors';
import type { EntityKind } from '../../../shared/domain/entityKinds';
import { recordChange } from '../changes';
import { isoNow, type Actor, type ServiceDeps } from '../context';

/**
 * Evidence files of any ledger entity (DESIGN.md "attachments"): the bytes are copied into the data folder
 * under their SHA-256 (attachments/ab/abcdef…), so the same file is stored once and any later change to its
 * bytes is noticed; the `attachments` table says which entity (kind, id) owns which file. The stored bytes
 * are encrypted with a key derived from the ledger's (attachmentCipher.ts); opening one for the user writes the
 * plain bytes to a private temporary file for the system viewer.
 */
export const attachmentPath = (dataDir: string, sha256: string) => path.join(dataDir, 'attachments', sha256.slice(0, 2), sha256);

/** The attachment store of a data folder: where the files are, and the ledger key they are sealed with. */
export interface AttachmentStore {
  dataDir: string;
  db: { key: LedgerKey };
}

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

/** The plain bytes of a stored attachment: null when missing, 'altered' when they are not what was filed. */
export function readAttachment(store: AttachmentStore, sha256: string): Buffer | 'altered' | null {
  const file = attachmentPath(store.dataDir, sha256);
  if (!fs.existsSync(file)) return null;
  return unseal(attachmentKeyOf(store.db.key), fs.readFileSync(file), sha256) ?? 'altered';
}

export function attachmentState(store: AttachmentStore, sha256: string): Attachment['state'] {
  return stateOf(readAttachment(store, sha256));
}

const stateOf = (read: Buffer | 'altered' | null): Attachment['state'] => (read === null ? 'missing' : read === 'altered' ? 'altered' : 'ok');

function writeStored(file: string, stored: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  fs.writeFileSync(temp, stored);
  fs.renameSync(temp, file);
}

/**
 * Seal the attachments stored before encryption (files without the magic whose bytes are still what was
 * filed), each replaced by its sealed form under the same name. Run once the ledger is open; a changed plain
 * file is left as it is (it stays 'altered'). Returns how many were sealed.
 */
export function sealPlainAttachments(store: AttachmentStore): number {
  const root = path.join(store.dataDir, 'attachments');
  if (!fs.existsSync(root)) return 0;
  const key = attachmentKeyOf(store.db.key);
  let sealed = 0;
  for (const prefix of fs.readdirSync(root)) {
    const dir = path.join(root, prefix);
    if (!/^[0-9a-f]{2}$/.test(prefix) || !fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir)) {
      if (!/^[0-9a-f]{64}$/.test(name) || !name.startsWith(prefix)) continue;
      const file = path.join(dir, name);
      const stored = fs.readFileSync(file);
      if (isSealed(stored) || sha256Hex(stored) !== name) continue;
      writeStored(file, seal(key, stored, name));
      sealed++;
    }
  }
  return sealed;
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
function storeFile(store: AttachmentStore, bytes: Buffer, sha256: string): void {
  const file = attachmentPath(store.dataDir, sha256);
  const key = attachmentKeyOf(store.db.key);
  const stored = fs.existsSync(file) ? fs.readFileSync(file) : null;
  if (stored && isSealed(stored) && unseal(key, stored, sha256)) return;
  writeStored(file, seal(key, bytes, sha256));
}

/** Bytes checked and stored under their hash, ready to be filed inside a write transaction (insertAttachment). */
export interface StoredFile {
  sha256: string;
  fileName: string;
  size: number;
}

/** Store the bytes before the transaction that files them (a failed transaction leaves only an unreferenced file). */
export function storeAttachmentBytes(store: AttachmentStore, fileName: string, bytes: Buffer): StoredFile {
  if (bytes.length === 0) throw validationError('file', `附件“${fileName}”是空文件`);
  const sha256 = sha256Hex(bytes);
  storeFile(store, bytes, sha256);
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
  const stored = storeAttachmentBytes(deps, fileName, bytes);
  return deps.db.write((sql) => insertAttachment(sql, isoNow(deps), actor, owner, stored));
}

/** An entity's attachments, oldest first, each with whether its file is still what was filed. */
export function listAttachments(sql: ReadSql, store: AttachmentStore, owner: AttachmentOwner, names: Map<string, string>): Attachment[] {
  return sql
    .all<AttachmentRow>(`SELECT * FROM attachments WHERE entity = ? AND entity_id = ? ORDER BY added_at`, owner.entity, owner.entityId)
    .map((r) => ({
      id: r.id, fileName: safeFileName(r.file_name), size: r.size, sha256: r.sha256, addedAt: r.added_at, addedByName: names.get(r.added_by) ?? '',
      state: attachmentState(store, r.sha256),
    }));
}

async function attachmentRow(deps: ServiceDeps, attachmentId: string): Promise<AttachmentRow> {
  const row = await deps.db.read((sql) => sql.get<AttachmentRow>(`SELECT * FROM attachments WHERE id = ?`, attachmentId));
  if (!row) throw notFound('找不到该附件');
  return row;
}

/** Where an attachment's bytes are, and whether they are still what was filed. */
export async function locateAttachment(
  deps: ServiceDeps, attachmentId: string,
): Promise<{ file: string; fileName: string; state: Attachment['state'] } & AttachmentOwner> {
  const row = await attachmentRow(deps, attachmentId);
  return {
    file: attachmentPath(deps.dataDir, row.sha256), fileName: safeFileName(row.file_name), state: attachmentState(deps, row.sha256),
    entity: row.entity as EntityKind, entityId: row.entity_id,
  };
}

/** Where plain copies of attachments opened for viewing go: a folder of the user's own, emptied of old copies. */
export const VIEWING_DIR = path.join(os.tmpdir(), 'integrity-ledger-viewing');
const VIEWING_KEPT_MS = 60 * 60 * 1000;

/** The plain bytes, under the attachment's own name, in a private temporary folder (for the system viewer). */
function viewingCopy(fileName: string, bytes: Buffer, now: Date): string {
  fs.mkdirSync(VIEWING_DIR, { recursive: true, mode: 0o700 });
  for (const old of fs.readdirSync(VIEWING_DIR)) {
    const dir = path.join(VIEWING_DIR, old);
    try {
      if (now.getTime() - fs.statSync(dir).mtimeMs > VIEWING_KEPT_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // a viewer still holds it (Windows): removed another time
    }
  }
  const dir = path.join(VIEWING_DIR, randomUUID());
  fs.mkdirSync(dir, { mode: 0o700 });
  const file = path.join(dir, fileName);
  fs.writeFileSync(file, bytes, { mode: 0o600 });
  return file;
}

/**
 * Open an attachment with the system viewer: its plain bytes are written to a private temporary file (removed
 * after an hour, at a later opening). A file whose bytes no longer match what was filed is not opened until
 * the user has seen that and confirmed (`confirmAltered`) — then the stored file is shown as it is; a lost
 * file is an error.
 */
export async function openAttachment(
  deps: ServiceDeps, openPath: (file: string) => Promise<boolean>, attachmentId: string, confirmAltered = false,
): Promise<{ state: Attachment['state']; opened: boolean }> {
  const row = await attachmentRow(deps, attachmentId);
  const plain = readAttachment(deps, row.sha256);
  const state = stateOf(plain);
  if (state === 'missing') throw new AppError(ERROR_CODES.notFound, '附件文件已丢失（数据目录中找不到），请重新上传');
  if (state === 'altered' && !confirmAltered) return { state, opened: false };
  const bytes = plain instanceof Buffer ? plain : fs.readFileSync(attachmentPath(deps.dataDir, row.sha256));
  return { state, opened: await openPath(viewingCopy(safeFileName(row.file_name), bytes, deps.now())) };
}
