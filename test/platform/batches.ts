import { z } from 'zod';
import { canonicalJson, MAX_BATCH_BYTES, MAX_BATCH_ITEMS, RFC3339, sha256Hex } from '../../electron/sync/protocol';
import type { Batch, BatchAnswer, BatchItem, Receipt } from '../../electron/sync/wire';
import { PLATFORM_KINDS } from './kinds';
import type { HeldItem, PlatformStore } from './store';

/** An answer other than 200: the HTTP status and the JSON error body. */
export class PlatformFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
  body() {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

const itemShape = z.object({
  kind: z.string(),
  id: z.string().min(1),
  version: z.number().int().min(1),
  op: z.enum(['upsert', 'void']),
  updatedAt: z.string().regex(RFC3339),
  data: z.unknown(),
});

const batchShape = z.object({
  batchId: z.uuid(),
  officeId: z.string().min(1),
  deviceId: z.string().min(1),
  seq: z.number().int().min(0),
  createdAt: z.string().regex(RFC3339),
  schemaVersion: z.number(),
  auditHead: z.object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
  items: z.array(itemShape),
});

const FIELD_NAMES: Record<string, string> = {
  batchId: '批次号', officeId: '单位代码', deviceId: '设备号', seq: '批次序号', createdAt: '创建时间', schemaVersion: '数据结构版本',
  auditHead: '审计链头', items: '条目', kind: '类型', id: '编号', version: '版本', op: '操作', updatedAt: '修改时间',
};

/**
 * Check that a parsed body is a batch at all: 400 when not, 413 above 1,000 items or 8 MiB of JSON,
 * 400 UNSUPPORTED_SCHEMA for a schemaVersion other than 1.
 */
export function readBatch(value: unknown, jsonBytes: number): Batch {
  if (jsonBytes > MAX_BATCH_BYTES) throw new PlatformFailure(413, 'PAYLOAD_TOO_LARGE', '批次超过 8 MiB（未压缩），请拆分后重新上报');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw notABatch('请求正文不是一个批次对象');
  const items = (value as { items?: unknown }).items;
  if (Array.isArray(items) && items.length > MAX_BATCH_ITEMS) {
    throw new PlatformFailure(413, 'TOO_MANY_ITEMS', `一个批次最多 ${MAX_BATCH_ITEMS} 条，本批次有 ${items.length} 条，请拆分后重新上报`);
  }
  const schemaVersion = (value as { schemaVersion?: unknown }).schemaVersion;
  if (schemaVersion !== undefined && schemaVersion !== 1) {
    throw new PlatformFailure(400, 'UNSUPPORTED_SCHEMA', `不支持的数据结构版本 ${JSON.stringify(schemaVersion)}，本平台只接受版本 1`);
  }
  const parsed = batchShape.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.map((p) => (typeof p === 'number' ? `第 ${p + 1} 条` : (FIELD_NAMES[String(p)] ?? String(p)))).join(' ');
    throw notABatch(`批次格式错误：${where || '正文'}缺失或无效（${issue.path.join('.')}）`);
  }
  return parsed.data as Batch;
}

const notABatch = (message: string) => new PlatformFailure(400, 'NOT_A_BATCH', message);

/**
 * Take one batch from a device: idempotent by batchId (the same items answer the stored answer again;
 * other items are 409), each item judged in the page's order, all of it stored in one transaction.
 */
export function takeBatch(store: PlatformStore, device: { office_id: string; device_id: string }, batch: Batch, at: string, viaFile = false): BatchAnswer {
  if (batch.officeId !== device.office_id) throw new PlatformFailure(403, 'OTHER_OFFICE', `本设备登记在 ${device.office_id}，不能为其他单位（${batch.officeId}）上报`);
  if (batch.deviceId !== device.device_id) throw new PlatformFailure(403, 'OTHER_DEVICE', '批次中的设备号与签名设备不符');
  // The canonical JSON of each item once: the batch's hash (RFC 8785 of the array is its items' canonical
  // texts joined) and the judging both use it.
  const dataTexts = batch.items.map((item) => canonicalJson(item.data ?? null));
  const itemsHash = sha256Hex(`[${batch.items.map((item, i) => itemCanonical(item, dataTexts[i])).join(',')}]`);
  return store.db.transaction((): BatchAnswer => {
    const earlier = store.stmt(`SELECT items_hash, answer_json FROM batches WHERE batch_id = ?`).get(batch.batchId) as
      | { items_hash: string; answer_json: string }
      | undefined;
    if (earlier) {
      if (earlier.items_hash !== itemsHash) throw new PlatformFailure(409, 'BATCH_CONFLICT', `批次号 ${batch.batchId} 已用于内容不同的另一个批次`);
      return JSON.parse(earlier.answer_json) as BatchAnswer;
    }
    const receipts = batch.items.map((item, i) => judgeItem(store, device.office_id, batch.batchId, item, dataTexts[i], at));
    const answer: BatchAnswer = { batchId: batch.batchId, receivedAt: at, receipts };
    store.db
      .prepare(`INSERT INTO batches (batch_id, office_id, device_id, seq, created_at, items_hash, received_at, answer_json, via_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(batch.batchId, batch.officeId, batch.deviceId, batch.seq, batch.createdAt, itemsHash, at, JSON.stringify(answer), viaFile ? 1 : 0);
    if (batch.auditHead) {
      store.db
        .prepare(`INSERT INTO audit_heads (device_id, seq, hash, batch_id, received_at) VALUES (?, ?, ?, ?, ?)`)
        .run(batch.deviceId, batch.auditHead.seq, batch.auditHead.hash, batch.batchId, at);
    }
    return answer;
  })();
}

const platformRef = (ref: number) => `SZXY-${String(ref).padStart(10, '0')}`;

const ITEM_KEYS = ['data', 'id', 'kind', 'op', 'updatedAt', 'version'];

/**
 * RFC 8785 text of an item from its data's text: an item with exactly the six keys of the page is their
 * values in the keys' sorted order (any other item goes through the library whole).
 */
export function itemCanonical(item: BatchItem, dataText: string): string {
  const keys = Object.keys(item).sort();
  if (keys.length !== ITEM_KEYS.length || keys.some((k, i) => k !== ITEM_KEYS[i]) || item.data === undefined) return canonicalJson(item);
  return `{"data":${dataText},"id":${JSON.stringify(item.id)},"kind":${JSON.stringify(item.kind)},"op":${JSON.stringify(item.op)},"updatedAt":${JSON.stringify(item.updatedAt)},"version":${canonicalJson(item.version)}}`;
}

function judgeItem(store: PlatformStore, officeId: string, batchId: string, item: BatchItem, dataJson: string, at: string): Receipt {
  const head = { id: item.id, version: item.version };
  const held = store.stmt(`SELECT ref, id, kind, office_id, version, op, is_void, data_hash FROM items WHERE id = ?`).get(item.id) as HeldItem | undefined;
  if (held && held.office_id !== officeId) {
    return { ...head, status: 'rejected', code: 'OTHER_OFFICE', field: 'id', message: '该编号的条目属于其他单位' };
  }
  const dataHash = sha256Hex(dataJson);
  if (held) {
    if (item.version < held.version) return { ...head, status: 'stale' };
    if (item.version === held.version) {
      if (held.data_hash === dataHash && held.op === item.op && held.kind === item.kind) return { ...head, status: 'duplicate', platformRef: platformRef(held.ref) };
      return { ...head, status: 'rejected', code: 'VERSION_CONFLICT', field: 'version', message: `平台已收到该条目第 ${held.version} 版，内容与本次不同；版本号须递增` };
    }
  }
  const problem = validateItem(item);
  if (problem) return { ...head, status: 'rejected', ...problem };
  const isVoid = item.op === 'void' ? 1 : 0;
  let ref: number;
  if (held) {
    store.db
      .prepare(`UPDATE items SET kind = ?, version = ?, op = ?, is_void = ?, data_json = ?, data_hash = ?, updated_at = ?, received_at = ?, batch_id = ? WHERE id = ?`)
      .run(item.kind, item.version, item.op, isVoid, dataJson, dataHash, item.updatedAt, at, batchId, item.id);
    ref = held.ref;
  } else {
    ref = Number(
      store.db
        .prepare(`INSERT INTO items (id, kind, office_id, version, op, is_void, data_json, data_hash, updated_at, received_at, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(item.id, item.kind, officeId, item.version, item.op, isVoid, dataJson, dataHash, item.updatedAt, at, batchId).lastInsertRowid,
    );
  }
  store.stmt(`INSERT INTO item_versions (id, version, batch_id) VALUES (?, ?, ?)`).run(item.id, item.version, batchId);
  return { ...head, status: 'accepted', platformRef: platformRef(ref) };
}

/** The platform's own validation, with the app's shared schema for the kind. */
function validateItem(item: BatchItem): { code: string; field: string; message: string } | null {
  const kind = PLATFORM_KINDS[item.kind];
  if (!kind) return { code: 'UNKNOWN_KIND', field: 'kind', message: `平台不接收类型为“${item.kind}”的条目` };
  if (item.op === 'void') {
    const reason = (item.data as { reason?: unknown } | null)?.reason;
    if (typeof reason !== 'string' || reason.trim() === '') return { code: 'VOID_REASON', field: 'reason', message: '撤回须说明理由（data.reason）' };
    return null;
  }
  const result = kind.schema.safeParse(item.data);
  if (result.success) return null;
  const issue = result.error.issues[0];
  return { code: 'INVALID_FIELD', field: issue.path.join('.') || 'data', message: issue.message };
}
