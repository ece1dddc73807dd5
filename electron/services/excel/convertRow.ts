import type { z } from 'zod';
import { parseCalendarDate } from '../../../shared/validation/dates';
import { parseOptionalYuanToFen } from '../../../shared/validation/money';
import { normalizeCode, normalizeText } from '../../../shared/validation/text';
import { choiceLabels, choiceReader, type ColumnSpec } from './columns';
import { excerpt } from './workbookLimits';

/**
 * One sheet row → a ledger's field values → the ledger's own zod schema, with every problem of the row
 * named on the column that is actually wrong (DESIGN.md "Excel pipeline": cell conversion by kind).
 */
export interface RowSpec<F extends string, T> {
  columns: readonly ColumnSpec<F>[];
  /** The ledger's fields schema: the same one the form, the service and the city platform apply. */
  schema: z.ZodType<T>;
  /** A neutral value for a field whose cell failed, so cross-field rules can still be checked (else by kind). */
  placeholder?(field: F, candidate: Readonly<Record<F, unknown>>): { value: unknown } | null;
  /**
   * "请填写…" messages of fields that depend on another field (姓名 on 主体类型): not reported while that
   * field itself is unreadable, since which of them is needed is not known.
   */
  dependents?: { on: F; fields: readonly F[] };
}

export type RowProblem = { column: string; reason: string };

export interface ConvertedRow<F extends string> {
  /** Field values as the schema expects them; fields that failed conversion hold a neutral placeholder. */
  candidate: Record<F, unknown>;
  /** Problems found while converting (an unreadable date, amount…), by field. */
  conversion: Map<F, string[]>;
  /** The normalised text a clerk wrote in a choice column, for messages. */
  written: Map<F, string>;
}

/** The longest cell a date, amount, code or choice column can sensibly hold. */
const SHORT_CELL = 100;

/** Placeholders that satisfy a base schema and never trigger a cross-field rule. */
const EARLIEST_DATE = '1900-01-01';

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && /^\s*$/.test(v)); // \s covers U+3000 and NBSP
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const d = parseCalendarDate(v);
    return d.ok ? d.value : '';
  }
  return String(v);
}

/** Free text keeps its Chinese punctuation and line breaks: only U+3000 → space, CRLF → LF, trimmed. */
const longText = (v: unknown) => cellText(v).replace(/\u3000/g, ' ').replace(/\r\n?/g, '\n').trim();

/**
 * A cell by its template header (what readSheetRows gives). A field name is accepted too, for callers that
 * build rows in code; an amount given by field name holds 分, by header 元.
 */
function cellOf(cells: Readonly<Record<string, unknown>>, column: ColumnSpec): { value: unknown; fen: boolean } {
  if (Object.prototype.hasOwnProperty.call(cells, column.header)) return { value: cells[column.header], fen: false };
  return { value: cells[column.field], fen: column.kind === 'amount' };
}

const readers = new WeakMap<ColumnSpec, (written: string) => string | undefined>();
const readerOf = (column: ColumnSpec) => {
  let reader = readers.get(column);
  if (!reader) readers.set(column, (reader = choiceReader(column)));
  return reader;
};

export function convertCells<F extends string>(columns: readonly ColumnSpec<F>[], cells: Readonly<Record<string, unknown>>): ConvertedRow<F> {
  const candidate = {} as Record<F, unknown>;
  const conversion = new Map<F, string[]>();
  const written = new Map<F, string>();
  const problem = (field: F, reason: string) => conversion.set(field, [...(conversion.get(field) ?? []), reason]);

  for (const column of columns) {
    const { field } = column;
    const { value: raw, fen } = cellOf(cells, column);
    const blank = isBlank(raw);
    // A date, an amount, a code or a choice is short: a long cell is refused without being repeated whole.
    if (column.kind !== 'text' && column.kind !== 'longText' && typeof raw === 'string' && raw.length > SHORT_CELL) {
      problem(field, `${column.header}内容过长：“${excerpt(raw)}”`);
      candidate[field] = column.kind === 'date' && column.blank === undefined ? EARLIEST_DATE : null;
      continue;
    }
    switch (column.kind) {
      case 'choice': {
        const text = normalizeText(cellText(raw));
        if (text) written.set(field, text);
        candidate[field] = blank ? undefined : (readerOf(column)(text) ?? text);
        break;
      }
      case 'text':
        candidate[field] = normalizeText(cellText(raw));
        break;
      case 'longText':
        candidate[field] = longText(raw);
        break;
      case 'code': {
        if (typeof raw === 'number' && Math.abs(raw) >= 1e15) {
          // Excel keeps 15 significant digits: an 18-digit number typed into a General cell is already damaged.
          problem(field, `${column.header}被 Excel 存成了数字，第 15 位以后的数字已丢失（现为 ${raw.toFixed(0)}）。请把该列设为“文本”格式后重新输入完整号码`);
          candidate[field] = null;
          break;
        }
        const code = normalizeCode(cellText(raw));
        if (code.includes('*')) {
          problem(field, `${column.header}已脱敏（含“*”），请填写完整的号码`);
          candidate[field] = null;
          break;
        }
        const value = column.upperCaseCheckX ? code.replace(/x$/, 'X') : code;
        candidate[field] = value === '' ? null : value;
        break;
      }
      case 'date': {
        if (blank) {
          candidate[field] = column.blank;
          break;
        }
        const date = parseCalendarDate(typeof raw === 'string' ? normalizeText(raw) : raw);
        if (date.ok) candidate[field] = date.value;
        else {
          problem(field, date.reason);
          candidate[field] = column.blank === undefined ? EARLIEST_DATE : null;
        }
        break;
      }
      case 'amount': {
        if (fen) {
          candidate[field] = blank ? null : raw;
          break;
        }
        const amount = parseOptionalYuanToFen(raw);
        if (amount.ok) candidate[field] = amount.value;
        else {
          problem(field, amount.reason);
          candidate[field] = null;
        }
        break;
      }
    }
  }
  return { candidate, conversion, written };
}

type Issue = z.core.$ZodIssue;

/** A value for a field that failed the base schema, so the cross-field rules can still be checked. */
function placeholderFor<F extends string, T>(spec: RowSpec<F, T>, column: ColumnSpec<F> | undefined, issue: Issue, candidate: Record<F, unknown>): { value: unknown } | null {
  if (!column) return null;
  const own = spec.placeholder?.(column.field, candidate);
  if (own) return own;
  if (column.kind === 'date') return { value: column.blank === undefined ? EARLIEST_DATE : null };
  if (column.kind === 'amount') return { value: null };
  if (issue.code === 'too_big' && typeof candidate[column.field] === 'string') {
    return { value: (candidate[column.field] as string).slice(0, Number(issue.maximum)) };
  }
  if (issue.code === 'invalid_value' && issue.values.length > 0) return { value: issue.values[0] };
  return null;
}

/** The zod message as the report shows it (a few validators repeat the label the schema already adds). */
function reasonOf(column: ColumnSpec | undefined, issue: Issue, written: ReadonlyMap<string, string>): string {
  let message = issue.message;
  if (column && message.startsWith(column.header + column.header)) message = message.slice(column.header.length);
  const text = column ? written.get(column.field) : undefined;
  if (column?.kind === 'choice' && issue.code === 'invalid_value' && text) {
    message += `：“${excerpt(text)}”不是可选项，可填：${choiceLabels(column).join('、')}`;
  }
  return message;
}

/** The row's values if they pass the schema, else every problem of the row by field. */
export function validateConverted<F extends string, T>(spec: RowSpec<F, T>, row: ConvertedRow<F>): { fields: T | null; problems: Map<F, string[]> } {
  const { candidate, conversion, written } = row;
  const columnOf = (field: string) => spec.columns.find((c) => c.field === field);
  const first = spec.schema.safeParse(candidate);
  if (first.success && conversion.size === 0) return { fields: first.data, problems: new Map() };

  const problems = new Map<F, string[]>([...conversion].map(([f, reasons]) => [f, [...reasons]]));
  if (first.success) return { fields: null, problems };

  const add = (issue: Issue) => {
    const field = String(issue.path[0] ?? '') as F;
    if (conversion.has(field)) return; // already explained by the conversion reason
    const reason = reasonOf(columnOf(field), issue, written);
    const list = problems.get(field) ?? [];
    if (!list.includes(reason)) problems.set(field, [...list, reason]);
  };
  first.error.issues.forEach(add);

  // A failed base field (an unknown 失信情形…) stops zod before the cross-field rules (USCC check, date order…).
  // Check those once more with neutral placeholders, so that every problem of the row is reported at once.
  const patched = { ...candidate };
  const baseFailed = new Set<string>();
  for (const issue of first.error.issues) {
    if (issue.code === 'custom') continue;
    const field = String(issue.path[0] ?? '') as F;
    const placeholder = placeholderFor(spec, columnOf(field), issue, candidate);
    if (!placeholder) return { fields: null, problems };
    baseFailed.add(field);
    patched[field] = placeholder.value;
  }
  if (baseFailed.size === 0) return { fields: null, problems };
  const second = spec.schema.safeParse(patched);
  if (!second.success) {
    const dependents = spec.dependents;
    for (const issue of second.error.issues) {
      const field = String(issue.path[0] ?? '') as F;
      if (issue.code !== 'custom' || baseFailed.has(field)) continue;
      if (dependents && baseFailed.has(dependents.on) && dependents.fields.includes(field) && issue.message.startsWith('请填写')) continue;
      add(issue);
    }
  }
  return { fields: null, problems };
}

/** Problems in the template's column order, each on its Chinese header. */
export function problemsByColumn<F extends string>(columns: readonly ColumnSpec<F>[], problems: ReadonlyMap<F, string[]>): RowProblem[] {
  return columns.filter((c) => problems.has(c.field)).map((c) => ({ column: c.header, reason: problems.get(c.field)!.join('；') }));
}

/** One sheet row → the ledger's field values, or every problem of the row, each on its Chinese header. */
export function rowToFields<F extends string, T>(spec: RowSpec<F, T>, cells: Readonly<Record<string, unknown>>): { ok: true; fields: T } | { ok: false; problems: RowProblem[] } {
  const { fields, problems } = validateConverted(spec, convertCells(spec.columns, cells));
  return fields ? { ok: true, fields } : { ok: false, problems: problemsByColumn(spec.columns, problems) };
}
