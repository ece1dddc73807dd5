import type { ReadSql } from '../db/database';
import type { BatchRow, ReceiptRow, UploadStateView } from '../../shared/contract/sync';
import { CLIENT_KINDS } from './kinds';
import type { Batch, BatchAnswer } from './wire';

/** What the 上报平台 page and the record pages show of the sync state. */

interface BatchDbRow {
  batch_id: string;
  seq: number;
  created_at: string;
  item_count: number;
  state: BatchRow['state'];
  sent_via: string | null;
  received_at: string | null;
  fault_message: string | null;
  accepted: number;
  duplicate: number;
  stale: number;
  rejected: number;
}

const BATCH_COLUMNS = `batch_id, seq, created_at, item_count, state, sent_via, received_at, fault_message, accepted, duplicate, stale, rejected`;

const toBatchRow = (r: BatchDbRow): BatchRow => ({
  batchId: r.batch_id, seq: r.seq, createdAt: r.created_at, itemCount: r.item_count, state: r.state, sentVia: r.sent_via,
  receivedAt: r.received_at, faultMessage: r.fault_message, accepted: r.accepted, duplicate: r.duplicate, stale: r.stale, rejected: r.rejected,
});

export function listBatches(sql: ReadSql, page: number, pageSize: number): { items: BatchRow[]; total: number } {
  const total = sql.get<{ n: number }>(`SELECT count(*) AS n FROM sync_batches WHERE state <> 'split'`)!.n;
  const rows = sql.all<BatchDbRow>(`SELECT ${BATCH_COLUMNS} FROM sync_batches WHERE state <> 'split' ORDER BY seq DESC LIMIT ? OFFSET ?`, pageSize, (page - 1) * pageSize);
  return { items: rows.map(toBatchRow), total };
}

const kindLabel = (kind: string) => CLIENT_KINDS[kind]?.label ?? kind;
const describe = (sql: ReadSql, kind: string, id: string) => CLIENT_KINDS[kind]?.describe(sql, id) ?? '（本机已无此条目）';

/** One batch with every item and the platform's answer to it, in order: the receipt report. */
export function batchReceipts(sql: ReadSql, batchId: string): { batch: BatchRow; receipts: ReceiptRow[] } | null {
  const row = sql.get<BatchDbRow & { body_json: string; answer_json: string | null }>(`SELECT ${BATCH_COLUMNS}, body_json, answer_json FROM sync_batches WHERE batch_id = ?`, batchId);
  if (!row || (row.state as string) === 'split') return null;
  const items = (JSON.parse(row.body_json) as Batch).items;
  const receipts = row.answer_json ? (JSON.parse(row.answer_json) as BatchAnswer).receipts : [];
  return {
    batch: toBatchRow(row),
    receipts: items.map((item, i) => ({
      kind: item.kind, kindLabel: kindLabel(item.kind), id: item.id, version: item.version, description: describe(sql, item.kind, item.id),
      status: receipts[i]?.status ?? null, platformRef: receipts[i]?.platformRef ?? null, field: receipts[i]?.field ?? null, message: receipts[i]?.message ?? null,
    })),
  };
}

/** Items whose latest answer from the platform is a refusal, newest first. */
export function rejectedItems(sql: ReadSql): Array<ReceiptRow & { at: string }> {
  return sql
    .all<{ kind: string; item_id: string; version: number; field: string | null; message: string | null; at: string }>(
      `SELECT kind, item_id, version, field, message, at FROM upload_state WHERE status = 'rejected' ORDER BY at DESC LIMIT 500`,
    )
    .map((r) => ({
      kind: r.kind, kindLabel: kindLabel(r.kind), id: r.item_id, version: r.version, description: describe(sql, r.kind, r.item_id),
      status: 'rejected' as const, platformRef: null, field: r.field, message: r.message, at: r.at,
    }));
}

/** 待上报 / 上报中 / 已上报 / 被退回 for one item. A newer local version waiting to go up is 待上报. */
export function uploadState(sql: ReadSql, kind: string, id: string): UploadStateView {
  const waiting = sql.all<{ state: string }>(`SELECT DISTINCT state FROM outbox WHERE kind = ? AND item_id = ? AND state IN ('pending','batched')`, kind, id).map((r) => r.state);
  const last = sql.get<{ version: number; status: string; platform_ref: string | null; field: string | null; message: string | null; at: string }>(
    `SELECT version, status, platform_ref, field, message, at FROM upload_state WHERE kind = ? AND item_id = ?`, kind, id,
  );
  const tag = waiting.includes('pending') ? 'pending' : waiting.includes('batched') ? 'uploading' : last?.status === 'rejected' ? 'rejected' : last ? 'uploaded' : 'pending';
  return { tag, version: last?.version ?? null, platformRef: last?.platform_ref ?? null, field: last?.field ?? null, message: last?.message ?? null, at: last?.at ?? null };
}

/** The tags of a page of items (the records list shows one per row). */
export function uploadTags(sql: ReadSql, kind: string, ids: readonly string[]): Map<string, UploadStateView['tag']> {
  return new Map(ids.map((id) => [id, uploadState(sql, kind, id).tag]));
}

/**
 * A page of a ledger's list with each row's upload state (read in the same snapshot as the rows). `uploadedAs`
 * names the uploaded item a row belongs to, where that is not the row itself (a promise item goes up with its
 * project).
 */
export function withUploadTags<Row extends { id: string }>(
  sql: ReadSql, kind: string, page: { items: Row[]; total: number }, uploadedAs: (row: Row) => string = (row) => row.id,
) {
  const tags = uploadTags(sql, kind, [...new Set(page.items.map(uploadedAs))]);
  return { total: page.total, items: page.items.map((row) => ({ ...row, uploadTag: tags.get(uploadedAs(row)) ?? 'pending' })) };
}

export interface ConflictRow {
  changeId: string;
  kind: string;
  kindLabel: string;
  id: string;
  description: string;
  status: string;
  note: string | null;
  decidedAt: string;
  localVersion: number;
  at: string;
}

/** Decisions of the city kept aside because a local change of the item was still waiting to upload. */
export function openConflicts(sql: ReadSql): ConflictRow[] {
  return sql
    .all<{ change_id: string; kind: string; item_id: string; status: string; note: string | null; decided_at: string; local_version: number; at: string }>(
      `SELECT * FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY at DESC LIMIT 500`,
    )
    .map((r) => ({
      changeId: r.change_id, kind: r.kind, kindLabel: kindLabel(r.kind), id: r.item_id, description: describe(sql, r.kind, r.item_id),
      status: r.status, note: r.note, decidedAt: r.decided_at, localVersion: r.local_version, at: r.at,
    }));
}
