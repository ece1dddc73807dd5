/**
 * Migration 0017 on a ledger an earlier version wrote: the commitments are as they were, the list filtered by
 * status, 责任部门 and due date answers the same rows, and it now reads index entries only (no table row is
 * read to test a department — what made that list miss its speed goal at 20,000 commitments).
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database';
import { MIGRATIONS } from '../../electron/db/migrations';
import { createCommitment, queryCommitments, type CommitmentListQuery } from '../../electron/services/commitments';
import type { ServiceDeps } from '../../electron/services/context';
import { initializeOffice } from '../../electron/services/users/usersService';
import { commitment } from '../support/commitmentFixtures';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';

const dirs: string[] = [];
const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const OVERDUE_OF_TWO_DEPARTMENTS: CommitmentListQuery & { page: number; pageSize: number } = {
  page: 1, pageSize: 10, sortBy: 'dueOn', sortOrder: 'desc', statuses: ['overdue'], departments: ['城管办', '综治办'], dueFrom: '2024-01-01',
};

describe('migration 0017: commitments by status, department and due date', () => {
  it('keeps the commitments and answers the overdue-by-department list from index entries', async () => {
    const dir = tempDir('ledger-0017-');
    dirs.push(dir);
    const index = MIGRATIONS.findIndex((M) => new M().name === 'CommitmentsStatusDue1763900000017');
    expect(index).toBeGreaterThan(0);
    const old = await openDatabase(dir, { migrations: MIGRATIONS.slice(0, index) });
    const oldDeps: ServiceDeps = { db: old, dataDir: dir, now: () => new Date() };
    const admin = await initializeOffice(oldDeps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
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

    const plan = await db.read((sql) => sql.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT seq FROM public_commitments
       WHERE status IN ('overdue') AND department IN ('城管办', '综治办') AND due_on >= '2024-01-01' ORDER BY due_on DESC, seq DESC`,
    ).map((r) => r.detail));
    expect(plan.join('\n')).toContain('COVERING INDEX commitments_status_due');
  });
});
