/** Migration 0015 on a ledger that already holds records and users: nothing of it changes, and the promises ledger works. */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import { MIGRATIONS } from '../../electron/db/migrations';
import { verifyAudit } from '../../electron/services/audit/auditLog';
import { AUDITED_TABLES } from '../../electron/services/catalog';
import { createProject, queryPromises } from '../../electron/services/promises';
import { createRecord, getRecord } from '../../electron/services/records';
import { createUser, initializeOffice, toActor } from '../../electron/services/users/usersService';
import { projectInput } from '../support/promiseFixtures';
import { unitRecord } from '../support/recordFixtures';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('migration 0015 (investment promises)', () => {
  it('upgrades a ledger of records: the records read the same, the audit chain holds, and projects can be kept', async () => {
    const dir = tempDir('ledger-0015-');
    dirs.push(dir);
    const at = MIGRATIONS.findIndex((m) => m.name === 'InvestmentPromises1763900000015');
    expect(at).toBeGreaterThan(0);
    const old = await openDatabase(dir, { migrations: MIGRATIONS.slice(0, at) });
    const oldDeps = { db: old, dataDir: dir, now: () => new Date() };
    const admin = await initializeOffice(oldDeps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
    const clerk = toActor(await createUser(oldDeps, admin, { username: 'clerk', displayName: '李录入', role: 'clerk', password: TEST_PASSWORD, mustChangePassword: false }));
    const record = await createRecord(oldDeps, clerk, unitRecord({}));
    const before = await getRecord(oldDeps, clerk, record.id);
    expect(await old.read((sql) => sql.get(`SELECT 1 FROM sqlite_schema WHERE name = 'promise_items'`))).toBeUndefined();
    await old.close();

    const db = await openDatabase(dir);
    const deps = { db, dataDir: dir, now: () => new Date() };
    try {
      expect(await getRecord(deps, clerk, record.id)).toEqual(before);
      const project = await createProject(deps, clerk, projectInput(clerk.id));
      expect((await queryPromises(deps, { sortBy: 'dueOn', sortOrder: 'asc', page: 1, pageSize: 10 }, null)).items.map((i) => i.projectId)).toEqual([project.id, project.id]);
      expect((await db.read((sql) => verifyAudit(sql, AUDITED_TABLES))).problems).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
