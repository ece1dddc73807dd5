import type { ImportResult } from '../../../shared/contract/ledger';
import type { Permission } from '../../../shared/domain/roles';
import type { ReadSql, WriteSql } from '../../db/database';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { cancelledError, type JobProgress } from '../jobs';
import { requirePermission } from '../permissions';
import { convertCells, problemsByColumn, validateConverted, type RowSpec } from './convertRow';
import { readSheetRows, type SheetRow } from './readWorkbook';
import { buildImportReport, reportFileName, sortRejections, type ImportRejection } from './report';
import type { SheetSpec } from './template';

/** A sheet row after conversion and validation; cross-row checks may still add problems. */
export interface CheckedRow<F extends string, T> {
  row: number;
  fields: T | null;
  problems: Map<F, string[]>;
  /** The converted values, also of a rejected row (for checks such as duplicates). */
  candidate: Readonly<Record<F, unknown>>;
}

/** Accepted rows that together make one entity (the grouping step). */
export interface RowGroup<E> {
  rows: number[];
  value: E;
}

/**
 * A ledger's import (DESIGN.md "Excel pipeline"): its sheet and row schema, plus what only the ledger knows —
 * checks across rows and against the ledger (duplicates), how rows build entities, and how one is written.
 */
export interface ImportSpec<F extends string, T, E = T> extends RowSpec<F, T> {
  sheet: SheetSpec<F>;
  /** The report's file name when the import had none: 导入报告_<ledgerName>.xlsx. */
  ledgerName: string;
  permission: Permission;
  /** Adds problems to rows (a duplicate of an earlier row or of the ledger); runs inside the import's read. */
  crossCheck?(sql: ReadSql, rows: CheckedRow<F, T>[]): void;
  /**
   * Rows that build one entity together (a project of several promise items): groups the accepted rows, or
   * refuses a group with its rows named. Without it every accepted row is one entity.
   */
  group?(rows: ReadonlyArray<{ row: number; fields: T }>): { groups: RowGroup<E>[]; rejected: ImportRejection[] };
  /** Writes one entity with its version, audit entry and upload item, in the import's transaction. */
  insert(sql: WriteSql, at: string, actor: Actor, value: E): void;
  /** After a real import that wrote something (planner statistics), on the connection that wrote (a worker's, in its turn). */
  afterWrite?(deps: ServiceDeps): Promise<unknown>;
}

export interface ImportRowsResult {
  accepted: number;
  rejected: ImportRejection[];
  totalRows: number;
}

/**
 * What an import run in a worker thread (importJob.ts) adds: its progress, and its write phase (with afterWrite)
 * run only while the app's own connection writes nothing.
 */
export interface WorkerImport {
  progress(progress: JobProgress): void;
  writeTurn<T>(write: () => Promise<T>): Promise<T>;
  /** The user cancelled: checked before each row is written, so a cancel rolls the transaction back. */
  cancelled(): boolean;
}

export interface ImportRunOptions {
  dryRun: boolean;
  worker?: WorkerImport;
}

/** Progress is reported every this many rows (and at the end of each step). */
const PROGRESS_EVERY = 250;

function addProblem<F extends string>(row: CheckedRow<F, unknown>, field: F, reason: string): void {
  row.problems.set(field, [...(row.problems.get(field) ?? []), reason]);
}
export { addProblem as addRowProblem };

/**
 * Validate every row and (unless dryRun) write every accepted entity in ONE transaction: a rejected row
 * writes nothing, and a failure part-way (a full disk, a killed process) leaves the ledger as it was.
 */
export async function importRows<F extends string, T, E = T>(
  deps: ServiceDeps, actor: Actor, spec: ImportSpec<F, T, E>, rows: ReadonlyArray<SheetRow>, opts: ImportRunOptions,
): Promise<ImportRowsResult> {
  requirePermission(actor, spec.permission);
  const progress = opts.worker?.progress;
  const checked: CheckedRow<F, T>[] = rows.map((r, i) => {
    if (progress && i % PROGRESS_EVERY === 0) progress({ phase: 'check', done: i, total: rows.length });
    const converted = convertCells(spec.columns, r.cells);
    const { fields, problems } = validateConverted(spec, converted);
    return { row: r.row, fields, problems, candidate: converted.candidate };
  });
  progress?.({ phase: 'check', done: rows.length, total: rows.length });

  const decide = (sql: ReadSql) => {
    spec.crossCheck?.(sql, checked);
    const rejected: ImportRejection[] = [];
    const accepted: Array<{ row: number; fields: T }> = [];
    for (const c of checked) {
      if (c.fields && c.problems.size === 0) accepted.push({ row: c.row, fields: c.fields });
      else for (const p of problemsByColumn(spec.columns, c.problems)) rejected.push({ row: c.row, ...p });
    }
    const grouped = spec.group
      ? spec.group(accepted)
      : { groups: accepted.map((a) => ({ rows: [a.row], value: a.fields as unknown as E })), rejected: [] };
    rejected.push(...grouped.rejected);
    return { groups: grouped.groups, rejected: sortRejections(rejected, spec.columns) };
  };
  const summary = (d: ReturnType<typeof decide>): ImportRowsResult => ({
    accepted: d.groups.reduce((n, g) => n + g.rows.length, 0),
    rejected: d.rejected,
    totalRows: rows.length,
  });

  if (opts.dryRun) return summary(await deps.db.read(decide));
  const write = () =>
    deps.db.write((sql) => {
      const decision = decide(sql);
      const at = isoNow(deps);
      const total = decision.groups.length;
      decision.groups.forEach((group, i) => {
        if (opts.worker?.cancelled()) throw cancelledError('导入');
        if (progress && i % PROGRESS_EVERY === 0) progress({ phase: 'write', done: i, total });
        spec.insert(sql, at, actor, group.value);
      });
      progress?.({ phase: 'write', done: total, total });
      return summary(decision);
    });
  const writeAll = async () => {
    const result = await write();
    if (result.accepted > 0) await spec.afterWrite?.(deps);
    return result;
  };
  return opts.worker ? opts.worker.writeTurn(writeAll) : writeAll();
}

/**
 * How many rejections the answer lists; all of them are in the row report (.xlsx). A sheet of 20,000 bad rows
 * must not make an answer of hundreds of megabytes.
 */
export const REJECTIONS_SHOWN = 200;

/** Import an .xlsx file: refused whole when it is not a usable file; rows rejected one by one with a report. */
export async function importWorkbook<F extends string, T, E = T>(
  deps: ServiceDeps, actor: Actor, spec: ImportSpec<F, T, E>, bytes: Buffer, opts: ImportRunOptions & { fileName?: string },
): Promise<ImportResult> {
  requirePermission(actor, spec.permission);
  const { rows } = await readSheetRows(bytes, spec.columns);
  const result = await importRows(deps, actor, spec, rows, { dryRun: opts.dryRun, worker: opts.worker });
  const report =
    result.rejected.length > 0
      ? {
          fileName: reportFileName(opts.fileName, spec.ledgerName),
          contentBase64: (await buildImportReport(result.rejected, spec.columns, opts.fileName)).toString('base64'),
        }
      : null;
  return {
    dryRun: opts.dryRun, accepted: result.accepted, totalRows: result.totalRows, report,
    rejected: result.rejected.slice(0, REJECTIONS_SHOWN), rejectedCount: result.rejected.length,
  };
}
