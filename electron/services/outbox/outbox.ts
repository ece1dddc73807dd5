import type { ReadSql, WriteSql } from '../../db/database';
import type { UploadKind } from '../../../shared/domain/entityKinds';

export type { UploadKind };

/** One pending upload item, in the shape of a batch item of PLATFORM-API.md. */
export interface OutboxItem {
  kind: UploadKind;
  id: string;
  version: number;
  op: 'upsert' | 'void';
  updatedAt: string;
  data: unknown;
}

/** Queue an item for upload. Call inside the write transaction that makes the change it carries. */
export function enqueueUpload(sql: WriteSql, item: OutboxItem, at: string): void {
  sql.run(
    `INSERT INTO outbox (kind, item_id, version, op, updated_at, data_json, state, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`,
    item.kind, item.id, item.version, item.op, item.updatedAt, JSON.stringify(item.data), at,
  );
}

export function listPendingUploads(sql: ReadSql, limit = 1000): OutboxItem[] {
  return sql
    .all<{ kind: UploadKind; item_id: string; version: number; op: 'upsert' | 'void'; updated_at: string; data_json: string }>(
      `SELECT kind, item_id, version, op, updated_at, data_json FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?`,
      limit,
    )
    .map((r) => ({ kind: r.kind, id: r.item_id, version: r.version, op: r.op, updatedAt: r.updated_at, data: JSON.parse(r.data_json) }));
}
