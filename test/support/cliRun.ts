import { execFile } from 'node:child_process';
import path from 'node:path';
import { TEST_OFFICE, TEST_PASSWORD } from './testApp';

/** The command line (electron/cli/main.ts) run as an operator runs it: a separate Node process. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', 'electron/cli/main.ts'];

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed, when it is one JSON document. */
  json: Record<string, unknown> & { ok?: boolean; error?: { code: string; message: string; field?: string } };
}

export function cli(args: string[], options: { password?: string | null } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.LEDGER_PASSWORD;
  const password = options.password === undefined ? TEST_PASSWORD : options.password;
  if (password !== null) env.LEDGER_PASSWORD = password;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [...CLI, ...args], { cwd: ROOT, env, timeout: 60_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      let json: Run['json'] = {};
      try {
        json = JSON.parse(stdout.trim().split('\n').pop() ?? '');
      } catch {
        // not JSON output
      }
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr, json });
    });
    child.stdin?.end(); // no terminal to ask a password on
  });
}

export const initArgs = (data: string) => [
  'init', '--data', data, '--office-name', TEST_OFFICE.officeName, '--office-uscc', TEST_OFFICE.officeUscc,
  '--notice-prefix', TEST_OFFICE.noticePrefix, '--admin', 'admin', '--admin-name', '王管理',
];

