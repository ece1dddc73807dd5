import type ExcelJS from 'exceljs';
import { requireFromServices } from '../servicesFolder';

let loaded: typeof ExcelJS | null = null;

/**
 * exceljs, loaded when a workbook is first read or written: it takes about half a second to load, which every
 * start of the app and of each command-line command paid though most never touch a workbook. A plain require, so
 * that inside the installed app's asar archive it loads as every other module does.
 */
export function loadExcel(): typeof ExcelJS {
  loaded ??= requireFromServices('exceljs') as typeof ExcelJS;
  return loaded;
}
