import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  authenticate, changePassword, checkPassword, createUser, initializeOffice, listUsers, loadActiveActor, setUserDisabled, setupRequired, toActor,
} from '../../electron/services/users/usersService';
import { hashPassword, verifyPassword } from '../../electron/services/users/passwords';
import { openDatabase } from '../../electron/db/database';
import type { ServiceDeps } from '../../electron/services/context';
import { TEST_OFFICE, TEST_PASSWORD, createTestApp, tempDir, type TestApp } from '../support/testApp';
import fs from 'node:fs';
import { errorOf } from '../support/errors';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(async () => {
  await app.close();
});

const userCount = () => app.db.read((sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM users`)!.n);
const storedHash = (username: string) =>
  app.db.read((sql) => sql.get<{ password_hash: string }>(`SELECT password_hash FROM users WHERE username = ?`, username)!.password_hash);

describe('first start', () => {
  it('a new data folder needs setup; after setup the office and its administrator exist', async () => {
    const dir = tempDir();
    const db = await openDatabase(dir);
    try {
      const deps: ServiceDeps = { db, dataDir: dir, now: () => new Date() };
      expect(await db.read((sql) => setupRequired(sql))).toBe(true);
      const admin = await initializeOffice(deps, TEST_OFFICE, { username: 'wang', displayName: '王管理', password: TEST_PASSWORD });
      expect(admin).toMatchObject({ username: 'wang', displayName: '王管理', role: 'admin' });
      expect(await db.read((sql) => setupRequired(sql))).toBe(false);
      expect(await authenticate(deps, 'wang', TEST_PASSWORD)).toEqual(admin);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('setup runs only once (ALREADY_SET_UP), and a second attempt changes nothing', async () => {
    const before = await userCount();
    const error = await errorOf(initializeOffice(app.deps, { ...TEST_OFFICE, officeName: '另一个单位' }, { username: 'intruder', displayName: '冒充者', password: TEST_PASSWORD }));
    expect(error.code).toBe('ALREADY_SET_UP');
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await userCount()).toBe(before);
    await expect(authenticate(app.deps, 'intruder', TEST_PASSWORD)).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    const office = await app.db.read((sql) => sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = 'office.name'`)!.value);
    expect(office).toBe(TEST_OFFICE.officeName);
  });
});

describe('creating users', () => {
  it('refuses a username already taken, naming the field, also in another letter case', async () => {
    for (const username of ['clerk', 'CLERK', 'Clerk']) {
      const error = await errorOf(createUser(app.deps, app.admin, { username, displayName: '重复', role: 'clerk', password: TEST_PASSWORD }));
      expect(error.code).toBe('CONFLICT');
      expect(error.field).toBe('username');
      expect(error.message).toContain(username);
    }
    expect(await userCount()).toBe(3);
  });

  it('stores the password as a salted scrypt hash, never as given', async () => {
    await createUser(app.deps, app.admin, { username: 'zhao', displayName: '赵录入', role: 'clerk', password: 'zhao-mima-2024' });
    await createUser(app.deps, app.admin, { username: 'qian', displayName: '钱录入', role: 'clerk', password: 'zhao-mima-2024' });
    const a = await storedHash('zhao');
    const b = await storedHash('qian');
    expect(a).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(Number(a.split('$')[1])).toBeGreaterThanOrEqual(1 << 14);
    expect(a).not.toContain('zhao-mima-2024');
    expect(a).not.toBe(b); // salted: the same password never stores the same
    expect(await verifyPassword('zhao-mima-2024', a)).toBe(true);
    expect(await verifyPassword('zhao-mima-2025', a)).toBe(false);
    const everything = await app.db.read((sql) => JSON.stringify([sql.all(`SELECT * FROM audit_log`), sql.all(`SELECT * FROM settings`)]));
    expect(everything).not.toContain('zhao-mima-2024');
    expect(everything).not.toContain('scrypt$');
  });

  it('a hash in another scheme never verifies (no plain-text fallback)', async () => {
    expect(await verifyPassword(TEST_PASSWORD, TEST_PASSWORD)).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('同一个密码', await hashPassword('同一个密码'))).toBe(true);
  });

  it('lists users without their password hashes', async () => {
    const users = await listUsers(app.deps, app.admin);
    expect(users.map((u) => [u.username, u.role, u.disabled])).toEqual([
      ['admin', 'admin', false], ['clerk', 'clerk', false], ['reviewer', 'reviewer', false],
    ]);
    expect(JSON.stringify(users)).not.toContain('scrypt');
  });

  it('only an administrator manages users (clerk and reviewer: FORBIDDEN)', async () => {
    for (const actor of [app.clerk, app.reviewer]) {
      for (const call of [
        () => createUser(app.deps, actor, { username: 'x-' + actor.role, displayName: 'x', role: 'admin', password: TEST_PASSWORD }),
        () => listUsers(app.deps, actor),
        () => setUserDisabled(app.deps, actor, app.admin.id, true),
      ]) {
        const error = await errorOf(call());
        expect(error.code).toBe('FORBIDDEN');
        expect(error.message).toContain('管理员');
      }
    }
    expect(await userCount()).toBe(3);
    expect((await loadActiveActor(app.deps, app.admin.id))?.id).toBe(app.admin.id);
  });
});

describe('signing in', () => {
  it('a wrong password and an unknown user get the same answer', async () => {
    const wrong = await errorOf(authenticate(app.deps, 'clerk', 'not-the-password'));
    const unknown = await errorOf(authenticate(app.deps, 'nobody', 'not-the-password'));
    expect(wrong.code).toBe('BAD_CREDENTIALS');
    expect(unknown.toJSON()).toEqual(wrong.toJSON());
    expect(wrong.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('records the time of the last sign-in', async () => {
    const at = new Date('2025-03-01T08:00:00.000Z');
    await authenticate({ ...app.deps, now: () => at }, 'clerk', TEST_PASSWORD);
    const row = (await listUsers(app.deps, app.admin)).find((u) => u.username === 'clerk')!;
    expect(row.lastLoginAt).toBe(at.toISOString());
  });

  it('a disabled user is refused (with the right password only), and can sign in again once enabled', async () => {
    await setUserDisabled(app.deps, app.admin, app.clerk.id, true);
    const error = await errorOf(authenticate(app.deps, 'clerk', TEST_PASSWORD));
    expect(error.code).toBe('USER_DISABLED');
    expect(error.message).toContain('停用');
    // a wrong password does not reveal that the account exists and is disabled
    expect((await errorOf(authenticate(app.deps, 'clerk', 'wrong-password'))).code).toBe('BAD_CREDENTIALS');
    expect(await loadActiveActor(app.deps, app.clerk.id)).toBeNull();
    await expect(checkPassword(app.deps, app.clerk.id, TEST_PASSWORD)).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });

    await setUserDisabled(app.deps, app.admin, app.clerk.id, false);
    expect(await authenticate(app.deps, 'clerk', TEST_PASSWORD)).toEqual(app.clerk);
  });
});

describe('disabling users', () => {
  it('an administrator cannot disable their own account', async () => {
    const error = await errorOf(setUserDisabled(app.deps, app.admin, app.admin.id, true));
    expect(error.code).toBe('VALIDATION');
    expect(error.field).toBe('disabled');
    expect(error.message).toContain('自己');
    expect(await loadActiveActor(app.deps, app.admin.id)).not.toBeNull();
  });

  it('the last enabled administrator cannot be disabled', async () => {
    const second = toActor(await createUser(app.deps, app.admin, { username: 'admin2', displayName: '钱管理', role: 'admin', password: TEST_PASSWORD }));
    // with two administrators, one may disable the other
    await setUserDisabled(app.deps, second, app.admin.id, true);
    // now `second` is the only enabled administrator; a stale session of the disabled one cannot remove it
    const error = await errorOf(setUserDisabled(app.deps, app.admin, second.id, true));
    expect(error.code).toBe('VALIDATION');
    expect(error.field).toBe('disabled');
    expect(error.message).toContain('管理员');
    expect(await loadActiveActor(app.deps, second.id)).not.toBeNull();
  });

  it('disabling an unknown user is NOT_FOUND', async () => {
    expect((await errorOf(setUserDisabled(app.deps, app.admin, '00000000-0000-4000-8000-000000000000', true))).code).toBe('NOT_FOUND');
  });

  it('users are never deleted: a disabled user still appears, marked disabled', async () => {
    await setUserDisabled(app.deps, app.admin, app.reviewer.id, true);
    const users = await listUsers(app.deps, app.admin);
    expect(users.find((u) => u.id === app.reviewer.id)).toMatchObject({ disabled: true, displayName: '张审核' });
  });
});

describe('changing the password', () => {
  it('the old password stops working and the new one works', async () => {
    await changePassword(app.deps, app.clerk, TEST_PASSWORD, 'xin-de-mima-789');
    expect((await errorOf(authenticate(app.deps, 'clerk', TEST_PASSWORD))).code).toBe('BAD_CREDENTIALS');
    expect(await authenticate(app.deps, 'clerk', 'xin-de-mima-789')).toEqual(app.clerk);
    expect((await errorOf(checkPassword(app.deps, app.clerk.id, TEST_PASSWORD))).code).toBe('BAD_CREDENTIALS');
    expect(await storedHash('clerk')).not.toContain('xin-de-mima-789');
    // other users are untouched
    expect(await authenticate(app.deps, 'reviewer', TEST_PASSWORD)).toEqual(app.reviewer);
  });

  it('is refused with a wrong current password, naming that field, and nothing changes', async () => {
    const before = await storedHash('clerk');
    const error = await errorOf(changePassword(app.deps, app.clerk, 'wrong-current', 'xin-de-mima-789'));
    expect(error.code).toBe('BAD_CREDENTIALS');
    expect(error.field).toBe('currentPassword');
    expect(await storedHash('clerk')).toBe(before);
    expect(await authenticate(app.deps, 'clerk', TEST_PASSWORD)).toEqual(app.clerk);
  });
});
