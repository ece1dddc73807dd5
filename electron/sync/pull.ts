import type { ReadSql, WriteSql } from '../db/database';
import { isoNow, type ServiceDeps } from '../services/context';
import { jsonReader, type PlatformConnection } from './connection';
import { CLIENT_KINDS } from './kinds';
import { readState, writeFault, writeState } from './state';
import type { ChangesPage, DictionaryChange, PlatformChange, RecordStatusChange, UnitChange } from './wire';

export interface PullReport {
  fetched: number;
  applied: number;
  unchanged: number;
  conflicts: number;
  ignored: number;
  dictionaries: number;
  units: number;
  /** Set when the download waits for an administrator: it would change this many of `ledger` items. */
  needsApproval: { decisions: number; ledger: number } | null;
  fault: { code: string; message: string } | null;
}

const PAGE = 500;
/** Below this many decisions a download never asks, however small the ledger. */
const APPROVAL_FLOOR = 10;

/**
 * Download what the city decided or published. Pages are first kept in `sync_incoming` and the cursor
 * moved in the same transaction (nothing fetched is lost, nothing fetched twice); then, unless the
 * decisions would change more than a tenth of the ledger and no administrator has said yes, they are
 * applied in small transactions.
 */
export async function pull(deps: ServiceDeps, connection: PlatformConnection, options: { approve?: boolean } = {}): Promise<PullReport> {
  const report: PullReport = { fetched: 0, applied: 0, unchanged: 0, conflicts: 0, ignored: 0, dictionaries: 0, units: 0, needsApproval: null, fault: null };
  for (let more = true; more; ) {
    const cursor = await deps.db.read((sql) => readState(sql, 'cursor'));
    const target = `/v1/changes?${cursor ? `since=${encodeURIComponent(cursor)}&` : ''}limit=${PAGE}`;
    const outcome = await connection.call('GET', target, {}, jsonReader<ChangesPage>((p) => Array.isArray(p?.items) && typeof p.nextCursor === 'string'));
    if (!outcome.ok) {
      const fault = outcome.kind === 'unreachable'
        ? { code: 'UNREACHABLE', message: `暂时无法下载：${outcome.message}` }
        : { code: outcome.error.code, message: `平台拒绝下载（${outcome.status}）：${outcome.error.message}` };
      await deps.db.write((sql) => writeFault(sql, { ...fault, at: isoNow(deps) }));
      return { ...report, fault };
    }
    const page = outcome.value;
    await deps.db.write((sql) => {
      for (const item of page.items) sql.run(`INSERT INTO sync_incoming (change_id, item_json) VALUES (?, ?)`, item.changeId, JSON.stringify(item));
      writeState(sql, 'cursor', page.nextCursor);
    });
    report.fetched += page.items.length;
    more = page.hasMore && page.items.length > 0;
  }
  const guard = await deps.db.read((sql) => decisionsAgainstLedger(sql));
  if (guard.decisions > APPROVAL_FLOOR && guard.decisions * 10 > guard.ledger && !options.approve) {
    await deps.db.write((sql) => writeState(sql, 'pendingApproval', JSON.stringify(guard)));
    return { ...report, needsApproval: guard };
  }
  for (;;) {
    const done = await deps.db.write((sql) => applyStaged(sql, isoNow(deps), report));
    if (done) break;
  }
  await deps.db.write((sql) => {
    writeState(sql, 'pendingApproval', null);
    writeState(sql, 'lastSuccessAt', isoNow(deps));
  });
  return report;
}

function decisionsAgainstLedger(sql: ReadSql): { decisions: number; ledger: number } {
  const decisions = sql.get<{ n: number }>(`SELECT count(*) AS n FROM sync_incoming WHERE json_extract(item_json, '$.type') = 'record_status'`)!.n;
  const ledger = Object.values(CLIENT_KINDS).reduce((sum, kind) => sum + kind.count(sql), 0);
  return { decisions, ledger };
}

/** Apply up to one page of staged changes; true when none are left. */
function applyStaged(sql: WriteSql, at: string, report: PullReport): boolean {
  const rows = sql.all<{ n: number; item_json: string }>(`SELECT n, item_json FROM sync_incoming ORDER BY n LIMIT ?`, PAGE);
  for (const row of rows) {
    const change = JSON.parse(row.item_json) as PlatformChange;
    if (change.type === 'record_status') applyDecision(sql, at, change, report);
    else if (change.type === 'dictionary') storeDictionary(sql, at, change, report);
    else if (change.type === 'unit') storeUnit(sql, at, change, report);
    else report.ignored++;
    sql.run(`DELETE FROM sync_incoming WHERE n = ?`, row.n);
  }
  return rows.length < PAGE;
}

function applyDecision(sql: WriteSql, at: string, change: RecordStatusChange, report: PullReport): void {
  const kind = CLIENT_KINDS[change.kind];
  if (!kind) {
    report.ignored++;
    return;
  }
  // A local change still waiting to upload is never overwritten: keep it, and show the conflict.
  const waiting = sql.get<{ version: number }>(
    `SELECT max(version) AS version FROM outbox WHERE kind = ? AND item_id = ? AND state IN ('pending','batched')`, change.kind, change.id,
  );
  if (waiting?.version) {
    sql.run(
      `INSERT INTO sync_conflicts (change_id, kind, item_id, status, note, decided_at, local_version, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (change_id) DO NOTHING`,
      change.changeId, change.kind, change.id, change.status, change.note, change.decidedAt, waiting.version, at,
    );
    report.conflicts++;
    return;
  }
  const outcome = kind.applyDecision(sql, at, { id: change.id, status: change.status, decidedAt: change.decidedAt, note: change.note });
  if (outcome === 'applied') report.applied++;
  else if (outcome === 'unchanged') report.unchanged++;
  else report.ignored++;
}

function storeDictionary(sql: WriteSql, at: string, change: DictionaryChange, report: PullReport): void {
  sql.run(
    `INSERT INTO platform_dictionaries (name, version, entries_json, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET version = excluded.version, entries_json = excluded.entries_json, updated_at = excluded.updated_at
     WHERE excluded.version >= platform_dictionaries.version`,
    change.name, change.version, JSON.stringify(change.entries), at,
  );
  report.dictionaries++;
}

function storeUnit(sql: WriteSql, at: string, change: UnitChange, report: PullReport): void {
  sql.run(
    `INSERT INTO platform_units (uscc, name, unit_type, parent_uscc, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (uscc) DO UPDATE SET name = excluded.name, unit_type = excluded.unit_type, parent_uscc = excluded.parent_uscc, updated_at = excluded.updated_at`,
    change.uscc, change.name, change.unitType, change.parentUscc, at,
  );
  report.units++;
}

