import type ExcelJS from 'exceljs';
import { loadExcel } from './loadExcel';
import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import { headerIndex, type ColumnSpec } from './columns';
import { checkWorkbookLimits } from './workbookLimits';

/**
 * One data row of the sheet. `row` is the Excel row number (the first data row is 2); `cells` holds the
 * non-blank cells of the template columns, keyed by the template header (e.g. `涉及金额（元）`), as plain
 * values: string, number, boolean or Date.
 */
export interface SheetRow {
  row: number;
  cells: Record<string, unknown>;
}

const badFile = (message: string) => new AppError(ERROR_CODES.badFile, message);

/** ZIP local-file header "PK\x03\x04" (an .xlsx is a ZIP package). */
const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
/** OLE2 compound file: an old .xls (or .et/.doc) that exceljs cannot read. */
const isOle = (b: Buffer) => b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));

const NOT_XLSX = '该文件不是有效的 Excel 工作簿（.xlsx）';
const USE_TEMPLATE = '请使用导入模板填写后，保存为 .xlsx 格式再导入。';

/**
 * A cell's value as a plain value: rich text joined, a formula's cached result, a hyperlink's text, an
 * error as its code (#N/A), dates as JS Date (exceljs gives date cells as UTC midnight).
 */
export function plainCellValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as Array<{ text?: unknown }>).map((r) => String(r.text ?? '')).join('');
  if ('formula' in v || 'sharedFormula' in v) return plainCellValue(v.result);
  if ('hyperlink' in v) return plainCellValue(v.text);
  if ('error' in v) return String(v.error);
  if ('text' in v) return plainCellValue(v.text);
  return String(value);
}

export function isBlankCell(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && /^\s*$/.test(value)); // \s covers U+3000 and NBSP
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

type ColumnAt = Map<number, ColumnSpec>;

/** Template column by sheet column number, from header row `rowNumber`; duplicates are reported. */
function headerMap(ws: ExcelJS.Worksheet, rowNumber: number, lookUp: (text: unknown) => ColumnSpec | undefined): { byCol: ColumnAt; duplicates: string[] } {
  const byCol: ColumnAt = new Map();
  const seen = new Map<ColumnSpec, number>();
  const duplicates: string[] = [];
  ws.getRow(rowNumber).eachCell({ includeEmpty: false }, (cell, col) => {
    const column = lookUp(plainCellValue(cell.value));
    if (!column) return;
    const first = seen.get(column);
    if (first !== undefined) {
      duplicates.push(`“${column.header}”（第 ${columnLetter(first)} 列和第 ${columnLetter(col)} 列）`);
      return;
    }
    seen.set(column, col);
    byCol.set(col, column);
  });
  return { byCol, duplicates };
}

function missingRequired(columns: readonly ColumnSpec[], byCol: ColumnAt): string[] {
  const present = new Set(byCol.values());
  return columns.filter((c) => c.requiredHeader && !present.has(c)).map((c) => c.header);
}

/**
 * The data rows of the first worksheet of an .xlsx import file, for a ledger's columns. Header row 1 is
 * matched by text (after normalizeText; order free, extra columns ignored); fully blank rows are skipped.
 * The whole file is refused (AppError BAD_FILE with a Chinese message) when it is not an .xlsx workbook,
 * has no sheets, lacks a required header, or has no data rows.
 */
export async function readSheetRows(bytes: Buffer, columnSpecs: readonly ColumnSpec[]): Promise<{ rows: SheetRow[] }> {
  const lookUp = headerIndex(columnSpecs);
  if (bytes.length === 0) throw badFile(`${NOT_XLSX}：文件是空的（0 字节）。${USE_TEMPLATE}`);
  if (isOle(bytes)) {
    throw badFile(`${NOT_XLSX}：这是旧版 Excel（.xls）或其他 Office 格式的文件。请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入。`);
  }
  if (!isZip(bytes)) throw badFile(`${NOT_XLSX}（可能是 CSV、文本或其他格式的文件）。${USE_TEMPLATE}`);
  await checkWorkbookLimits(bytes);
  const workbook = new (loadExcel()).Workbook();
  try {
    // Drop-downs and conditional formats are not needed to read values, and exceljs expands a whole-column
    // rule (A2:A1048576, as WPS and Excel templates often have) into a million cell entries.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations', 'conditionalFormatting'] });
  } catch {
    throw badFile(`${NOT_XLSX}，或文件已损坏，无法读取。${USE_TEMPLATE}`);
  }
  const ws = workbook.worksheets[0];
  if (!ws) throw badFile(`工作簿中没有工作表。${USE_TEMPLATE}`);
  const sheet = `第一个工作表“${ws.name}”`;
  if (ws.actualRowCount === 0) {
    throw badFile(`${sheet}是空的，没有数据行（第 1 行应为表头，数据从第 2 行开始填写）。`);
  }

  const { byCol, duplicates } = headerMap(ws, 1, lookUp);
  if (duplicates.length > 0) {
    throw badFile(`${sheet}的表头有重复的列：${duplicates.join('、')}，请删除多余的列后再导入。`);
  }
  const missing = missingRequired(columnSpecs, byCol);
  if (missing.length > 0) {
    let hint = '';
    for (let r = 2; r <= Math.min(6, ws.rowCount); r++) {
      if (missingRequired(columnSpecs, headerMap(ws, r, lookUp).byCol).length === 0) {
        hint = `看起来表头在第 ${r} 行：请删除表头上方的标题行，使表头位于第 1 行。`;
        break;
      }
    }
    throw badFile(`${sheet}第 1 行缺少必需的表头：${missing.join('、')}。${hint || '请使用导入模板，表头须在第 1 行、文字与模板一致。'}`);
  }

  const columns = [...byCol.entries()];
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values = row.values as unknown[];
    let cells: Record<string, unknown> | null = null;
    for (const [col, column] of columns) {
      const value = plainCellValue(values[col]);
      if (isBlankCell(value)) continue;
      (cells ??= {})[column.header] = value;
    }
    if (cells) rows.push({ row: rowNumber, cells });
  });
  if (rows.length === 0) {
    throw badFile(`${sheet}没有数据行：表头在第 1 行，请从第 2 行开始填写记录。`);
  }
  return { rows };
}
