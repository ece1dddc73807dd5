import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../electron/db/database';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';
import { openLedgerFile } from '../support/ledgerFile';

/**
 * The command line's administration as an operator sees it: user add takes a display name and a role in
 * Chinese and answers in Chinese; exports and backups leave an audit entry.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LEDGER_PASSWORD: TEST_PASSWORD };
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: ROOT, env, timeout: 60_000, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

let root: string;
let data: string;
const lastAudit = () => {
  const db = openLedgerFile(path.join(data, DATABASE_FILE_NAME), { readonly: true });
  try {
    return db.prepare(`SELECT entity, action, user_name, after_json FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { entity: string; action: string; user_name: string; after_json: string };
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  root = tempDir('ledger-cli-admin-');
  data = path.join(root, 'data');
  const init = await cli(['init', '--data', data, '--office-name', TEST_OFFICE.officeName, '--office-uscc', TEST_OFFICE.officeUscc, '--admin', 'admin', '--admin-name', '王管理']);
  expect(init.code, init.stderr).toBe(0);
}, 90_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('ledger CLI: administration in Chinese, logged', { timeout: 90_000 }, () => {
  it('user add takes the display name and a Chinese role, and says both in Chinese', async () => {
    const run = await cli(['user', 'add', '--data', data, '--name', 'zhang', '--display-name', '张审核', '--role', '审核员']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('已添加用户 zhang（张审核，审核员）');
    expect(run.stdout).toContain('首次登录时须修改密码');
    const db = openLedgerFile(path.join(data, DATABASE_FILE_NAME), { readonly: true });
    try {
      const user = db.prepare(`SELECT id, display_name, role FROM users WHERE username = 'zhang'`).get() as { id: string; display_name: string; role: string };
      expect(user).toMatchObject({ display_name: '张审核', role: 'reviewer' });
      // the first sign-in will ask for a new password
      expect(db.prepare(`SELECT count(*) FROM settings WHERE key = ?`).pluck().get(`password.changeDue.${user.id}`)).toBe(1);
    } finally {
      db.close();
    }
  });

  it('export and backup each leave an audit entry by the command line\'s administrator', async () => {
    const out = path.join(root, 'records.xlsx');
    expect((await cli(['export', '--data', data, '--kind', 'records', '--out', out])).code).toBe(0);
    expect(lastAudit()).toMatchObject({ entity: 'export', action: 'export', user_name: '王管理（命令行）' });
    expect(JSON.parse(lastAudit().after_json)).toEqual({ kind: '政务失信记录', fileName: 'records.xlsx', count: 0 });

    const backup = path.join(root, 'backup.sqlite');
    expect((await cli(['backup', '--data', data, '--to', backup])).code).toBe(0);
    expect(lastAudit()).toMatchObject({ entity: 'backup', action: 'backup', user_name: '王管理（命令行）' });
    expect(JSON.parse(lastAudit().after_json)).toMatchObject({ file: backup, bytes: fs.statSync(backup).size });
    expect((await cli(['verify-audit', '--data', data])).code).toBe(0);
  });
});
