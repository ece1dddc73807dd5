import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compareIsoDates,
  isValidIsoDate,
  parseCalendarDate,
  todayIso,
} from '../../../shared/validation/dates.js';

function reasonOf(input: unknown): string {
  const r = parseCalendarDate(input);
  if (r.ok) throw new Error(`expected a failure for ${String(input)}, got ${r.value}`);
  return r.reason;
}

// Run in a zone east of UTC (as the users are), so that UTC-day and local-day handling differ:
// Node re-reads process.env.TZ when it is assigned.
const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Shanghai';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

it('the test zone is really UTC+8', () => {
  expect(new Date(Date.UTC(2024, 2, 5, 0, 0)).getHours()).toBe(8);
});

describe('parseCalendarDate — accepted forms', () => {
  it.each([
    ['2024-03-05'],
    ['2024-3-5'],
    ['2024/3/5'],
    ['2024/03/05'],
    ['2024.3.5'],
    ['2024年3月5日'],
    ['2024年03月05日'],
    ['2024 年 3 月 5 日'],
    ['2024年3月5号'],
    ['20240305'],
    ['  2024-03-05  '],
    ['\u30002024/3/5\u3000'],
    ['２０２４－０３－０５'],
    ['２０２４年３月５日'],
    ['２０２４／３／５'],
    ['２０２４０３０５'],
    ['2024-03-05 00:00:00'],
    ['2024-03-05T08:30'],
  ])('%s → 2024-03-05', (input) => {
    expect(parseCalendarDate(input)).toEqual({ ok: true, value: '2024-03-05' });
  });

  it('takes the UTC calendar day of a Date (exceljs gives UTC midnight)', () => {
    expect(parseCalendarDate(new Date(Date.UTC(2024, 2, 5)))).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseCalendarDate(new Date(Date.UTC(2024, 2, 5, 23, 59, 59)))).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseCalendarDate(new Date(Date.UTC(2024, 1, 29)))).toEqual({ ok: true, value: '2024-02-29' });
    // 2024-03-05 00:00 in UTC+8 is still 2024-03-04 in UTC: the UTC day wins.
    expect(parseCalendarDate(new Date(2024, 2, 5, 0, 0))).toEqual({ ok: true, value: '2024-03-04' });
  });

  it('reads Excel serial numbers in the 1900 date system', () => {
    expect(parseCalendarDate(45356)).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseCalendarDate(45356.75)).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseCalendarDate(1)).toEqual({ ok: true, value: '1900-01-01' });
    expect(parseCalendarDate(59)).toEqual({ ok: true, value: '1900-02-28' });
    expect(parseCalendarDate(61)).toEqual({ ok: true, value: '1900-03-01' });
    expect(parseCalendarDate(36526)).toEqual({ ok: true, value: '2000-01-01' });
    expect(parseCalendarDate(45351)).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('reads an 8-digit yyyymmdd number', () => {
    expect(parseCalendarDate(20240305)).toEqual({ ok: true, value: '2024-03-05' });
  });

  it('accepts a leap day in a leap year, including 2000', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseCalendarDate('2000/2/29')).toEqual({ ok: true, value: '2000-02-29' });
  });
});

describe('parseCalendarDate — rejected values', () => {
  it('rejects 2023-02-29 in every format with a reason', () => {
    for (const input of ['2023-02-29', '2023/2/29', '2023年2月29日', '20230229', 20230229]) {
      const reason = reasonOf(input);
      expect(reason).toContain('不存在');
      expect(reason).toContain('2023 年不是闰年');
    }
  });

  it('rejects 1900-02-29 and 2100-02-29 (centuries are not leap years)', () => {
    expect(reasonOf('1900-02-29')).toContain('1900 年不是闰年');
    expect(reasonOf('2100-02-29')).toContain('2100 年不是闰年');
  });

  it('rejects impossible months and days', () => {
    expect(reasonOf('2024-13-01')).toContain('月份应为 1–12，实际为 13');
    expect(reasonOf('2024-00-10')).toContain('月份应为 1–12，实际为 0');
    expect(reasonOf('2024-04-31')).toBe('日期“2024-04-31”不存在：2024 年 4 月没有 31 日（该月只有 30 天）');
    expect(reasonOf('2024年2月30日')).toContain('2 月没有 30 日');
    expect(reasonOf('2024-01-00')).toContain('1 月没有 0 日');
  });

  it('rejects the Excel phantom day 1900-02-29 (serial 60)', () => {
    expect(reasonOf(60)).toContain('1900-02-29');
  });

  it('rejects nonsense serial numbers and years out of range', () => {
    for (const n of [0, -1, 0.5, 2958465, 1e9, 99999]) {
      expect(reasonOf(n)).toContain('Excel 日期序号');
    }
    expect(reasonOf('1899-12-31')).toContain('1900–2100');
    expect(reasonOf('2101-01-01')).toContain('1900–2100');
    expect(reasonOf(new Date(Date.UTC(1899, 11, 30)))).toContain('1900–2100');
  });

  it('rejects empty and unrecognised values', () => {
    expect(reasonOf(undefined)).toBe('日期为空');
    expect(reasonOf(null)).toBe('日期为空');
    expect(reasonOf('')).toBe('日期为空');
    expect(reasonOf('  \u3000 ')).toBe('日期为空');
    expect(reasonOf('明天')).toContain('无法识别的日期“明天”');
    expect(reasonOf('24-3-5')).toContain('无法识别');
    expect(reasonOf('2024-03/05')).toContain('无法识别');
    expect(reasonOf('2024-03-05Z')).toContain('无法识别');
    expect(reasonOf('45356')).toContain('无法识别');
    expect(reasonOf(true)).toBe('无法识别的日期');
    expect(reasonOf(new Date(Number.NaN))).toBe('日期无效');
    expect(reasonOf(Number.POSITIVE_INFINITY)).toBe('日期无效');
  });
});

describe('isValidIsoDate', () => {
  it('accepts real days in strict YYYY-MM-DD only', () => {
    expect(isValidIsoDate('2024-03-05')).toBe(true);
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2024-3-5')).toBe(false);
    expect(isValidIsoDate('2024/03/05')).toBe(false);
    expect(isValidIsoDate('2024-03-05 ')).toBe(false);
    expect(isValidIsoDate('2024-13-01')).toBe(false);
    expect(isValidIsoDate('')).toBe(false);
    expect(isValidIsoDate(20240305)).toBe(false);
  });
});

describe('todayIso', () => {
  it('formats the local calendar day of the given moment', () => {
    expect(todayIso(new Date(2024, 2, 5, 0, 0, 1))).toBe('2024-03-05');
    // 2024-03-04 20:00 UTC is already 2024-03-05 on a workstation in UTC+8.
    expect(todayIso(new Date(Date.UTC(2024, 2, 4, 20, 0)))).toBe('2024-03-05');
    expect(todayIso(new Date(2024, 11, 31, 23, 59, 59))).toBe('2024-12-31');
    expect(todayIso(new Date(999, 0, 9, 12))).toBe('0999-01-09');
  });

  it('defaults to now', () => {
    const now = new Date();
    const expected = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    const got = todayIso();
    expect(isValidIsoDate(got)).toBe(true);
    // Tolerate a midnight rollover between the two calls.
    expect([expected, todayIso(new Date())]).toContain(got);
  });
});

describe('compareIsoDates', () => {
  it('orders days', () => {
    expect(compareIsoDates('2024-03-05', '2024-03-06')).toBe(-1);
    expect(compareIsoDates('2024-03-06', '2024-03-05')).toBe(1);
    expect(compareIsoDates('2024-03-05', '2024-03-05')).toBe(0);
    expect(compareIsoDates('2023-12-31', '2024-01-01')).toBe(-1);
    expect(['2024-10-01', '2024-02-01', '2023-12-31'].sort(compareIsoDates)).toEqual([
      '2023-12-31',
      '2024-02-01',
      '2024-10-01',
    ]);
  });
});
