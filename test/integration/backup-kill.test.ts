import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/db/database';
import { verifyAuditChain } from '../../electron/services/audit/auditLog';
import { isPartialName } from '../../electron/services/backup/backupFile';
import { SAFETY_DIR } from '../../electron/services/backup/restoreLedger';
import { initializeOffice } from '../../electron/services/users/usersService';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';
import { openLedgerFile } from '../support/ledgerFile';
import { LEDGER_KEY_FILE_NAME } from '../../electron/db/ledgerKey';

/**
 * kill -9 of the command line in the middle of a backup and of a restore, at each stage the files on disk
 * reveal: the ledger must afterwards be the old one or the restored one — whole, checked, its audit chain
 * intact — and the backup's name must hold a whole backup or nothing.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const FILLER_ROWS = 120; // 1 MB each: big enough that every stage lasts long enough to be hit
let root: string;
let template: string; // a data folder whose ledger holds marker 'current'
let backupFile: string; // a backup of the same office whose ledger holds marker 'backup'

/** The marker row: which ledger this is. */
function marker(dataDir: string): string {
  const db = openLedgerFile(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    return db.prepare(`SELECT data_json FROM form_drafts WHERE key = 'marker'`).pluck().get() as string;
  } finally {
    db.close();
  }
}

function setMarker(file: string, value: string): void {
  const db = openLedgerFile(file);
  db.prepare(`UPDATE form_drafts SET data_json = ? WHERE key = 'marker'`).run(value);
  db.close();
}

beforeAll(async () => {
  root = tempDir('ledger-kill-');
  template = path.join(root, 'template');
  const db = await openDatabase(template);
  const admin = await initializeOffice({ db, dataDir: template, now: () => new Date() }, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
  await db.write((sql) => {
    const at = new Date().toISOString();
    sql.run(`INSERT INTO form_drafts (user_id, key, data_json, saved_at) VALUES (?, 'marker', 'backup', ?)`, admin.id, at);
    for (let i = 0; i < FILLER_ROWS; i++) sql.run(`INSERT INTO form_drafts (user_id, key, data_json, saved_at) VALUES (?, ?, ?, ?)`, admin.id, `filler-${i}`, randomBytes(512 * 1024).toString('hex'), at);
  });
  await db.close();
  backupFile = path.join(root, 'backup.sqlite');
  const cli = await runCli(['backup', '--data', template, '--to', backupFile, '--json']);
  expect(cli.code, cli.output).toBe(0);
  setMarker(path.join(template, DATABASE_FILE_NAME), 'current');
}, 120_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Run the CLI; when `killWhen` becomes true (polled every millisecond or so) send SIGKILL. */
function runCli(args: string[], killWhen?: () => boolean): Promise<Exit & { killedAt: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    let killed = false;
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const poll = killWhen
      ? setInterval(() => {
          if (!killed && killWhen()) {
            killed = child.kill('SIGKILL');
          }
        }, 1)
      : null;
    child.on('exit', (code, signal) => {
      if (poll) clearInterval(poll);
      resolve({ code, signal, output, killedAt: killed });
    });
  });
}

const partialsIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter(isPartialName) : []);

/** The ledger opens as the app would open it, passes integrity_check and its audit chain verifies. */
async function assertWholeLedger(dataDir: string): Promise<void> {
  const db = await openDatabase(dataDir);
  try {
    expect(db.connection.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((await db.read((sql) => verifyAuditChain(sql))).ok).toBe(true);
    expect(await db.read((sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM form_drafts WHERE key LIKE 'filler-%'`)?.n)).toBe(FILLER_ROWS);
  } finally {
    await db.close();
  }
}

function freshDataDir(name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(template, DATABASE_FILE_NAME), path.join(dir, DATABASE_FILE_NAME));
  fs.copyFileSync(path.join(template, LEDGER_KEY_FILE_NAME), path.join(dir, LEDGER_KEY_FILE_NAME));
  return dir;
}

describe('kill -9 during a backup', { timeout: 120_000 }, () => {
  const stages: Array<[string, (dir: string) => boolean]> = [
    ['while the copy is being written', (dir) => partialsIn(dir).length > 0],
    ['while the copy is checked', (dir) => partialsIn(dir).some((n) => fs.statSync(path.join(dir, n)).size > FILLER_ROWS * 1_000_000)],
  ];
  for (const [stage, reached] of stages) {
    it(`leaves no file under the backup's name ${stage}, and the next backup works`, async () => {
      const folder = fs.mkdtempSync(path.join(root, 'backups-'));
      const target = path.join(folder, 'ledger-backup-test.sqlite');
      const run = await runCli(['backup', '--data', template, '--to', target, '--json'], () => reached(folder));
      expect(run.signal, run.output).toBe('SIGKILL');
      expect(fs.readdirSync(folder).filter((n) => !isPartialName(n))).toEqual([]); // nothing half-written under a real name
      await assertWholeLedger(template);
      expect(marker(template)).toBe('current');

      const again = await runCli(['backup', '--data', template, '--to', target, '--json']);
      expect(again.code, again.output).toBe(0);
      expect(fs.readdirSync(folder).filter((n) => !isPartialName(n))).toEqual(['ledger-backup-test.sqlite']);
      const copy = openLedgerFile(target, { dataDir: template, readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      copy.close();
    });
  }
});

describe('kill -9 during a restore', { timeout: 120_000 }, () => {
  const safety = (dir: string) => path.join(dir, SAFETY_DIR);
  const ledgerInode = (dir: string) => fs.statSync(path.join(dir, DATABASE_FILE_NAME)).ino;
  /** Each stage: given the fresh data folder, when to kill. */
  const stages: Array<[string, (dir: string) => () => boolean]> = [
    ['while the backup is copied in and checked', (dir) => () => partialsIn(dir).length > 0],
    ['while the safety copy is written', (dir) => () => partialsIn(safety(dir)).length > 0],
    ['after the safety copy, around the swap', (dir) => () => fs.existsSync(safety(dir)) && fs.readdirSync(safety(dir)).some((n) => !isPartialName(n))],
    ['just after the swap, before the restored ledger was opened', (dir) => {
      const before = ledgerInode(dir);
      return () => ledgerInode(dir) !== before;
    }],
  ];
  const outcomes: string[] = [];
  stages.forEach(([stage, reached], i) => {
    it(`leaves the old ledger or the restored one, whole, ${stage}`, async () => {
      const dataDir = freshDataDir(`restore-${i}`);
      const run = await runCli(['restore', '--data', dataDir, '--from', backupFile, '--json'], reached(dataDir));
      expect(run.signal, run.output).toBe('SIGKILL');
      await assertWholeLedger(dataDir);
      const now = marker(dataDir);
      expect(['current', 'backup']).toContain(now);
      outcomes.push(now);

      // The interrupted restore can simply be run again.
      const again = await runCli(['restore', '--data', dataDir, '--from', backupFile, '--json']);
      expect(again.code, again.output).toBe(0);
      expect(marker(dataDir)).toBe('backup');
      await assertWholeLedger(dataDir);
      expect(partialsIn(dataDir)).toEqual([]);
    });
  });

  it('was caught both before the swap (old ledger) and after it (restored ledger)', () => {
    expect(outcomes[0]).toBe('current');
    expect(outcomes.at(-1)).toBe('backup');
  });

  it('refuses while another program holds the ledger, touching nothing', async () => {
    const dataDir = freshDataDir('restore-busy');
    const holder = openLedgerFile(path.join(dataDir, DATABASE_FILE_NAME));
    holder.pragma('journal_mode = WAL');
    holder.prepare(`SELECT count(*) FROM users`).get();
    const run = await runCli(['restore', '--data', dataDir, '--from', backupFile, '--json']);
    holder.close();
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('正被其他程序使用');
    expect(marker(dataDir)).toBe('current');
  });
});
