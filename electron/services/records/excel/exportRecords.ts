import { RECORD_STATUS_LABELS, SUBJECT_TYPE_LABELS, type RecordField } from '../../../../shared/domain/dishonesty';
import { maskIdNumber } from '../../../../shared/validation/mask';
import type { ServiceDeps } from '../../context';
import { dateCell, localMinute, writeLedgerSheet } from '../../excel/exportSheet';
import { buildTemplate } from '../../excel/template';
import type { LedgerExport } from '../../excel/exportJob';
import { iterateRecords, type RecordListQuery } from '../recordQuery';
import { fieldsOf, type RecordDbRow } from '../recordRow';
import { RECORD_COLUMNS, RECORD_SHEET } from './recordSheet';

export { localMinute };

export const STATUS_HEADER = '状态';
export const UPDATED_AT_HEADER = '最后修改时间';

/** One exported row: the template's 17 columns (identity masked, amount in 元), then 状态 and 最后修改时间. */
function exportValues(row: RecordDbRow): unknown[] {
  const fields = fieldsOf(row);
  const value = (field: RecordField): unknown => {
    switch (field) {
      case 'subjectType': return SUBJECT_TYPE_LABELS[fields.subjectType];
      case 'personIdNumber': return fields.personIdNumber ? maskIdNumber(fields.personIdNumber) : null;
      case 'amountFen': return fields.amountFen === null ? null : fields.amountFen / 100;
      case 'recognisedOn': return dateCell(fields.recognisedOn);
      case 'happenedOn': return dateCell(fields.happenedOn);
      default: return fields[field] ?? null;
    }
  };
  return [...RECORD_COLUMNS.map((c) => value(c.field)), RECORD_STATUS_LABELS[row.status] ?? row.status, localMinute(row.updated_at)];
}

/**
 * The records of a list filter, in list order, as an .xlsx laid out like the import template (so that it
 * imports again: only masked identity numbers need filling in), plus 状态 and 最后修改时间.
 */
export async function exportRecordsWorkbook(deps: ServiceDeps, q: RecordListQuery): Promise<{ bytes: Buffer; count: number }> {
  const rows = await deps.db.read((sql) => Array.from(iterateRecords(sql, q), exportValues));
  const extra = [
    { header: STATUS_HEADER, width: 12 },
    { header: UPDATED_AT_HEADER, width: 18 },
  ];
  return writeLedgerSheet(RECORD_SHEET, extra, rows, deps.now());
}

/** The blank import template of the records ledger. */
export const buildRecordTemplate = () => buildTemplate(RECORD_SHEET);

/** The records' export as the export worker runs it (excel/exportJob.ts). */
export const RECORD_EXPORT_LEDGER: LedgerExport<RecordListQuery> = { name: 'records', write: (deps, q) => exportRecordsWorkbook(deps, q) };
