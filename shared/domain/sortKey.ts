import { pinyin } from 'pinyin-pro';

/**
 * Sort keys that put Chinese names in the order a clerk expects: by pinyin, reading a person's surname
 * the way surnames are read (曾 zeng, 单 shan, 解 xie, 仇 qiu, 区 ou — Intl.Collator reads ceng, dan, jie…),
 * with the name itself after a separator so homophones keep a stable order. SQLite has no custom collation
 * in better-sqlite3, so the key is stored in an indexed column written with the row (and recomputed by a
 * migration should this function ever change).
 */
const SEPARATOR = '\u0001';

const readings = (text: string, surname: boolean) =>
  pinyin(text, { toneType: 'none', type: 'array', surname: surname ? 'head' : 'off', nonZh: 'consecutive' })
    .map((syllable) => syllable.toLowerCase())
    .join(' ');

/** A person's name: the first characters read as a surname. */
export const personSortKey = (name: string): string => `${readings(name.trim(), true)}${SEPARATOR}${name.trim()}`;

/** A unit's or any other name: every character in its everyday reading. */
export const nameSortKey = (name: string): string => `${readings(name.trim(), false)}${SEPARATOR}${name.trim()}`;
