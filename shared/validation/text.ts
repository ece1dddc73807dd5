/**
 * Text normalisation for values typed by clerks or read from their spreadsheets.
 *
 * Only the full-width ASCII block (U+FF01–U+FF5E: digits, Latin letters, punctuation) and the ideographic
 * space U+3000 are folded to their half-width forms — exactly what NFKC does to those characters. Applying
 * NFKC to the whole string is avoided on purpose: it would also rewrite CJK compatibility ideographs,
 * circled numbers, ㎡ and the like. CJK characters and brackets such as 〔〕 are left untouched.
 */

const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E\u3000]/g;

function toHalfWidth(ch: string): string {
  return ch.normalize('NFKC');
}

/**
 * `String(input)` (null/undefined → ""), full-width ASCII and U+3000 → half-width, every run of
 * whitespace (including newlines, tabs, NBSP) → one space, then trimmed.
 *
 * Note: full-width Chinese punctuation in the U+FF01–U+FF5E block (，：；（）！？) becomes its ASCII form;
 * 。、「」〔〕【】 are outside that block and are kept.
 */
export function normalizeText(input: unknown): string {
  if (input === null || input === undefined) return '';
  return String(input)
    .replace(FULL_WIDTH_ASCII, toHalfWidth)
    .replace(/\s+/g, ' ')
    .trim();
}

/** {@link normalizeText}, then every space removed — for codes and identity numbers. */
export function normalizeCode(input: unknown): string {
  return normalizeText(input).replace(/ /g, '');
}

/** How a single character is shown inside a reason: visible, and whitespace named. */
export function describeChar(ch: string): string {
  if (ch === ' ') return '空格';
  if (ch === '\u3000') return '全角空格';
  if (ch === '\t') return '制表符';
  if (ch === '\n' || ch === '\r') return '换行符';
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || /\s/.test(ch)) {
    return `不可见字符 U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `“${ch}”`;
}
