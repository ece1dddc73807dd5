import { describe, expect, it } from 'vitest';
import type { RuleObject } from 'antd/es/form';
import { messageFor } from '../../support/ruleMessage';
import { passwordRule } from '../../../renderer/src/components/formRules';

describe('passwordRule: the form checks a password as the service will', () => {
  const rule = passwordRule('新密码') as RuleObject;

  it('names the field when the password is too short or too long', async () => {
    expect(await messageFor(rule, '1234567')).toBe('新密码至少 8 位');
    expect(await messageFor(rule, 'x'.repeat(129))).toBe('新密码不能超过 128 位');
  });

  it('takes 8 and 128 characters, and leaves an empty field to the required rule', async () => {
    expect(await messageFor(rule, '12345678')).toBe('');
    expect(await messageFor(rule, 'x'.repeat(128))).toBe('');
    expect(await messageFor(rule, '')).toBe('');
  });
});
