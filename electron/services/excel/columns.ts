import { normalizeText } from '../../../shared/validation/text';

/**
 * The Excel pipeline's column declarations (DESIGN.md "Excel pipeline"). A ledger's import template, import,
 * row report and export are all read off one list of these, so the form, the template, the report and the
 * export say the same thing and a fix to cell parsing lands for every ledger.
 */
export type CellKind =
  /** one line of text: normalised (full-width → half-width, spaces folded) */
  | 'text'
  /** free text that keeps its Chinese punctuation and line breaks */
  | 'longText'
  /** an identifier (统一社会信用代码, 身份证号): no spaces, never a number Excel has rounded */
  | 'code'
  /** a calendar date in any of the tolerant formats of the domain (Excel date, 2024-03-05, 2024/3/5, 2024年3月5日) */
  | 'date'
  /** 元 with thousands separators or full-width digits → integer fen */
  | 'amount'
  /** one of a vocabulary, written as its label or one of its synonyms */
  | 'choice';

export interface ColumnGuide {
  /** 必填 / 选填 / 单位必填… */
  need: string;
  rule: string;
  example: string;
}

export interface ColumnSpec<F extends string = string> {
  field: F;
  /** The header text in row 1 (the field's label). */
  header: string;
  kind: CellKind;
  /** The file is refused when this header is missing (a missing optional column reads as empty cells). */
  requiredHeader: boolean;
  /** choice: the stored values, in the order the drop-down offers them. */
  vocabulary?: readonly string[];
  /** choice: how a stored value is written in a sheet when it differs from the value (主体类型: unit → 单位). */
  labels?: Readonly<Record<string, string>>;
  /** choice: other words offices' old spreadsheets use for a value (公务员 → person; 12345 → 12345热线). */
  synonyms?: Readonly<Record<string, string>>;
  /** The cell is formatted as text (document numbers such as 2024-1 must not become dates); codes always are. */
  keepAsText?: boolean;
  /** code: a trailing lower-case x is the check character X (identity numbers are often typed that way). */
  upperCaseCheckX?: boolean;
  /** A blank cell means this value (a required date reads as missing when undefined). */
  blank?: null | undefined;
  width: number;
  guide: ColumnGuide;
}

/** What the sheet shows for a choice value: its label, or the value itself. */
export const choiceLabel = (column: ColumnSpec, value: string): string => column.labels?.[value] ?? value;

/** The words a drop-down offers, as written in a sheet. */
export const choiceLabels = (column: ColumnSpec): string[] => (column.vocabulary ?? []).map((v) => choiceLabel(column, v));

/**
 * How a header cell is compared: normalizeText (full-width → half-width, so 涉及金额（元） = 涉及金额(元)),
 * then every space and a required-field marker `*` removed, so "单位 名称" or "*失信情形" still match.
 */
export function headerKey(text: unknown): string {
  return normalizeText(text).replace(/[\s*]/g, '');
}

/** Looks a header up among a sheet's columns. */
export function headerIndex<F extends string>(columns: readonly ColumnSpec<F>[]): (text: unknown) => ColumnSpec<F> | undefined {
  const byKey = new Map(columns.map((c) => [headerKey(c.header), c]));
  return (text) => byKey.get(headerKey(text));
}

const choiceKey = (text: string) => normalizeText(text).toLowerCase().replace(/\s+/g, '');

/**
 * The stored value a clerk meant by what they wrote in a choice column: the value itself, its label or a
 * synonym (compared after normalizeText, ignoring case and spaces); undefined when it is none of them.
 */
export function choiceReader(column: ColumnSpec): (written: string) => string | undefined {
  const byWord = new Map<string, string>();
  for (const value of column.vocabulary ?? []) {
    byWord.set(choiceKey(value), value);
    byWord.set(choiceKey(choiceLabel(column, value)), value);
  }
  for (const [word, value] of Object.entries(column.synonyms ?? {})) byWord.set(choiceKey(word), value);
  return (written) => byWord.get(choiceKey(written));
}
