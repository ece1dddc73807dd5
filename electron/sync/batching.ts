import { randomUUID } from 'node:crypto';
import type { WriteSql } from '../db/database';
import { MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from './protocol';
import { readState, writeState, type Enrolment } from './state';
import type { AuditHead, Batch, BatchItem } from './wire';

/**
 * Batches from the outbox. A batch is written to `sync_batches`, with the outbox rows it carries marked
 * `batched`, in the same transaction, BEFORE it is sent: after a crash or a lost answer the very same
 * batch goes again and the platform answers it idempotently. An item changed several times since the last
 * upload goes once, at its latest version; its older pending versions are marked `superseded`.
 */

export interface OpenBatch {
  batchId: string;
  seq: number;
  itemCount: number;
  bodyJson: string;
}

/** Room kept for the batch's own fields around its items. */
const ENVELOPE_BYTES = 4096;

export interface BatchLimits {
  maxItems: number;
  maxBytes: number;
}

export const PLATFORM_LIMITS: BatchLimits = { maxItems: MAX_BATCH_ITEMS, maxBytes: MAX_BATCH_BYTES };

/** The oldest batch made but not yet answered (or stopped by a fault), to send (again); `skip` is in flight. */
export function nextOpenBatch(sql: WriteSql, skip: string | null = null): OpenBatch | null {
  const row = sql.get<{ batch_id: string; seq: number; item_count: number; body_json: string }>(
    `SELECT batch_id, seq, item_count, body_json FROM sync_batches WHERE state IN ('open','fault') AND batch_id IS NOT ? ORDER BY seq LIMIT 1`, skip,
  );
  return row ? { batchId: row.batch_id, seq: row.seq, itemCount: row.item_count, bodyJson: row.body_json } : null;
}

interface PendingRow {
  seq: number;
  kind: string;
  item_id: string;
  version: number;
  op: 'upsert' | 'void';
  updated_at: string;
  data_json: string;
}

/** Make the next batch from pending outbox rows, or null when nothing is pending. */
export function makeBatch(sql: WriteSql, enrolment: Enrolment, at: string, limits: BatchLimits = PLATFORM_LIMITS): OpenBatch | null {
  const batchId = randomUUID();
  const parts: string[] = [];
  let bytes = ENVELOPE_BYTES;
  const seen = new Set<string>();
  let after = 0;
  scan: for (;;) {
    const keys = sql.all<{ seq: number; kind: string; item_id: string }>(
      `SELECT seq, kind, item_id FROM outbox WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT 2000`, after,
    );
    if (keys.length === 0) break;
    for (const key of keys) {
      after = key.seq;
      const name = `${key.kind}\u0000${key.item_id}`;
      if (seen.has(name)) continue;
      const versions = sql.all<PendingRow>(
        `SELECT seq, kind, item_id, version, op, updated_at, data_json FROM outbox WHERE kind = ? AND item_id = ? AND state = 'pending' ORDER BY version DESC, seq DESC`,
        key.kind, key.item_id,
      );
      const part = itemJson(versions[0]);
      const partBytes = Buffer.byteLength(part) + 1;
      if (parts.length > 0 && (parts.length >= limits.maxItems || bytes + partBytes > limits.maxBytes)) break scan;
      seen.add(name);
      parts.push(part);
      bytes += partBytes;
      versions.forEach((row, i) => {
        sql.run(`UPDATE outbox SET state = ? WHERE seq = ?`, i === 0 ? 'batched' : 'superseded', row.seq);
        sql.run(`INSERT INTO outbox_batches (outbox_seq, batch_id) VALUES (?, ?)`, row.seq, batchId);
      });
    }
  }
  if (parts.length === 0) return null;
  return saveBatch(sql, enrolment, batchId, at, parts);
}

function itemJson(row: PendingRow): string {
  // data_json is already JSON text: splice it in rather than parse and serialise 1,000 objects again.
  return `{"kind":${JSON.stringify(row.kind)},"id":${JSON.stringify(row.item_id)},"version":${row.version},"op":${JSON.stringify(row.op)},"updatedAt":${JSON.stringify(row.updated_at)},"data":${row.data_json}}`;
}

function saveBatch(sql: WriteSql, enrolment: Enrolment, batchId: string, at: string, itemParts: string[]): OpenBatch {
  const seq = readState(sql, 'nextSeq') ?? 1;
  writeState(sql, 'nextSeq', seq + 1);
  const head: Omit<Batch, 'items'> = {
    batchId, officeId: enrolment.officeId, deviceId: enrolment.deviceId, seq, createdAt: at, schemaVersion: 1,
  };
  const auditHead = readAuditHead(sql);
  if (auditHead) head.auditHead = auditHead;
  const bodyJson = `${JSON.stringify(head).slice(0, -1)},"items":[${itemParts.join(',')}]}`;
  sql.run(
    `INSERT INTO sync_batches (batch_id, seq, created_at, item_count, body_json, state) VALUES (?, ?, ?, ?, ?, 'open')`,
    batchId, seq, at, itemParts.length, bodyJson,
  );
  return { batchId, seq, itemCount: itemParts.length, bodyJson };
}

/** The newest entry of the audit chain, sent with each batch as an anchor outside the machine. */
function readAuditHead(sql: WriteSql): AuditHead | null {
  const stored = sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = 'audit.head'`);
  return stored ? (JSON.parse(stored.value) as AuditHead) : null;
}

/**
 * The platform said 413: put the batch's items into two new batches (new ids) and retire this one. A
 * batch of one item cannot be split and returns false.
 */
export function splitBatch(sql: WriteSql, enrolment: Enrolment, batch: OpenBatch, at: string): boolean {
  const items = (JSON.parse(batch.bodyJson) as Batch).items;
  if (items.length < 2) return false;
  const half = Math.ceil(items.length / 2);
  for (const part of [items.slice(0, half), items.slice(half)]) {
    const batchId = randomUUID();
    for (const item of part) {
      sql.run(
        `UPDATE outbox_batches SET batch_id = ? WHERE batch_id = ? AND outbox_seq IN (SELECT seq FROM outbox WHERE kind = ? AND item_id = ?)`,
        batchId, batch.batchId, item.kind, item.id,
      );
    }
    saveBatch(sql, enrolment, batchId, at, part.map((item: BatchItem) => JSON.stringify(item)));
  }
  sql.run(`UPDATE sync_batches SET state = 'split' WHERE batch_id = ?`, batch.batchId);
  return true;
}
