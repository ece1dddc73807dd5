import type { ImportResult } from '../../../../shared/contract/ledger';
import type { CommitmentField } from '../../../../shared/domain/commitments';
import { commitmentFieldsSchema, type CommitmentFields } from '../../../../shared/domain/commitmentSchema';
import { normalizeCode, normalizeText } from '../../../../shared/validation/text';
import type { ReadSql } from '../../../db/database';
import type { Actor, ServiceDeps } from '../../context';
import { addRowProblem, importWorkbook, type CheckedRow, type ImportSpec } from '../../excel/importPipeline';
import { importWorkbookInWorker, type ImportJobOptions, type LedgerImport } from '../../excel/importJob';
import { findSameNumber, insertCommitment, sameNumberReason } from '../commitmentsService';
import { COMMITMENT_COLUMNS, COMMITMENT_SHEET } from './commitmentSheet';

/** A row whose unit already has, in the ledger or in an earlier row, a commitment of the same number is rejected. */
function rejectSameNumbers(sql: ReadSql, rows: CheckedRow<CommitmentField, CommitmentFields>[]): void {
  const firstRowOf = new Map<string, number>();
  for (const r of rows) {
    const unitUscc = normalizeCode(r.candidate.unitUscc).toUpperCase();
    const number = normalizeText(r.candidate.number);
    if (!unitUscc || !number) continue;
    const key = `${unitUscc}\u0000${number}`;
    const earlier = firstRowOf.get(key);
    if (earlier === undefined) firstRowOf.set(key, r.row);
    const existing = findSameNumber(sql, { unitUscc, number });
    if (existing) addRowProblem(r, 'number', `与已有承诺重复：${sameNumberReason(existing)}`);
    else if (earlier !== undefined) addRowProblem(r, 'number', `与第 ${earlier} 行重复：同一承诺单位、同一承诺编号`);
  }
}

export const COMMITMENT_IMPORT: ImportSpec<CommitmentField, CommitmentFields> = {
  sheet: COMMITMENT_SHEET,
  columns: COMMITMENT_COLUMNS,
  schema: commitmentFieldsSchema,
  ledgerName: COMMITMENT_SHEET.sheetName,
  permission: 'commitments.import',
  crossCheck: rejectSameNumbers,
  // Each imported commitment is 待确认 with its version, audit entry and upload item (and falls overdue at once when its due date has passed).
  insert: (sql, at, actor, fields) => void insertCommitment(sql, at, actor, fields, 'import'),
  afterWrite: (deps) => deps.db.refreshStatistics(),
};

/** The commitments' import as the import worker finds it (catalog). */
export const COMMITMENT_IMPORT_LEDGER: LedgerImport<CommitmentField, CommitmentFields> = { name: 'commitments', spec: COMMITMENT_IMPORT };

/** The window's import: in a worker thread, with progress and cancel. */
export function importCommitmentsInWorker(deps: ServiceDeps, actor: Actor, bytes: Buffer, opts: ImportJobOptions): Promise<ImportResult> {
  return importWorkbookInWorker(deps, actor, COMMITMENT_IMPORT_LEDGER as LedgerImport, bytes, opts);
}

/** Import an .xlsx of 公开承诺 on this thread (the CLI, tests). */
export function importCommitmentsWorkbook(deps: ServiceDeps, actor: Actor, bytes: Buffer, opts: { dryRun: boolean; fileName?: string }): Promise<ImportResult> {
  return importWorkbook(deps, actor, COMMITMENT_IMPORT, bytes, opts);
}
