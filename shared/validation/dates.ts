/**
 * Calendar dates. The app stores and shows every date as `YYYY-MM-DD` (a calendar day, no time, no zone).
 */
import { type Check, fail, ok } from './result.js';
import { normalizeText } from './text.js';

/** Dates accepted by {@link parseCalendarDate} lie in these years (inclusive). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const MS_PER_DAY = 86_400_000;
/** Excel 1900 date system: serial 61 is 1900-03-01, i.e. day 0 for serials ≥ 61 is 1899-12-30. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Serial of 2100-12-31 in the Excel 1900 date system. */
const MAX_EXCEL_SERIAL = Math.round((Date.UTC(MAX_YEAR, 11, 31) - EXCEL_EPOCH_MS) / MS_PER_DAY);

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function formatIso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Why y-m-d is not a real day, or null if it is. */
function impossibleDateReason(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12) return `月份应为 1–12，实际为 ${month}`;
  const dim = daysInMonth(year, month);
  if (day < 1 || day > dim) {
    if (month === 2 && day === 29) return `${year} 年不是闰年，2 月没有 29 日`;
    return `${year} 年 ${month} 月没有 ${day} 日（该月只有 ${dim} 天）`;
  }
  return null;
}

/** True for a real calendar day written exactly as `YYYY-MM-DD`. */
export function isValidIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  return impossibleDateReason(Number(m[1]), Number(m[2]), Number(m[3])) === null;
}

/** Today's date on this workstation (local calendar day), as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  return formatIso(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Negative if a is earlier than b, 0 if the same day, positive if later. Both must be `YYYY-MM-DD`. */
export function compareIsoDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkYmd(year: number, month: number, day: number, shown: string): Check<string> {
  const reason = impossibleDateReason(year, month, day);
  if (reason !== null) return fail(`日期“${shown}”不存在：${reason}`);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return fail(`日期“${shown}”的年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`);
  }
  return ok(formatIso(year, month, day));
}

function fromUtcDate(d: Date, shown: string): Check<string> {
  return checkYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), shown);
}

function fromExcelSerial(n: number): Check<string> {
  const serial = Math.floor(n);
  if (serial < 1 || serial > MAX_EXCEL_SERIAL) {
    return fail(`“${n}”不是有效的日期（作为 Excel 日期序号超出 ${MIN_YEAR}–${MAX_YEAR} 年范围）`);
  }
  if (serial === 60) {
    return fail('Excel 日期序号 60 对应的 1900-02-29 并不存在');
  }
  // Serials 1–59 are 1900-01-01 … 1900-02-28; from 61 on, Excel counts a 1900-02-29 that never was.
  const days = serial < 60 ? serial + 1 : serial;
  const d = new Date(EXCEL_EPOCH_MS + days * MS_PER_DAY);
  return fromUtcDate(d, String(n));
}

const SEPARATED = /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * A calendar day from whatever a spreadsheet cell or a form field holds, as `YYYY-MM-DD`.
 *
 * - `Date`: its UTC calendar day (exceljs returns date cells as UTC midnight).
 * - number: an 8-digit `yyyymmdd` integer (e.g. 20240305), otherwise an Excel serial in the 1900 date
 *   system (45356 → 2024-03-05; a time-of-day fraction is ignored).
 * - string: `2024-03-05`, `2024-3-5`, `2024/3/5`, `2024.3.5`, `2024年3月5日`, `20240305`, optionally followed
 *   (separator forms only) by a time of day that is ignored; full-width digits/punctuation and spaces
 *   are tolerated.
 * Years outside {@link MIN_YEAR}–{@link MAX_YEAR} and days that do not exist are rejected.
 */
export function parseCalendarDate(input: unknown): Check<string> {
  if (input === null || input === undefined) return fail('日期为空');
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return fail('日期无效');
    return fromUtcDate(input, input.toISOString().slice(0, 10));
  }
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail('日期无效');
    if (Number.isInteger(input) && input >= 10_000_000 && input <= 99_999_999) {
      const s = String(input);
      return checkYmd(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)), s);
    }
    return fromExcelSerial(input);
  }
  if (typeof input !== 'string') return fail('无法识别的日期');
  const s = normalizeText(input);
  if (s === '') return fail('日期为空');
  const sep = SEPARATED.exec(s);
  if (sep) return checkYmd(Number(sep[1]), Number(sep[3]), Number(sep[4]), s);
  const zh = CHINESE.exec(s);
  if (zh) return checkYmd(Number(zh[1]), Number(zh[2]), Number(zh[3]), s);
  const c = COMPACT.exec(s);
  if (c) return checkYmd(Number(c[1]), Number(c[2]), Number(c[3]), s);
  return fail(`无法识别的日期“${s}”，请写成 2024-03-05、2024/3/5 或 2024年3月5日`);
}
