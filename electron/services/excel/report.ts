import path from 'node:path';
import { loadExcel } from './loadExcel';
import type { ColumnSpec } from './columns';
import { FROZEN_HEADER } from './template';

export interface ImportRejection {
  row: number;
  column: string;
  reason: string;
}

/** Rejections by row, then in the template's column order. */
export function sortRejections(rejected: ImportRejection[], columns: readonly ColumnSpec[]): ImportRejection[] {
  const order = new Map<string, number>(columns.map((c, i) => [c.header, i]));
  return rejected.sort((a, b) => a.row - b.row || (order.get(a.column) ?? 99) - (order.get(b.column) ?? 99));
}

/** `导入报告_<原文件名>.xlsx` (the ledger's name when the file had none). */
export function reportFileName(fileName: string | undefined, ledgerName: string): string {
  const base = path.basename((fileName ?? '').replace(/\\/g, '/')).replace(/\.(xlsx|xlsm|xls|et|csv)$/i, '').trim();
  return `导入报告_${base || ledgerName}.xlsx`;
}

/** The row-level report a clerk mends the sheet by: 行号 / 列 / 原因, sorted by row. */
export async function buildImportReport(rejected: ReadonlyArray<ImportRejection>, columns: readonly ColumnSpec[], sourceName?: string): Promise<Buffer> {
  const wb = new (loadExcel()).Workbook();
  wb.creator = '政务诚信台账';
  wb.created = new Date();
  const ws = wb.addWorksheet('导入报告', FROZEN_HEADER);
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 20 },
    { header: '原因', key: 'reason', width: 90 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of sortRejections([...rejected], columns)) ws.addRow({ row: r.row, column: r.column, reason: r.reason });
  ws.getColumn('reason').alignment = { wrapText: true, vertical: 'top' };
  ws.autoFilter = { from: 'A1', to: 'C1' };
  if (sourceName) wb.title = `导入报告：${sourceName}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
