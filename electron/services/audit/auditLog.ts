import { createHash } from 'node:crypto';
import type { ReadSql, WriteSql } from '../../db/database';
import type { Actor } from '../context';
import { verifyAuditedRows, type AuditedTable } from './auditedRows';
import type { AuditVerifyResult } from '../../../shared/contract/admin';

/**
 * The audit log: every change appends {user, time, entity, id, action, before, after}, and each entry's
 * hash covers its content and the previous entry's hash, so editing, inserting or deleting an entry
 * breaks the chain. The hash of the newest entry is also kept in `settings` ('audit.head'), written in
 * the same transaction, so removing entries from the end is caught too.
 */
export const GENESIS_HASH = '0'.repeat(64);
/** Where the chain's newest entry ({ seq, hash }) is kept in `settings`; a backup copies it with the ledger. */
export const HEAD_KEY = 'audit.head';

export interface AuditChange {
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

interface AuditRow {
  seq: number;
  at: string;
  user_id: string | null;
  user_name: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

function entryHash(row: Omit<AuditRow, 'hash'>): string {
  const content = JSON.stringify([
    row.prev_hash, row.seq, row.at, row.user_id, row.user_name, row.entity, row.entity_id, row.action,
    row.before_json, row.after_json,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

const toJson = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** Append one entry. Call inside the write transaction that makes the change. */
/** Who an audit entry names: a user, or (id null) the system or the city platform by name. */
export type AuditAuthor = Pick<Actor, 'displayName'> & { id: string | null };

export function appendAudit(sql: WriteSql, at: string, actor: AuditAuthor | null, change: AuditChange): void {
  const head = readHead(sql);
  const row: Omit<AuditRow, 'hash'> = {
    seq: head.seq + 1,
    at,
    user_id: actor?.id ?? null,
    user_name: actor?.displayName ?? null,
    entity: change.entity,
    entity_id: change.entityId,
    action: change.action,
    before_json: toJson(change.before),
    after_json: toJson(change.after),
    prev_hash: head.hash,
  };
  const hash = entryHash(row);
  sql.run(
    `INSERT INTO audit_log (seq, at, user_id, user_name, entity, entity_id, action, before_json, after_json, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    row.seq, row.at, row.user_id, row.user_name, row.entity, row.entity_id, row.action, row.before_json, row.after_json,
    row.prev_hash, hash,
  );
  sql.run(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    HEAD_KEY, JSON.stringify({ seq: row.seq, hash }));
}

function readHead(sql: ReadSql): { seq: number; hash: string } {
  const stored = sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = ?`, HEAD_KEY);
  return stored ? (JSON.parse(stored.value) as { seq: number; hash: string }) : { seq: 0, hash: GENESIS_HASH };
}

/** Walk the whole chain and name every entry that was edited, inserted or deleted. */
export function verifyAuditChain(sql: ReadSql): AuditVerifyResult {
  const problems: AuditVerifyResult['problems'] = [];
  const head = readHead(sql);
  // The last entry at or below the head (the newest entry this program wrote); entries past it were
  // added outside the program, whatever their hash, and are reported together below.
  let previous = { seq: 0, hash: GENESIS_HASH };
  let appendedFirst = 0;
  let appendedLast = 0;
  let checked = 0;
  for (const row of sql.iterate<AuditRow>(`SELECT * FROM audit_log ORDER BY seq`)) {
    checked++;
    if (row.seq > head.seq) {
      if (appendedFirst === 0) appendedFirst = row.seq;
      appendedLast = row.seq;
      continue;
    }
    const { hash, ...content } = row;
    if (entryHash(content) !== hash) {
      problems.push({ seq: row.seq, kind: 'edited', message: `第 ${row.seq} 条审计记录的内容被修改过（哈希不符）` });
    } else if (row.prev_hash !== previous.hash) {
      if (row.seq > previous.seq + 1) {
        const missing = row.seq - previous.seq - 1;
        const range = missing === 1 ? `第 ${previous.seq + 1} 条` : `第 ${previous.seq + 1}–${row.seq - 1} 条`;
        problems.push({ seq: previous.seq + 1, kind: 'deleted', message: `${range}审计记录被删除` });
      } else {
        problems.push({ seq: row.seq, kind: 'inserted', message: `第 ${row.seq} 条审计记录不是由本系统按顺序写入的（被插入或替换）` });
      }
    }
    previous = { seq: row.seq, hash: row.hash };
  }
  if (head.seq > previous.seq) {
    const range = head.seq === previous.seq + 1 ? `第 ${head.seq} 条` : `第 ${previous.seq + 1}–${head.seq} 条`;
    problems.push({ seq: previous.seq + 1, kind: 'truncated', message: `${range}审计记录（最新的记录）被删除` });
  } else if (head.hash !== previous.hash) {
    problems.push({ seq: previous.seq, kind: 'inserted', message: `第 ${previous.seq} 条审计记录是在系统之外写入或替换的` });
  }
  if (appendedFirst > 0) {
    const range = appendedFirst === appendedLast ? `第 ${appendedFirst} 条` : `第 ${appendedFirst}–${appendedLast} 条`;
    problems.push({ seq: appendedFirst, kind: 'inserted', message: `${range}审计记录是在系统之外追加的` });
  }
  return { ok: problems.length === 0, checked, problems };
}

/** The whole check: the chain, and every row of the audited tables against its latest audited snapshot. */
export function verifyAudit(sql: ReadSql, audited: readonly AuditedTable[]): AuditVerifyResult {
  const chain = verifyAuditChain(sql);
  const problems = [...chain.problems, ...verifyAuditedRows(sql, audited)];
  return { ok: problems.length === 0, checked: chain.checked, problems };
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  entity?: string;
  entityId?: string;
  action?: string;
  userId?: string;
  /** Local calendar days, inclusive; converted to UTC instants by the caller. */
  fromInstant?: string;
  toInstant?: string;
}

/** An entry as stored, before and after as objects (auditView.ts turns it into what a reviewer reads). */
export interface StoredAuditEntry {
  seq: number;
  at: string;
  userId: string | null;
  userName: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  hash: string;
}

const parseJson = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

/** The latest entries of one object, newest first (for naming an entry that stored no snapshot). */
export function latestEntriesOf(sql: ReadSql, entity: string, entityId: string, limit = 20): Array<Pick<StoredAuditEntry, 'before' | 'after'>> {
  return sql
    .all<Pick<AuditRow, 'before_json' | 'after_json'>>(
      `SELECT before_json, after_json FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT ?`, entity, entityId, limit,
    )
    .map((r) => ({ before: parseJson(r.before_json), after: parseJson(r.after_json) }));
}

export function listAudit(sql: ReadSql, q: AuditQuery): { items: StoredAuditEntry[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (q.entity) add('entity = ?', q.entity);
  if (q.entityId) add('entity_id = ?', q.entityId);
  if (q.action) add('action = ?', q.action);
  if (q.userId) add('user_id = ?', q.userId);
  if (q.fromInstant) add('at >= ?', q.fromInstant);
  if (q.toInstant) add('at < ?', q.toInstant);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = sql.get<{ n: number }>(`SELECT count(*) AS n FROM audit_log ${whereSql}`, ...params)!.n;
  const rows = sql.all<AuditRow>(
    `SELECT * FROM audit_log ${whereSql} ORDER BY seq DESC LIMIT ? OFFSET ?`,
    ...params, q.pageSize, (q.page - 1) * q.pageSize,
  );
  return {
    total,
    items: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      userId: r.user_id,
      userName: r.user_name,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      before: parseJson(r.before_json),
      after: parseJson(r.after_json),
      hash: r.hash,
    })),
  };
}
