import { describe, expect, it } from 'vitest';
import {
  MAX_FEN,
  formatFen,
  formatFenWithUnit,
  parseOptionalYuanToFen,
  parseYuanToFen,
} from '../../../shared/validation/money.js';

function fen(input: unknown): number {
  const r = parseYuanToFen(input);
  if (!r.ok) throw new Error(`expected ok for ${String(input)}: ${r.reason}`);
  return r.value;
}
function reasonOf(input: unknown): string {
  const r = parseYuanToFen(input);
  if (r.ok) throw new Error(`expected a failure for ${String(input)}, got ${r.value}`);
  return r.reason;
}

describe('parseYuanToFen — numbers', () => {
  it('converts exactly, without float error', () => {
    expect(fen(0)).toBe(0);
    expect(fen(0.29)).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(fen(0.57)).toBe(57); // 0.57 * 100 = 56.99999999999999
    expect(fen(1.1)).toBe(110);
    expect(fen(1234.5)).toBe(123450);
    expect(fen(12345.67)).toBe(1234567);
    expect(fen(19.99)).toBe(1999);
    expect(fen(100)).toBe(10000);
    expect(fen(-0)).toBe(0);
  });

  it('reads a formula result at Excel precision (0.1 + 0.2 → 0.3)', () => {
    expect(fen(0.1 + 0.2)).toBe(30);
  });

  it('rejects more than two decimals, including 1.005', () => {
    expect(reasonOf(1.005)).toContain('超过两位小数');
    expect(reasonOf(1.005)).toContain('1.005');
    expect(reasonOf(12.345)).toContain('超过两位小数');
    expect(reasonOf(0.001)).toContain('超过两位小数');
    expect(reasonOf(1e-7)).toContain('超过两位小数');
  });

  it('rejects negative numbers', () => {
    expect(reasonOf(-1)).toBe('金额不能为负数（-1）');
    expect(reasonOf(-0.01)).toContain('负数');
  });

  it('rejects non-finite numbers', () => {
    expect(reasonOf(Number.NaN)).toBe('金额不是有效的数字');
    expect(reasonOf(Number.POSITIVE_INFINITY)).toBe('金额不是有效的数字');
  });

  it('accepts up to 10^13 fen and rejects more', () => {
    expect(fen(100_000_000_000)).toBe(MAX_FEN);
    expect(MAX_FEN).toBe(1e13);
    expect(reasonOf(100_000_000_000.01)).toContain('过大');
    expect(reasonOf(1e14)).toContain('过大');
    expect(reasonOf(1e300)).toContain('过大');
  });
});

describe('parseYuanToFen — strings', () => {
  it.each([
    ['0', 0],
    ['0.29', 29],
    ['1234.5', 123450],
    ['12,345.67', 1234567],
    ['1,234,567.89', 123456789],
    ['１，２３４．５６', 123456],
    ['１２３４５', 1234500],
    ['¥1,234.56', 123456],
    ['￥1234.56', 123456],
    ['￥ 1,234.56 元', 123456],
    ['1234.56元', 123456],
    ['  88  ', 8800],
    ['\u300088.8\u3000', 8880],
    ['007.50', 750],
    ['1.500', 150],
    ['1.', 100],
    ['.5', 50],
    ['+3', 300],
    ['100000000000', MAX_FEN],
  ])('%s → %i fen', (input, expected) => {
    expect(parseYuanToFen(input)).toEqual({ ok: true, value: expected });
  });

  it('rejects three decimals', () => {
    expect(reasonOf('1.005')).toBe('金额“1.005”超过两位小数（最小单位为分）');
    expect(reasonOf('12,345.678')).toContain('超过两位小数');
    expect(reasonOf('１．２３４')).toContain('超过两位小数');
  });

  it('rejects negative amounts', () => {
    expect(reasonOf('-5')).toBe('金额不能为负数（-5）');
    expect(reasonOf('－５')).toContain('负数');
    expect(reasonOf('¥-1,234.00')).toContain('负数');
    expect(reasonOf('\u22125')).toContain('负数');
  });

  it('rejects non-numbers', () => {
    expect(reasonOf('abc')).toBe('“abc”不是有效的金额');
    expect(reasonOf('十万')).toContain('不要用万元');
    expect(reasonOf('1.2.3')).toContain('不是有效的金额');
    expect(reasonOf('.')).toContain('不是有效的金额');
    expect(reasonOf('1e5')).toContain('不是有效的金额');
    expect(reasonOf('¥')).toContain('不是有效的金额');
    expect(reasonOf(true)).toBe('金额不是有效的数字');
    expect(reasonOf({})).toBe('金额不是有效的数字');
  });

  it('rejects amounts written in 万元', () => {
    expect(reasonOf('50万元')).toBe('金额“50万元”请以元为单位填写，不要用万元');
    expect(reasonOf('50万')).toContain('万元');
  });

  it('rejects misplaced thousands separators', () => {
    expect(reasonOf('1,23,4.5')).toContain('千分位');
    expect(reasonOf('1234,567')).toContain('千分位');
    expect(reasonOf(',123')).toContain('千分位');
  });

  it('rejects huge amounts', () => {
    expect(reasonOf('100,000,000,000.01')).toContain('过大');
    expect(reasonOf('99999999999999999999999')).toContain('过大');
  });

  it('rejects empty values', () => {
    expect(reasonOf('')).toBe('金额为空');
    expect(reasonOf('   ')).toBe('金额为空');
    expect(reasonOf(undefined)).toBe('金额为空');
    expect(reasonOf(null)).toBe('金额为空');
  });
});

describe('parseOptionalYuanToFen', () => {
  it('returns ok(null) for empty values', () => {
    expect(parseOptionalYuanToFen(undefined)).toEqual({ ok: true, value: null });
    expect(parseOptionalYuanToFen(null)).toEqual({ ok: true, value: null });
    expect(parseOptionalYuanToFen('')).toEqual({ ok: true, value: null });
    expect(parseOptionalYuanToFen(' \u3000 ')).toEqual({ ok: true, value: null });
  });

  it('parses and validates anything else', () => {
    expect(parseOptionalYuanToFen('1,234.56')).toEqual({ ok: true, value: 123456 });
    expect(parseOptionalYuanToFen(0)).toEqual({ ok: true, value: 0 });
    const r = parseOptionalYuanToFen('-1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('负数');
  });
});

describe('formatFen', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [29, '0.29'],
    [100, '1.00'],
    [123456, '1,234.56'],
    [1234567, '12,345.67'],
    [100000, '1,000.00'],
    [99999999, '999,999.99'],
    [MAX_FEN, '100,000,000,000.00'],
    [-123456, '-1,234.56'],
  ])('%i → %s', (input, expected) => {
    expect(formatFen(input)).toBe(expected);
  });

  it('round-trips with parseYuanToFen', () => {
    for (const f of [0, 1, 29, 99, 100, 123456, 1234567, 987654321, MAX_FEN]) {
      expect(parseYuanToFen(formatFen(f))).toEqual({ ok: true, value: f });
    }
  });

  it('throws for a non-integer', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
  });

  it('formatFenWithUnit appends 元', () => {
    expect(formatFenWithUnit(123456)).toBe('1,234.56 元');
    expect(formatFenWithUnit(0)).toBe('0.00 元');
  });
});
