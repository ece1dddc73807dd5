import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session } from '../../electron/ipc/session';
import { MAX_DRAFTS_PER_USER } from '../../shared/contract/bounds';
import { TEST_PASSWORD, createTestApp, type TestApp } from '../support/testApp';
import { registryCalls } from '../support/registryCalls';
import { unitRecord } from '../support/recordFixtures';

/**
 * Every input of the session and administration channels has a bound: strings a maximum length, form
 * drafts a maximum size, depth, number of values and number per user. Refusals are validation errors in
 * Chinese that name the field, and nothing is stored or audited.
 */

let app: TestApp;
let calls: ReturnType<typeof registryCalls>;
beforeEach(async () => {
  app = await createTestApp();
  calls = registryCalls(app);
});
afterEach(async () => {
  await app.close();
});

const auditCount = () => app.db.read((sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM audit_log`)!.n);
const draftCount = () => app.db.read((sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM form_drafts`)!.n);
const huge = 'x'.repeat(1024 * 1024);

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('strings of the session channels', () => {
  it('a megabyte login name or password is refused before any hashing, and nothing is audited', async () => {
    const before = await auditCount();
    for (const payload of [{ username: huge, password: TEST_PASSWORD }, { username: 'clerk', password: huge }]) {
      const error = await calls.fail(new Session(), 'auth.login', payload);
      expect(error).toMatchObject({ code: 'VALIDATION', field: payload.username === huge ? 'username' : 'password' });
      expect(error.message).toMatch(/不能超过/);
    }
    expect(await auditCount()).toBe(before);
  });

  it('unlock and change-password passwords are bounded too', async () => {
    const { session } = await calls.signIn('clerk');
    expect(await calls.fail(session, 'auth.changePassword', { currentPassword: huge, newPassword: 'xin-mima-2026-abc' })).toMatchObject({ code: 'VALIDATION', field: 'currentPassword' });
    await calls.ok(session, 'auth.lock');
    expect(await calls.fail(session, 'auth.unlock', { password: huge })).toMatchObject({ code: 'VALIDATION', field: 'password' });
  });

  it('the audit log\'s filters are bounded', async () => {
    const { session } = await calls.signIn('admin');
    for (const field of ['entity', 'entityId', 'action', 'userId']) {
      expect(await calls.fail(session, 'audit.list', { [field]: huge }), field).toMatchObject({ code: 'VALIDATION', field });
    }
  });
});

describe('form drafts', () => {
  it('a record form\'s draft is kept and read back', async () => {
    const { session } = await calls.signIn('clerk');
    await calls.ok(session, 'drafts.save', { key: 'records.new', data: unitRecord({ facts: '事'.repeat(2000) }) });
    expect(await calls.ok(session, 'drafts.get', { key: 'records.new' })).toMatchObject({ data: { facts: '事'.repeat(2000) } });
  });

  it('a draft too large, too deep or with too many values is refused and not stored', async () => {
    const { session } = await calls.signIn('clerk');
    const cases: Array<[unknown, RegExp]> = [
      [{ facts: 'x'.repeat(30 * 1024 * 1024) }, /草稿过大/],
      [nested(10_000), /草稿的层次过深/],
      [Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`f${i}`, i])), /草稿的内容过多/],
    ];
    for (const [data, message] of cases) {
      const error = await calls.fail(session, 'drafts.save', { key: 'records.new', data });
      expect(error).toMatchObject({ code: 'VALIDATION', field: 'data' });
      expect(error.message).toMatch(message);
    }
    expect(await draftCount()).toBe(0);
  });

  it(`a user keeps at most ${MAX_DRAFTS_PER_USER} drafts; an existing one can still be updated`, async () => {
    const { session } = await calls.signIn('clerk');
    for (let i = 0; i < MAX_DRAFTS_PER_USER; i++) await calls.ok(session, 'drafts.save', { key: `records.edit.${i}`, data: { facts: `第 ${i} 份` } });
    const error = await calls.fail(session, 'drafts.save', { key: 'records.new', data: { facts: '再来一份' } });
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'key' });
    expect(error.message).toContain(`最多 ${MAX_DRAFTS_PER_USER} 份`);
    await calls.ok(session, 'drafts.save', { key: 'records.edit.0', data: { facts: '改过' } });
    expect(await draftCount()).toBe(MAX_DRAFTS_PER_USER);
  });
});

describe('the records channels', () => {
  it('a filter of 40,000 values, a long search, a huge draft key or action are refused as validation errors', async () => {
    const { session: clerk } = await calls.signIn('clerk');
    const list = { sortBy: 'updatedAt', sortOrder: 'desc' };
    const flood = Array.from({ length: 40_000 }, () => 'verifying');
    expect(await calls.fail(clerk, 'records.list', { ...list, statuses: flood })).toMatchObject({ code: 'VALIDATION', field: 'statuses', message: '状态的筛选值过多' });
    expect(await calls.fail(clerk, 'records.export', { ...list, severities: Array(4).fill('严重') })).toMatchObject({ code: 'VALIDATION', field: 'severities' });
    expect(await calls.fail(clerk, 'records.list', { ...list, search: huge })).toMatchObject({ code: 'VALIDATION', field: 'search' });
    expect(await calls.fail(clerk, 'records.create', { fields: unitRecord(), draftKey: huge })).toMatchObject({ code: 'VALIDATION', field: 'draftKey' });
    const created = await calls.ok<{ id: string }>(clerk, 'records.create', { fields: unitRecord() });
    expect(await calls.fail(clerk, 'records.transition', { id: created.id, expectedVersion: 1, action: huge })).toMatchObject({ code: 'VALIDATION', field: 'action' });
    expect(await calls.fail(clerk, 'records.findDuplicates', { subjectType: 'person', personIdNumber: huge, docNumber: 'A' })).toMatchObject({ code: 'VALIDATION', field: 'personIdNumber' });
    // all six values of a filter that has six are still fine
    expect(await calls.ok(clerk, 'records.list', { ...list, statuses: ['verifying', 'unfounded', 'recognised', 'rectifying', 'rectified', 'repaired'] })).toMatchObject({ total: 1 });
  });
});

describe('the sync, backup and update channels', () => {
  it('a megabyte batch id, upload-state key, backup name or update address is a validation error naming the field', async () => {
    const { session: admin } = await calls.signIn('admin');
    const cases: Array<[string, unknown, string]> = [
      ['sync.batchReceipts', { batchId: huge }, 'batchId'],
      ['sync.uploadState', { kind: 'dishonesty_record', id: huge }, 'id'],
      ['backup.verify', { name: huge }, 'name'],
      ['update.setSource', { source: { kind: 'url', url: `http://10.1.2.3/${huge}` } }, 'source.url'],
    ];
    for (const [name, payload, field] of cases) {
      expect(await calls.fail(admin, name, payload), name).toMatchObject({ code: 'VALIDATION', field });
    }
  });
});
