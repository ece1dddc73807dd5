import path from 'node:path';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { ImportResult } from '../../../../shared/contract/records';
import { RECORD_STATUS_LABELS, type RecordField, type RecordStatus, type SubjectType } from '../../../../shared/domain/dishonesty';
import { recordFieldsSchema, type RecordFields } from '../../../../shared/domain/recordSchema';
import { parseCalendarDate } from '../../../../shared/validation/dates';
import { parseOptionalYuanToFen } from '../../../../shared/validation/money';
import { normalizeCode, normalizeText } from '../../../../shared/validation/text';
import type { Sql } from '../../../db/database';
import { isoNow, type Actor, type ServiceDeps } from '../../context';
import { requirePermission } from '../../permissions';
import { insertRecord } from '../recordsService';
import { readRecordWorkbook, type SheetRow } from './readWorkbook';
import { COLUMN_BY_FIELD, RECORD_COLUMNS, subjectTypeFromCell, type RecordColumn } from './recordColumns';
import { FROZEN_HEADER } from './template';

export type RowProblem = { column: string; reason: string };
export type RowConversion = { ok: true; fields: RecordFields } | { ok: false; problems: RowProblem[] };
export interface ImportRejection { row: number; column: string; reason: string }
export interface ImportRowsResult { accepted: number; rejected: ImportRejection[]; totalRows: number }

const COLUMN_ORDER = new Map<string, number>(RECORD_COLUMNS.map((c, i) => [c.header, i]));

/* ------------------------------------------------------------------------------------------------ */
/* One row: cells → field values → recordFieldsSchema                                              */
/* ------------------------------------------------------------------------------------------------ */

/**
 * A cell by its template header (what readRecordWorkbook gives). A field name is accepted too, for
 * callers that build rows in code; note that `amountFen` then holds 分, while `涉及金额（元）` holds 元.
 */
function cellOf(cells: Record<string, unknown>, column: RecordColumn): { value: unknown; fen: boolean } {
  if (Object.prototype.hasOwnProperty.call(cells, column.header)) return { value: cells[column.header], fen: false };
  return { value: cells[column.field], fen: column.field === 'amountFen' };
}

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

/** 失信事实 keeps its Chinese punctuation and line breaks: only U+3000 → space, CRLF → LF, trimmed. */
function factsText(v: unknown): string {
  return cellText(v).replace(/\u3000/g, ' ').replace(/\r\n?/g, '\n').trim();
}

const CHOICE_BY_TEXT = new Map<RecordField, Map<string, string>>(
  RECORD_COLUMNS.filter((c) => c.kind === 'choice').map((c) => [c.field, new Map(c.choices!.map((v) => [normalizeText(v), v]))]),
);

interface ConvertedRow {
  /** Field values as recordFieldsSchema expects them; fields that failed conversion hold a neutral placeholder. */
  candidate: Record<RecordField, unknown>;
  /** Problems found while converting (unreadable date, amount…), by field. */
  conversion: Map<RecordField, string[]>;
  /** The normalized text a clerk wrote in a drop-down column, for messages. */
  written: Map<RecordField, string>;
}

/** Placeholders that satisfy the base schema and never trigger a cross-field rule. */
const EARLIEST_DATE = '1900-01-01';

function convertCells(cells: Record<string, unknown>): ConvertedRow {
  const candidate = {} as Record<RecordField, unknown>;
  const conversion = new Map<RecordField, string[]>();
  const written = new Map<RecordField, string>();
  const problem = (field: RecordField, reason: string) => conversion.set(field, [...(conversion.get(field) ?? []), reason]);

  for (const column of RECORD_COLUMNS) {
    const { field } = column;
    const { value: raw, fen } = cellOf(cells, column);
    const blank = isBlank(raw);
    switch (column.kind) {
      case 'subjectType': {
        const text = normalizeText(cellText(raw));
        if (text) written.set(field, text);
        candidate[field] = blank ? undefined : (subjectTypeFromCell(text) ?? text);
        break;
      }
      case 'choice': {
        const text = normalizeText(cellText(raw));
        if (text) written.set(field, text);
        candidate[field] = blank ? undefined : (CHOICE_BY_TEXT.get(field)!.get(text) ?? text);
        break;
      }
      case 'text':
        candidate[field] = normalizeText(cellText(raw));
        break;
      case 'facts':
        candidate[field] = factsText(raw);
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
        // Spreadsheets often hold an identity number's check character X in lower case; GB 11643 writes it upper.
        const written = field === 'personIdNumber' ? code.replace(/x$/, 'X') : code;
        candidate[field] = written === '' ? null : written;
        break;
      }
      case 'date': {
        if (blank) {
          candidate[field] = field === 'happenedOn' ? undefined : null;
          break;
        }
        const date = parseCalendarDate(typeof raw === 'string' ? normalizeText(raw) : raw);
        if (date.ok) candidate[field] = date.value;
        else {
          problem(field, date.reason);
          candidate[field] = field === 'happenedOn' ? EARLIEST_DATE : null;
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

/** Fields whose "请填写…" depends on 主体类型; not reported while 主体类型 itself is unreadable. */
const SUBJECT_DEPENDENT = new Set<string>(['unitName', 'unitUscc', 'personName', 'personIdNumber']);

type Issue = z.core.$ZodIssue;

/** A value for a field that failed the base schema, so the cross-field rules can still be checked. */
function placeholderFor(field: RecordField, issue: Issue, candidate: Record<RecordField, unknown>): { value: unknown } | null {
  if (field === 'subjectType') {
    const person = (candidate.personName || candidate.personIdNumber) && !candidate.unitUscc;
    return { value: (person ? 'person' : 'unit') satisfies SubjectType };
  }
  if (field === 'happenedOn') return { value: EARLIEST_DATE };
  if (field === 'recognisedOn' || field === 'amountFen') return { value: null };
  if (issue.code === 'too_big' && typeof candidate[field] === 'string') {
    return { value: (candidate[field] as string).slice(0, Number(issue.maximum)) };
  }
  if (issue.code === 'invalid_value' && issue.values.length > 0) return { value: issue.values[0] };
  return null;
}

/** The zod message as the report shows it (a few validators repeat the label the schema already adds). */
function reasonOf(column: RecordColumn | undefined, issue: Issue, written: Map<RecordField, string>): string {
  let message = issue.message;
  if (column && message.startsWith(column.header + column.header)) message = message.slice(column.header.length);
  const text = column ? written.get(column.field) : undefined;
  if (column?.choices && issue.code === 'invalid_value' && text) {
    message += `：“${text}”不是可选项，可填：${column.choices.join('、')}`;
  }
  return message;
}

function validateCandidate(row: ConvertedRow): { fields: RecordFields | null; problems: Map<RecordField, string[]> } {
  const { candidate, conversion, written } = row;
  const first = recordFieldsSchema.safeParse(candidate);
  if (first.success && conversion.size === 0) return { fields: first.data, problems: new Map() };

  const problems = new Map<RecordField, string[]>([...conversion].map(([f, reasons]) => [f, [...reasons]]));
  if (first.success) return { fields: null, problems };

  const add = (issue: Issue) => {
    const field = String(issue.path[0] ?? '') as RecordField;
    if (conversion.has(field)) return; // already explained by the conversion reason
    const reason = reasonOf(COLUMN_BY_FIELD.get(field), issue, written);
    const list = problems.get(field) ?? [];
    if (!list.includes(reason)) problems.set(field, [...list, reason]);
  };
  first.error.issues.forEach(add);

  // A failed base field (unknown 失信情形…) stops zod before the cross-field rules (USCC check, date order…).
  // Check those once more with neutral placeholders, so that every problem of the row is reported at once.
  const patched = { ...candidate };
  const baseFailed = new Set<string>();
  for (const issue of first.error.issues) {
    if (issue.code === 'custom') continue;
    const field = String(issue.path[0] ?? '') as RecordField;
    const placeholder = placeholderFor(field, issue, candidate);
    if (!placeholder) return { fields: null, problems };
    baseFailed.add(field);
    patched[field] = placeholder.value;
  }
  if (baseFailed.size === 0) return { fields: null, problems };
  const second = recordFieldsSchema.safeParse(patched);
  if (!second.success) {
    for (const issue of second.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (issue.code !== 'custom' || baseFailed.has(field)) continue;
      if (baseFailed.has('subjectType') && SUBJECT_DEPENDENT.has(field) && issue.message.startsWith('请填写')) continue;
      add(issue);
    }
  }
  return { fields: null, problems };
}

function flatten(problems: Map<RecordField, string[]>): RowProblem[] {
  return RECORD_COLUMNS.filter((c) => problems.has(c.field)).map((c) => ({ column: c.header, reason: problems.get(c.field)!.join('；') }));
}

/**
 * One sheet row → the record's field values, validated by recordFieldsSchema. Cells are keyed by template
 * header (see readRecordWorkbook). Every problem of the row is reported, each with its Chinese column header.
 */
export function rowToFields(cells: Record<string, unknown>): RowConversion {
  const { fields, problems } = validateCandidate(convertCells(cells));
  return fields ? { ok: true, fields } : { ok: false, problems: flatten(problems) };
}

/* ------------------------------------------------------------------------------------------------ */
/* Duplicates: same subject (unit USCC or person id) + same 认定文书编号                               */
/* ------------------------------------------------------------------------------------------------ */

function duplicateKey(subjectType: unknown, unitUscc: unknown, personIdNumber: unknown, docNumber: unknown): string | null {
  const doc = normalizeText(docNumber);
  if (!doc) return null;
  if (subjectType === 'unit') {
    const id = normalizeCode(unitUscc);
    return id ? `unit\u0000${id}\u0000${doc}` : null;
  }
  if (subjectType === 'person') {
    const id = normalizeCode(personIdNumber);
    return id ? `person\u0000${id}\u0000${doc}` : null;
  }
  return null;
}

interface ExistingRecord { name: string; status: RecordStatus }

/** Every (subject, 认定文书编号) already in the ledger, loaded once per import. */
function existingKeys(sql: Sql): Map<string, ExistingRecord> {
  const keys = new Map<string, ExistingRecord>();
  const rows = sql.iterate<{
    subject_type: SubjectType; unit_uscc: string | null; person_id_number: string | null; doc_number: string;
    unit_name: string; person_name: string | null; status: RecordStatus;
  }>(
    `SELECT subject_type, unit_uscc, person_id_number, doc_number, unit_name, person_name, status
       FROM dishonesty_records WHERE doc_number IS NOT NULL AND doc_number <> ''`,
  );
  for (const r of rows) {
    const key = duplicateKey(r.subject_type, r.unit_uscc, r.person_id_number, r.doc_number);
    if (key && !keys.has(key)) keys.set(key, { name: r.subject_type === 'person' ? (r.person_name ?? '') : r.unit_name, status: r.status });
  }
  return keys;
}

const subjectWord = (t: unknown) => (t === 'person' ? '该人员' : '该单位');

/* ------------------------------------------------------------------------------------------------ */
/* The import                                                                                       */
/* ------------------------------------------------------------------------------------------------ */

/**
 * Validate every row and (unless dryRun) write all valid rows in one transaction, each as a new record with
 * its version, audit entry and upload item (action 'import'). A rejected row writes nothing. A row that
 * repeats an existing record's, or an earlier row's, subject + 认定文书编号 is rejected.
 */
export async function importRecordRows(
  deps: ServiceDeps,
  actor: Actor,
  rows: ReadonlyArray<SheetRow>,
  opts: { dryRun: boolean },
): Promise<ImportRowsResult> {
  requirePermission(actor, 'records.import');
  const checked = rows.map((r) => {
    const converted = convertCells(r.cells);
    const { fields, problems } = validateCandidate(converted);
    const c = converted.candidate;
    return { row: r.row, fields, problems, key: duplicateKey(c.subjectType, c.unitUscc, c.personIdNumber, c.docNumber), subjectType: c.subjectType };
  });

  const work = (sql: Sql): ImportRowsResult => {
    const existing = checked.some((c) => c.key) ? existingKeys(sql) : new Map<string, ExistingRecord>();
    const firstRowOf = new Map<string, number>();
    const rejected: ImportRejection[] = [];
    const accepted: RecordFields[] = [];
    for (const c of checked) {
      let { problems } = c;
      if (c.key) {
        const record = existing.get(c.key);
        const earlier = firstRowOf.get(c.key);
        let reason: string | null = null;
        if (record) {
          reason = `与已有记录重复：${subjectWord(c.subjectType)}已有认定文书编号相同的失信记录（${record.name}，${RECORD_STATUS_LABELS[record.status] ?? record.status}）`;
        } else if (earlier !== undefined) {
          reason = `与第 ${earlier} 行重复：同一${c.subjectType === 'person' ? '人员' : '单位'}、同一认定文书编号`;
        }
        if (earlier === undefined) firstRowOf.set(c.key, c.row);
        if (reason) {
          problems = new Map(problems);
          problems.set('docNumber', [...(problems.get('docNumber') ?? []), reason]);
        }
      }
      if (c.fields && problems.size === 0) accepted.push(c.fields);
      else for (const p of flatten(problems)) rejected.push({ row: c.row, ...p });
    }
    if (!opts.dryRun && accepted.length > 0) {
      const at = isoNow(deps);
      for (const fields of accepted) insertRecord(sql, at, actor, fields, 'import');
    }
    rejected.sort((a, b) => a.row - b.row || (COLUMN_ORDER.get(a.column) ?? 99) - (COLUMN_ORDER.get(b.column) ?? 99));
    return { accepted: accepted.length, rejected, totalRows: rows.length };
  };
  if (opts.dryRun) return deps.db.read(work);
  const result = await deps.db.write(work);
  // A large import can change which plan is fastest for the list; retake the statistics if it did.
  if (result.accepted > 0) await deps.db.refreshStatistics();
  return result;
}

/** `导入报告_<原文件名>.xlsx`. */
export function reportFileName(fileName?: string): string {
  const base = path.basename((fileName ?? '').replace(/\\/g, '/')).replace(/\.(xlsx|xlsm|xls|et|csv)$/i, '').trim();
  return `导入报告_${base || '政务失信记录'}.xlsx`;
}

/** The row-level report: 行号 / 列 / 原因, sorted by row. */
export async function buildImportReport(rejected: ReadonlyArray<ImportRejection>, sourceName?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政务诚信台账';
  wb.created = new Date();
  const ws = wb.addWorksheet('导入报告', FROZEN_HEADER);
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 20 },
    { header: '原因', key: 'reason', width: 90 },
  ];
  ws.getRow(1).font = { bold: true };
  const sorted = [...rejected].sort((a, b) => a.row - b.row || (COLUMN_ORDER.get(a.column) ?? 99) - (COLUMN_ORDER.get(b.column) ?? 99));
  for (const r of sorted) ws.addRow({ row: r.row, column: r.column, reason: r.reason });
  ws.getColumn('reason').alignment = { wrapText: true, vertical: 'top' };
  ws.autoFilter = { from: 'A1', to: 'C1' };
  if (sourceName) wb.title = `导入报告：${sourceName}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Import an .xlsx file of 政务失信记录 (refused whole when it is not a usable file; rows rejected one by one). */
export async function importRecordsWorkbook(
  deps: ServiceDeps,
  actor: Actor,
  bytes: Buffer,
  opts: { dryRun: boolean; fileName?: string },
): Promise<ImportResult> {
  requirePermission(actor, 'records.import');
  const { rows } = await readRecordWorkbook(bytes);
  const result = await importRecordRows(deps, actor, rows, { dryRun: opts.dryRun });
  const report =
    result.rejected.length > 0
      ? { fileName: reportFileName(opts.fileName), contentBase64: (await buildImportReport(result.rejected, opts.fileName)).toString('base64') }
      : null;
  return { dryRun: opts.dryRun, accepted: result.accepted, rejected: result.rejected, totalRows: result.totalRows, report };
}
