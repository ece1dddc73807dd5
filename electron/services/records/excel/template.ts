import ExcelJS from 'exceljs';
import type { RecordField } from '../../../../shared/domain/dishonesty';
import { RECORD_COLUMNS, type RecordColumn } from './recordColumns';

/** Rows of the data sheet that carry the drop-downs and the column formats (an office ledger is rarely longer). */
export const TEMPLATE_ROWS = 5000;

/** Sheet and column layout shared by the template and the export. */
export const RECORD_SHEET_NAME = '政务失信记录';

export const COLUMN_WIDTHS: Record<RecordField, number> = {
  subjectType: 10,
  unitName: 30,
  unitUscc: 22,
  personName: 10,
  personIdNumber: 22,
  personPosition: 12,
  situation: 14,
  sector: 18,
  clueSource: 16,
  facts: 50,
  docName: 20,
  docNumber: 24,
  recognisedOn: 12,
  docAuthority: 20,
  amountFen: 16,
  happenedOn: 12,
  severity: 10,
};

/** Excel number formats: codes as text (so an 18-digit number is never turned into 1.1E+17). */
export function numFmtOf(column: RecordColumn): string | undefined {
  if (column.kind === 'code' || column.field === 'docNumber') return '@';
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

/** What the 填写说明 sheet says about each column. */
const GUIDE: Record<RecordField, { need: string; rule: string; example: string }> = {
  subjectType: { need: '必填', rule: '下拉选择：单位 或 个人（个人指公务员、公职人员）', example: '单位' },
  unitName: { need: '必填', rule: '主体为单位时填失信单位全称；主体为个人时填其所在单位全称。不超过 100 个字', example: '某某市某某区某某街道办事处' },
  unitUscc: {
    need: '单位必填',
    rule: '18 位，数字和大写英文字母（不含 I、O、S、V、Z），末位为校验码。主体为个人时可留空（填写的须有效）。请保持本列为文本格式',
    example: '11320102MB0000000F',
  },
  personName: { need: '个人必填', rule: '主体为个人时填写，不超过 50 个字', example: '赵某某' },
  personIdNumber: {
    need: '个人必填',
    rule: '18 位居民身份证号，末位可为大写 X。请保持本列为文本格式，否则 Excel 会把后几位变成 0',
    example: '11010519491231002X',
  },
  personPosition: { need: '选填', rule: '个人的职务，不超过 50 个字', example: '副主任' },
  situation: { need: '必填', rule: '下拉选择', example: '拖欠企业账款' },
  sector: { need: '必填', rule: '下拉选择', example: '乡镇街道' },
  clueSource: { need: '必填', rule: '下拉选择', example: '民营企业沟通机制' },
  facts: { need: '必填', rule: '失信的具体事实，5–2000 个字', example: '拖欠某建筑公司道路修缮工程款，经法院判决后仍未履行。' },
  docName: { need: '选填', rule: '认定文书的名称（审核认定前须补全）', example: '民事判决书' },
  docNumber: {
    need: '选填',
    rule: '认定文书的文号（审核认定前须补全）。同一主体、同一文书编号的记录不能重复导入',
    example: '(2024)苏0102民初123号',
  },
  recognisedOn: { need: '选填', rule: '日期，不能晚于今天，也不能早于发生日期（审核认定前须补全）', example: '2024-05-20' },
  docAuthority: { need: '选填', rule: '作出认定的机关（审核认定前须补全）', example: '某某区人民法院' },
  amountFen: {
    need: '选填',
    rule: '以“元”为单位的数字，最多两位小数，可带千分位逗号；不要写“万元”',
    example: '123,456.00',
  },
  happenedOn: { need: '必填', rule: '日期，不能晚于今天', example: '2023-11-02' },
  severity: { need: '必填', rule: '下拉选择：一般、较重、严重', example: '较重' },
};

function addDropDowns(ws: ExcelJS.Worksheet): void {
  // exceljs 4 writes worksheet.dataValidations (range → rule) but does not declare it in its typings.
  const validations = (ws as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  RECORD_COLUMNS.forEach((column, i) => {
    if (!column.choices) return;
    const letter = ws.getColumn(i + 1).letter;
    validations.add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${column.choices.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: column.header,
      error: `请从下拉列表中选择${column.header}：${column.choices.join('、')}`,
      showInputMessage: true,
      promptTitle: column.header,
      prompt: '请从下拉列表中选择',
    });
  });
}

function addGuideSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('填写说明', FROZEN_HEADER);
  ws.columns = [
    { header: '列名', key: 'header', width: 20 },
    { header: '是否必填', key: 'need', width: 12 },
    { header: '填写要求', key: 'rule', width: 70 },
    { header: '可选值 / 示例', key: 'example', width: 60 },
  ];
  for (const column of RECORD_COLUMNS) {
    const g = GUIDE[column.field];
    ws.addRow({ header: column.header, need: g.need, rule: g.rule, example: column.choices ? column.choices.join('、') : g.example });
  }
  ws.addRow([]);
  const notes = [
    '通用说明：',
    '1. 在第一个工作表“政务失信记录”中填写，第 1 行为表头，每条记录占一行，从第 2 行开始填写；不要修改表头文字，可以调整列的顺序，多出的列会被忽略。',
    '2. 橙色表头的列不能删除；蓝色表头的列可以删除（删除后视为空白）。各列是否必须填写见上表。',
    '3. 日期可写成 2024-03-05、2024/3/5、2024年3月5日，或使用 Excel 日期格式。',
    '4. 金额以元为单位，可写 1234.56、1,234.56 或全角数字；最多两位小数。',
    '5. 导入时逐行检查：有问题的行不会导入，并在导入报告中列出行号、列名和原因；其余行正常导入。可先“预检”（只检查，不写入）。',
    '6. 同一主体（统一社会信用代码或身份证号）且认定文书编号相同的记录视为重复，不会重复导入。',
    '7. 导入的记录状态为“线索核实中”，由审核员核实认定。',
  ];
  for (const line of notes) ws.addRow([line]);
  ws.getRow(1).font = { bold: true };
  ws.getRow(RECORD_COLUMNS.length + 3).font = { bold: true };
  ws.getColumn('rule').alignment = { wrapText: true, vertical: 'top' };
  ws.getColumn('example').alignment = { wrapText: true, vertical: 'top' };
}

/**
 * The records sheet with the template's header row, widths and column formats (also used by the export,
 * with a streaming WorkbookWriter, which has the same addWorksheet).
 */
export function recordSheet(wb: ExcelJS.Workbook, extraHeaders: ReadonlyArray<{ header: string; width: number }> = []): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(RECORD_SHEET_NAME, FROZEN_HEADER);
  ws.columns = [
    ...RECORD_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: COLUMN_WIDTHS[c.field] })),
    ...extraHeaders.map((e) => ({ header: e.header, key: e.header, width: e.width })),
  ];
  RECORD_COLUMNS.forEach((column, i) => {
    const fmt = numFmtOf(column);
    if (fmt) ws.getColumn(i + 1).numFmt = fmt;
  });
  styleHeaderRow(ws, new Set(RECORD_COLUMNS.filter((c) => c.requiredHeader).map((c) => c.header)));
  return ws;
}

/** The blank import template: header row, drop-downs for the enumerations, and a 填写说明 sheet. */
export async function buildRecordTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政务诚信台账';
  wb.created = new Date();
  const ws = recordSheet(wb);
  RECORD_COLUMNS.forEach((column, i) => {
    const g = GUIDE[column.field];
    ws.getRow(1).getCell(i + 1).note = `${g.need}。${g.rule}${column.choices ? '' : `\n例：${g.example}`}`;
  });
  addDropDowns(ws);
  addGuideSheet(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
