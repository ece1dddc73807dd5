/**
 * Chinese substring search on SQLite FTS5 (DOMAIN.md §1 list; issue: two-character terms such as 街道
 * must be found). FTS5's trigram tokenizer cannot match terms shorter than three characters, so we index
 * overlapping character pairs instead: "拖欠账款" is stored as the tokens "拖欠 欠账 账款", and a query of
 * n ≥ 2 characters becomes the phrase of its n−1 pairs, which matches exactly where the text contains it.
 * Text is split into runs of letters and digits; a separator token between runs keeps a phrase from
 * bridging punctuation. Each run also stores its last character alone, so that every occurrence of a
 * character starts some token: a one-character term is then the prefix query "街"* (the index keeps a
 * one-character prefix index for it) instead of a scan of every row. The unicode61 tokenizer treats CJK, letters, digits and the private-use separator
 * as token characters, so every pair is one token.
 */
const SEPARATOR = '\uE000';

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function runsOf(text: string): string[] {
  return normalise(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

function pairsOf(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return [chars[0]];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i] + chars[i + 1]);
  return pairs;
}

/** A run's tokens: its pairs, then its last character alone (a one-character run is just itself). */
function tokensOf(run: string): string[] {
  const chars = Array.from(run);
  return chars.length === 1 ? chars : [...pairsOf(run), chars[chars.length - 1]];
}

/** The token text stored in the search index for a record's searchable fields. */
export function searchGrams(text: string): string {
  return runsOf(text)
    .map((run) => tokensOf(run).join(' '))
    .join(` ${SEPARATOR} `);
}

/**
 * An FTS5 MATCH expression for what the clerk typed, or null when nothing searchable is left (only
 * punctuation). Terms separated by spaces (or punctuation) must all match; a one-character term matches
 * every token that starts with it.
 */
export function searchMatchExpression(query: string): string | null {
  const phrases = runsOf(query).map((run) => (Array.from(run).length === 1 ? `"${run}"*` : `"${pairsOf(run).join(' ')}"`));
  return phrases.length > 0 ? phrases.join(' AND ') : null;
}
