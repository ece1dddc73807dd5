import type { ReadSql } from '../../db/database';
import type { AuditVerifyResult } from '../../../shared/contract/admin';
import { AUDIT_ENTITIES } from '../../../shared/domain/auditDescriptions';

type Problem = AuditVerifyResult['problems'][number];

/**
 * A table whose rows the audit log describes in full: each row's current state must equal the snapshot of
 * its latest audit entry, so a status or an amount changed in the database file outside the program is
 * found and named. Each ledger declares its own (the list of them is electron/services/catalog).
 */
export interface AuditedTable {
  entity: string;
  table: string;
  /**
   * The row as its audit entries store it. `sql` is given for an entity whose snapshot holds rows of other tables
   * too (a project's items, payments and handovers); such a table sets `withParts`.
   */
  snapshot(row: Record<string, unknown>, sql: ReadSql): Record<string, unknown>;
  /** The snapshot reads other tables: its rows are loaded first (an open iteration allows no other statement). */
  withParts?: boolean;
  /** What of a snapshot is compared, where it holds what may change without an audit entry (users' names). */
  comparable?(snapshot: Record<string, unknown>): Record<string, unknown>;
  /** Names of snapshot keys that are not fields of the entity (a project's 承诺事项). */
  partLabels?: Readonly<Record<string, string>>;
  /** Only entries whose snapshot has this key hold the full state (a password reset's entry does not). */
  fullStateKey: string;
}

/** The users table: its audit entries keep the user without the password hash. */
export const AUDITED_USERS: AuditedTable = {
  entity: 'user',
  table: 'users',
  snapshot: (row) => ({ username: row.username, displayName: row.display_name, role: row.role, disabled: Boolean(row.disabled) }),
  fullStateKey: 'role',
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function nameOf(entity: string, id: string, snapshot: Record<string, unknown>): string {
  const description = AUDIT_ENTITIES[entity];
  const name = description?.name?.(snapshot, id);
  return `${description?.label ?? entity}“${name ?? id}”`;
}

function checkTable(sql: ReadSql, t: AuditedTable): Problem[] {
  const problems: Problem[] = [];
  const fields = AUDIT_ENTITIES[t.entity]?.fields ?? {};
  const comparable = t.comparable ?? ((snapshot) => snapshot);
  // Iterated, not loaded: a ledger of 100,000 records holds as many snapshots. Tables whose snapshots read other
  // tables are loaded first (they are the smaller ledgers: projects, not records).
  const query = `SELECT t.*, a.seq AS audited_seq, a.after_json AS audited_json FROM ${t.table} t
     LEFT JOIN audit_log a ON a.seq = (SELECT max(seq) FROM audit_log
       WHERE entity = ? AND entity_id = t.id AND json_type(after_json, '$.${t.fullStateKey}') IS NOT NULL)`;
  type AuditedRow = Record<string, unknown> & { audited_seq: number | null; audited_json: string | null };
  const rows = t.withParts ? sql.all<AuditedRow>(query, t.entity) : sql.iterate<AuditedRow>(query, t.entity);
  for (const row of rows) {
    const id = String(row.id);
    const current = comparable(t.snapshot(row, sql));
    if (row.audited_json === null || row.audited_seq === null) {
      problems.push({ seq: 0, kind: 'rowWithoutAudit', message: `${nameOf(t.entity, id, current)}没有任何审计记录：是在系统之外写入数据库的` });
      continue;
    }
    const audited = comparable(JSON.parse(row.audited_json) as Record<string, unknown>);
    const changed = Object.keys(current).filter((key) => !same(current[key], audited[key]));
    if (changed.length > 0) {
      const labels = changed.map((key) => t.partLabels?.[key] ?? fields[key]?.label ?? key).join('、');
      problems.push({
        seq: row.audited_seq,
        kind: 'rowChanged',
        message: `${nameOf(t.entity, id, audited)}的${labels}与其最后一条审计记录（第 ${row.audited_seq} 条）不符：在系统之外被修改过`,
      });
    }
  }
  const deleted = sql.all<{ entity_id: string; seq: number; after_json: string | null }>(
    `SELECT entity_id, max(seq) AS seq, after_json FROM audit_log a
     WHERE entity = ? AND json_type(after_json, '$.${t.fullStateKey}') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${t.table} WHERE id = a.entity_id)
     GROUP BY entity_id`,
    t.entity,
  );
  for (const d of deleted) {
    const name = nameOf(t.entity, d.entity_id, d.after_json ? (JSON.parse(d.after_json) as Record<string, unknown>) : {});
    problems.push({ seq: d.seq, kind: 'rowDeleted', message: `${name}已不在数据库中：是在系统之外被删除的` });
  }
  return problems;
}

/**
 * Every audited row against its latest audit snapshot. A ledger with users began its log with the office's
 * initialisation; a log without that entry was emptied (or rewritten from part-way), even if new entries
 * have been appended since.
 */
export function verifyAuditedRows(sql: ReadSql, audited: readonly AuditedTable[]): Problem[] {
  const users = sql.get<{ n: number }>(`SELECT count(*) AS n FROM users`)!.n;
  const entries = sql.get<{ n: number }>(`SELECT count(*) AS n FROM audit_log`)!.n;
  const initialised = sql.get(`SELECT 1 FROM audit_log WHERE entity = 'settings' AND action = 'initialize' LIMIT 1`) !== undefined;
  const problems: Problem[] = [];
  if (users > 0 && !initialised) {
    problems.push({
      seq: 0,
      kind: 'emptied',
      message: entries === 0
        ? `审计日志是空的，但台账中有 ${users} 个用户：日志已被清空`
        : `审计日志缺少最初的单位初始化记录（现有 ${entries} 条）：日志被清空或替换过`,
    });
  }
  return [...problems, ...audited.flatMap((t) => checkTable(sql, t))];
}
