import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Attachment } from '../../../shared/contract/records';
import { notFound, validationError } from '../../../shared/contract/errors';
import { recordChange } from '../changes';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';
import { userNames } from './recordsService';

/**
 * Evidence files are copied into the data folder under their SHA-256 (attachments/ab/abcdef…), so the same
 * file is stored once and any later change to its bytes is noticed.
 */
export const attachmentPath = (dataDir: string, sha256: string) => path.join(dataDir, 'attachments', sha256.slice(0, 2), sha256);

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface AttachmentRow {
  id: string;
  record_id: string;
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

/** Store the bytes (once) before the transaction: a failed transaction leaves only an unreferenced file. */
function storeFile(dataDir: string, bytes: Buffer, sha256: string): void {
  const file = attachmentPath(dataDir, sha256);
  if (fs.existsSync(file) && attachmentState(dataDir, sha256) === 'ok') return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  fs.writeFileSync(temp, bytes);
  fs.renameSync(temp, file);
}

export async function addAttachment(deps: ServiceDeps, actor: Actor, recordId: string, fileName: string, bytes: Buffer): Promise<Attachment> {
  requirePermission(actor, 'records.edit');
  if (bytes.length === 0) throw validationError('file', `附件“${fileName}”是空文件`);
  const sha256 = sha256Of(bytes);
  const exists = await deps.db.read((sql) => sql.get(`SELECT 1 FROM dishonesty_records WHERE id = ?`, recordId));
  if (!exists) throw notFound('找不到该失信记录');
  storeFile(deps.dataDir, bytes, sha256);
  return deps.db.write((sql) => {
    const at = isoNow(deps);
    const row: AttachmentRow = { id: randomUUID(), record_id: recordId, sha256, file_name: path.basename(fileName), size: bytes.length, added_at: at, added_by: actor.id };
    sql.run(`INSERT INTO record_attachments (id, record_id, sha256, file_name, size, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      row.id, row.record_id, row.sha256, row.file_name, row.size, row.added_at, row.added_by);
    recordChange(sql, at, actor, { entity: 'record_attachment', entityId: row.id, action: 'add', before: null, after: { recordId, fileName: row.file_name, sha256, size: row.size } });
    return { id: row.id, fileName: row.file_name, size: row.size, sha256, addedAt: at, addedByName: actor.displayName, state: 'ok' as const };
  });
}

export function listAttachments(sql: import('../../db/database').Sql, dataDir: string, recordId: string): Attachment[] {
  const names = userNames(sql);
  return sql
    .all<AttachmentRow>(`SELECT * FROM record_attachments WHERE record_id = ? ORDER BY added_at`, recordId)
    .map((r) => ({ id: r.id, fileName: r.file_name, size: r.size, sha256: r.sha256, addedAt: r.added_at, addedByName: names.get(r.added_by) ?? '', state: attachmentState(dataDir, r.sha256) }));
}

/** Where an attachment's bytes are, and whether they are still what was filed. */
export async function locateAttachment(deps: ServiceDeps, attachmentId: string): Promise<{ file: string; fileName: string; state: Attachment['state'] }> {
  const row = await deps.db.read((sql) => sql.get<AttachmentRow>(`SELECT * FROM record_attachments WHERE id = ?`, attachmentId));
  if (!row) throw notFound('找不到该附件');
  return { file: attachmentPath(deps.dataDir, row.sha256), fileName: row.file_name, state: attachmentState(deps.dataDir, row.sha256) };
}
