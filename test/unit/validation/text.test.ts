import { describe, expect, it } from 'vitest';
import { normalizeCode, normalizeText } from '../../../shared/validation/text.js';

describe('normalizeText', () => {
  it('folds full-width digits, letters and punctuation to half-width', () => {
    expect(normalizeText('１２３ＡＢＣａｂｃ')).toBe('123ABCabc');
    expect(normalizeText('（２０２４）苏０１行初１２号')).toBe('(2024)苏01行初12号');
    expect(normalizeText('１，２３４．５６')).toBe('1,234.56');
  });

  it('turns the ideographic space into a normal space and collapses runs', () => {
    expect(normalizeText('张\u3000\u3000三')).toBe('张 三');
    expect(normalizeText('a \t\n  b')).toBe('a b');
    expect(normalizeText('a\u00A0\u00A0b')).toBe('a b');
  });

  it('trims surrounding whitespace, including full-width spaces', () => {
    expect(normalizeText('\u3000 某某镇人民政府 \u3000')).toBe('某某镇人民政府');
  });

  it('leaves CJK characters and 〔〕 brackets untouched', () => {
    const s = '苏政办发〔2024〕12号：关于乡镇街道公开承诺的通知。';
    expect(normalizeText(s)).toBe(s.replace('：', ':'));
    expect(normalizeText('〔2024〕')).toBe('〔2024〕');
    // A CJK compatibility ideograph would be rewritten by a whole-string NFKC; it must survive.
    expect(normalizeText('\uF900')).toBe('\uF900');
    expect(normalizeText('①㎡')).toBe('①㎡');
  });

  it('stringifies other values; null and undefined become empty', () => {
    expect(normalizeText(undefined)).toBe('');
    expect(normalizeText(null)).toBe('');
    expect(normalizeText(12.5)).toBe('12.5');
    expect(normalizeText('')).toBe('');
  });
});

describe('normalizeCode', () => {
  it('removes every space after normalising', () => {
    expect(normalizeCode(' ９１３５ ０１００\u3000M000 100Y43 ')).toBe('91350100M000100Y43');
    expect(normalizeCode('3201 0219 9001 0112 3X')).toBe('32010219900101123X');
  });

  it('does not change case', () => {
    expect(normalizeCode('ｘ')).toBe('x');
  });
});
