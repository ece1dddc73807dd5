import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session } from '../../electron/ipc/session';
import { addRecordAttachment, createRecord, transitionRecord, updateRecord } from '../../electron/services/records';
import type { AuditEntry } from '../../shared/contract';
import { AUDIT_ENTITIES } from '../../shared/domain/auditDescriptions';
import { RECORD_FIELD_LABELS } from '../../shared/domain/dishonesty';
import { TEST_PASSWORD, createTestApp, type TestApp } from '../support/testApp';
import { registryCalls } from '../support/registryCalls';
import { personRecord, unitRecord } from '../support/recordFixtures';

/**
 * The audit log as a reviewer reads it (audit.list): entries name the record by subject and document
 * number and link to its page, changes are before/after lines with Chinese labels and formatted values
 * (元 with two decimals, masked identity numbers), and sign-out, locking, failed sign-ins and exports
 * are there too.
 */

let app: TestApp;
let calls: ReturnType<typeof registryCalls>;
let admin: Session;
beforeEach(async () => {
  app = await createTestApp();
  calls = registryCalls(app);
  admin = (await calls.signIn('admin')).session;
});
afterEach(async () => {
  await app.close();
});

const ok = <T = unknown>(session: Session, channel: string, payload: unknown = {}) => calls.ok<T>(session, channel, payload);
async function entries(filter: Record<string, unknown> = {}): Promise<AuditEntry[]> {
  return (await ok<{ items: AuditEntry[] }>(admin, 'audit.list', { pageSize: 200, ...filter })).items;
}
const changesOf = (entry: AuditEntry) => Object.fromEntries(entry.changes.map((c) => [c.label, [c.before, c.after]]));
const CJK = /[\u4e00-\u9fff]/;

describe('entries name the record and link to it', () => {
  it('a new record: its subject and document number, its page, and its filled fields in Chinese with formatted values', async () => {
    const record = await createRecord(app.deps, app.clerk, unitRecord());
    const [entry] = await entries({ entity: 'dishonesty_record', entityId: record.id });
    expect(entry).toMatchObject({
      entityLabel: '失信记录', actionLabel: '新建', userName: '李录入',
      subject: '某某市某某区某某街道办事处（(2024)苏0102民初123号）', link: `/records/${record.id}`,
    });
    expect(changesOf(entry)).toMatchObject({
      [RECORD_FIELD_LABELS.subjectType]: [null, '单位'],
      涉及金额: [null, '123,456.00 元'],
      [RECORD_FIELD_LABELS.happenedOn]: [null, '2023-11-02'],
      状态: [null, '线索核实中'],
    });
    // never the stored keys or JSON: every line is labelled in Chinese, no value is an object
    for (const change of entry.changes) {
      expect(change.label, change.field).toMatch(CJK);
      expect(change.label).not.toBe(change.field);
      expect(`${change.before}${change.after}`).not.toMatch(/[{}]/);
    }
    expect(entry).not.toHaveProperty('before');
    expect(entry).not.toHaveProperty('after');
  });

  it('a person record is named by the person, and the identity number is shown masked', async () => {
    const record = await createRecord(app.deps, app.clerk, personRecord());
    const [entry] = await entries({ entity: 'dishonesty_record', entityId: record.id });
    expect(entry.subject).toBe('赵某某（(2024)苏0102民初123号）');
    expect(changesOf(entry)[RECORD_FIELD_LABELS.personIdNumber]).toEqual([null, '1101**********002X']);
    expect(JSON.stringify(await entries())).not.toContain('11010519491231002X');
  });

  it('a correction shows only the changed fields, before → after, with the reason; an approval shows the status change', async () => {
    const record = await createRecord(app.deps, app.clerk, unitRecord());
    const approved = await transitionRecord(app.deps, app.reviewer, { id: record.id, expectedVersion: 1, action: 'approve' });
    await updateRecord(app.deps, app.reviewer, { id: record.id, expectedVersion: approved.version, fields: unitRecord({ amountFen: 100, happenedOn: '2023-11-03' }), reason: '金额录入错误' });
    const [correction, approval] = await entries({ entity: 'dishonesty_record', entityId: record.id });
    expect(correction.actionLabel).toBe('更正');
    expect(changesOf(correction)).toEqual({
      涉及金额: ['123,456.00 元', '1.00 元'],
      [RECORD_FIELD_LABELS.happenedOn]: ['2023-11-02', '2023-11-03'],
      理由: [null, '金额录入错误'],
    });
    expect(approval.actionLabel).toBe('审核认定');
    expect(changesOf(approval)).toMatchObject({ 状态: ['线索核实中', '已认定'], 已审核锁定: ['否', '是'] });
  });

  it('an attachment entry names its record and the file, and links to the record', async () => {
    const record = await createRecord(app.deps, app.clerk, unitRecord());
    await addRecordAttachment(app.deps, app.clerk, record.id, '判决书.pdf', Buffer.from('%PDF-1.4 judgement'));
    const [entry] = await entries({ entity: 'attachment' });
    expect(entry).toMatchObject({
      entityLabel: '附件', actionLabel: '添加附件', link: `/records/${record.id}`,
      subject: '某某市某某区某某街道办事处（(2024)苏0102民初123号） · 判决书.pdf',
    });
    expect(changesOf(entry)).toMatchObject({ 文件名: [null, '判决书.pdf'], 大小: [null, '18 字节'] });
  });
});

describe('users, sessions and files in the log', () => {
  it('sign-in, lock, unlock, sign-out and a role change name the user; a failed sign-in names the login name typed', async () => {
    const clerk = new Session();
    await calls.registry.invoke('auth.login', { username: 'nobody', password: 'wrong-password' }, clerk);
    await ok(clerk, 'auth.login', { username: 'clerk', password: TEST_PASSWORD });
    await ok(clerk, 'auth.lock');
    await ok(clerk, 'auth.unlock', { password: TEST_PASSWORD });
    await ok(clerk, 'auth.logout');
    await ok(admin, 'users.setRole', { id: app.clerk.id, role: 'reviewer' });
    const [role, logout, unlock, lock, login, failed] = await entries();
    expect([failed, login, lock, unlock, logout].map((e) => [e.entityLabel, e.actionLabel, e.subject])).toEqual([
      ['登录', '登录失败', '登录名“nobody”'],
      ['用户', '登录', '李录入（clerk）'],
      ['用户', '锁定屏幕', '李录入（clerk）'],
      ['用户', '解锁', '李录入（clerk）'],
      ['用户', '退出登录', '李录入（clerk）'],
    ]);
    expect(failed.userName).toBeNull();
    expect(changesOf(lock)).toEqual({ 空闲超时自动锁定: [null, '否'] });
    expect(role).toMatchObject({ actionLabel: '修改角色', subject: '李录入（clerk）', link: '/users' });
    expect(changesOf(role)).toEqual({ 角色: ['录入员', '审核员'] });
  });

  it('an export is logged with the file name and the number of records', async () => {
    await createRecord(app.deps, app.clerk, unitRecord());
    await ok(admin, 'records.export', {});
    const [entry] = await entries({ action: 'export' });
    expect(entry).toMatchObject({ entityLabel: '导出', actionLabel: '导出', userName: '王管理' });
    expect(changesOf(entry)).toMatchObject({ 台账: [null, '政务失信记录'], 条数: [null, '1'] });
    expect(changesOf(entry).文件名[1]).toMatch(/^政务失信记录_\d{8}\.xlsx$/);
  });

  it('every described entity has a Chinese label and Chinese field labels', () => {
    for (const [entity, description] of Object.entries(AUDIT_ENTITIES)) {
      expect(description.label, entity).toMatch(CJK);
      for (const [field, f] of Object.entries(description.fields)) expect(f.label, `${entity}.${field}`).toMatch(CJK);
    }
  });
});
