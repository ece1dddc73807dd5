/**
 * Money. Amounts are stored as integer fen (分, 1 元 = 100 分) and never as floating-point yuan.
 * Parsing is done on the decimal digits (string arithmetic), so 0.29 元 is exactly 29 分.
 */
import { type Check, fail, ok } from './result.js';
import { normalizeText } from './text.js';

/** Largest accepted amount: 10^13 分 = 10^11 元 (1000 亿元). */
export const MAX_FEN = 10_000_000_000_000;

/**
 * Decimal text of a JS number as Excel shows it (15 significant digits), so that a formula result such as
 * 0.1 + 0.2 = 0.30000000000000004 reads as 0.3, while 1.005 stays 1.005 (and is rejected for its third
 * decimal). Returns null for values that need an exponent (too large or too small to be an amount).
 */
function numberToDecimalText(n: number): string | null {
  if (n === 0) return '0';
  const p = Math.abs(n).toPrecision(15);
  if (p.includes('e')) return null;
  return p.includes('.') ? p.replace(/0+$/, '').replace(/\.$/, '') : p;
}

/** "1234.5" → 123450; the text must already be a plain non-negative decimal without separators. */
function decimalTextToFen(text: string, shown: string): Check<number> {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) {
    return fail(`“${shown}”不是有效的金额`);
  }
  const intPart = (m[1] ?? '').replace(/^0+(?=\d)/, '');
  const fracRaw = m[2] ?? '';
  // Trailing zeros beyond the second decimal lose nothing (1.500 元 = 150 分).
  const frac = fracRaw.replace(/0+$/, '');
  if (frac.length > 2) {
    return fail(`金额“${shown}”超过两位小数（最小单位为分）`);
  }
  const fenDigits = ((intPart === '' ? '0' : intPart) + frac.padEnd(2, '0')).replace(/^0+(?=\d)/, '');
  if (fenDigits.length > 14 || Number(fenDigits) > MAX_FEN) {
    return fail(`金额“${shown}”过大（不能超过 1000 亿元）`);
  }
  return ok(Number(fenDigits));
}

/**
 * An amount in 元 from a spreadsheet cell or a form field, as integer 分.
 *
 * Accepts numbers (read at Excel's 15 significant digits) and strings such as `1234.5`, `1,234.56`,
 * `１，２３４．５６`, `¥1,234.56`, `￥ 1234 元`. Rejects empty values, negative amounts, more than two
 * decimals, amounts above 1000 亿元, amounts in 万元, and anything that is not a number.
 */
export function parseYuanToFen(input: unknown): Check<number> {
  if (input === null || input === undefined) return fail('金额为空');
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail('金额不是有效的数字');
    if (input < 0) return fail(`金额不能为负数（${input}）`);
    const text = numberToDecimalText(input);
    if (text === null) {
      return input >= 1
        ? fail(`金额“${input}”过大（不能超过 1000 亿元）`)
        : fail(`金额“${input}”超过两位小数（最小单位为分）`);
    }
    return decimalTextToFen(text, text);
  }
  if (typeof input !== 'string') return fail('金额不是有效的数字');
  const shown = normalizeText(input);
  if (shown === '') return fail('金额为空');
  let s = shown.replace(/\s+/g, '').replace(/\u00A5|\uFFE5/g, '¥');
  if (s.startsWith('¥')) s = s.slice(1);
  if (/万元?$/.test(s)) return fail(`金额“${shown}”请以元为单位填写，不要用万元`);
  if (s.endsWith('元')) s = s.slice(0, -1);
  if (s.startsWith('+')) s = s.slice(1);
  if (/^[-\u2212]/.test(s)) return fail(`金额不能为负数（${shown}）`);
  if (s.includes(',')) {
    if (!/^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(s)) {
      return fail(`金额“${shown}”的千分位逗号位置不对`);
    }
    s = s.replace(/,/g, '');
  }
  return decimalTextToFen(s, shown);
}

/** Like {@link parseYuanToFen}, but an empty value (undefined, null, blank string) is ok(null). */
export function parseOptionalYuanToFen(input: unknown): Check<number | null> {
  if (input === null || input === undefined) return ok(null);
  if (typeof input === 'string' && normalizeText(input) === '') return ok(null);
  return parseYuanToFen(input);
}

/** 123456 → "1,234.56". Throws a RangeError for a non-integer. */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) {
    throw new RangeError(`formatFen: fen must be a safe integer, got ${fen}`);
  }
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
}

/** 123456 → "1,234.56 元". */
export function formatFenWithUnit(fen: number): string {
  return `${formatFen(fen)} 元`;
}
