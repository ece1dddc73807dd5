import { describe, expect, it } from 'vitest';
import type { RuleObject } from 'antd/es/form';
import { messageFor } from '../../support/ruleMessage';
import { CHANNEL_NAMES } from '../../../shared/contract';
import { recordFieldsObject } from '../../../shared/domain/recordSchema';
import { changesLedgerData } from '../../../renderer/src/api/client';
import { emptyFilterValues, filterRequest, type FilterField } from '../../../renderer/src/components/list/filters';
import { zodRules } from '../../../renderer/src/components/form/zodRule';

const FIELDS: FilterField[] = [
  { kind: 'text', name: 'search', label: '搜索' },
  { kind: 'choices', name: 'statuses', label: '状态', options: [{ value: 'verifying', label: '线索核实中' }] },
  { kind: 'dateRange', name: 'happened', label: '发生日期', from: 'happenedFrom', to: 'happenedTo' },
];

describe('a list’s filter declaration', () => {
  it('starts with nothing chosen', () => {
    expect(emptyFilterValues(FIELDS)).toEqual({ search: '', statuses: [], happened: null });
    expect(filterRequest(FIELDS, emptyFilterValues(FIELDS))).toEqual({});
  });

  it('sends trimmed text, chosen values and a range as its from/to fields, and leaves out what is empty', () => {
    expect(filterRequest(FIELDS, { search: '  青禾 ', statuses: ['verifying'], happened: ['2024-01-01', '2024-06-30'] })).toEqual({
      search: '青禾',
      statuses: ['verifying'],
      happenedFrom: '2024-01-01',
      happenedTo: '2024-06-30',
    });
    expect(filterRequest(FIELDS, { search: '   ', statuses: [], happened: null })).toEqual({});
  });
});

describe('zodRules: the form checks a field with the schema the service uses', () => {
  const rules = zodRules(recordFieldsObject);

  it('says what the schema says, naming the field', async () => {
    expect(await messageFor(rules.docNumber as RuleObject, 'x'.repeat(61))).toBe('认定文书编号不能超过 60 个字');
    expect(await messageFor(rules.facts as RuleObject, '事'.repeat(2001))).toBe('失信事实不能超过 2000 个字');
  });

  it('passes a good value and leaves an empty one to the required rule', async () => {
    expect(await messageFor(rules.docNumber as RuleObject, '(2024)苏0102民初123号')).toBe('');
    expect(await messageFor(rules.docNumber as RuleObject, '')).toBe('');
  });
});

describe('which calls change ledger data (the header’s 待上报 count is refreshed after them)', () => {
  it('counts writes to a ledger and nothing else', () => {
    const changing = CHANNEL_NAMES.filter(changesLedgerData);
    for (const channel of ['records.create', 'records.update', 'records.transition', 'records.import', 'records.attachments.add']) {
      expect(changing, channel).toContain(channel);
    }
    for (const channel of ['records.list', 'records.get', 'records.export', 'records.findDuplicates', 'drafts.save', 'auth.login', 'system.status', 'audit.list', 'users.create']) {
      expect(changing, channel).not.toContain(channel);
    }
  });
});
