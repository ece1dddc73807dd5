/**
 * The audit chain anchored outside the machine: each upload batch carries the chain's head, the platform
 * keeps it, and verify-audit --against-platform finds a log rewritten by someone who recomputed every hash
 * (which the local check alone cannot), a renumbered log and an emptied one.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/services/audit/auditLog';
import { checkKeptHeads, fetchKeptHeads } from '../../electron/sync/auditAnchors';
import { DEFAULT_RETRY } from '../../electron/sync/http';
import { enrolledWorld, makeRecords, TEST_RETRY, type SyncWorld } from '../support/syncFixtures';

let world: SyncWorld;
beforeEach(async () => {
  world = await enrolledWorld();
  await makeRecords(world.app, 3);
  expect((await world.client.push()).fault).toBeNull();
});
afterEach(async () => world.close());

const anchoredProblems = async () => {
  const heads = await fetchKeptHeads(world.app.deps, world.client.keys, { ...DEFAULT_RETRY, ...TEST_RETRY });
  expect(heads.length).toBeGreaterThan(0);
  return world.app.db.read((sql) => checkKeptHeads(sql, heads));
};

interface Row { seq: number; at: string; user_id: string | null; user_name: string | null; entity: string; entity_id: string; action: string; before_json: string | null; after_json: string | null; prev_hash: string }

/** What an attacker with the file does: change entries, then recompute every hash and the kept head. */
async function rewriteLog(change: (rows: Row[]) => Row[]): Promise<void> {
  await world.app.db.write((sql) => {
    const rows = change(sql.all<Row>(`SELECT seq, at, user_id, user_name, entity, entity_id, action, before_json, after_json, prev_hash FROM audit_log ORDER BY seq`));
    sql.run(`DELETE FROM audit_log`);
    let prev = '0'.repeat(64);
    for (const row of rows) {
      const hash = createHash('sha256').update(JSON.stringify([prev, row.seq, row.at, row.user_id, row.user_name, row.entity, row.entity_id, row.action, row.before_json, row.after_json])).digest('hex');
      sql.run(`INSERT INTO audit_log (seq, at, user_id, user_name, entity, entity_id, action, before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        row.seq, row.at, row.user_id, row.user_name, row.entity, row.entity_id, row.action, row.before_json, row.after_json, prev, hash);
      prev = hash;
    }
    sql.run(`UPDATE settings SET value = ? WHERE key = 'audit.head'`, JSON.stringify({ seq: rows.at(-1)?.seq ?? 0, hash: prev }));
  });
}

describe('verify-audit against the heads the platform kept', () => {
  it('an untouched log agrees with every kept head', async () => {
    expect(await anchoredProblems()).toEqual([]);
  });

  it('finds a log whose entries were edited and every hash recomputed, which the local chain check passes', async () => {
    await rewriteLog((rows) => rows.map((r) => (r.entity === 'dishonesty_record' ? { ...r, user_name: '他人' } : r)));
    expect((await world.app.db.read((sql) => verifyAuditChain(sql))).ok).toBe(true); // the local check is fooled
    expect(await anchoredProblems()).toEqual([expect.objectContaining({ kind: 'edited', message: expect.stringMatching(/与市平台保存的链头不符/) })]);
  });

  it('finds a renumbered log and an emptied one', async () => {
    await rewriteLog((rows) => rows.slice(1).map((r) => ({ ...r, seq: r.seq - 1 })));
    expect((await anchoredProblems()).map((p) => p.kind)).toEqual(expect.arrayContaining([expect.stringMatching(/edited|deleted/)]));
    await rewriteLog(() => []);
    expect(await anchoredProblems()).toEqual([expect.objectContaining({ kind: 'deleted', message: expect.stringMatching(/日志被删减或清空过/) })]);
  });

  it('on the command line: verify-audit --against-platform exits 3 and names the entry', async () => {
    const cli = (args: string[]) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: path.resolve(import.meta.dirname, '../..') }, (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout + stderr }));
      });
    const ok = await cli(['verify-audit', '--data', world.app.dataDir, '--against-platform']);
    expect(ok).toMatchObject({ code: 0, out: expect.stringMatching(/与市平台保存的 \d+ 个链头一致/) });
    await rewriteLog((rows) => rows.map((r) => (r.entity === 'dishonesty_record' ? { ...r, user_name: '他人' } : r)));
    const broken = await cli(['verify-audit', '--data', world.app.dataDir, '--against-platform']);
    expect(broken).toMatchObject({ code: 3, out: expect.stringMatching(/与市平台保存的链头不符/) });
  });
});
