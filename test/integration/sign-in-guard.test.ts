import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  authenticate, changePassword, checkPassword, resetUserPassword, setUserDisabled,
} from '../../electron/services/users/usersService';
import { hashPassword, PASSWORD_COST, verifyPassword } from '../../electron/services/users/passwords';
import { localTimeText, SIGN_IN_GUARD } from '../../electron/services/users/signInGuard';
import { TEST_PASSWORD, createTestApp, type TestApp } from '../support/testApp';
import { errorOf } from '../support/errors';

/**
 * Sign-in resists guessing: failures are audited, slowed after five and locked after ten (the message says
 * until when), an unknown name answers as a wrong password does and in the same time, a disabled account
 * says so only after the right password, and hashes are made at scrypt N = 2^17 and upgraded at sign-in.
 */

let app: TestApp;
let clock = Date.parse('2026-03-02T01:00:00Z');
beforeEach(async () => {
  clock = Date.parse('2026-03-02T01:00:00Z');
  app = await createTestApp({ now: () => new Date(clock) });
});
afterEach(async () => {
  await app.close();
});

const later = (seconds: number) => {
  clock += seconds * 1000;
};
const auditRows = () =>
  app.db.read((sql) => sql.all<{ entity: string; entity_id: string; action: string; user_id: string | null; after_json: string | null }>(
    `SELECT entity, entity_id, action, user_id, after_json FROM audit_log ORDER BY seq`,
  ));
const storedHash = (username: string) =>
  app.db.read((sql) => sql.get<{ password_hash: string }>(`SELECT password_hash FROM users WHERE username = ?`, username)!.password_hash);

async function failTimes(username: string, times: number) {
  for (let i = 0; i < times; i++) await errorOf(authenticate(app.deps, username, `wrong-${i}`));
}

describe('failed attempts are audited', () => {
  it('a wrong password and an unknown name each append one entry naming the login name, with no user', async () => {
    const before = (await auditRows()).length;
    await errorOf(authenticate(app.deps, 'clerk', 'wrong-password'));
    await errorOf(authenticate(app.deps, 'nobody', 'wrong-password'));
    const added = (await auditRows()).slice(before);
    expect(added.map((r) => [r.entity, r.entity_id, r.action, r.user_id])).toEqual([
      ['sign_in', 'clerk', 'loginFailed', null],
      ['sign_in', 'nobody', 'loginFailed', null],
    ]);
    expect(JSON.stringify(added)).not.toContain('wrong-password');
  });

  it('a wrong password at the lock screen is audited as the signed-in user', async () => {
    const before = (await auditRows()).length;
    await errorOf(checkPassword(app.deps, app.clerk.id, 'wrong-password'));
    await checkPassword(app.deps, app.clerk.id, TEST_PASSWORD);
    const added = (await auditRows()).slice(before);
    expect(added.map((r) => [r.entity, r.action, r.user_id])).toEqual([
      ['sign_in', 'unlockFailed', app.clerk.id],
      ['user', 'unlock', app.clerk.id],
    ]);
  });
});

describe('guessing is slowed, then locked', () => {
  it('after five failures the next attempt must wait 30 s, even with the right password, and the message says until when', async () => {
    await failTimes('clerk', SIGN_IN_GUARD.slowAfter);
    const waiting = await errorOf(authenticate(app.deps, 'clerk', TEST_PASSWORD));
    expect(waiting.code).toBe('TOO_MANY_ATTEMPTS');
    expect(waiting.message).toContain(`请于 ${localTimeText(new Date(clock + 30_000), false)} 之后再试`);
    later(31);
    expect(await authenticate(app.deps, 'clerk', TEST_PASSWORD)).toEqual(app.clerk);
    // the right password cleared the count: four more failures are answered as wrong passwords, the fifth asks for a wait
    await failTimes('clerk', SIGN_IN_GUARD.slowAfter - 2);
    expect((await errorOf(authenticate(app.deps, 'clerk', 'wrong'))).code).toBe('BAD_CREDENTIALS');
    expect((await errorOf(authenticate(app.deps, 'clerk', 'wrong'))).code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('after ten failures the name is locked for 15 minutes, logged once, and the message says until when', async () => {
    for (let i = 0; i < SIGN_IN_GUARD.lockAfter; i++) {
      await errorOf(authenticate(app.deps, 'clerk', `wrong-${i}`));
      later(31);
    }
    const lockedAt = clock - 31_000;
    const locked = await errorOf(authenticate(app.deps, 'clerk', TEST_PASSWORD));
    expect(locked.code).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.message).toContain(`已锁定至 ${localTimeText(new Date(lockedAt + 15 * 60_000), true)}`);
    expect((await auditRows()).filter((r) => r.action === 'signInLocked').map((r) => r.entity_id)).toEqual(['clerk']);
    // the lock also holds at the lock screen, and for the name in another letter case
    expect((await errorOf(checkPassword(app.deps, app.clerk.id, TEST_PASSWORD))).code).toBe('TOO_MANY_ATTEMPTS');
    expect((await errorOf(authenticate(app.deps, 'CLERK', TEST_PASSWORD))).code).toBe('TOO_MANY_ATTEMPTS');
    // other users are not affected
    expect(await authenticate(app.deps, 'reviewer', TEST_PASSWORD)).toEqual(app.reviewer);
    later(15 * 60);
    expect(await authenticate(app.deps, 'clerk', TEST_PASSWORD)).toEqual(app.clerk);
  });

  it('an administrator\'s password reset lifts the lock at once', async () => {
    for (let i = 0; i < SIGN_IN_GUARD.lockAfter; i++) {
      await errorOf(authenticate(app.deps, 'clerk', `wrong-${i}`));
      later(31);
    }
    await resetUserPassword(app.deps, app.admin, app.clerk.id, 'chongzhi-mima-2026');
    expect(await authenticate(app.deps, 'clerk', 'chongzhi-mima-2026')).toEqual(app.clerk);
  });
});

describe('an unknown name is not told apart', () => {
  it('gets the same answer as a wrong password, and the same wait and lock messages', async () => {
    const wrong = await errorOf(authenticate(app.deps, 'clerk', 'wrong-password'));
    const unknown = await errorOf(authenticate(app.deps, 'nobody', 'wrong-password'));
    expect(unknown.toJSON()).toEqual(wrong.toJSON());
    await failTimes('clerk', SIGN_IN_GUARD.slowAfter - 1);
    await failTimes('nobody', SIGN_IN_GUARD.slowAfter - 1);
    expect((await errorOf(authenticate(app.deps, 'nobody', 'x'))).toJSON()).toEqual((await errorOf(authenticate(app.deps, 'clerk', 'x'))).toJSON());
  });

  it('costs about the same time as a wrong password (both check a hash)', async () => {
    const timed = async (username: string) => {
      later(20 * 60); // past any wait or lock, so every attempt checks a password
      const start = performance.now();
      await errorOf(authenticate(app.deps, username, 'wrong-password'));
      return performance.now() - start;
    };
    await timed('warm-up-unknown');
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      wrong.push(await timed('clerk'));
      unknown.push(await timed(`nobody-${i}`));
    }
    // Before the decoy hash an unknown name answered in well under a millisecond against tens for a wrong password.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.5);
  });
});

describe('a disabled account', () => {
  it('says so only after the right password', async () => {
    await setUserDisabled(app.deps, app.admin, app.clerk.id, true);
    expect((await errorOf(authenticate(app.deps, 'clerk', 'wrong-password'))).code).toBe('BAD_CREDENTIALS');
    expect((await errorOf(authenticate(app.deps, 'clerk', TEST_PASSWORD))).code).toBe('USER_DISABLED');
  });
});

describe('password hashing cost', () => {
  it('new hashes use scrypt N = 2^17 unless a lower cost is asked for', async () => {
    expect(PASSWORD_COST.N).toBe(1 << 17);
    const hash = await hashPassword('mima-2026-guanli');
    expect(hash.split('$').slice(1, 4).map(Number)).toEqual([1 << 17, 8, 1]);
    expect(await verifyPassword('mima-2026-guanli', hash)).toBe(true);
  });

  it('an older, cheaper hash is upgraded at the next sign-in and the password still works', async () => {
    expect(Number((await storedHash('clerk')).split('$')[1])).toBe(1 << 14);
    const productDeps = { ...app.deps, passwordCost: undefined };
    await authenticate(productDeps, 'clerk', TEST_PASSWORD);
    const upgraded = await storedHash('clerk');
    expect(Number(upgraded.split('$')[1])).toBe(1 << 17);
    expect(await verifyPassword(TEST_PASSWORD, upgraded)).toBe(true);
    // a wrong password changes nothing
    await errorOf(authenticate(productDeps, 'reviewer', 'wrong-password'));
    expect(Number((await storedHash('reviewer')).split('$')[1])).toBe(1 << 14);
  });

  it('a changed password is hashed at the current cost', async () => {
    await changePassword({ ...app.deps, passwordCost: undefined }, app.clerk, TEST_PASSWORD, 'xin-mima-2026-abc');
    expect(Number((await storedHash('clerk')).split('$')[1])).toBe(1 << 17);
  });
});
