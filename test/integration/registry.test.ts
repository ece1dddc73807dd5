import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlerRegistry, type HandlerRegistry } from '../../electron/ipc/registry';
import { HANDLERS } from '../../electron/ipc/handlers';
import { Session } from '../../electron/ipc/session';
import { CHANNEL_NAMES } from '../../shared/contract';
import type { InvokeResult } from '../../shared/contract/errors';
import { computeUsccCheckChar } from '../../shared/validation/uscc';
import { openDatabase } from '../../electron/db/database';
import { TEST_OFFICE, TEST_PASSWORD, createTestApp, tempDir, type TestApp } from '../support/testApp';
import { unitRecord } from '../support/recordFixtures';
import fs from 'node:fs';
import { attachmentPath } from '../../electron/services/files/attachments';

const CJK = /[\u4e00-\u9fff]/;
let app: TestApp;
let registry: HandlerRegistry;
let opened: string[];

beforeEach(async () => {
  app = await createTestApp();
  opened = [];
  registry = createHandlerRegistry(
    { deps: app.deps, host: { openPath: async (file) => (opened.push(file), true) }, appVersion: 'test' },
    HANDLERS,
  );
});
afterEach(async () => {
  await app.close();
});

type Failure = { code: string; message: string; field?: string };
async function call(session: Session, channel: string, payload?: unknown): Promise<InvokeResult<unknown>> {
  return registry.invoke(channel, payload, session);
}
async function ok<T = unknown>(session: Session, channel: string, payload?: unknown): Promise<T> {
  const result = await call(session, channel, payload);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.data as T;
}
async function fail(session: Session, channel: string, payload?: unknown): Promise<Failure> {
  const result = await call(session, channel, payload);
  if (result.ok) throw new Error(`${channel} should have been refused, got ${JSON.stringify(result.data)}`);
  return result.error;
}
async function signedIn(username: 'admin' | 'clerk' | 'reviewer', clock?: () => number): Promise<Session> {
  const session = new Session(clock);
  await ok(session, 'auth.login', { username, password: TEST_PASSWORD });
  return session;
}
const count = (table: string) => app.db.read((sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)!.n);

describe('the registry', () => {
  it('has a handler for every channel of the contract and refuses to start without one', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual([...CHANNEL_NAMES].sort());
    const { ['records.list']: _dropped, ...incomplete } = HANDLERS;
    expect(() => createHandlerRegistry({ deps: app.deps, host: { openPath: async () => true }, appVersion: 'test' }, incomplete as typeof HANDLERS)).toThrow(/records\.list/);
  });

  it('refuses a channel the contract does not have', async () => {
    const session = await signedIn('admin');
    for (const channel of ['records.delete', 'constructor', '__proto__', 'toString', 42, null]) {
      const error = await fail(session, channel as string, {});
      expect(error.code).toBe('UNKNOWN_CHANNEL');
      expect(error.message).toMatch(CJK);
    }
  });

  it('refuses an invalid payload before anything runs, with a Chinese message and the field', async () => {
    const session = new Session();
    const login = await fail(session, 'auth.login', { username: '', password: 'x' });
    expect(login).toEqual({ code: 'VALIDATION', message: '请填写登录名', field: 'username' });

    const admin = await signedIn('admin');
    const before = await count('users');
    const short = await fail(admin, 'users.create', { username: 'zhao', displayName: '赵录入', role: 'clerk', password: '123' });
    expect(short).toMatchObject({ code: 'VALIDATION', field: 'password' });
    expect(short.message).toContain('至少 8 位');
    const role = await fail(admin, 'users.create', { username: 'zhao', displayName: '赵录入', role: 'boss', password: TEST_PASSWORD });
    expect(role).toMatchObject({ code: 'VALIDATION', field: 'role', message: '请选择角色' });
    expect(await count('users')).toBe(before);

    // zod's own messages come out in Chinese too
    const page = await fail(admin, 'records.list', { page: 0 });
    expect(page.code).toBe('VALIDATION');
    expect(page.field).toBe('page');
    expect(page.message).toMatch(CJK);
    const notObject = await fail(admin, 'records.get', 'not-an-object');
    expect(notObject.code).toBe('VALIDATION');
    expect(notObject.message).toMatch(CJK);
    const badId = await fail(admin, 'records.get', { id: 'abc' });
    expect(badId).toEqual({ code: 'VALIDATION', message: '编号格式不正确', field: 'id' });
  });

  it('a user channel without sign-in is UNAUTHENTICATED; public channels work', async () => {
    const session = new Session();
    for (const channel of ['users.list', 'records.list', 'settings.get', 'audit.verify', 'auth.touch']) {
      const error = await fail(session, channel, {});
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).toMatch(CJK);
    }
    const status = await ok<{ setupRequired: boolean; user: unknown; officeName: string; appVersion: string }>(session, 'system.status');
    expect(status).toMatchObject({ setupRequired: false, user: null, officeName: TEST_OFFICE.officeName, appVersion: 'test' });
    expect((await fail(session, 'auth.unlock', { password: TEST_PASSWORD })).code).toBe('UNAUTHENTICATED');
  });

  it('after sign-in the calls work; after sign-out they are refused again', async () => {
    const session = new Session();
    const me = await ok(session, 'auth.login', { username: 'admin', password: TEST_PASSWORD });
    expect(me).toEqual(app.admin);
    const users = await ok<Array<{ username: string; passwordHash?: string }>>(session, 'users.list');
    expect(users.map((u) => u.username)).toEqual(['admin', 'clerk', 'reviewer']);
    expect(JSON.stringify(users)).not.toContain('scrypt');
    expect(await ok(session, 'system.status')).toMatchObject({ user: app.admin, locked: false });
    await ok(session, 'auth.logout');
    expect((await fail(session, 'users.list')).code).toBe('UNAUTHENTICATED');
  });

  it('a failed sign-in leaves the session signed out', async () => {
    const session = new Session();
    expect((await fail(session, 'auth.login', { username: 'admin', password: 'wrong-password' })).code).toBe('BAD_CREDENTIALS');
    expect(session.user).toBeNull();
    expect((await fail(session, 'users.list')).code).toBe('UNAUTHENTICATED');
  });

  it('setup on a fresh database signs the administrator in; a second setup is refused', async () => {
    const dir = tempDir();
    const db = await openDatabase(dir);
    try {
      const fresh = createHandlerRegistry({ deps: { db, dataDir: dir, now: () => new Date() }, host: { openPath: async () => true }, appVersion: 'test' }, HANDLERS);
      const session = new Session();
      expect(await fresh.invoke('system.status', {}, session)).toMatchObject({ ok: true, data: { setupRequired: true, user: null } });
      const setup = { ...TEST_OFFICE, adminUsername: 'wang', adminDisplayName: '王管理', adminPassword: TEST_PASSWORD };
      const badUscc = await fresh.invoke('setup.initialize', { ...setup, officeUscc: '11320102MB0000000X' }, session);
      expect(badUscc).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'officeUscc' } });
      expect(await fresh.invoke('setup.initialize', setup, session)).toEqual({ ok: true, data: { ok: true } });
      expect(await fresh.invoke('users.list', {}, session)).toMatchObject({ ok: true, data: [{ username: 'wang', role: 'admin' }] });
      expect(await fresh.invoke('setup.initialize', { ...setup, adminUsername: 'li' }, new Session())).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('idle lock', () => {
  it('locks after the idle time, refuses user calls with SESSION_LOCKED until unlocked with the right password', async () => {
    let now = 1_000_000;
    const session = await signedIn('clerk', () => now);
    now += 9 * 60_000; // under the default 10 minutes
    await ok(session, 'auth.touch');
    now += 10 * 60_000 + 1; // idle just over 10 minutes since that touch
    const locked = await fail(session, 'records.list', {});
    expect(locked.code).toBe('SESSION_LOCKED');
    expect(locked.message).toMatch(CJK);
    expect(await ok(session, 'system.status')).toMatchObject({ locked: true, user: app.clerk });
    // still locked, however many calls; activity reports do not unlock
    expect((await fail(session, 'auth.touch')).code).toBe('SESSION_LOCKED');
    expect((await fail(session, 'records.list', {})).code).toBe('SESSION_LOCKED');

    const wrong = await fail(session, 'auth.unlock', { password: 'wrong-password' });
    expect(wrong).toMatchObject({ code: 'BAD_CREDENTIALS', field: 'password' });
    expect((await fail(session, 'records.list', {})).code).toBe('SESSION_LOCKED');

    expect(await ok(session, 'auth.unlock', { password: TEST_PASSWORD })).toEqual(app.clerk);
    expect(await ok(session, 'records.list', {})).toMatchObject({ total: 0 });
  });

  it('follows the office setting for the idle time', async () => {
    let now = 0;
    const admin = await signedIn('admin', () => now);
    await ok(admin, 'settings.update', { ...TEST_OFFICE, idleLockMinutes: 30 });
    now += 20 * 60_000;
    await ok(admin, 'records.list', {});
    now += 30 * 60_000 + 1;
    expect((await fail(admin, 'records.list', {})).code).toBe('SESSION_LOCKED');
  });

  it('the user can lock the screen at once', async () => {
    const session = await signedIn('reviewer');
    await ok(session, 'auth.lock');
    expect((await fail(session, 'records.list', {})).code).toBe('SESSION_LOCKED');
    await ok(session, 'auth.unlock', { password: TEST_PASSWORD });
    await ok(session, 'records.list', {});
  });
});

describe('a user disabled while signed in', () => {
  it('is signed out at the next call', async () => {
    const clerk = await signedIn('clerk');
    await ok(clerk, 'records.list', {});
    const admin = await signedIn('admin');
    await ok(admin, 'users.setDisabled', { id: app.clerk.id, disabled: true });
    const error = await fail(clerk, 'records.list', {});
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toContain('停用');
    expect(clerk.user).toBeNull();
    expect(await ok(clerk, 'system.status')).toMatchObject({ user: null });
    // enabling again does not bring the old session back
    await ok(admin, 'users.setDisabled', { id: app.clerk.id, disabled: false });
    expect((await fail(clerk, 'records.list', {})).code).toBe('UNAUTHENTICATED');
  });

  it('cannot unlock a locked screen either', async () => {
    const clerk = await signedIn('clerk');
    await ok(clerk, 'auth.lock');
    const admin = await signedIn('admin');
    await ok(admin, 'users.setDisabled', { id: app.clerk.id, disabled: true });
    expect((await fail(clerk, 'auth.unlock', { password: TEST_PASSWORD })).code).toBe('BAD_CREDENTIALS');
    expect((await fail(clerk, 'records.list', {})).code).toBe('UNAUTHENTICATED');
  });
});

describe('records through the registry', () => {
  it('refuses a record with a bad 统一社会信用代码 check character, naming fields.unitUscc', async () => {
    const clerk = await signedIn('clerk');
    const good = unitRecord().unitUscc!;
    const wrongCheck = good.slice(0, 17) + (computeUsccCheckChar(good.slice(0, 17)) === 'A' ? 'B' : 'A');
    const error = await fail(clerk, 'records.create', { fields: unitRecord({ unitUscc: wrongCheck }) });
    expect(error.code).toBe('VALIDATION');
    expect(error.field).toBe('fields.unitUscc');
    expect(error.message).toContain('校验');
    expect(error.message).not.toContain('统一社会信用代码统一社会信用代码');
    expect(await count('dishonesty_records')).toBe(0);
  });

  it('refuses a person record with a bad identity number, naming fields.personIdNumber, without repeating the label', async () => {
    const clerk = await signedIn('clerk');
    const error = await fail(clerk, 'records.create', {
      fields: unitRecord({ subjectType: 'person', personName: '赵某某', personIdNumber: '110105194912310021', unitUscc: null }),
    });
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'fields.personIdNumber' });
    expect(error.message).toContain('校验');
    expect(error.message).not.toContain('身份证号身份证号');
  });

  it('a valid record is created, attributed to the caller', async () => {
    const clerk = await signedIn('clerk');
    const created = await ok<{ id: string; status: string; createdByName: string; version: number }>(clerk, 'records.create', { fields: unitRecord() });
    expect(created).toMatchObject({ status: 'verifying', createdByName: '李录入', version: 1 });
    const list = await ok<{ total: number; items: Array<{ id: string }> }>(clerk, 'records.list', { search: '街道' });
    expect(list.items.map((r) => r.id)).toEqual([created.id]);
  });

  it('roles are enforced by the service behind the channel: a clerk cannot approve', async () => {
    const clerk = await signedIn('clerk');
    const created = await ok<{ id: string }>(clerk, 'records.create', { fields: unitRecord() });
    const error = await fail(clerk, 'records.transition', { id: created.id, expectedVersion: 1, action: 'approve' });
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(CJK);
    const reviewer = await signedIn('reviewer');
    expect(await ok(reviewer, 'records.transition', { id: created.id, expectedVersion: 1, action: 'approve' })).toMatchObject({ status: 'recognised', locked: true });
  });

  it('a clerk and a reviewer are refused the administrator channels', async () => {
    for (const who of ['clerk', 'reviewer'] as const) {
      const session = await signedIn(who);
      expect((await fail(session, 'users.list')).code).toBe('FORBIDDEN');
      expect((await fail(session, 'users.create', { username: 'zhao', displayName: '赵', role: 'admin', password: TEST_PASSWORD })).code).toBe('FORBIDDEN');
      expect((await fail(session, 'settings.update', { ...TEST_OFFICE, idleLockMinutes: 1 })).code).toBe('FORBIDDEN');
    }
    const clerk = await signedIn('clerk');
    expect((await fail(clerk, 'audit.verify')).code).toBe('FORBIDDEN');
    expect(await ok(await signedIn('reviewer'), 'audit.verify')).toMatchObject({ ok: true });
  });

  it('opening an attachment hands the host a plain copy of the (encrypted) stored file, and a missing one is reported', async () => {
    const clerk = await signedIn('clerk');
    const created = await ok<{ id: string }>(clerk, 'records.create', { fields: unitRecord() });
    const added = await ok<{ id: string; sha256: string }>(clerk, 'records.attachments.add', {
      recordId: created.id, fileName: '证据.txt', contentBase64: Buffer.from('证据内容').toString('base64'),
    });
    expect(await ok(clerk, 'records.attachments.open', { attachmentId: added.id })).toEqual({ state: 'ok', opened: true });
    expect(opened).toHaveLength(1);
    expect(fs.readFileSync(opened[0], 'utf8')).toBe('证据内容');
    expect(opened[0].startsWith(app.dataDir)).toBe(false); // a temporary copy, never the store itself
    fs.rmSync(attachmentPath(app.dataDir, added.sha256));
    expect((await fail(clerk, 'records.attachments.open', { attachmentId: added.id })).code).toBe('NOT_FOUND');
  });

  it('an unexpected failure is answered as INTERNAL in Chinese, without details', async () => {
    const clerk = await signedIn('clerk');
    app.db.connection.exec(`CREATE TRIGGER no_records BEFORE INSERT ON dishonesty_records BEGIN SELECT RAISE(ABORT, 'secret internal detail'); END`);
    const original = console.error;
    console.error = () => undefined;
    try {
      const error = await fail(clerk, 'records.create', { fields: unitRecord() });
      expect(error.code).toBe('INTERNAL');
      expect(error.message).toMatch(CJK);
      expect(error.message).not.toContain('secret');
    } finally {
      console.error = original;
    }
  });
});
