/**
 * Migration 0014 (公开承诺) on a ledger an earlier version wrote: the records and their history are as they
 * were, the commitments' tables, indexes and search index are there, and a commitment made into a record is
 * linked both ways on the upgraded file.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database';
import { MIGRATIONS } from '../../electron/db/migrations';
import { createCommitment, makeRecordFromCommitment, queryCommitments } from '../../electron/services/commitments';
import type { ServiceDeps } from '../../electron/services/context';
import { createRecord, getRecord } from '../../electron/services/records';
import { initializeOffice } from '../../electron/services/users/usersService';
import { commitment } from '../support/commitmentFixtures';
import { unitRecord } from '../support/recordFixtures';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';

const dirs: string[] = [];
const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 0014: public commitments', () => {
  it('an upgrade keeps the records and adds the commitments ledger with its indexes and links', async () => {
    const dir = tempDir('ledger-0014-');
    dirs.push(dir);
    const index = MIGRATIONS.findIndex((M) => new M().name === 'PublicCommitments1763900000014');
    expect(index).toBeGreaterThan(0);
    const old = await openDatabase(dir, { migrations: MIGRATIONS.slice(0, index) });
    const oldDeps: ServiceDeps = { db: old, dataDir: dir, now: () => new Date() };
    const admin = await initializeOffice(oldDeps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
    const record = await createRecord(oldDeps, admin, unitRecord({ unitName: '东城街道办事处' }));
    await old.close();

    const db = await openDatabase(dir);
    open.push(db);
    const deps: ServiceDeps = { db, dataDir: dir, now: () => new Date() };
    const kept = await getRecord(deps, admin, record.id);
    expect(kept.record).toMatchObject({ unitName: '东城街道办事处', version: 1 });
    expect(kept.links).toEqual([]);
    const schema = await db.read((sql) => sql.all<{ name: string }>(`SELECT name FROM sqlite_schema WHERE name LIKE 'commitment%' OR name LIKE 'public_commitments%' OR name LIKE 'entity_links%'`).map((r) => r.name));
    expect(schema).toEqual(expect.arrayContaining([
      'public_commitments', 'commitment_versions', 'commitment_search', 'commitments_list', 'commitments_status_due', 'commitments_number', 'entity_links',
    ]));

    const overdue = await createCommitment(deps, admin, commitment({ title: '老旧小区物业托管', dueOn: '2025-06-30' }));
    expect(overdue.status).toBe('overdue');
    expect((await queryCommitments(deps, { page: 1, pageSize: 10, sortBy: 'updatedAt', sortOrder: 'desc', search: '物业' })).total).toBe(1);
    const { recordId } = await makeRecordFromCommitment(deps, admin, { id: overdue.id, expectedVersion: overdue.version, severity: '一般' });
    expect((await getRecord(deps, admin, recordId)).links).toMatchObject([{ kind: 'public_commitment', id: overdue.id }]);
  });
});
