/**
 * Migrations that change indexes only, each on a ledger an earlier version wrote: the data is as it was and
 * the questions the index serves get the same answers.
 * - 0017: the commitments list filtered by status, 责任部门 and due date reads index entries only (no table row
 *   is read to test a department — what made that list miss its speed goal at 20,000 commitments).
 * - 0018: the outbox's per-item index without the upload state: each row's 上报 tag is as before, and a save
 *   after the upgrade makes an uploaded record 待上报 again.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database';
import { MIGRATIONS } from '../../electron/db/migrations';
import { createCommitment, queryCommitments, type CommitmentListQuery } from '../../electron/services/commitments';
import type { ServiceDeps } from '../../electron/services/context';
import { createRecord, updateRecord } from '../../electron/services/records';
import { COMMITMENT_LIST_SPEC } from '../../electron/services/commitments/commitmentListSpec';
import { whereFor } from '../../electron/services/ledger/listEngine';
import { initializeOffice } from '../../electron/services/users/usersService';
import { uploadTags } from '../../electron/sync/views';
import { unitRecord } from '../support/recordFixtures';
import { commitment } from '../support/commitmentFixtures';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';

const dirs: string[] = [];
const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A ledger with the migrations before `migration`, and its administrator. */
async function ledgerBefore(dir: string, migration: string) {
  const index = MIGRATIONS.findIndex((M) => new M().name === migration);
  expect(index).toBeGreaterThan(0);
  const old = await openDatabase(dir, { migrations: MIGRATIONS.slice(0, index) });
  const oldDeps: ServiceDeps = { db: old, dataDir: dir, now: () => new Date() };
  const admin = await initializeOffice(oldDeps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
  return { old, oldDeps, admin };
}

const OVERDUE_OF_TWO_DEPARTMENTS: CommitmentListQuery & { page: number; pageSize: number } = {
  page: 1, pageSize: 10, sortBy: 'dueOn', sortOrder: 'desc', statuses: ['overdue'], departments: ['城管办', '综治办'], dueFrom: '2024-01-01',
};

describe('migration 0017: commitments by status, department and due date', () => {
  it('keeps the commitments and answers the overdue-by-department list from index entries', async () => {
    const dir = tempDir('ledger-0017-');
    dirs.push(dir);
    const { old, oldDeps, admin } = await ledgerBefore(dir, 'CommitmentsStatusDue1763900000017');
    const made = [
      { department: '城管办', dueOn: '2025-03-31' },
      { department: '综治办', dueOn: '2024-09-30' },
      { department: '城管办', dueOn: '2023-12-31' }, // before the range
      { department: '党政办', dueOn: '2025-01-31' }, // another department
      { department: '综治办', dueOn: '2099-12-31' }, // not overdue
    ];
    for (const fields of made) await createCommitment(oldDeps, admin, commitment(fields));
    const before = await queryCommitments(oldDeps, OVERDUE_OF_TWO_DEPARTMENTS);
    await old.close();

    const db = await openDatabase(dir);
    open.push(db);
    const deps: ServiceDeps = { db, dataDir: dir, now: () => new Date() };
    const after = await queryCommitments(deps, OVERDUE_OF_TWO_DEPARTMENTS);
    expect(after.total).toBe(2);
    expect(after.items.map((r) => [r.department, r.dueOn])).toEqual([['城管办', '2025-03-31'], ['综治办', '2024-09-30']]);
    expect(after).toEqual(before);

    // the list engine's own filter, as it picks a page of this list
    const where = whereFor(COMMITMENT_LIST_SPEC, OVERDUE_OF_TWO_DEPARTMENTS);
    const plan = await db.read((sql) => sql.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT seq FROM public_commitments ${where.sql} ORDER BY due_on DESC, seq DESC`, ...where.params,
    ).map((r) => r.detail));
    expect(plan.join('\n')).toContain('COVERING INDEX commitments_status_due');
  });
});

describe('migration 0018: the outbox per-item index without the upload state', () => {
  it('keeps each record’s 上报 tag, and a later save makes an uploaded record 待上报 again', async () => {
    const dir = tempDir('ledger-0018-');
    dirs.push(dir);
    const { old, oldDeps, admin } = await ledgerBefore(dir, 'OutboxItemIndex1763900000018');
    const waiting = await createRecord(oldDeps, admin, unitRecord({ docNumber: '东城认〔2026〕1号' }));
    const uploaded = await createRecord(oldDeps, admin, unitRecord({ docNumber: '东城认〔2026〕2号' }));
    // as the platform's answer leaves it (sync/receipts.ts)
    await old.write((sql) => {
      sql.run(`UPDATE outbox SET state = 'uploaded' WHERE item_id = ?`, uploaded.id);
      sql.run(`INSERT INTO upload_state (kind, item_id, version, status, batch_id, at) VALUES ('dishonesty_record', ?, 1, 'accepted', 'b-1', '2026-11-01T00:00:00.000Z')`, uploaded.id);
    });
    const tagsOf = (db: Db) => db.read((sql) => Object.fromEntries(uploadTags(sql, 'dishonesty_record', [waiting.id, uploaded.id])));
    const before = await tagsOf(old);
    await old.close();

    const db = await openDatabase(dir);
    open.push(db);
    const deps: ServiceDeps = { db, dataDir: dir, now: () => new Date() };
    expect(await tagsOf(db)).toEqual(before);
    expect(before).toEqual({ [waiting.id]: 'pending', [uploaded.id]: 'uploaded' });
    const columns = await db.read((sql) => sql.all<{ name: string }>(`SELECT name FROM pragma_index_info('outbox_item')`).map((r) => r.name));
    expect(columns).toEqual(['kind', 'item_id']);

    await updateRecord(deps, admin, { id: uploaded.id, expectedVersion: 1, fields: { ...unitRecord({ docNumber: '东城认〔2026〕2号' }), facts: '补充事实。'.repeat(3) } });
    expect((await tagsOf(db))[uploaded.id]).toBe('pending');
  });
});
