import { COMMITMENT_STATUS_LABELS, type CommitmentField } from '../../../../shared/domain/commitments';
import type { LedgerExport } from '../../excel/exportJob';
import type { ServiceDeps } from '../../context';
import { dateCell, localMinute, writeLedgerSheet } from '../../excel/exportSheet';
import { buildTemplate } from '../../excel/template';
import { iterateCommitments, type CommitmentListQuery } from '../index';
import { fieldsOf, supervisionOf, type CommitmentDbRow } from '../commitmentRow';
import { COMMITMENT_COLUMNS, COMMITMENT_SHEET } from './commitmentSheet';

const EXTRA = [
  { header: '状态', width: 12 },
  { header: '结果日期', width: 12 },
  { header: '监督检查（次）', width: 10 },
  { header: '群众投诉（件）', width: 10 },
  { header: '最后修改时间', width: 18 },
];

function exportValues(row: CommitmentDbRow): unknown[] {
  const fields = fieldsOf(row);
  const value = (field: CommitmentField): unknown => (field === 'publishedOn' || field === 'dueOn' ? dateCell(fields[field]) : (fields[field] ?? null));
  const log = supervisionOf(row);
  return [
    ...COMMITMENT_COLUMNS.map((c) => value(c.field)),
    COMMITMENT_STATUS_LABELS[row.status] ?? row.status,
    dateCell(row.outcome_on),
    log.filter((e) => e.kind === 'check').length,
    log.filter((e) => e.kind === 'complaint').length,
    localMinute(row.updated_at),
  ];
}

/** The commitments of a list filter, in list order, laid out like the template (so it imports again), plus where each stands. */
export async function exportCommitmentsWorkbook(deps: ServiceDeps, q: CommitmentListQuery): Promise<{ bytes: Buffer; count: number }> {
  const rows = await deps.db.read((sql) => Array.from(iterateCommitments(sql, q), exportValues));
  return writeLedgerSheet(COMMITMENT_SHEET, EXTRA, rows, deps.now());
}

export const buildCommitmentTemplate = () => buildTemplate(COMMITMENT_SHEET);

/** The commitments' export as the export worker runs it (excel/exportJob.ts). */
export const COMMITMENT_EXPORT_LEDGER: LedgerExport<CommitmentListQuery> = { name: 'commitments', write: (deps, q) => exportCommitmentsWorkbook(deps, q) };
