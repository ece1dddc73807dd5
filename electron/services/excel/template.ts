import type ExcelJS from 'exceljs';
import { loadExcel } from './loadExcel';
import { choiceLabels, type ColumnSpec } from './columns';

/** A ledger's sheet: its name, its columns, and the general notes of its 填写说明 sheet. */
export interface SheetSpec<F extends string = string> {
  sheetName: string;
  columns: readonly ColumnSpec<F>[];
  /** Lines under the column table of the 填写说明 sheet (what is special about this ledger's import). */
  notes: readonly string[];
}

/** Rows of the data sheet that carry the drop-downs and the column formats (an office ledger is rarely longer). */
export const TEMPLATE_ROWS = 5000;

/** Excel number formats: codes as text (so an 18-digit number is never turned into 1.1E+17). */
export function numFmtOf(column: ColumnSpec): string | undefined {
  if (column.kind === 'code' || column.keepAsText) return '@';
  if (column.kind === 'date') return 'yyyy-mm-dd';
  if (column.kind === 'amount') return '#,##0.00';
  return undefined;
}

const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const OPTIONAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

/** Header row 1 in bold (required headers orange, optional blue); the sheet freezes it (see FROZEN_HEADER). */
export function styleHeaderRow(ws: ExcelJS.Worksheet, requiredHeaders: ReadonlySet<string>): void {
  const header = ws.getRow(1);
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.fill = requiredHeaders.has(String(cell.value)) ? REQUIRED_FILL : OPTIONAL_FILL;
    cell.border = THIN;
  });
}

/** Sheet options that keep header row 1 in view (given at addWorksheet: the streaming writer needs them there). */
export const FROZEN_HEADER: Partial<ExcelJS.AddWorksheetOptions> = { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }] };

function addDropDowns(ws: ExcelJS.Worksheet, columns: readonly ColumnSpec[]): void {
  // exceljs 4 writes worksheet.dataValidations (range → rule) but does not declare it in its typings.
  const validations = (ws as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  columns.forEach((column, i) => {
    if (column.kind !== 'choice') return;
    const labels = choiceLabels(column);
    const letter = ws.getColumn(i + 1).letter;
    validations.add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${labels.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: column.header,
      error: `请从下拉列表中选择${column.header}：${labels.join('、')}`,
      showInputMessage: true,
      promptTitle: column.header,
      prompt: '请从下拉列表中选择',
    });
  });
}

function addGuideSheet(wb: ExcelJS.Workbook, sheet: SheetSpec): void {
  const ws = wb.addWorksheet('填写说明', FROZEN_HEADER);
  ws.columns = [
    { header: '列名', key: 'header', width: 20 },
    { header: '是否必填', key: 'need', width: 12 },
    { header: '填写要求', key: 'rule', width: 70 },
    { header: '可选值 / 示例', key: 'example', width: 60 },
  ];
  for (const column of sheet.columns) {
    const g = column.guide;
    ws.addRow({ header: column.header, need: g.need, rule: g.rule, example: column.kind === 'choice' ? choiceLabels(column).join('、') : g.example });
  }
  ws.addRow([]);
  const notes = [
    '通用说明：',
    `1. 在第一个工作表“${sheet.sheetName}”中填写，第 1 行为表头，从第 2 行开始填写；不要修改表头文字，可以调整列的顺序，多出的列会被忽略。`,
    '2. 橙色表头的列不能删除；蓝色表头的列可以删除（删除后视为空白）。各列是否必须填写见上表。',
    '3. 日期可写成 2024-03-05、2024/3/5、2024年3月5日，或使用 Excel 日期格式。',
    '4. 金额以元为单位，可写 1234.56、1,234.56 或全角数字；最多两位小数。',
    '5. 导入时逐行检查：有问题的行不会导入，并在导入报告中列出行号、列名和原因；其余行正常导入。可先“预检”（只检查，不写入）。',
    ...sheet.notes.map((note, i) => `${i + 6}. ${note}`),
  ];
  for (const line of notes) ws.addRow([line]);
  ws.getRow(1).font = { bold: true };
  ws.getRow(sheet.columns.length + 3).font = { bold: true };
  ws.getColumn('rule').alignment = { wrapText: true, vertical: 'top' };
  ws.getColumn('example').alignment = { wrapText: true, vertical: 'top' };
}

/**
 * The ledger's sheet with the template's header row, widths and column formats (also used by the export,
 * with a streaming WorkbookWriter, which has the same addWorksheet).
 */
export function ledgerSheet(wb: ExcelJS.Workbook, sheet: SheetSpec, extraHeaders: ReadonlyArray<{ header: string; width: number }> = []): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheet.sheetName, FROZEN_HEADER);
  ws.columns = [
    ...sheet.columns.map((c) => ({ header: c.header, key: c.field, width: c.width })),
    ...extraHeaders.map((e) => ({ header: e.header, key: e.header, width: e.width })),
  ];
  sheet.columns.forEach((column, i) => {
    const fmt = numFmtOf(column);
    if (fmt) ws.getColumn(i + 1).numFmt = fmt;
  });
  styleHeaderRow(ws, new Set(sheet.columns.filter((c) => c.requiredHeader).map((c) => c.header)));
  return ws;
}

/** The blank import template: header row with notes, drop-downs for the vocabularies, and a 填写说明 sheet. */
export async function buildTemplate(sheet: SheetSpec): Promise<Buffer> {
  const wb = new (loadExcel()).Workbook();
  wb.creator = '政务诚信台账';
  wb.created = new Date();
  const ws = ledgerSheet(wb, sheet);
  sheet.columns.forEach((column, i) => {
    const g = column.guide;
    ws.getRow(1).getCell(i + 1).note = `${g.need}。${g.rule}${column.kind === 'choice' ? '' : `\n例：${g.example}`}`;
  });
  addDropDowns(ws, sheet.columns);
  addGuideSheet(wb, sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
