import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, listAudit, verifyAuditChain } from '../../electron/services/audit/auditLog';
import { addRecordAttachment, createRecord, transitionRecord, updateRecord } from '../../electron/services/records';
import { updateSettings } from '../../electron/services/settings/settingsService';
import { authenticate, changePassword, createUser, setUserDisabled } from '../../electron/services/users/usersService';
import { saveDraft, discardDraft } from '../../electron/services/drafts/draftsService';
import { TEST_OFFICE, TEST_PASSWORD, createTestApp, type TestApp } from '../support/testApp';
import { nextDocNumber, unitRecord } from '../support/recordFixtures';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(async () => {
  await app.close();
});

interface Row {
  seq: number; at: string; user_id: string | null; user_name: string | null; entity: string; entity_id: string; action: string;
  before_json: string | null; after_json: string | null; prev_hash: string; hash: string;
}
const rows = () => app.db.read((sql) => sql.all<Row>(`SELECT * FROM audit_log ORDER BY seq`));
const verify = () => app.db.read((sql) => verifyAuditChain(sql));
const exec = (statement: string, ...params: unknown[]) => app.db.connection.prepare(statement).run(...params);
const parse = (json: string | null) => (json === null ? null : JSON.parse(json));

/** Run a service call and return the audit entries it appended. */
async function appended(work: () => Promise<unknown>): Promise<Row[]> {
  const before = (await rows()).length;
  await work();
  return (await rows()).slice(before);
}

describe('every change appends an audit entry', () => {
  it('setup and user creation: who, what, before and after (never a password)', async () => {
    const log = await rows();
    expect(log.map((r) => [r.seq, r.entity, r.action, r.user_id])).toEqual([
      [1, 'settings', 'initialize', app.admin.id],
      [2, 'user', 'create', app.admin.id],
      [3, 'user', 'create', app.admin.id],
      [4, 'user', 'create', app.admin.id],
    ]);
    expect(log[0].user_name).toBe('王管理');
    expect(parse(log[0].before_json)).toBeNull();
    expect(parse(log[0].after_json)).toMatchObject({ officeName: TEST_OFFICE.officeName, noticePrefix: TEST_OFFICE.noticePrefix });
    expect(log[2].entity_id).toBe(app.clerk.id);
    expect(parse(log[2].after_json)).toEqual({ username: 'clerk', displayName: '李录入', role: 'clerk', disabled: false });
    for (const r of log) {
      expect(r.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(`${r.before_json}${r.after_json}`).not.toContain('scrypt');
      expect(`${r.before_json}${r.after_json}`).not.toContain(TEST_PASSWORD);
    }
  });

  it('sign-in, password change, disabling and enabling, settings', async () => {
    const [login] = await appended(() => authenticate(app.deps, 'clerk', TEST_PASSWORD));
    expect(login).toMatchObject({ entity: 'user', entity_id: app.clerk.id, action: 'login', user_id: app.clerk.id, user_name: '李录入' });

    const pw = await appended(() => changePassword(app.deps, app.clerk, TEST_PASSWORD, 'xin-mima-456789'));
    expect(pw).toHaveLength(1);
    expect(pw[0]).toMatchObject({ entity: 'user', entity_id: app.clerk.id, action: 'changePassword', user_id: app.clerk.id, before_json: null, after_json: null });

    const [disable] = await appended(() => setUserDisabled(app.deps, app.admin, app.clerk.id, true));
    expect(disable).toMatchObject({ entity: 'user', entity_id: app.clerk.id, action: 'disable', user_id: app.admin.id });
    expect(parse(disable.before_json)).toMatchObject({ username: 'clerk', disabled: false });
    expect(parse(disable.after_json)).toMatchObject({ username: 'clerk', disabled: true });
    const [enable] = await appended(() => setUserDisabled(app.deps, app.admin, app.clerk.id, false));
    expect(enable).toMatchObject({ action: 'enable' });
    expect(parse(enable.after_json)).toMatchObject({ disabled: false });

    const next = { ...TEST_OFFICE, officeName: '新名称街道办事处', idleLockMinutes: 30 };
    const [settings] = await appended(() => updateSettings(app.deps, app.admin, next));
    expect(settings).toMatchObject({ entity: 'settings', entity_id: 'office', action: 'update', user_id: app.admin.id });
    expect(parse(settings.before_json)).toEqual({ ...TEST_OFFICE, idleLockMinutes: 10 });
    expect(parse(settings.after_json)).toEqual(next);
  });

  it('records: create, edit, approve, correct and attachments', async () => {
    let id = '';
    const [create] = await appended(async () => {
      id = (await createRecord(app.deps, app.clerk, unitRecord())).id;
    });
    expect(create).toMatchObject({ entity: 'dishonesty_record', entity_id: id, action: 'create', user_id: app.clerk.id, user_name: '李录入', before_json: null });
    expect(parse(create.after_json)).toMatchObject({ unitName: unitRecord().unitName, status: 'verifying', locked: false });

    const [edit] = await appended(() => updateRecord(app.deps, app.clerk, { id, expectedVersion: 1, fields: unitRecord({ facts: '修改后的失信事实描述文字' }) }));
    expect(edit).toMatchObject({ entity_id: id, action: 'edit', user_id: app.clerk.id });
    expect(parse(edit.before_json)).toMatchObject({ facts: unitRecord().facts });
    expect(parse(edit.after_json)).toMatchObject({ facts: '修改后的失信事实描述文字' });

    const [approve] = await appended(() => transitionRecord(app.deps, app.reviewer, { id, expectedVersion: 2, action: 'approve' }));
    expect(approve).toMatchObject({ entity_id: id, action: 'approve', user_id: app.reviewer.id, user_name: '张审核' });
    expect(parse(approve.before_json)).toMatchObject({ status: 'verifying', locked: false });
    expect(parse(approve.after_json)).toMatchObject({ status: 'recognised', locked: true });

    const [correct] = await appended(() =>
      updateRecord(app.deps, app.reviewer, { id, expectedVersion: 3, fields: unitRecord({ amountFen: 100 }), reason: '金额录入错误' }),
    );
    expect(correct).toMatchObject({ action: 'correct', user_id: app.reviewer.id });
    expect(parse(correct.before_json)).toMatchObject({ amountFen: 12_345_600 });
    expect(parse(correct.after_json)).toMatchObject({ amountFen: 100, reason: '金额录入错误' });

    let attachmentId = '';
    const [attach] = await appended(async () => {
      attachmentId = (await addRecordAttachment(app.deps, app.clerk, id, '判决书.pdf', Buffer.from('%PDF-1.4 judgement'))).id;
    });
    // attachments are a building block owned by any entity: the entry names its owner
    expect(attach).toMatchObject({ entity: 'attachment', entity_id: attachmentId, action: 'add', user_id: app.clerk.id, before_json: null });
    expect(parse(attach.after_json)).toMatchObject({ owner: 'dishonesty_record', ownerId: id, fileName: '判决书.pdf', size: 18 });

    expect(await verify()).toEqual({ ok: true, checked: (await rows()).length, problems: [] });
  });

  // (A wrong password is no longer silent: it is audited, see sign-in-guard.test.ts.)
  it('refused calls and form drafts append nothing', async () => {
    const created = await createRecord(app.deps, app.clerk, unitRecord());
    const none = await appended(async () => {
      await createUser(app.deps, app.clerk, { username: 'x1', displayName: 'x', role: 'clerk', password: TEST_PASSWORD }).catch(() => undefined);
      await createUser(app.deps, app.admin, { username: 'CLERK', displayName: 'x', role: 'clerk', password: TEST_PASSWORD }).catch(() => undefined);
      await transitionRecord(app.deps, app.clerk, { id: created.id, expectedVersion: 1, action: 'approve' }).catch(() => undefined);
      await updateRecord(app.deps, app.clerk, { id: created.id, expectedVersion: 9, fields: unitRecord() }).catch(() => undefined);
      await updateSettings(app.deps, app.reviewer, { ...TEST_OFFICE, idleLockMinutes: 5 }).catch(() => undefined);
      await saveDraft(app.deps, app.clerk, 'records.new', { facts: '草稿' });
      await discardDraft(app.deps, app.clerk, 'records.new');
    });
    expect(none).toEqual([]);
  });

  it('lists newest first, filtered by entity and id, with before/after as objects', async () => {
    const a = await createRecord(app.deps, app.clerk, unitRecord());
    await createRecord(app.deps, app.clerk, unitRecord({ docNumber: nextDocNumber() }));
    await transitionRecord(app.deps, app.reviewer, { id: a.id, expectedVersion: 1, action: 'approve' });
    const page = await app.db.read((sql) => listAudit(sql, { page: 1, pageSize: 10, entity: 'dishonesty_record', entityId: a.id }));
    expect(page.total).toBe(2);
    expect(page.items.map((e) => e.action)).toEqual(['approve', 'create']);
    expect(page.items[0]).toMatchObject({ userName: '张审核', before: { status: 'verifying' }, after: { status: 'recognised' } });
    const all = await app.db.read((sql) => listAudit(sql, { page: 2, pageSize: 3 }));
    expect(all.total).toBe((await rows()).length);
    expect(all.items.map((e) => e.seq)).toEqual([4, 3, 2]);
  });
});

describe('verifyAuditChain', () => {
  /** Six entries: the four of setup, a record, a settings change. */
  beforeEach(async () => {
    await createRecord(app.deps, app.clerk, unitRecord({ docNumber: nextDocNumber() }));
    await updateSettings(app.deps, app.admin, { ...TEST_OFFICE, idleLockMinutes: 15 });
    expect((await rows()).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });
  const problems = async () => (await verify()).problems.map((p) => ({ seq: p.seq, kind: p.kind }));

  it('is ok on a clean log, counting every entry', async () => {
    expect(await verify()).toEqual({ ok: true, checked: 6, problems: [] });
  });

  it('names an entry whose after_json was edited', async () => {
    exec(`UPDATE audit_log SET after_json = ? WHERE seq = 3`, JSON.stringify({ username: 'clerk', displayName: '李录入', role: 'admin', disabled: false }));
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => ({ seq: p.seq, kind: p.kind }))).toEqual([{ seq: 3, kind: 'edited' }]);
    expect(result.problems[0].message).toContain('第 3 条');
  });

  it('names an entry whose user, time or action was edited', async () => {
    exec(`UPDATE audit_log SET user_name = '别人' WHERE seq = 2`);
    exec(`UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 4`);
    exec(`UPDATE audit_log SET action = 'view' WHERE seq = 6`);
    expect(await problems()).toEqual([{ seq: 2, kind: 'edited' }, { seq: 4, kind: 'edited' }, { seq: 6, kind: 'edited' }]);
  });

  it('names a deleted middle entry', async () => {
    exec(`DELETE FROM audit_log WHERE seq = 3`);
    const result = await verify();
    expect(result.problems.map((p) => ({ seq: p.seq, kind: p.kind }))).toEqual([{ seq: 3, kind: 'deleted' }]);
    expect(result.problems[0].message).toContain('第 3 条');
    expect(result.checked).toBe(5);
  });

  it('names a run of deleted entries, and a deleted first entry', async () => {
    exec(`DELETE FROM audit_log WHERE seq IN (1, 3, 4)`);
    const result = await verify();
    expect(result.problems.map((p) => ({ seq: p.seq, kind: p.kind }))).toEqual([{ seq: 1, kind: 'deleted' }, { seq: 3, kind: 'deleted' }]);
    expect(result.problems[1].message).toContain('3–4');
  });

  it('reports entries deleted from the end as truncated', async () => {
    exec(`DELETE FROM audit_log WHERE seq >= 5`);
    const result = await verify();
    expect(result.problems.map((p) => ({ seq: p.seq, kind: p.kind }))).toEqual([{ seq: 5, kind: 'truncated' }]);
    expect(result.problems[0].message).toContain('5–6');
  });

  it('reports an entry appended by raw SQL with a made-up hash as inserted, once, naming it', async () => {
    const last = (await rows()).at(-1)!;
    exec(
      `INSERT INTO audit_log (seq, at, user_id, user_name, entity, entity_id, action, before_json, after_json, prev_hash, hash)
       VALUES (7, ?, ?, '王管理', 'user', ?, 'disable', NULL, NULL, ?, ?)`,
      new Date().toISOString(), app.admin.id, app.clerk.id, last.hash, 'f'.repeat(64),
    );
    const result = await verify();
    expect(result.problems.map((p) => ({ seq: p.seq, kind: p.kind }))).toEqual([{ seq: 7, kind: 'inserted' }]);
    expect(result.problems[0].message).toContain('第 7 条');
  });

  it('reports an appended entry with a correctly recomputed hash as inserted', async () => {
    const head = await app.db.read((sql) => sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = 'audit.head'`)!.value);
    // a forger using the program's own hashing, who cannot also update the head kept in settings
    await app.db.write((sql) => {
      appendAudit(sql, new Date().toISOString(), app.admin, { entity: 'user', entityId: app.clerk.id, action: 'disable', before: null, after: null });
      sql.run(`UPDATE settings SET value = ? WHERE key = 'audit.head'`, head);
    });
    expect(await problems()).toEqual([{ seq: 7, kind: 'inserted' }]);
  });

  it('reports several appended entries as inserted from the first of them', async () => {
    const head = await app.db.read((sql) => sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = 'audit.head'`)!.value);
    await app.db.write((sql) => {
      for (let i = 0; i < 3; i++) appendAudit(sql, new Date().toISOString(), app.admin, { entity: 'x', entityId: String(i), action: 'forged', before: null, after: null });
      sql.run(`UPDATE settings SET value = ? WHERE key = 'audit.head'`, head);
    });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.kind)).toEqual(['inserted']);
    expect(result.problems[0].seq).toBe(7);
  });

  it('reports the newest entry replaced by one with a recomputed hash', async () => {
    const head = await app.db.read((sql) => sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = 'audit.head'`)!.value);
    const five = (await rows())[4];
    await app.db.write((sql) => {
      sql.run(`DELETE FROM audit_log WHERE seq = 6`);
      sql.run(`UPDATE settings SET value = ? WHERE key = 'audit.head'`, JSON.stringify({ seq: 5, hash: five.hash }));
      appendAudit(sql, new Date().toISOString(), app.admin, { entity: 'settings', entityId: 'office', action: 'update', before: null, after: { idleLockMinutes: 240 } });
      sql.run(`UPDATE settings SET value = ? WHERE key = 'audit.head'`, head);
    });
    expect(await problems()).toEqual([{ seq: 6, kind: 'inserted' }]);
  });

  it('keeps reporting a tampered entry after later genuine changes', async () => {
    exec(`UPDATE audit_log SET before_json = '{}' WHERE seq = 5`);
    await createRecord(app.deps, app.clerk, unitRecord({ docNumber: nextDocNumber() }));
    await authenticate(app.deps, 'admin', TEST_PASSWORD);
    expect(await problems()).toEqual([{ seq: 5, kind: 'edited' }]);
    expect((await verify()).checked).toBe(8);
  });
});
