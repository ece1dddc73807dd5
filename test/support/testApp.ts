import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db, type OpenOptions } from '../../electron/db/database';
import type { Actor, ServiceDeps } from '../../electron/services/context';
import { createUser, initializeOffice, toActor } from '../../electron/services/users/usersService';
import type { Role } from '../../shared/domain/roles';
import type { PasswordCost } from '../../electron/services/users/passwords';

export const TEST_OFFICE = { officeName: '测试市某某区某某街道办事处', officeUscc: '11320102MB0000000F', noticePrefix: '某街诚信' };
export const TEST_PASSWORD = 'ceshi-mima-123';
/**
 * A lower scrypt cost for tests that are not about hashing (the product's cost takes ~0.4 s a hash);
 * test/integration/sign-in-guard.test.ts checks the product's own cost and the upgrade of older hashes.
 */
export const TEST_PASSWORD_COST: PasswordCost = { N: 1 << 14, r: 8, p: 1 };

export function tempDir(prefix = 'ledger-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A data folder with a migrated database, an office, and one user of each role. */
export interface TestApp {
  dataDir: string;
  db: Db;
  deps: ServiceDeps;
  admin: Actor;
  clerk: Actor;
  reviewer: Actor;
  close(): Promise<void>;
}

export async function createTestApp(options: OpenOptions & { now?: () => Date; passwordCost?: PasswordCost } = {}): Promise<TestApp> {
  const dataDir = tempDir();
  const db = await openDatabase(dataDir, options);
  const deps: ServiceDeps = { db, dataDir, now: options.now ?? (() => new Date()), passwordCost: options.passwordCost ?? TEST_PASSWORD_COST };
  const admin = await initializeOffice(deps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
  // Users who have already chosen their own password (a new user must change the administrator's at first sign-in).
  const make = async (username: string, displayName: string, role: Role) =>
    toActor(await createUser(deps, admin, { username, displayName, role, password: TEST_PASSWORD, mustChangePassword: false }));
  const clerk = await make('clerk', '李录入', 'clerk');
  const reviewer = await make('reviewer', '张审核', 'reviewer');
  return {
    dataDir, db, deps, admin, clerk, reviewer,
    async close() {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
