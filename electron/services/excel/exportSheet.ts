import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from './loadExcel';
import { ledgerSheet, type SheetSpec } from './template';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An instant as the workstation's local time, `YYYY-MM-DD HH:mm`. */
export function localMinute(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** `YYYY-MM-DD` → an Excel date cell (exceljs writes a Date by its UTC day, and reads it back the same way). */
export const dateCell = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null);

/**
 * Rows laid out like the ledger's import template (so an export imports again), plus extra columns after
 * the template's. Rows are streamed into the file (exceljs' streaming writer), so a ledger of 100,000 rows
 * does not hold a cell object per value in memory.
 */
export async function writeLedgerSheet(
  sheet: SheetSpec, extra: ReadonlyArray<{ header: string; width: number }>, rows: Iterable<unknown[]>, created: Date,
): Promise<{ bytes: Buffer; count: number }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const wb = new (loadExcel()).stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = '政务诚信台账';
  wb.created = created;
  const ws = ledgerSheet(wb as unknown as ExcelJS.Workbook, sheet, extra);
  ws.autoFilter = { from: 'A1', to: `${ws.getColumn(sheet.columns.length + extra.length).letter}1` };
  ws.getRow(1).commit();
  let count = 0;
  for (const values of rows) {
    ws.addRow(values).commit();
    count++;
  }
  ws.commit();
  await wb.commit();
  await done;
  return { bytes: Buffer.concat(chunks), count };
}
