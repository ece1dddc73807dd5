import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { RECORD_STATUS_LABELS, SUBJECT_TYPE_LABELS, type RecordField } from '../../../../shared/domain/dishonesty';
import { maskIdNumber } from '../../../../shared/validation/mask';
import type { ServiceDeps } from '../../context';
import { iterateRecords, type RecordListQuery } from '../recordQuery';
import { fieldsOf, type RecordDbRow } from '../recordRow';
import { RECORD_COLUMNS } from './recordColumns';
import { recordSheet } from './template';

export const STATUS_HEADER = '状态';
export const UPDATED_AT_HEADER = '最后修改时间';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An instant as the workstation's local time, `YYYY-MM-DD HH:mm`. */
export function localMinute(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** `YYYY-MM-DD` → an Excel date cell (exceljs writes a Date by its UTC day, and reads it back the same way). */
const dateCell = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null);

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
 * imports again: only masked identity numbers need filling in), plus 状态 and 最后修改时间. Rows are
 * streamed into the file (exceljs' streaming writer), so a ledger of 100,000 records does not hold a cell
 * object per value in memory.
 */
export async function exportRecordsWorkbook(deps: ServiceDeps, q: RecordListQuery): Promise<{ bytes: Buffer; count: number }> {
  const rows = await deps.db.read((sql) => Array.from(iterateRecords(sql, q), exportValues));
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = '政务诚信台账';
  wb.created = deps.now();
  const extra = [
    { header: STATUS_HEADER, width: 12 },
    { header: UPDATED_AT_HEADER, width: 18 },
  ];
  const ws = recordSheet(wb as unknown as ExcelJS.Workbook, extra);
  ws.autoFilter = { from: 'A1', to: `${ws.getColumn(RECORD_COLUMNS.length + extra.length).letter}1` };
  ws.getRow(1).commit();
  for (const values of rows) ws.addRow(values).commit();
  ws.commit();
  await wb.commit();
  await done;
  return { bytes: Buffer.concat(chunks), count: rows.length };
}
