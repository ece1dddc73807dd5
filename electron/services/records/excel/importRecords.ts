import type { ImportResult } from '../../../../shared/contract/ledger';
import { RECORD_STATUS_LABELS, type RecordField, type RecordStatus, type SubjectType } from '../../../../shared/domain/dishonesty';
import { recordFieldsSchema, type RecordFields } from '../../../../shared/domain/recordSchema';
import { normalizeCode, normalizeText } from '../../../../shared/validation/text';
import type { ReadSql } from '../../../db/database';
import type { Actor, ServiceDeps } from '../../context';
import { rowToFields as convertRow } from '../../excel/convertRow';
import { addRowProblem, importRows, importWorkbook, type CheckedRow, type ImportRowsResult, type ImportSpec } from '../../excel/importPipeline';
import type { SheetRow } from '../../excel/readWorkbook';
import { importWorkbookInWorker, type ImportJobOptions, type LedgerImport } from '../../excel/importJob';
import { insertRecord } from '../recordsService';
import { RECORD_COLUMNS, RECORD_SHEET } from './recordSheet';

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
function existingKeys(sql: ReadSql): Map<string, ExistingRecord> {
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

/** A row that repeats an existing record's, or an earlier row's, subject + 认定文书编号 is rejected. */
function rejectDuplicates(sql: ReadSql, rows: CheckedRow<RecordField, RecordFields>[]): void {
  const keyed = rows.map((r) => ({ r, key: duplicateKey(r.candidate.subjectType, r.candidate.unitUscc, r.candidate.personIdNumber, r.candidate.docNumber) }));
  if (!keyed.some((k) => k.key)) return;
  const existing = existingKeys(sql);
  const firstRowOf = new Map<string, number>();
  for (const { r, key } of keyed) {
    if (!key) continue;
    const record = existing.get(key);
    const earlier = firstRowOf.get(key);
    if (earlier === undefined) firstRowOf.set(key, r.row);
    const subjectType = r.candidate.subjectType;
    if (record) {
      addRowProblem(r, 'docNumber', `与已有记录重复：${subjectWord(subjectType)}已有认定文书编号相同的失信记录（${record.name}，${RECORD_STATUS_LABELS[record.status] ?? record.status}）`);
    } else if (earlier !== undefined) {
      addRowProblem(r, 'docNumber', `与第 ${earlier} 行重复：同一${subjectType === 'person' ? '人员' : '单位'}、同一认定文书编号`);
    }
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* The records ledger's import, on the Excel pipeline                                               */
/* ------------------------------------------------------------------------------------------------ */

export const RECORD_IMPORT: ImportSpec<RecordField, RecordFields> = {
  sheet: RECORD_SHEET,
  columns: RECORD_COLUMNS,
  schema: recordFieldsSchema,
  ledgerName: RECORD_SHEET.sheetName,
  permission: 'records.import',
  // While 主体类型 is unreadable, guess it from the identity columns so the other checks still run.
  placeholder: (field, candidate) => {
    if (field !== 'subjectType') return null;
    const person = (candidate.personName || candidate.personIdNumber) && !candidate.unitUscc;
    return { value: (person ? 'person' : 'unit') satisfies SubjectType };
  },
  dependents: { on: 'subjectType', fields: ['unitName', 'unitUscc', 'personName', 'personIdNumber'] },
  crossCheck: rejectDuplicates,
  // Each imported record is a new record in 线索核实中 with its version, audit entry and upload item.
  insert: (sql, at, actor, fields) => void insertRecord(sql, at, actor, fields, 'import'),
  // A large import can change which plan is fastest for the list; retake the statistics if it did.
  afterWrite: (deps) => deps.db.refreshStatistics(),
};

/** The records' import as the import worker finds it (catalog). */
export const RECORD_IMPORT_LEDGER: LedgerImport<RecordField, RecordFields> = { name: 'records', spec: RECORD_IMPORT };

/** One sheet row → a record's fields, or every problem of the row (cells keyed by template header). */
export const rowToFields = (cells: Record<string, unknown>) => convertRow(RECORD_IMPORT, cells);

/** Validate rows and (unless dryRun) write every valid one in one transaction. */
export function importRecordRows(deps: ServiceDeps, actor: Actor, rows: ReadonlyArray<SheetRow>, opts: { dryRun: boolean }): Promise<ImportRowsResult> {
  return importRows(deps, actor, RECORD_IMPORT, rows, opts);
}

/** importRecordsWorkbook in a worker thread, with progress and cancel (the window's import). */
export function importRecordsInWorker(deps: ServiceDeps, actor: Actor, bytes: Buffer, opts: ImportJobOptions): Promise<ImportResult> {
  return importWorkbookInWorker(deps, actor, RECORD_IMPORT_LEDGER as LedgerImport, bytes, opts);
}

/** Import an .xlsx file of 政务失信记录 (refused whole when it is not a usable file; rows rejected one by one). */
export function importRecordsWorkbook(deps: ServiceDeps, actor: Actor, bytes: Buffer, opts: { dryRun: boolean; fileName?: string }): Promise<ImportResult> {
  return importWorkbook(deps, actor, RECORD_IMPORT, bytes, opts);
}
