import { describe, expect, it } from 'vitest';
import { computeUsccCheckChar, validateUscc } from '../../../shared/validation/uscc.js';

// Independent reference implementation of GB 32100-2015 for the tests: the weights are 3^i mod 31,
// the check character makes the weighted sum ≡ 0 (mod 31).
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function refCheck(first17: string): string {
  let sum = 0;
  let w = 1;
  for (const ch of first17) {
    sum += CHARS.indexOf(ch) * w;
    w = (w * 3) % 31;
  }
  return CHARS[(31 - (sum % 31)) % 31]!;
}
function wrongCheck(first17: string): string {
  const right = refCheck(first17);
  return right === '0' ? '1' : '0';
}

// First 17 characters of codes of several kinds (enterprise 91, 机关 11, 社会团体 51, 事业单位 12 …).
const BODIES = [
  '91320102MA1XYW12',
  '11320000014000000',
  '51320102MJ5678901',
  '12320102466012345',
  '92320115MA2ABCDE',
  '91110108ADHJKLMNP',
  '91310115QRTUWXY01',
].map((b) => b.padEnd(17, '0'));

describe('computeUsccCheckChar', () => {
  it('agrees with the independent reference on many bodies', () => {
    for (const body of BODIES) {
      expect(computeUsccCheckChar(body)).toBe(refCheck(body));
    }
    // A systematic sweep: every charset character at every position.
    for (let pos = 0; pos < 17; pos++) {
      for (const ch of CHARS) {
        const body = '913201020000000000'.slice(0, 17).split('');
        if (pos >= 2 && pos < 8 && !/[0-9]/.test(ch)) continue;
        body[pos] = ch;
        const b = body.join('');
        expect(computeUsccCheckChar(b)).toBe(refCheck(b));
      }
    }
  });

  it('gives the check character of the standard example', () => {
    expect(computeUsccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('maps a sum that is a multiple of 31 to "0"', () => {
    expect(computeUsccCheckChar('00000000000000000')).toBe('0');
  });

  it('throws on a wrong-length or invalid body', () => {
    expect(() => computeUsccCheckChar('9135010')).toThrow(RangeError);
    expect(() => computeUsccCheckChar('91350100I000100Y4')).toThrow(RangeError);
  });
});

describe('validateUscc', () => {
  it('accepts published codes', () => {
    expect(validateUscc('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(validateUscc('914403001922038216')).toEqual({ ok: true, value: '914403001922038216' });
  });

  it('accepts codes whose check character is computed by the reference algorithm', () => {
    for (const body of BODIES) {
      const code = body + refCheck(body);
      expect(validateUscc(code)).toEqual({ ok: true, value: code });
    }
  });

  it('rejects a wrong check character and says which one is right', () => {
    for (const body of BODIES) {
      const code = body + wrongCheck(body);
      const r = validateUscc(code);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reason).toContain('校验位');
        expect(r.reason).toContain(`应为“${refCheck(body)}”`);
      }
    }
    const r = validateUscc('91350100M000100Y44');
    expect(r).toEqual({
      ok: false,
      reason: '统一社会信用代码校验位（第 18 位）错误，应为“3”，实际为“4”',
    });
  });

  it('rejects an empty code', () => {
    expect(validateUscc('')).toEqual({ ok: false, reason: '统一社会信用代码为空' });
  });

  it('rejects wrong lengths and states the actual length', () => {
    const cases: Array<[string, number]> = [
      ['91350100M000100Y4', 17],
      ['91350100M000100Y433', 19],
      ['91350100', 8],
      ['0000000000000000000000', 22],
    ];
    for (const [code, len] of cases) {
      const r = validateUscc(code);
      expect(r).toEqual({ ok: false, reason: `统一社会信用代码长度应为 18 位，实际 ${len} 位` });
    }
  });

  it('counts a code containing CJK characters by characters, not bytes', () => {
    const r = validateUscc('91350100M000100Y4号');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('“号”');
  });

  it('rejects lowercase letters (须为大写) and does not silently uppercase', () => {
    const r = validateUscc('91350100m000100Y43');
    expect(r).toEqual({ ok: false, reason: '统一社会信用代码第 9 位“m”是小写字母，字母须为大写' });
    const r2 = validateUscc('91350100M000100y43');
    expect(r2.ok).toBe(false);
    if (!r2.ok) {
      expect(r2.reason).toContain('第 16 位');
      expect(r2.reason).toContain('须为大写');
    }
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the unused letter %s, naming character and position', (letter) => {
    const body = `91350100${letter}000100Y4`;
    // Even with the "right" check character for that body the code must be refused.
    const code = body + '3';
    const r = validateUscc(code);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain('第 9 位');
      expect(r.reason).toContain(`“${letter}”`);
      expect(r.reason).toContain('I、O、S、V、Z');
    }
  });

  it.each(['i', 'o', 's', 'v', 'z'])('rejects lowercase %s as an invalid character', (letter) => {
    const r = validateUscc(`91350100${letter}000100Y43`);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain(`第 9 位“${letter}”不是有效字符`);
    }
  });

  it('rejects I/O/S/V/Z in the check position too', () => {
    for (const letter of ['I', 'O', 'S', 'V', 'Z']) {
      const r = validateUscc(`91350100M000100Y4${letter}`);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain('第 18 位');
    }
  });

  it('rejects punctuation and spaces, naming them', () => {
    const r = validateUscc('91350100M000100Y-3');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('第 17 位“-”');
    const r2 = validateUscc('91350100 M00100Y43');
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.reason).toContain('第 9 位空格');
  });

  it('rejects a non-digit 行政区划码 (positions 3–8) even with a matching check character', () => {
    const body = '9135A100M000100Y4';
    const code = body + refCheck(body);
    const r = validateUscc(code);
    expect(r).toEqual({
      ok: false,
      reason: '统一社会信用代码第 3–8 位（登记管理机关行政区划码）应为数字，第 5 位是“A”',
    });
    const body2 = '9135010YM000100Y4';
    const r2 = validateUscc(body2 + refCheck(body2));
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.reason).toContain('第 8 位是“Y”');
  });

  it('does not trim surrounding whitespace', () => {
    const r = validateUscc(' 91350100M000100Y43');
    expect(r).toEqual({ ok: false, reason: '统一社会信用代码长度应为 18 位，实际 19 位' });
  });
});
