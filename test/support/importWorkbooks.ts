import ExcelJS from 'exceljs';
import { RECORD_HEADERS } from '../../electron/services/records/excel/recordSheet';
import { unitTemplateCells, type TemplateCells } from './recordFixtures';

/** A records workbook of `count` distinct unit rows (numbered from `first`), as a clerk would fill the template. */
export async function recordsWorkbook(count: number, first = 1, extra: TemplateCells[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('政务失信记录');
  ws.addRow([...RECORD_HEADERS]);
  for (let i = 0; i < count; i++) {
    const cells = unitTemplateCells(first + i);
    ws.addRow(RECORD_HEADERS.map((h) => cells[h] ?? null));
  }
  for (const cells of extra) ws.addRow(RECORD_HEADERS.map((h) => cells[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
