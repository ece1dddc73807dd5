import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type ExcelJS from 'exceljs';

// From the sources (tsx) this module finds its folder through import.meta.url (tsx's __dirname is "." when the
// module is reached from a CommonJS caller, such as a worker thread's start-up code); in the CommonJS bundle,
// where import.meta is empty, through __dirname. A plain require, so that inside the installed app's asar archive
// exceljs loads as every other module does.
const here = import.meta.url ? path.dirname(fileURLToPath(import.meta.url)) : __dirname;
const requireHere = createRequire(path.join(here, 'loadExcel.ts'));
let loaded: typeof ExcelJS | null = null;

/**
 * exceljs, loaded when a workbook is first read or written: it takes about half a second to load, which every
 * start of the app and of each command-line command paid though most never touch a workbook.
 */
export function loadExcel(): typeof ExcelJS {
  loaded ??= requireHere('exceljs') as typeof ExcelJS;
  return loaded;
}
