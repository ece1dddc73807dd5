import { describe, expect, it } from 'vitest';
import { computeIdCheckChar, validateIdNumber } from '../../../shared/validation/idcard.js';

// Independent reference implementation of ISO 7064 MOD 11-2 as used by GB 11643-1999:
// the weight of position p (1-based, of 18) is 2^(18-p) mod 11, and the check value c makes
// Σ + c ≡ 1 (mod 11), with 10 written as X.
function refCheck(first17: string): string {
  let sum = 0;
  for (let p = 1; p <= 17; p++) {
    let w = 1;
    for (let k = 0; k < 18 - p; k++) w = (w * 2) % 11;
    sum += Number(first17[p - 1]) * w;
  }
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}
function make(first17: string): string {
  return first17 + refCheck(first17);
}
function wrong(first17: string): string {
  const right = refCheck(first17);
  return first17 + (right === '0' ? '1' : '0');
}

const TODAY = '2025-06-15';

describe('computeIdCheckChar', () => {
  it('agrees with the reference for every possible check value', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 400; seq++) {
      const first17 = `32010219900101${String(seq).padStart(3, '0')}`;
      expect(computeIdCheckChar(first17)).toBe(refCheck(first17));
      seen.add(refCheck(first17));
    }
    expect(seen.size).toBe(11); // 0–9 and X all occurred
  });

  it('gives X for the GB 11643 example', () => {
    expect(computeIdCheckChar('11010519491231002')).toBe('X');
  });

  it('throws on a body that is not 17 digits', () => {
    expect(() => computeIdCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => computeIdCheckChar('1101051949123100A')).toThrow(RangeError);
  });
});

describe('validateIdNumber', () => {
  it('accepts the GB 11643-1999 example', () => {
    expect(validateIdNumber('11010519491231002X', TODAY)).toEqual({ ok: true, value: '11010519491231002X' });
  });

  it('accepts numbers built with the reference algorithm, including leap days', () => {
    for (const first17 of [
      '32010219900101123',
      '44030420000229001',
      '51010719000101002',
      '65010220250615003',
      '37020219961231004',
    ]) {
      const id = make(first17);
      expect(validateIdNumber(id, TODAY)).toEqual({ ok: true, value: id });
    }
  });

  it('rejects a wrong check character and names the right one', () => {
    const r = validateIdNumber('110105194912310021', TODAY);
    expect(r).toEqual({ ok: false, reason: '身份证号校验码（第 18 位）错误，应为“X”，实际为“1”' });
    for (const first17 of ['32010219900101123', '44030420000229001']) {
      const r2 = validateIdNumber(wrong(first17), TODAY);
      expect(r2.ok).toBe(false);
      if (!r2.ok) expect(r2.reason).toContain(`应为“${refCheck(first17)}”`);
    }
  });

  it('rejects a lowercase x (须为大写 X)', () => {
    expect(validateIdNumber('11010519491231002x', TODAY)).toEqual({
      ok: false,
      reason: '身份证号末位“x”须为大写 X',
    });
  });

  it('rejects wrong lengths with the actual length', () => {
    expect(validateIdNumber('11010519491231002', TODAY)).toEqual({
      ok: false,
      reason: '身份证号长度应为 18 位，实际 17 位',
    });
    expect(validateIdNumber('11010519491231002X1', TODAY)).toEqual({
      ok: false,
      reason: '身份证号长度应为 18 位，实际 19 位',
    });
    const old = validateIdNumber('110105491231002', TODAY);
    expect(old.ok).toBe(false);
    if (!old.ok) {
      expect(old.reason).toContain('实际 15 位');
      expect(old.reason).toContain('15 位旧号码');
    }
  });

  it('rejects an empty number', () => {
    expect(validateIdNumber('', TODAY)).toEqual({ ok: false, reason: '身份证号为空' });
  });

  it('rejects non-digits in the first 17 positions', () => {
    const r = validateIdNumber('1101051949123100XX', TODAY);
    expect(r).toEqual({ ok: false, reason: '身份证号第 17 位“X”不是数字，前 17 位只能是数字' });
    const r2 = validateIdNumber('11010A19491231002X', TODAY);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.reason).toContain('第 6 位“A”');
    const r3 = validateIdNumber('１1010519491231002X', TODAY);
    expect(r3.ok).toBe(false);
    if (!r3.ok) expect(r3.reason).toContain('第 1 位“１”');
  });

  it('rejects a check position that is neither digit nor X', () => {
    const r = validateIdNumber('11010519491231002Y', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('只能是数字或大写 X');
  });

  it.each([
    ['32010219901301123', '月份 13 不存在'],
    ['32010219900001123', '月份 0 不存在'],
    ['32010219900230123', '2 月没有 30 日'],
    ['32010219900229123', '1990 年不是闰年'],
    ['32010219000229123', '1900 年不是闰年'],
    ['32010219900431123', '4 月没有 31 日'],
    ['32010219900100123', '1 月没有 0 日'],
  ])('rejects the impossible birth date in %s (%s), even with a correct check digit', (first17, why) => {
    const r = validateIdNumber(make(first17), TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain('出生日期');
      expect(r.reason).toContain('不存在');
      expect(r.reason).toContain(why);
    }
  });

  it('rejects birth dates before 1900-01-01 (the standard’s own 1880 example)', () => {
    const r = validateIdNumber('440524188001010014', TODAY);
    expect(r).toEqual({ ok: false, reason: '身份证号中的出生日期 1880-01-01 早于 1900-01-01' });
    const r2 = validateIdNumber(make('32010218991231123'), TODAY);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.reason).toContain('早于 1900-01-01');
  });

  it('rejects birth dates after today, and accepts one born today', () => {
    const r = validateIdNumber(make('32010220250616123'), TODAY);
    expect(r).toEqual({ ok: false, reason: '身份证号中的出生日期 2025-06-16 晚于今天（2025-06-15）' });
    expect(validateIdNumber(make('32010220250615123'), TODAY).ok).toBe(true);
    expect(validateIdNumber(make('32010230000101123'), TODAY).ok).toBe(false);
  });

  it('uses the real current date when today is not given', () => {
    expect(validateIdNumber('11010519491231002X').ok).toBe(true);
    expect(validateIdNumber(make('32010230000101123')).ok).toBe(false);
  });

  it('throws on a malformed today argument', () => {
    expect(() => validateIdNumber('11010519491231002X', '2025/06/15')).toThrow(RangeError);
  });
});
