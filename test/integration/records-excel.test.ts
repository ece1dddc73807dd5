import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecord, queryRecords } from '../../electron/services/records';
import { analysedRecordCount } from '../../electron/db/plannerStatistics';
import { exportRecordsWorkbook } from '../../electron/services/records/excel/exportRecords';
import { importRecordRows, importRecordsWorkbook, rowToFields } from '../../electron/services/records/excel/importRecords';
import { readSheetRows } from '../../electron/services/excel/readWorkbook';
import { RECORD_COLUMNS, RECORD_HEADERS, REQUIRED_RECORD_HEADERS } from '../../electron/services/records/excel/recordSheet';
import { buildRecordTemplate } from '../../electron/services/records/excel/exportRecords';
import type { RecordListQuery } from '../../electron/services/records/recordQuery';
import { FIELD_COLUMNS } from '../../electron/services/records/recordRow';
import type { RecordFields } from '../../shared/domain/recordSchema';
import {
  numberedIdNumber, numberedUscc, personRecord, personTemplateCells, unitRecord, unitTemplateCells, type TemplateCells,
} from '../support/recordFixtures';
import { seedGeneratedRecords } from '../support/seedRecords';
import { createTestApp, type TestApp } from '../support/testApp';

/* ---------------------------------------------------------------- helpers */

const uscc = numberedUscc;
const idNumber = numberedIdNumber;
const unitCells = unitTemplateCells;
const personCells = personTemplateCells;
type Cells = TemplateCells;
/** The same code with its check character made wrong. */
const breakCheck = (code: string, charset: string) => code.slice(0, 17) + charset[(charset.indexOf(code[17]) + 1) % charset.length];

/** An .xlsx whose first sheet has `headers` in row 1 and one row per entry (undefined → blank row). */
async function workbook(headers: string[], rows: Array<Cells | undefined>, setup?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(headers);
  for (const cells of rows) ws.addRow(cells ? headers.map((h) => cells[h] ?? null) : []);
  setup?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function load(bytes: Buffer | string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((typeof bytes === 'string' ? Buffer.from(bytes, 'base64') : bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

const utcDay = (iso: string) => new Date(`${iso}T00:00:00Z`);
const nextYear = new Date().getFullYear() + 1;

let app: TestApp;
beforeEach(async () => { app = await createTestApp(); });
afterEach(async () => { await app.close(); });

async function counts() {
  return app.db.read((sql) => {
    const n = (table: string) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)!.n;
    return {
      records: n('dishonesty_records'),
      versions: n('record_versions'),
      audit: n('audit_log'),
      outbox: n('outbox'),
      head: sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = 'audit.head'`)?.value,
    };
  });
}

async function recordByDoc(docNumber: string): Promise<RecordFields & { status: string } | undefined> {
  return app.db.read((sql) => {
    const r = sql.get<Record<string, unknown>>(`SELECT * FROM dishonesty_records WHERE doc_number = ?`, docNumber);
    if (!r) return undefined;
    return {
      subjectType: r.subject_type, unitName: r.unit_name, unitUscc: r.unit_uscc, personName: r.person_name,
      personIdNumber: r.person_id_number, personPosition: r.person_position, situation: r.situation, sector: r.sector,
      clueSource: r.clue_source, facts: r.facts, docName: r.doc_name, docNumber: r.doc_number, recognisedOn: r.recognised_on,
      docAuthority: r.doc_authority, amountFen: r.amount_fen, happenedOn: r.happened_on, severity: r.severity, status: r.status,
    } as RecordFields & { status: string };
  });
}

const ALL: RecordListQuery = { sortBy: 'updatedAt', sortOrder: 'asc' };

/* ---------------------------------------------------------------- the mixed file */

/** A record already in the ledger, which row 15 of the mixed file repeats. */
const EXISTING = unitRecord({ docNumber: '(2024)苏0102民初123号' });

/** Rows 2–5 are good (every date and amount form of DOMAIN.md), 6–16 each carry known problems; 14 is blank. */
async function mixedFile(): Promise<Buffer> {
  const existing = EXISTING; // created in the test: 11320102MB0000000F + (2024)苏0102民初123号
  const rows: Array<Cells | undefined> = [
    // 2: an Excel date cell, plain number amount
    unitCells(1, { 发生日期: utcDay('2024-03-05'), '涉及金额（元）': 1234.56 }),
    // 3: 2024/3/5, thousands separators, full-width spaces in text (the facts keep their Chinese punctuation)
    unitCells(2, {
      发生日期: '2024/3/5',
      '涉及金额（元）': '1,234.56',
      单位名称: '\u3000某某区　某某街道办事处\u3000',
      失信事实: '\u3000拖欠工程款，经判决后仍未履行；责令整改。\u3000',
      失信情形: '\u3000行政处罚　',
    }),
    // 4: 2024年3月5日, full-width digits, a person
    personCells(3, { 发生日期: '2024年3月5日', '涉及金额（元）': '１２３４．５６', 认定日期: '2024年5月20日' }),
    // 5: 2024-03-05, rich text, a formula result, a hyperlink, full-width code, English subject id
    unitCells(4, {
      主体类型: 'unit',
      统一社会信用代码: uscc(4).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
      失信事实: { richText: [{ text: '未按承诺', font: { bold: true } }, { text: '兑现招商引资奖补资金。' }] },
      '涉及金额（元）': { formula: '1000+234.56', result: 1234.56 },
      认定文书名称: { text: '行政复议决定书', hyperlink: 'https://example.invalid/doc' },
    }),
    // 6: wrong USCC check character
    unitCells(6, { 统一社会信用代码: breakCheck(uscc(6), '0123456789ABCDEFGHJKLMNPQRTUWXY') }),
    // 7: wrong ID check digit
    personCells(7, { 身份证号: breakCheck(idNumber(7), '0123456789X') }),
    // 8: happened in the future
    unitCells(8, { 发生日期: `${nextYear}-01-01`, 认定日期: null }),
    // 9: recognised before it happened
    unitCells(9, { 发生日期: '2024-03-05', 认定日期: '2024-03-01' }),
    // 10: three decimals
    unitCells(10, { '涉及金额（元）': '1.234' }),
    // 11: unknown 失信情形 AND a wrong USCC: both reported
    unitCells(11, { 失信情形: '违约失信', 统一社会信用代码: breakCheck(uscc(11), '0123456789ABCDEFGHJKLMNPQRTUWXY') }),
    // 12: missing required value
    unitCells(12, { 失信事实: '   ' }),
    // 13: same unit + doc number as row 2
    unitCells(1, { 单位名称: '重复的一行' }),
    // 14: blank (only spaces) — skipped
    { 单位名称: '   ', 失信事实: '\u3000' },
    // 15: duplicates a record already in the ledger
    unitCells(15, { 统一社会信用代码: existing.unitUscc, 认定文书编号: existing.docNumber }),
    // 16: two problems: no unit name, no severity
    unitCells(16, { 单位名称: '', 严重程度: null }),
  ];
  return workbook([...RECORD_HEADERS], rows);
}

const MIXED_REJECTIONS = [
  { row: 6, column: '统一社会信用代码' },
  { row: 7, column: '身份证号' },
  { row: 8, column: '发生日期' },
  { row: 9, column: '认定日期' },
  { row: 10, column: '涉及金额（元）' },
  { row: 11, column: '统一社会信用代码' },
  { row: 11, column: '失信情形' },
  { row: 12, column: '失信事实' },
  { row: 13, column: '认定文书编号' },
  { row: 15, column: '认定文书编号' },
  { row: 16, column: '单位名称' },
  { row: 16, column: '严重程度' },
];

describe('importing a mixed file', () => {
  it('accepts the good rows, rejects each bad row at its column, writes nothing of a rejected row', async () => {
    await createRecord(app.deps, app.clerk, EXISTING);
    const before = await counts();
    const result = await importRecordsWorkbook(app.deps, app.clerk, await mixedFile(), { dryRun: false, fileName: '台账.xlsx' });

    expect(result.dryRun).toBe(false);
    expect(result.totalRows).toBe(14);
    expect(result.accepted).toBe(4);
    expect(result.rejected.map(({ row, column }) => ({ row, column }))).toEqual(MIXED_REJECTIONS);

    const reason = (row: number, column: string) => result.rejected.find((r) => r.row === row && r.column === column)!.reason;
    expect(reason(6, '统一社会信用代码')).toMatch(/校验位/);
    expect(reason(6, '统一社会信用代码')).not.toMatch(/^统一社会信用代码统一社会信用代码/);
    expect(reason(7, '身份证号')).toMatch(/校验码/);
    expect(reason(8, '发生日期')).toMatch(/不能晚于今天/);
    expect(reason(9, '认定日期')).toMatch(/不能早于发生日期/);
    expect(reason(10, '涉及金额（元）')).toMatch(/两位小数/);
    expect(reason(11, '失信情形')).toMatch(/违约失信.*不是可选项/);
    expect(reason(12, '失信事实')).toMatch(/失信事实/);
    expect(reason(13, '认定文书编号')).toMatch(/第 2 行/);
    expect(reason(15, '认定文书编号')).toMatch(/已有记录/);
    expect(reason(16, '单位名称')).toMatch(/请填写单位名称/);
    expect(reason(16, '严重程度')).toMatch(/严重程度/);

    // Exactly four records (each with one version, one audit entry, one upload item) were added.
    const after = await counts();
    expect(after.records - before.records).toBe(4);
    expect(after.versions - before.versions).toBe(4);
    expect(after.audit - before.audit).toBe(4);
    expect(after.outbox - before.outbox).toBe(4);
    for (const n of [6, 7, 8, 9, 10, 11, 12, 16]) expect(await recordByDoc(`(2024)苏0102民初${n}号`)).toBeUndefined();
    expect((await recordByDoc('(2024)苏0102民初1号'))!.unitName).toBe('某某区某某街道办事处1'); // not row 13's

    // The values as converted.
    const r2 = (await recordByDoc('(2024)苏0102民初1号'))!;
    expect(r2).toMatchObject({ happenedOn: '2024-03-05', amountFen: 123456, unitUscc: uscc(1), status: 'verifying', recognisedOn: '2024-05-20' });
    const r3 = (await recordByDoc('(2024)苏0102民初2号'))!;
    expect(r3).toMatchObject({
      happenedOn: '2024-03-05', amountFen: 123456, unitName: '某某区 某某街道办事处',
      facts: '拖欠工程款，经判决后仍未履行；责令整改。', situation: '行政处罚',
    });
    const r4 = (await recordByDoc('(2024)苏0102民初3号'))!;
    expect(r4).toMatchObject({
      subjectType: 'person', personIdNumber: idNumber(3), personName: '赵某某', happenedOn: '2024-03-05', recognisedOn: '2024-05-20', amountFen: 123456,
    });
    const r5 = (await recordByDoc('(2024)苏0102民初4号'))!;
    expect(r5).toMatchObject({
      subjectType: 'unit', unitUscc: uscc(4), facts: '未按承诺兑现招商引资奖补资金。', amountFen: 123456, docName: '行政复议决定书', happenedOn: '2024-03-05',
    });

    // The history says where the record came from.
    const actions = await app.db.read((sql) => sql.all<{ action: string }>(`SELECT DISTINCT action FROM record_versions WHERE entity_id IN (SELECT id FROM dishonesty_records WHERE doc_number LIKE '(2024)苏0102民初_号')`));
    expect(actions.map((a) => a.action)).toEqual(['import']);

    // The report lists the same rejections, sorted by row.
    expect(result.report!.fileName).toBe('导入报告_台账.xlsx');
    const report = (await load(result.report!.contentBase64)).worksheets[0];
    expect(report.getRow(1).values).toEqual([undefined, '行号', '列', '原因']);
    const listed = [];
    for (let r = 2; r <= report.rowCount; r++) {
      const row = report.getRow(r);
      listed.push({ row: row.getCell(1).value, column: row.getCell(2).value, reason: row.getCell(3).value });
    }
    expect(listed).toEqual(result.rejected);
  });

  it('a dry run reports the same and writes nothing', async () => {
    await createRecord(app.deps, app.clerk, EXISTING);
    const before = await counts();
    const dry = await importRecordsWorkbook(app.deps, app.clerk, await mixedFile(), { dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.accepted).toBe(4);
    expect(dry.rejected.map(({ row, column }) => ({ row, column }))).toEqual(MIXED_REJECTIONS);
    expect(dry.report?.fileName).toBe('导入报告_政务失信记录.xlsx');
    expect(await counts()).toEqual(before);
  });

  it('takes headers in any order, with odd spacing, ignores extra columns; a missing optional column reads as empty', async () => {
    const headers = ['备注', ...[...REQUIRED_RECORD_HEADERS].reverse().map((h) => (h === '单位名称' ? '单位　名称 ' : h)), '认定文书编号', '序号'];
    const rows = [1, 2, 3].map((n) => ({ ...unitCells(n), '单位　名称 ': `某单位${n}`, 备注: '随便写点什么', 序号: n }));
    const result = await importRecordsWorkbook(app.deps, app.clerk, await workbook(headers, rows), { dryRun: false });
    expect(result).toMatchObject({ accepted: 3, rejected: [], totalRows: 3, report: null });
    expect(await recordByDoc('(2024)苏0102民初2号')).toMatchObject({ unitName: '某单位2', recognisedOn: null, amountFen: null, docName: null });
  });

  it('reads a sheet whose drop-downs cover whole columns (as WPS/Excel templates often do) without expanding them', async () => {
    const bytes = await workbook([...RECORD_HEADERS], [unitCells(1), unitCells(2)], (ws) => {
      const validations = (ws as unknown as { dataValidations: { add(range: string, rule: object): void } }).dataValidations;
      for (const col of ['A', 'G', 'H', 'I', 'Q']) validations.add(`${col}2:${col}1048576`, { type: 'list', allowBlank: true, formulae: ['"x,y"'] });
    });
    const started = Date.now();
    expect((await importRecordsWorkbook(app.deps, app.clerk, bytes, { dryRun: true })).accepted).toBe(2);
    expect(Date.now() - started).toBeLessThan(5_000); // expanded, these five rules alone take 10–40 s
  });

  it('reports every problem of a row, and explains an identity number Excel turned into a number', () => {
    const result = rowToFields(unitCells(1, {
      失信情形: '违约', 统一社会信用代码: breakCheck(uscc(1), '0123456789ABCDEFGHJKLMNPQRTUWXY'), 认定日期: '2024-02-30', 严重程度: '特别严重',
    }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.column)).toEqual(['统一社会信用代码', '失信情形', '认定日期', '严重程度']);
    expect(result.problems[2].reason).toMatch(/2 月没有 30 日|不存在/);

    const person = rowToFields(personCells(1, { 身份证号: Number(idNumber(1).slice(0, 17)) * 10 })); // what Excel keeps of 18 digits
    expect(person.ok).toBe(false);
    if (!person.ok) expect(person.problems).toEqual([{ column: '身份证号', reason: expect.stringMatching(/存成了数字.*文本/) }]);

    const masked = rowToFields(personCells(1, { 身份证号: '1101**********0011' }));
    expect(masked.ok).toBe(false);
    if (!masked.ok) expect(masked.problems[0]).toEqual({ column: '身份证号', reason: expect.stringMatching(/已脱敏/) });

    expect(rowToFields(unitCells(1, { 主体类型: '法人' }))).toEqual({
      ok: false, problems: [{ column: '主体类型', reason: expect.stringMatching(/法人.*单位、个人/) }],
    });
    expect(rowToFields(unitCells(1))).toMatchObject({ ok: true, fields: { subjectType: 'unit', amountFen: 100000, recognisedOn: '2024-05-20' } });
  });

  it('takes an identity number whose check character X is written in lower case, and stores it upper case', () => {
    const n = Array.from({ length: 1000 }, (_, i) => i).find((i) => idNumber(i).endsWith('X'))!;
    const lower = idNumber(n).replace(/X$/, 'x');
    expect(rowToFields(personCells(n, { 身份证号: lower }))).toMatchObject({ ok: true, fields: { personIdNumber: idNumber(n) } });
    // a USCC has no such convention: lower-case letters there are still refused
    expect(rowToFields(unitCells(1, { 统一社会信用代码: '11320102mb0000000f' }))).toMatchObject({
      ok: false, problems: [{ column: '统一社会信用代码' }],
    });
  });

  it('importRecordRows writes every valid row in one go and rejects repeats within the file', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ row: i + 2, cells: i % 2 ? personCells(i) : unitCells(i) }));
    rows.push({ row: 302, cells: personCells(1) }); // same person + doc number as row 3
    const result = await importRecordRows(app.deps, app.clerk, rows, { dryRun: false });
    expect(result.accepted).toBe(300);
    expect(result.totalRows).toBe(301);
    expect(result.rejected).toEqual([{ row: 302, column: '认定文书编号', reason: expect.stringMatching(/第 3 行/) }]);
    expect((await queryRecords(app.deps, { ...ALL, page: 1, pageSize: 1 })).total).toBe(300);
  });
});

it('a large import retakes the list\'s planner statistics once the ledger has grown enough', async () => {
  await seedGeneratedRecords(app.db, { count: 1000, seed: 9, clerk: app.clerk, reviewer: app.reviewer });
  const analysed = () => app.db.read(() => analysedRecordCount(app.db.connection));
  expect(await analysed()).toBeNull();
  const rows = Array.from({ length: 5 }, (_, i) => ({ row: i + 2, cells: unitCells(i) }));
  await importRecordRows(app.deps, app.clerk, rows, { dryRun: true });
  expect(await analysed()).toBeNull(); // a dry run writes nothing, statistics included
  expect((await importRecordRows(app.deps, app.clerk, rows, { dryRun: false })).accepted).toBe(5);
  expect(await analysed()).toBe(1005);
});

/* ---------------------------------------------------------------- refused files */

describe('refusing a file that cannot be imported', () => {
  const refused = (bytes: Buffer, message: RegExp) =>
    expect(importRecordsWorkbook(app.deps, app.clerk, bytes, { dryRun: false })).rejects.toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(message) });

  it('refuses bytes that are not an xlsx workbook', async () => {
    await refused(Buffer.from('主体类型,单位名称\n单位,某某街道\n'), /不是有效的 Excel 工作簿（\.xlsx）/);
    await refused(Buffer.from('PK\x03\x04 broken zip'), /不是有效的 Excel 工作簿（\.xlsx）.*损坏/);
    await refused(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), /旧版 Excel（\.xls）/);
    await refused(Buffer.alloc(0), /不是有效的 Excel 工作簿/);
  });

  it('refuses a workbook without sheets, an empty sheet, a sheet without data rows', async () => {
    await refused(Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer()), /没有工作表/);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1');
    await refused(Buffer.from(await empty.xlsx.writeBuffer()), /Sheet1.*没有数据行/);
    await refused(await workbook([...RECORD_HEADERS], [undefined, { 单位名称: '  ' }]), /没有数据行/);
  });

  it('refuses missing required headers, naming each of them', async () => {
    const headers = RECORD_HEADERS.filter((h) => h !== '统一社会信用代码' && h !== '失信情形' && h !== '姓名');
    await refused(await workbook(headers, [unitCells(1)]), /缺少必需的表头：统一社会信用代码、失信情形。/);
    const titled = await workbook([...RECORD_HEADERS], [unitCells(1)], (ws) => ws.insertRow(1, ['某某街道政务失信记录台账']));
    await refused(titled, /缺少必需的表头：.*表头在第 2 行/);
  });

  it('refuses a header given twice', async () => {
    await refused(await workbook([...RECORD_HEADERS, '单位名称'], [unitCells(1)]), /重复的列：“单位名称”（第 B 列和第 R 列）/);
  });

  it('writes nothing for a refused file', async () => {
    const before = await counts();
    await refused(await workbook(['主体类型'], [unitCells(1)]), /缺少必需的表头/);
    expect(await counts()).toEqual(before);
  });
});

/* ---------------------------------------------------------------- template */

describe('the template', () => {
  it('has the 17 headers, drop-downs, a frozen header, a 填写说明 sheet, and is refused as having no data rows', async () => {
    const bytes = await buildRecordTemplate();
    const wb = await load(bytes);
    const [sheet, guide] = wb.worksheets;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...RECORD_HEADERS]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    expect(validations.A2).toMatchObject({ type: 'list', formulae: ['"单位,个人"'] });
    expect(validations.G100.formulae[0]).toContain('拖欠企业账款');
    expect(validations.Q2.formulae[0]).toBe('"一般,较重,严重"');
    expect(guide.name).toBe('填写说明');
    const guideHeaders = [];
    for (let r = 2; r <= RECORD_HEADERS.length + 1; r++) guideHeaders.push(guide.getRow(r).getCell(1).value);
    expect(guideHeaders).toEqual([...RECORD_HEADERS]);

    await expect(readSheetRows(bytes, RECORD_COLUMNS)).rejects.toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(/没有数据行/) });
  });

  it('imports once a row is filled in', async () => {
    const wb = await load(await buildRecordTemplate());
    const ws = wb.worksheets[0];
    const cells = unitCells(7, { 发生日期: utcDay('2023-11-02'), '涉及金额（元）': 99.5 });
    ws.getRow(2).values = RECORD_HEADERS.map((h) => (cells[h] ?? null) as ExcelJS.CellValue);
    const result = await importRecordsWorkbook(app.deps, app.clerk, Buffer.from(await wb.xlsx.writeBuffer()), { dryRun: false });
    expect(result).toMatchObject({ accepted: 1, rejected: [], totalRows: 1 });
    expect(await recordByDoc('(2024)苏0102民初7号')).toMatchObject({ happenedOn: '2023-11-02', amountFen: 9950 });
  });
});

/* ---------------------------------------------------------------- export */

describe('exporting', () => {
  async function seed() {
    await createRecord(app.deps, app.clerk, unitRecord({ unitUscc: uscc(1), docNumber: 'A-1', amountFen: 12_345_601, facts: '拖欠工程款，经判决后仍未履行。\n第二行说明。' }));
    await createRecord(app.deps, app.clerk, unitRecord({ unitUscc: uscc(2), docNumber: null, docName: null, recognisedOn: null, docAuthority: null, amountFen: null, situation: '行政处罚' }));
    await createRecord(app.deps, app.clerk, unitRecord({ unitUscc: uscc(3), docNumber: 'A-3', amountFen: 29 }));
    await createRecord(app.deps, app.clerk, personRecord({ personIdNumber: idNumber(5), docNumber: 'P-5' }));
  }

  const rowsOf = (ws: ExcelJS.Worksheet) => {
    const out: unknown[][] = [];
    ws.eachRow((row, n) => { if (n > 1) out.push((row.values as unknown[]).slice(1)); });
    return out;
  };

  it('exports the filtered list with the template columns, masked identity numbers, amounts in 元', async () => {
    await seed();
    const { bytes, count } = await exportRecordsWorkbook(app.deps, ALL);
    expect(count).toBe(4);
    const ws = (await load(bytes)).worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...RECORD_HEADERS, '状态', '最后修改时间']);
    const rows = rowsOf(ws);
    expect(rows).toHaveLength(4);
    const idCol = RECORD_HEADERS.indexOf('身份证号');
    const amountCol = RECORD_HEADERS.indexOf('涉及金额（元）');
    const person = rows.find((r) => r[0] === '个人')!;
    expect(person[idCol]).toBe(`1101**********${idNumber(5).slice(-4)}`);
    expect(JSON.stringify(rows)).not.toContain(idNumber(5));
    const first = rows[0];
    expect(first[0]).toBe('单位');
    expect(first[amountCol]).toBe(123456.01);
    expect(ws.getRow(2).getCell(amountCol + 1).numFmt).toBe('#,##0.00');
    expect(rows[2][amountCol]).toBe(0.29);
    expect(rows[1][amountCol]).toBeUndefined();
    expect(first[RECORD_HEADERS.length]).toBe('线索核实中');
    expect(first[RECORD_HEADERS.length + 1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    const filtered = await exportRecordsWorkbook(app.deps, { ...ALL, situations: ['行政处罚'] });
    expect(filtered.count).toBe(1);
    expect(rowsOf((await load(filtered.bytes)).worksheets[0]).map((r) => r[RECORD_HEADERS.indexOf('统一社会信用代码')])).toEqual([uscc(2)]);
  });

  it('a unit export imports again without a rejection; a person row asks for the full identity number', async () => {
    await seed();
    const units = await exportRecordsWorkbook(app.deps, { ...ALL, subjectTypes: ['unit'] });
    expect(units.count).toBe(3);
    const everything = await exportRecordsWorkbook(app.deps, ALL);
    const fieldColumns = Object.values(FIELD_COLUMNS).join(', ');
    const original = await app.db.read((sql) => sql.all<Record<string, unknown>>(
      `SELECT ${fieldColumns} FROM dishonesty_records WHERE subject_type = 'unit' ORDER BY unit_uscc`));
    expect(original).toHaveLength(3);

    const other = await createTestApp();
    try {
      const again = await importRecordsWorkbook(other.deps, other.clerk, units.bytes, { dryRun: false, fileName: 'export.xlsx' });
      expect(again).toMatchObject({ accepted: 3, rejected: [], totalRows: 3, report: null });
      const copied = await other.db.read((sql) => sql.all<Record<string, unknown>>(
        `SELECT ${fieldColumns} FROM dishonesty_records ORDER BY unit_uscc`));
      expect(copied).toEqual(original);

      const mixed = await importRecordsWorkbook(other.deps, other.clerk, everything.bytes, { dryRun: true });
      expect(mixed.rejected.filter((r) => r.column === '身份证号')).toEqual([
        { row: expect.any(Number), column: '身份证号', reason: expect.stringMatching(/已脱敏/) },
      ]);
    } finally {
      await other.close();
    }
  });
});
