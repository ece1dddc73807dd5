import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session } from '../../electron/ipc/session';
import { TEST_PASSWORD, createTestApp, type TestApp } from '../support/testApp';
import { registryCalls } from '../support/registryCalls';

/**
 * User administration through the same registry the window uses: a password set by an administrator (new
 * user, reset) must be changed before anything else; roles change; disabled users are enabled again.
 */

let app: TestApp;
let calls: ReturnType<typeof registryCalls>;
let clockSkew = 0;
beforeEach(async () => {
  clockSkew = 0;
  app = await createTestApp({ now: () => new Date(Date.now() + clockSkew) });
  calls = registryCalls(app);
});
afterEach(async () => {
  await app.close();
});

const ok = <T = Record<string, unknown>>(session: Session, channel: string, payload: unknown = {}) => calls.ok<T>(session, channel, payload);
const fail = (session: Session, channel: string, payload: unknown = {}) => calls.fail(session, channel, payload);
const signIn = (username: string, password = TEST_PASSWORD) => calls.signIn(username, password);
const lastAudit = () =>
  app.db.read((sql) => sql.get<{ entity_id: string; action: string; user_id: string; before_json: string | null; after_json: string | null }>(
    `SELECT entity_id, action, user_id, before_json, after_json FROM audit_log ORDER BY seq DESC LIMIT 1`,
  )!);

describe('a password someone else chose', () => {
  it('a new user must change it at the first sign-in; until then only the change is allowed', async () => {
    const { session: admin } = await signIn('admin');
    const created = await ok(admin, 'users.create', { username: 'zhao', displayName: '赵录入', role: 'clerk', password: 'chushi-mima-2026' });
    expect(created).toMatchObject({ mustChangePassword: true });
    expect((await ok<Array<Record<string, unknown>>>(admin, 'users.list')).find((u) => u.username === 'zhao')).toMatchObject({ mustChangePassword: true, lockedUntil: null });

    const { session, user } = await signIn('zhao', 'chushi-mima-2026');
    expect(user).toMatchObject({ username: 'zhao', mustChangePassword: true });
    expect(await ok(session, 'system.status')).toMatchObject({ user: { username: 'zhao', mustChangePassword: true } });
    const refused = await fail(session, 'records.list', {});
    expect(refused.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(refused.message).toContain('请先修改密码');

    expect((await fail(session, 'auth.changePassword', { currentPassword: 'chushi-mima-2026', newPassword: 'chushi-mima-2026' })).field).toBe('newPassword');
    await ok(session, 'auth.changePassword', { currentPassword: 'chushi-mima-2026', newPassword: 'ziji-de-mima-2026' });
    expect((await ok<{ user: Record<string, unknown> }>(session, 'system.status')).user.mustChangePassword).toBeUndefined();
    expect(await ok(session, 'records.list', {})).toMatchObject({ total: 0 });
    // and at the next sign-in nothing is asked any more
    expect((await signIn('zhao', 'ziji-de-mima-2026')).user.mustChangePassword).toBeUndefined();
  });

  it('the office\'s first administrator chose their own password and is not asked', async () => {
    expect((await signIn('admin')).user.mustChangePassword).toBeUndefined();
  });
});

describe('resetting a password', () => {
  it('the administrator sets a new one; the old stops working and the user must change the new one', async () => {
    const { session: admin } = await signIn('admin');
    const row = await ok(admin, 'users.resetPassword', { id: app.clerk.id, password: 'chongzhi-mima-2026' });
    expect(row).toMatchObject({ username: 'clerk', mustChangePassword: true });
    expect(await lastAudit()).toMatchObject({ entity_id: app.clerk.id, action: 'resetPassword', user_id: app.admin.id });
    expect(JSON.stringify(await lastAudit())).not.toContain('chongzhi-mima-2026');

    expect((await fail(new Session(), 'auth.login', { username: 'clerk', password: TEST_PASSWORD })).code).toBe('BAD_CREDENTIALS');
    const { session } = await signIn('clerk', 'chongzhi-mima-2026');
    expect((await fail(session, 'records.list', {})).code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('a signed-in user whose password is reset meanwhile is held at their next call', async () => {
    const { session } = await signIn('clerk');
    expect(await ok(session, 'records.list', {})).toMatchObject({ total: 0 });
    const { session: admin } = await signIn('admin');
    await ok(admin, 'users.resetPassword', { id: app.clerk.id, password: 'chongzhi-mima-2026' });
    expect((await fail(session, 'records.list', {})).code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('is for administrators only, not for one\'s own password, and checks the new password\'s length', async () => {
    const { session: reviewer } = await signIn('reviewer');
    expect((await fail(reviewer, 'users.resetPassword', { id: app.clerk.id, password: 'chongzhi-mima-2026' })).code).toBe('FORBIDDEN');
    const { session: admin } = await signIn('admin');
    expect(await fail(admin, 'users.resetPassword', { id: app.admin.id, password: 'chongzhi-mima-2026' })).toMatchObject({ code: 'VALIDATION', field: 'password' });
    expect(await fail(admin, 'users.resetPassword', { id: app.clerk.id, password: 'short' })).toMatchObject({ code: 'VALIDATION', field: 'password', message: '新密码至少 8 位' });
    expect((await signIn('clerk')).user.mustChangePassword).toBeUndefined();
  });
});

describe('changing a role', () => {
  it('takes effect at the user\'s next call and is audited with before and after', async () => {
    const { session: clerk } = await signIn('clerk');
    expect((await fail(clerk, 'audit.list', {})).code).toBe('FORBIDDEN');
    const { session: admin } = await signIn('admin');
    expect(await ok(admin, 'users.setRole', { id: app.clerk.id, role: 'reviewer' })).toMatchObject({ role: 'reviewer' });
    const entry = await lastAudit();
    expect(entry).toMatchObject({ entity_id: app.clerk.id, action: 'changeRole' });
    expect(JSON.parse(entry.before_json!)).toMatchObject({ role: 'clerk' });
    expect(JSON.parse(entry.after_json!)).toMatchObject({ role: 'reviewer' });
    expect((await ok<{ total: number }>(clerk, 'audit.list', {})).total).toBeGreaterThan(0);
  });

  it('keeps one enabled administrator, refuses one\'s own role, and is for administrators only', async () => {
    const { session: admin } = await signIn('admin');
    expect(await fail(admin, 'users.setRole', { id: app.admin.id, role: 'clerk' })).toMatchObject({ code: 'VALIDATION', field: 'role' });
    await ok(admin, 'users.setRole', { id: app.reviewer.id, role: 'admin' });
    const { session: second } = await signIn('reviewer');
    expect(await ok(second, 'users.setRole', { id: app.admin.id, role: 'clerk' })).toMatchObject({ role: 'clerk' });
    // the reviewer-turned-administrator is now the only one; the demoted admin cannot act on users any more
    expect((await fail(admin, 'users.setRole', { id: app.reviewer.id, role: 'clerk' })).code).toBe('FORBIDDEN');
    const { session: clerk } = await signIn('clerk');
    expect((await fail(clerk, 'users.setRole', { id: app.clerk.id, role: 'admin' })).code).toBe('FORBIDDEN');
  });
});

describe('re-enabling a user', () => {
  it('a disabled user is enabled again and can sign in', async () => {
    const { session: admin } = await signIn('admin');
    await ok(admin, 'users.setDisabled', { id: app.clerk.id, disabled: true });
    expect((await fail(new Session(), 'auth.login', { username: 'clerk', password: TEST_PASSWORD })).code).toBe('USER_DISABLED');
    expect(await ok(admin, 'users.setDisabled', { id: app.clerk.id, disabled: false })).toMatchObject({ disabled: false });
    expect((await lastAudit()).action).toBe('enable');
    expect((await signIn('clerk')).user).toMatchObject({ username: 'clerk' });
  });

  it('the list shows until when a name is locked after wrong passwords', async () => {
    for (let i = 0; i < 10; i++) {
      await calls.registry.invoke('auth.login', { username: 'clerk', password: `wrong-${i}` }, new Session());
      clockSkew += 31_000; // past each wait
    }
    const { session: admin } = await signIn('admin');
    const users = await ok<Array<{ username: string; lockedUntil: string | null }>>(admin, 'users.list');
    expect(users.find((u) => u.username === 'clerk')!.lockedUntil).not.toBeNull();
    expect(users.find((u) => u.username === 'reviewer')!.lockedUntil).toBeNull();
  });
});

describe('sign-out and locking are logged', () => {
  it('logout, a manual lock and an unlock each append an entry for the user', async () => {
    const { session } = await signIn('clerk');
    await ok(session, 'auth.lock');
    expect(await lastAudit()).toMatchObject({ entity_id: app.clerk.id, action: 'lock', user_id: app.clerk.id });
    await ok(session, 'auth.unlock', { password: TEST_PASSWORD });
    expect(await lastAudit()).toMatchObject({ action: 'unlock', user_id: app.clerk.id });
    await ok(session, 'auth.logout');
    expect(await lastAudit()).toMatchObject({ action: 'logout', user_id: app.clerk.id });
  });

  it('a window that locks itself after the idle time says so, and the entry tells it from a lock by hand', async () => {
    const { session } = await signIn('clerk');
    await ok(session, 'auth.lock', { idle: true });
    expect(JSON.parse((await lastAudit()).after_json!)).toEqual({ idle: true });
    await ok(session, 'auth.unlock', { password: TEST_PASSWORD });
    await ok(session, 'auth.lock');
    expect(JSON.parse((await lastAudit()).after_json!)).toEqual({ idle: false });
  });

  it('a lock after idle time is logged once, however many calls follow', async () => {
    let now = Date.now();
    const session = new Session(() => now);
    await ok(session, 'auth.login', { username: 'clerk', password: TEST_PASSWORD });
    now += 11 * 60_000;
    await fail(session, 'records.list', {});
    await fail(session, 'records.list', {});
    await ok(session, 'system.status');
    const locks = await app.db.read((sql) => sql.all<{ after_json: string }>(`SELECT after_json FROM audit_log WHERE action = 'lock'`));
    expect(locks.map((l) => JSON.parse(l.after_json))).toEqual([{ idle: true }]);
  });
});
