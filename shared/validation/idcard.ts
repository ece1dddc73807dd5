/**
 * 公民身份号码 (居民身份证号), GB 11643-1999: 6-digit address code, 8-digit birth date (YYYYMMDD),
 * 3-digit sequence code, 1 check character (0–9 or X) per ISO 7064 MOD 11-2.
 */
import { compareIsoDates, isValidIsoDate, todayIso } from './dates.js';
import { type Check, fail, ok } from './result.js';
import { describeChar } from './text.js';

export const ID_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export const ID_CHECK_MAP = '10X98765432';
export const ID_LENGTH = 18;
export const MIN_BIRTH_DATE = '1900-01-01';

/**
 * The 18th character for the given first 17 digits.
 * Throws a RangeError if `first17` is not exactly 17 ASCII digits (a programming error; use
 * {@link validateIdNumber} for user input).
 */
export function computeIdCheckChar(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) {
    throw new RangeError('computeIdCheckChar: expected exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17.charAt(i)) * (ID_WEIGHTS[i] as number);
  }
  return ID_CHECK_MAP.charAt(sum % 11);
}

function birthDateReason(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12) return `月份 ${m} 不存在`;
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (!isValidIsoDate(iso)) {
    if (m === 2 && d === 29) return `${y} 年不是闰年，2 月没有 29 日`;
    return `${y} 年 ${m} 月没有 ${d} 日`;
  }
  return null;
}

/**
 * Validates an 18-character 居民身份证号 exactly as given (no trimming, no upper-casing — normalise first
 * with `normalizeCode`). `today` (`YYYY-MM-DD`, default: this workstation's local date) bounds the birth
 * date. On success the value is the number.
 */
export function validateIdNumber(input: string, today: string = todayIso()): Check<string> {
  if (!isValidIsoDate(today)) {
    throw new RangeError(`validateIdNumber: today must be YYYY-MM-DD, got ${String(today)}`);
  }
  if (typeof input !== 'string' || input.length === 0) {
    return fail('身份证号为空');
  }
  const chars = Array.from(input);
  if (chars.length !== ID_LENGTH) {
    const old = chars.length === 15 && /^[0-9]{15}$/.test(input) ? '（15 位旧号码请换成 18 位新号码）' : '';
    return fail(`身份证号长度应为 18 位，实际 ${chars.length} 位${old}`);
  }
  for (let i = 0; i < 17; i++) {
    const ch = chars[i] as string;
    if (!/^[0-9]$/.test(ch)) {
      return fail(`身份证号第 ${i + 1} 位${describeChar(ch)}不是数字，前 17 位只能是数字`);
    }
  }
  const last = chars[17] as string;
  if (last === 'x') {
    return fail('身份证号末位“x”须为大写 X');
  }
  if (!/^[0-9X]$/.test(last)) {
    return fail(`身份证号第 18 位（校验码）${describeChar(last)}无效，只能是数字或大写 X`);
  }
  const birth = input.slice(6, 14);
  const impossible = birthDateReason(birth);
  if (impossible !== null) {
    return fail(`身份证号中的出生日期“${birth}”不存在：${impossible}`);
  }
  const birthIso = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (compareIsoDates(birthIso, MIN_BIRTH_DATE) < 0) {
    return fail(`身份证号中的出生日期 ${birthIso} 早于 1900-01-01`);
  }
  if (compareIsoDates(birthIso, today) > 0) {
    return fail(`身份证号中的出生日期 ${birthIso} 晚于今天（${today}）`);
  }
  const expected = computeIdCheckChar(input.slice(0, 17));
  if (last !== expected) {
    return fail(`身份证号校验码（第 18 位）错误，应为“${expected}”，实际为“${last}”`);
  }
  return ok(input);
}
