/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * 18 characters from a 31-character set (digits and upper-case letters without I, O, S, V, Z):
 * position 1 登记管理部门代码, 2 机构类别代码, 3–8 登记管理机关行政区划码 (digits),
 * 9–17 主体标识码 (组织机构代码), 18 校验码.
 */
import { type Check, fail, ok } from './result.js';
import { describeChar } from './text.js';

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_WEIGHTS: readonly number[] = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
export const USCC_LENGTH = 18;

/**
 * The 18th character for the given first 17 characters.
 * Throws a RangeError if `first17` is not 17 characters from the code's character set (a programming error;
 * use {@link validateUscc} for user input).
 */
export function computeUsccCheckChar(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError(`computeUsccCheckChar: expected 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17.charAt(i));
    if (v < 0) {
      throw new RangeError(`computeUsccCheckChar: invalid character at position ${i + 1}`);
    }
    sum += v * (USCC_WEIGHTS[i] as number);
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARSET.charAt(check);
}

/**
 * Validates a 统一社会信用代码 exactly as given (no trimming, no upper-casing — normalise first with
 * `normalizeCode` if the value comes from a form or a spreadsheet). On success the value is the code.
 */
export function validateUscc(input: string): Check<string> {
  if (typeof input !== 'string' || input.length === 0) {
    return fail('统一社会信用代码为空');
  }
  const chars = Array.from(input);
  if (chars.length !== USCC_LENGTH) {
    return fail(`统一社会信用代码长度应为 18 位，实际 ${chars.length} 位`);
  }
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (USCC_CHARSET.includes(ch)) continue;
    const pos = i + 1;
    if (/^[a-z]$/.test(ch) && USCC_CHARSET.includes(ch.toUpperCase())) {
      return fail(`统一社会信用代码第 ${pos} 位“${ch}”是小写字母，字母须为大写`);
    }
    return fail(
      `统一社会信用代码第 ${pos} 位${describeChar(ch)}不是有效字符：只能是数字或大写字母，且不使用 I、O、S、V、Z`,
    );
  }
  for (let i = 2; i < 8; i++) {
    const ch = chars[i] as string;
    if (!/^[0-9]$/.test(ch)) {
      return fail(
        `统一社会信用代码第 3–8 位（登记管理机关行政区划码）应为数字，第 ${i + 1} 位是“${ch}”`,
      );
    }
  }
  const expected = computeUsccCheckChar(input.slice(0, 17));
  const actual = input.charAt(17);
  if (actual !== expected) {
    return fail(`统一社会信用代码校验位（第 18 位）错误，应为“${expected}”，实际为“${actual}”`);
  }
  return ok(input);
}
