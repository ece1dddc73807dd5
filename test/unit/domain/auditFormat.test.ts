import { describe, expect, it } from 'vitest';
import { describeAuditChanges, formatAuditValue } from '../../../shared/domain/auditFormat';
import { AUDIT_ENTITIES, auditActionLabel, allAuditActions } from '../../../shared/domain/auditDescriptions';

/** The audit log's words and values, driven by the per-entity descriptions. */
describe('formatAuditValue', () => {
  it('shows money in 元 with two decimals, identity numbers masked, yes/no, sizes and vocabulary words', () => {
    expect(formatAuditValue({ label: '涉及金额', format: 'money' }, 12_345_600)).toBe('123,456.00 元');
    expect(formatAuditValue({ label: '涉及金额', format: 'money' }, 5)).toBe('0.05 元');
    expect(formatAuditValue({ label: '身份证号', format: 'idNumber' }, '11010519491231002X')).toBe('1101**********002X');
    expect(formatAuditValue({ label: '已停用', format: 'boolean' }, false)).toBe('否');
    expect(formatAuditValue({ label: '大小', format: 'bytes' }, 2 * 1024 * 1024)).toBe('2.0 MB');
    expect(formatAuditValue(AUDIT_ENTITIES.user.fields.role, 'reviewer')).toBe('审核员');
    expect(formatAuditValue({ label: '名称' }, '')).toBeNull();
    expect(formatAuditValue({ label: '名称' }, { nested: true })).toBeNull();
  });

  it('shows an instant in the workstation\'s local time', () => {
    const instant = '2026-03-01T16:30:00.000Z';
    const local = new Date(instant);
    const expected = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')} ${String(local.getHours()).padStart(2, '0')}:30`;
    expect(formatAuditValue({ label: '审核时间', format: 'instant' }, instant)).toBe(expected);
  });
});

describe('describeAuditChanges', () => {
  it('lists only the declared fields that changed, in the declared order, and never undeclared keys', () => {
    const before = { role: 'clerk', displayName: '李录入', passwordHash: 'scrypt$…' };
    const after = { role: 'admin', displayName: '李录入', passwordHash: 'scrypt$other', secret: 'x' };
    expect(describeAuditChanges('user', before, after)).toEqual([{ field: 'role', label: '角色', before: '录入员', after: '管理员' }]);
  });

  it('an entity nobody described shows no lines rather than raw keys', () => {
    expect(describeAuditChanges('unknown_entity', null, { a: 1 })).toEqual([]);
  });

  it('actions are named per entity first, then in general, and the filter lists each action once', () => {
    expect(auditActionLabel('dishonesty_record', 'approve')).toBe('审核认定');
    expect(auditActionLabel('user', 'resetPassword')).toBe('重置密码');
    const values = allAuditActions().map((a) => a.value);
    expect(new Set(values).size).toBe(values.length);
    expect(values).toEqual(expect.arrayContaining(['approve', 'loginFailed', 'export', 'backup']));
  });
});
