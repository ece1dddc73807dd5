import type Database from 'better-sqlite3';
import { SqliteDriver } from '../../../electron/db/ledgerConnection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchGrams, searchMatchExpression } from '../../../shared/domain/searchGrams';

const SEP = '\uE000';

describe('searchGrams: the tokens stored for a text', () => {
  it('stores overlapping character pairs, then the last character of the run alone', () => {
    expect(searchGrams('拖欠账款')).toBe('拖欠 欠账 账款 款');
    expect(searchGrams('街道')).toBe('街道 道');
  });

  it('keeps a lone character as a token of its own', () => {
    expect(searchGrams('街')).toBe('街');
  });

  it('splits at punctuation and spaces, with a separator token between runs', () => {
    expect(searchGrams('街道，办事处')).toBe(`街道 道 ${SEP} 办事 事处 处`);
    expect(searchGrams('(2024)苏01行初12号')).toBe(`20 02 24 4 ${SEP} 苏0 01 1行 行初 初1 12 2号 号`);
    expect(searchGrams('某某 街道\n办事处')).toBe(`某某 某 ${SEP} 街道 道 ${SEP} 办事 事处 处`);
    // no pair ever spans a boundary
    expect(searchGrams('街，道').split(' ')).not.toContain('街道');
  });

  it('folds full-width forms and case (NFKC, lower case)', () => {
    expect(searchGrams('ＡＢＣ１２')).toBe('ab bc c1 12 2');
    expect(searchGrams('（２０２４）苏０１')).toBe(searchGrams('(2024)苏01'));
    // the full-width space (U+3000) separates like an ordinary one
    expect(searchGrams('街道　办事处')).toBe(`街道 道 ${SEP} 办事 事处 处`);
  });

  it('joins several fields as separate runs, and is empty for text without letters or digits', () => {
    expect(searchGrams('某局\n(2024)1号')).toBe(`某局 局 ${SEP} 20 02 24 4 ${SEP} 1号 号`);
    expect(searchGrams('')).toBe('');
    expect(searchGrams('，。、（）  ')).toBe('');
  });

  it('counts characters outside the BMP as one character', () => {
    expect(searchGrams('𠀋街')).toBe('𠀋街 街');
  });
});

describe('searchMatchExpression: what the search box becomes', () => {
  it('makes a two-character term one quoted token', () => {
    expect(searchMatchExpression('街道')).toBe('"街道"');
  });

  it('makes a longer term the phrase of its pairs', () => {
    expect(searchMatchExpression('拖欠账款')).toBe('"拖欠 欠账 账款"');
    expect(searchMatchExpression('苏0102')).toBe('"苏0 01 10 02"');
  });

  it('requires every term of several (AND)', () => {
    expect(searchMatchExpression('街道 拖欠')).toBe('"街道" AND "拖欠"');
    expect(searchMatchExpression('街道　拖欠')).toBe('"街道" AND "拖欠"');
  });

  it('splits a term at punctuation the same way the text is split', () => {
    expect(searchMatchExpression('(2024)苏01')).toBe('"20 02 24" AND "苏0 01"');
  });

  it('folds full-width and case like the stored text', () => {
    expect(searchMatchExpression('ＡＢＣ')).toBe(searchMatchExpression('abc'));
    expect(searchMatchExpression('苏０１０２')).toBe('"苏0 01 10 02"');
  });

  it('makes a one-character term a prefix query (every token that starts with it)', () => {
    expect(searchMatchExpression('街')).toBe('"街"*');
    expect(searchMatchExpression('街道 某')).toBe('"街道" AND "某"*');
  });

  it('gives null when nothing searchable is left', () => {
    expect(searchMatchExpression('')).toBeNull();
    expect(searchMatchExpression('   ')).toBeNull();
    expect(searchMatchExpression('，。')).toBeNull();
  });

  it('never lets FTS5 syntax through: operators and quotes become plain phrases', () => {
    expect(searchMatchExpression('ab"cd OR ef*')).toBe('"ab" AND "cd" AND "or" AND "ef"');
    expect(searchMatchExpression('a*')).toBe('"a"*');
    expect(searchMatchExpression('NEAR(街道 拖欠)')).toBe('"ne ea ar" AND "街道" AND "拖欠"');
  });
});

/**
 * Against real FTS5 with the tokenizer and prefix index of migration 0006: a query term matches a text exactly when the
 * text (folded the same way) contains it. Checked over many generated texts and terms.
 */
describe('on SQLite FTS5', () => {
  let db: Database.Database;
  beforeAll(() => {
    db = new SqliteDriver(':memory:'); // the SQLite the app runs on
    db.exec(`CREATE VIRTUAL TABLE s USING fts5(grams, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1, prefix = '1')`);
  });
  afterAll(() => db.close());

  const insert = (rowid: number, text: string) => db.prepare(`INSERT INTO s (rowid, grams) VALUES (?, ?)`).run(rowid, searchGrams(text));
  const matches = (query: string): number[] => {
    const expr = searchMatchExpression(query);
    if (expr === null) throw new Error(`no expression for ${query}`);
    return db.prepare(`SELECT rowid FROM s WHERE s MATCH ? ORDER BY rowid`).pluck().all(expr) as number[];
  };

  it('finds two-character terms, document numbers and multiple terms', () => {
    db.exec('DELETE FROM s');
    insert(1, '某某市某某区某某街道办事处\n(2024)苏0102民初123号\n拖欠某建筑公司道路修缮工程款');
    insert(2, '某某镇人民政府\n(2023)苏0105行初7号\n未兑现招商引资奖补');
    insert(3, '街，道路管理所\nＡＢＣ公司');
    expect(matches('街道')).toEqual([1]);
    expect(matches('苏0102')).toEqual([1]);
    expect(matches('苏01')).toEqual([1, 2]);
    expect(matches('0105行初')).toEqual([2]);
    expect(matches('道路')).toEqual([1, 3]);
    expect(matches('街道 拖欠')).toEqual([1]);
    expect(matches('街道 奖补')).toEqual([]);
    expect(matches('abc')).toEqual([3]);
    expect(matches('ＡＢＣ公司')).toEqual([3]);
    expect(matches('欠拖')).toEqual([]);
    // one character: found wherever it stands, also last in a field or alone before punctuation
    expect(matches('款')).toEqual([1]);
    expect(matches('街')).toEqual([1, 3]);
    expect(matches('号')).toEqual([1, 2]);
    expect(matches('c')).toEqual([3]);
    expect(matches('桥')).toEqual([]);
  });

  it('matches exactly where the folded text contains the term (generated cases)', () => {
    db.exec('DELETE FROM s');
    // small alphabets so that terms often occur; punctuation and full-width forms included
    const alphabet = Array.from('街道办事处拖欠款街道AaＡ1１2，。 　-');
    const termAlphabet = Array.from('街道办事处拖欠款Aa1１2');
    let seed = 20240520;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = (chars: string[], n: number) => Array.from({ length: n }, () => chars[Math.floor(random() * chars.length)]).join('');
    const fold = (s: string) => s.normalize('NFKC').toLowerCase();
    const texts = Array.from({ length: 300 }, () => pick(alphabet, 1 + Math.floor(random() * 14)));
    texts.forEach((t, i) => insert(i + 1, t));
    const mismatches: string[] = [];
    for (let k = 0; k < 300; k++) {
      const term = pick(termAlphabet, 1 + Math.floor(random() * 4));
      const expected = texts.map((t, i) => (fold(t).includes(fold(term)) ? i + 1 : 0)).filter(Boolean);
      const actual = matches(term);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${term}: got ${actual}, expected ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('a replaced text is found by its new words only (contentless delete)', () => {
    db.exec('DELETE FROM s');
    insert(7, '道路修缮工程款');
    db.prepare(`DELETE FROM s WHERE rowid = ?`).run(7);
    insert(7, '桥梁维护费用');
    expect(matches('桥梁')).toEqual([7]);
    expect(matches('修缮')).toEqual([]);
  });
});
