import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../electron/db/database';
import { MIGRATIONS } from '../../electron/db/migrations';
import { RECORD_HEADERS } from '../../electron/services/records/excel/recordSheet';
import { unitTemplateCells } from '../support/recordFixtures';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';
import { openLedgerFile } from '../support/ledgerFile';
import { cli, initArgs } from '../support/cliRun';

/**
 * The command line (electron/cli/main.ts) as an operator runs it: a separate Node process on a data folder,
 * the password from LEDGER_PASSWORD, --json for scripts, and a non-zero exit on every failure.
 */

/** The ledger, or a backup of it: encrypted with the data folder's key. */
function openCopy(file: string): Database.Database {
  return openLedgerFile(file, { dataDir: data, readonly: true });
}

let root: string;
let data: string;
beforeAll(() => {
  root = tempDir('ledger-cli-');
  data = path.join(root, 'data');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('ledger CLI: set-up and users', { timeout: 90_000 }, () => {
  it('init --json sets up the office and its administrator', async () => {
    const run = await cli([...initArgs(data), '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ ok: true, office: TEST_OFFICE, admin: { username: 'admin' } });
    const db = openCopy(path.join(data, DATABASE_FILE_NAME));
    try {
      expect(db.prepare(`SELECT username, display_name AS name, role, disabled FROM users`).all()).toEqual([
        { username: 'admin', name: '王管理', role: 'admin', disabled: 0 },
      ]);
      expect(db.prepare(`SELECT password_hash AS h FROM users`).get()).not.toMatchObject({ h: TEST_PASSWORD });
    } finally {
      db.close();
    }
  });

  it('init on a folder that is already set up is refused', async () => {
    const run = await cli([...initArgs(data), '--json']);
    expect(run.code).not.toBe(0);
    expect(run.json).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
    const text = await cli(initArgs(data));
    expect(text.code).not.toBe(0);
    expect(text.stderr).toContain('已完成初始化');
  });

  it('init refuses a bad office USCC, naming the field', async () => {
    const other = path.join(root, 'bad-uscc');
    const args = initArgs(other);
    args[args.indexOf('--office-uscc') + 1] = '11320102MB0000000J';
    const run = await cli([...args, '--json']);
    expect(run.code).not.toBe(0);
    expect(run.json).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'officeUscc' } });
    expect(run.json.error?.message).toContain('校验位');
    expect(fs.existsSync(path.join(other, DATABASE_FILE_NAME))).toBe(false);
  });

  it('user add --json adds a user; the role is validated', async () => {
    const added = await cli(['user', 'add', '--data', data, '--name', 'li', '--role', 'clerk', '--display-name', '李录入', '--json']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.json).toMatchObject({ ok: true, user: { username: 'li', displayName: '李录入', role: 'clerk', disabled: false } });

    const boss = await cli(['user', 'add', '--data', data, '--name', 'boss', '--role', 'boss', '--json']);
    expect(boss.code).not.toBe(0);
    expect(boss.json).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(boss.json.error?.message).toMatch(/clerk.*reviewer.*admin/);

    const duplicate = await cli(['user', 'add', '--data', data, '--name', 'li', '--role', 'reviewer', '--json']);
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.json).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'username' } });

    const shortPassword = await cli(['user', 'add', '--data', data, '--name', 'zhang', '--role', 'reviewer', '--json'], { password: 'short' });
    expect(shortPassword.code).not.toBe(0);
    expect(shortPassword.json).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const db = openCopy(path.join(data, DATABASE_FILE_NAME));
    try {
      expect(db.prepare(`SELECT username FROM users ORDER BY username`).pluck().all()).toEqual(['admin', 'li']);
      // The CLI acts as the office's administrator, marked as such in the audit log.
      expect(db.prepare(`SELECT user_name FROM audit_log WHERE entity = 'user' AND action = 'create' ORDER BY seq DESC LIMIT 1`).pluck().get())
        .toBe('王管理（命令行）');
    } finally {
      db.close();
    }
  });

  it('migrate reports every migration applied', async () => {
    const run = await cli(['migrate', '--data', data, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json.ok).toBe(true);
    expect(run.json.applied).toHaveLength(MIGRATIONS.length);
    const text = await cli(['migrate', '--data', data]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${MIGRATIONS.length}/${MIGRATIONS.length}`);
  });
});

describe('ledger CLI: audit chain and backups', { timeout: 90_000 }, () => {
  it('verify-audit --json passes on an untouched folder', async () => {
    const run = await cli(['verify-audit', '--data', data, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ ok: true, problems: [] });
    expect(run.json.checked).toBeGreaterThanOrEqual(3);
  });

  it('backup --to writes a copy that passes integrity_check and holds the users', async () => {
    const file = path.join(root, 'backups', 'ledger-backup.sqlite');
    fs.mkdirSync(path.dirname(file));
    const run = await cli(['backup', '--data', data, '--to', file, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ ok: true, file, integrity: 'ok', auditHead: { seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(fs.statSync(file).size).toBe(run.json.bytes);
    const copy = openCopy(file);
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare(`SELECT username FROM users ORDER BY username`).pluck().all()).toEqual(['admin', 'li']);
      expect(copy.prepare(`SELECT count(*) FROM audit_log`).pluck().get()).toBeGreaterThanOrEqual(3);
      expect(copy.prepare(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).get()).toEqual(run.json.auditHead);
    } finally {
      copy.close();
    }

    // An existing file is never overwritten.
    const before = fs.readFileSync(file);
    const again = await cli(['backup', '--data', data, '--to', file, '--json']);
    expect(again.code).not.toBe(0);
    expect(again.json).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    expect(again.json.error?.message).toContain('已存在');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('verify-audit fails after an entry is edited, and names the entry', async () => {
    const db = openLedgerFile(path.join(data, DATABASE_FILE_NAME));
    const seq = db.prepare(`SELECT seq FROM audit_log WHERE entity = 'user' AND action = 'create' ORDER BY seq LIMIT 1`).pluck().get() as number;
    db.prepare(`UPDATE audit_log SET user_name = '别人' WHERE seq = ?`).run(seq);
    db.close();

    const run = await cli(['verify-audit', '--data', data, '--json']);
    expect(run.code).not.toBe(0);
    expect(run.json).toMatchObject({ ok: false, error: { code: 'AUDIT_BROKEN' } });
    expect(run.json.problems).toEqual([expect.objectContaining({ seq, kind: 'edited' })]);

    const text = await cli(['verify-audit', '--data', data]);
    expect(text.code).not.toBe(0);
    expect(text.stderr).toContain(`第 ${seq} 条`);
  });
});

describe('ledger CLI: usage errors', { timeout: 90_000 }, () => {
  it('exits 2 with a message when --data is missing', async () => {
    for (const args of [['migrate'], ['verify-audit'], ['backup', '--to', path.join(root, 'x.sqlite')]]) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('--data');
    }
    const json = await cli(['migrate', '--json']);
    expect(json.code).toBe(2);
    expect(json.json).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    expect(json.json.error?.message).toContain('--data');
  });

  it('does not create a ledger in a mistyped --data folder', async () => {
    const typo = path.join(root, 'no-such-folder');
    for (const args of [['verify-audit'], ['migrate'], ['backup', '--to', path.join(root, 'typo-backup.sqlite')], ['user', 'add', '--name', 'wang', '--role', 'clerk']]) {
      const run = await cli([...args, '--data', typo, '--json']);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.json, args.join(' ')).toMatchObject({ ok: false, error: { code: 'NO_DATA' } });
      expect(run.json.error?.message).toContain('init');
    }
    expect(fs.existsSync(typo)).toBe(false);
    expect(fs.existsSync(path.join(root, 'typo-backup.sqlite'))).toBe(false);
  });

  it('refuses a backup into a folder that does not exist, in plain words', async () => {
    const run = await cli(['backup', '--data', data, '--to', path.join(root, 'no-such-dir', 'b.sqlite'), '--json']);
    expect(run.code).toBe(2);
    expect(run.json).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    expect(run.json.error?.message).toContain('备份目录不存在');
  });

  it('refuses clearly when there is no LEDGER_PASSWORD and no terminal', async () => {
    const run = await cli(['user', 'add', '--data', data, '--name', 'wang', '--role', 'reviewer'], { password: null });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('LEDGER_PASSWORD');
    const init = await cli([...initArgs(path.join(root, 'no-password')), '--json'], { password: null });
    expect(init.code).not.toBe(0);
    expect(init.json.error?.message).toContain('LEDGER_PASSWORD');
    expect(fs.existsSync(path.join(root, 'no-password', DATABASE_FILE_NAME))).toBe(false);
  });

  it('exits 2 on an unknown command or option, and 0 with usage for --help', async () => {
    const unknown = await cli(['frobnicate', '--data', data]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知命令');
    const badOption = await cli(['migrate', '--data', data, '--no-such-option']);
    expect(badOption.code).toBe(2);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('verify-audit');
  });
});

/* ---------------------------------------------------------------- import / export */

const unitCells = unitTemplateCells;

async function writeWorkbook(file: string, rows: Array<Record<string, unknown>>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('政务失信记录');
  const headers = [...RECORD_HEADERS];
  ws.addRow(headers);
  for (const cells of rows) ws.addRow(headers.map((h) => cells[h] ?? null));
  await wb.xlsx.writeFile(file);
}

const recordCount = () => {
  const db = openCopy(path.join(data, DATABASE_FILE_NAME));
  try {
    return db.prepare(`SELECT count(*) FROM dishonesty_records`).pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('ledger CLI: import and export of 政务失信记录', { timeout: 90_000 }, () => {
  let workbook: string;
  beforeAll(async () => {
    workbook = path.join(root, '导入.xlsx');
    const bad = unitCells(3);
    bad.统一社会信用代码 = String(bad.统一社会信用代码).slice(0, 17) + (String(bad.统一社会信用代码)[17] === '0' ? '1' : '0');
    await writeWorkbook(workbook, [unitCells(1), unitCells(2), bad]);
  });

  it('import --dry-run --json reports accepted and rejected rows and writes nothing', async () => {
    const run = await cli(['import', '--data', data, '--kind', 'records', workbook, '--dry-run', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ dryRun: true, totalRows: 3, accepted: 2 });
    expect(run.json.rejected).toEqual([expect.objectContaining({ row: 4, column: '统一社会信用代码', reason: expect.stringContaining('校验位') })]);
    expect(recordCount()).toBe(0);
  });

  it('import writes the accepted rows', async () => {
    const run = await cli(['import', '--data', data, '--kind', 'records', workbook, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ dryRun: false, accepted: 2 });
    expect(recordCount()).toBe(2);
    const text = await cli(['import', '--data', data, '--kind', 'records', path.join(root, 'missing.xlsx')]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('找不到文件');
  });

  it('export --out writes an xlsx with the records', async () => {
    const out = path.join(root, '导出.xlsx');
    const run = await cli(['export', '--data', data, '--kind', 'records', '--out', out, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ ok: true, file: out, count: 2 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as unknown[]).map(String);
    expect(headers).toContain('单位名称');
    const names: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(headers.indexOf('单位名称')).value));
    });
    expect(names.sort()).toEqual(['某某区某某街道办事处1', '某某区某某街道办事处2']);
  });
});
