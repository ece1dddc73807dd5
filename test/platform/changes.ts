import type { ChangesPage, PlatformChange } from '../../electron/sync/wire';
import { PlatformFailure } from './batches';
import { PLATFORM_KINDS } from './kinds';
import { publishChange, type PlatformStore } from './store';

/**
 * The download feed (GET /v1/changes): decisions on the caller's office's items and every dictionary and
 * unit change, oldest first. Cursors are `c<changeId>`; `c0` is the feed's start.
 */
const CURSOR = /^c(0|[1-9]\d{0,15})$/;
const START_CURSOR = 'c0';

export function readChanges(store: PlatformStore, officeId: string, since: string | undefined, limitText: string | undefined): ChangesPage {
  const limit = readLimit(limitText);
  let after = 0;
  if (since !== undefined) {
    const match = CURSOR.exec(since);
    if (!match) throw new PlatformFailure(400, 'BAD_CURSOR', `游标格式错误：${since}`);
    after = Number(match[1]);
    const last = (store.db.prepare(`SELECT coalesce(max(change_id), 0) AS n FROM changes`).get() as { n: number }).n;
    if (after > last) throw new PlatformFailure(400, 'UNKNOWN_CURSOR', `平台不认识这个游标：${since}`);
  }
  const rows = store.db
    .prepare(`SELECT change_id, type, payload_json FROM changes WHERE change_id > ? AND (office_id IS NULL OR office_id = ?) ORDER BY change_id LIMIT ?`)
    .all(after, officeId, limit + 1) as Array<{ change_id: number; type: string; payload_json: string }>;
  const page = rows.slice(0, limit);
  const items = page.map((r) => ({ type: r.type, changeId: String(r.change_id), ...JSON.parse(r.payload_json) }) as PlatformChange);
  const nextCursor = page.length > 0 ? `c${page[page.length - 1].change_id}` : (since ?? START_CURSOR);
  return { items, nextCursor, hasMore: rows.length > limit };
}

function readLimit(text: string | undefined): number {
  if (text === undefined || text === '') return 500;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new PlatformFailure(400, 'BAD_LIMIT', `limit 须为正整数：${text}`);
  return Math.min(Number(text), 1000);
}

export interface Decision {
  id: string;
  kind: string;
  status: string;
  note?: string | null;
}

/** Publish the city's decision on a held item (`record_status`), seen by the office that uploaded it. */
export function decide(store: PlatformStore, decision: Decision, at: string): number {
  const kind = PLATFORM_KINDS[decision.kind];
  if (!kind) throw new Error(`未知的类型：${decision.kind}`);
  if (!kind.statuses.includes(decision.status)) throw new Error(`“${decision.kind}”没有状态 ${decision.status}（可用：${kind.statuses.join('、')}）`);
  const held = store.db.prepare(`SELECT office_id, kind FROM items WHERE id = ?`).get(decision.id) as { office_id: string; kind: string } | undefined;
  if (!held || held.kind !== decision.kind) throw new Error(`平台没有类型为 ${decision.kind}、编号为 ${decision.id} 的条目`);
  store.db.prepare(`UPDATE items SET decided_status = ? WHERE id = ?`).run(decision.status, decision.id);
  return publishChange(store, 'record_status', held.office_id, { id: decision.id, kind: decision.kind, status: decision.status, decidedAt: at, note: decision.note ?? null }, at);
}

export function publishDictionary(store: PlatformStore, d: { name: string; entries: Array<{ code: string; label: string }>; version: number }, at: string): number {
  return publishChange(store, 'dictionary', null, { name: d.name, entries: d.entries, version: d.version }, at);
}

export function publishUnit(store: PlatformStore, u: { uscc: string; name: string; unitType: string; parentUscc?: string | null }, at: string): number {
  return publishChange(store, 'unit', null, { uscc: u.uscc, name: u.name, unitType: u.unitType, parentUscc: u.parentUscc ?? null }, at);
}
