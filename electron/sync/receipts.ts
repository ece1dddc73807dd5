import type { WriteSql } from '../db/database';
import { writeFault, writeState } from './state';
import type { Batch, BatchAnswer, ReceiptStatus } from './wire';

/** The receipts do not belong to the batch they answer (the wrong batch, or items out of order). */
export class ReceiptMismatch extends Error {}

const OUTBOX_STATE: Record<ReceiptStatus, string> = { accepted: 'uploaded', duplicate: 'uploaded', stale: 'stale', rejected: 'rejected' };

/**
 * Apply the platform's answer to a batch, in the caller's transaction: each item's outbox row takes its
 * verdict, `upload_state` keeps what the record should show (platformRef, or the platform's field and
 * message), and the batch keeps the answer for its receipt report. Applying an answer twice changes nothing.
 */
export function applyAnswer(sql: WriteSql, answer: BatchAnswer, at: string): 'applied' | 'already' | 'unknown' {
  const batch = sql.get<{ state: string; body_json: string }>(`SELECT state, body_json FROM sync_batches WHERE batch_id = ?`, answer.batchId);
  if (!batch) return 'unknown';
  if (batch.state === 'answered') return 'already';
  const items = (JSON.parse(batch.body_json) as Batch).items;
  if (!Array.isArray(answer.receipts) || answer.receipts.length !== items.length) {
    throw new ReceiptMismatch(`批次 ${answer.batchId} 有 ${items.length} 条，回执却有 ${answer.receipts?.length ?? 0} 条`);
  }
  const counts: Record<ReceiptStatus, number> = { accepted: 0, duplicate: 0, stale: 0, rejected: 0 };
  const carried = new Map(
    sql
      .all<{ seq: number; kind: string; item_id: string }>(
        `SELECT o.seq, o.kind, o.item_id FROM outbox_batches b JOIN outbox o ON o.seq = b.outbox_seq WHERE b.batch_id = ? AND o.state = 'batched'`, answer.batchId,
      )
      .map((r) => [`${r.kind}\u0000${r.item_id}`, r.seq]),
  );
  answer.receipts.forEach((receipt, i) => {
    const item = items[i];
    if (receipt.id !== item.id || receipt.version !== item.version || !(receipt.status in OUTBOX_STATE)) {
      throw new ReceiptMismatch(`批次 ${answer.batchId} 第 ${i + 1} 条回执与所报条目不符`);
    }
    counts[receipt.status]++;
    const seq = carried.get(`${item.kind}\u0000${item.id}`);
    if (seq !== undefined) sql.run(`UPDATE outbox SET state = ? WHERE seq = ?`, OUTBOX_STATE[receipt.status], seq);
    sql.run(
      `INSERT INTO upload_state (kind, item_id, version, status, batch_id, platform_ref, code, field, message, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, item_id) DO UPDATE SET version = excluded.version, status = excluded.status, batch_id = excluded.batch_id,
         platform_ref = coalesce(excluded.platform_ref, upload_state.platform_ref), code = excluded.code, field = excluded.field,
         message = excluded.message, at = excluded.at
       WHERE excluded.version >= upload_state.version`,
      item.kind, item.id, item.version, receipt.status, answer.batchId, receipt.platformRef ?? null, receipt.code ?? null,
      receipt.field ?? null, receipt.message ?? null, at,
    );
  });
  sql.run(
    `UPDATE sync_batches SET state = 'answered', answered_at = ?, received_at = ?, answer_json = ?, fault_code = NULL, fault_message = NULL,
       accepted = ?, duplicate = ?, stale = ?, rejected = ? WHERE batch_id = ?`,
    at, answer.receivedAt, JSON.stringify(answer), counts.accepted, counts.duplicate, counts.stale, counts.rejected, answer.batchId,
  );
  writeState(sql, 'lastSuccessAt', at);
  writeFault(sql, null);
  return 'applied';
}

/** A batch the platform refused (409, 400, 403…): kept as it is, marked, and the fault shown. */
export function markBatchFault(sql: WriteSql, batchId: string, code: string, message: string, at: string): void {
  sql.run(`UPDATE sync_batches SET state = 'fault', fault_code = ?, fault_message = ? WHERE batch_id = ?`, code, message, batchId);
  writeFault(sql, { code, message: `批次 ${batchId}：${message}`, at });
}
