import { describe, expect, it } from 'vitest';
import { withCityCodes } from '../../../renderer/src/hooks/useCityChoices';

const SITUATIONS = [
  { value: '拖欠企业账款', label: '拖欠企业账款' },
  { value: '新官不理旧账', label: '新官不理旧账' },
];

describe('a vocabulary beside the city\'s code list', () => {
  it('without a city list the built-in choices are unchanged', () => {
    expect(withCityCodes(SITUATIONS, undefined)).toEqual(SITUATIONS);
  });

  it('a value the city lists shows its code; one the city adds is shown and cannot be chosen; the stored values stay the built-in ones', () => {
    const choices = withCityCodes(SITUATIONS, {
      name: '失信情形', version: 3, entries: [{ code: 'A3', label: '拖欠企业账款' }, { code: 'Z9', label: '违规举债' }],
    });
    expect(choices).toEqual([
      { value: '拖欠企业账款', label: '拖欠企业账款（A3）' },
      { value: '新官不理旧账', label: '新官不理旧账' },
      { value: 'city:Z9', label: '违规举债（Z9，市平台新增，待更新后可选）', disabled: true },
    ]);
  });
});
