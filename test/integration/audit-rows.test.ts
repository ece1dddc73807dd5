import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/db/database';
import { registerSqlFunctions } from '../../electron/db/sqlFunctions';
import { createRecord, transitionRecord, updateRecord } from '../../electron/services/records';
import { resetUserPassword, setUserDisabled, setUserRole } from '../../electron/services/users/usersService';
import type { AuditVerifyResult } from '../../shared/contract';
import { verifyAudit } from '../../electron/services/audit/auditLog';
import { AUDITED_TABLES } from '../../electron/services/catalog';
import { createTestApp, type TestApp } from '../support/testApp';
import { openLedgerFile } from '../support/ledgerFile';
import { registryCalls } from '../support/registryCalls';
import { personRecord, unitRecord } from '../support/recordFixtures';
import { createProject, recordPayment } from '../../electron/services/promises';
import { projectInput } from '../support/promiseFixtures';

/**
 * verify-audit beyond the chain: an emptied log in a ledger with users fails, and every record's and
 * user's current row is checked against its latest audited snapshot, so a status, an amount or a role
 * edited in the database file outside the program is found and named.
 */

let app: TestApp;
let recordId: string;
beforeEach(async () => {
  app = await createTestApp();
  // A ledger with some history: edits, an approval, a correction, user administration.
  const record = await createRecord(app.deps, app.clerk, unitRecord());
  recordId = record.id;
  await updateRecord(app.deps, app.clerk, { id: record.id, expectedVersion: 1, fields: unitRecord({ amountFen: 500 }) });
  const approved = await transitionRecord(app.deps, app.reviewer, { id: record.id, expectedVersion: 2, action: 'approve' });
  await updateRecord(app.deps, app.reviewer, { id: record.id, expectedVersion: approved.version, fields: unitRecord({ amountFen: 700 }), reason: '更正金额' });
  await createRecord(app.deps, app.clerk, personRecord());
  await setUserRole(app.deps, app.admin, app.clerk.id, 'reviewer');
  await setUserDisabled(app.deps, app.admin, app.reviewer.id, true);
  await setUserDisabled(app.deps, app.admin, app.reviewer.id, false);
  await resetUserPassword(app.deps, app.admin, app.reviewer.id, 'chongzhi-mima-2026');
});
afterEach(async () => {
  await app.close();
});

async function verify(): Promise<AuditVerifyResult> {
  const calls = registryCalls(app);
  return calls.ok<AuditVerifyResult>((await calls.signIn('admin')).session, 'audit.verify');
}
/** Change the database file the way someone with the file (and no program) would. */
async function tamper(statements: string) {
  await app.db.close();
  const file = openLedgerFile(path.join(app.dataDir, DATABASE_FILE_NAME));
  registerSqlFunctions(file); // the search index's triggers need them
  file.exec(statements);
  file.close();
  app.db = await openDatabase(app.dataDir);
  app.deps.db = app.db;
}
const RECORD_NAME = '失信记录“某某市某某区某某街道办事处（(2024)苏0102民初123号）”';

describe('rows against their audited snapshots', () => {
  it('a ledger used only through the program passes', async () => {
    expect(await verify()).toMatchObject({ ok: true, problems: [] });
  });

  it('a status changed in the file is found, naming the record and the field', async () => {
    await tamper(`UPDATE dishonesty_records SET status = 'repaired' WHERE id = '${recordId}'`);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'rowChanged' })]);
    expect(result.problems[0].message).toContain(RECORD_NAME);
    expect(result.problems[0].message).toContain('状态');
  });

  it('an amount changed in the file is found', async () => {
    await tamper(`UPDATE dishonesty_records SET amount_fen = 1 WHERE id = '${recordId}'`);
    const [problem] = (await verify()).problems;
    expect(problem).toMatchObject({ kind: 'rowChanged' });
    expect(problem.message).toMatch(/涉及金额.*不符/);
  });

  it('a record inserted or deleted in the file is found', async () => {
    await tamper(`CREATE TEMP TABLE copy AS SELECT * FROM dishonesty_records WHERE id = '${recordId}';
      UPDATE copy SET seq = NULL, id = 'aaaaaaaa-0000-4000-8000-000000000001';
      INSERT INTO dishonesty_records SELECT * FROM copy;`);
    expect((await verify()).problems.map((p) => p.kind)).toEqual(['rowWithoutAudit']);
    await tamper(`DELETE FROM record_versions WHERE entity_id = '${recordId}'; DELETE FROM dishonesty_records WHERE id = '${recordId}';`);
    const kinds = (await verify()).problems.map((p) => p.kind);
    expect(kinds).toEqual(expect.arrayContaining(['rowDeleted']));
  });

  it('a role raised in the file is found', async () => {
    await tamper(`UPDATE users SET role = 'admin' WHERE username = 'clerk'`);
    const [problem] = (await verify()).problems;
    expect(problem).toMatchObject({ kind: 'rowChanged' });
    expect(problem.message).toContain('李录入（clerk）');
    expect(problem.message).toContain('角色');
  });
});

describe('a project with its items, payments and handovers', () => {
  const PROJECT_NAME = '招商引资项目“智能装备产业园项目（ZS-2025-001）”';
  let projectId: string;
  beforeEach(async () => {
    const project = await createProject(app.deps, app.clerk, projectInput(app.clerk.id));
    projectId = project.id;
    await recordPayment(app.deps, app.clerk, { projectId, expectedVersion: project.version, itemId: project.items[0].id, paidOn: '2026-02-01', amountFen: 10_000_00, voucherNo: 'PZ-01' });
  });

  it('passes as the program left it', async () => {
    expect(await verify()).toMatchObject({ ok: true, problems: [] });
  });

  it("an item's status or paid amount changed in the file is found, naming the project and its items", async () => {
    await tamper(`UPDATE promise_items SET status = 'fulfilled', paid_fen = amount_fen WHERE project_id = '${projectId}' AND position = 1`);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'rowChanged' })]);
    expect(result.problems[0].message).toContain(PROJECT_NAME);
    expect(result.problems[0].message).toContain('承诺事项');
  });

  it("a payment's amount changed in the file is found", async () => {
    await tamper(`UPDATE promise_payments SET amount_fen = 1 WHERE project_id = '${projectId}'`);
    const [problem] = (await verify()).problems;
    expect(problem).toMatchObject({ kind: 'rowChanged' });
    expect(problem.message).toMatch(/兑现登记.*不符/);
  });
});

describe('an emptied log', () => {
  it('fails verification when the ledger has users, even with the kept head removed too', async () => {
    await tamper(`DELETE FROM audit_log; DELETE FROM settings WHERE key = 'audit.head';`);
    const offline = await app.db.read((sql) => verifyAudit(sql, AUDITED_TABLES));
    expect(offline).toMatchObject({ ok: false, checked: 0 });
    expect(offline.problems[0]).toMatchObject({ kind: 'emptied', message: '审计日志是空的，但台账中有 3 个用户：日志已被清空' });
    // signing in to look appends a fresh, well-chained entry: still found
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ kind: 'emptied' });
    expect(result.problems[0].message).toContain('缺少最初的单位初始化记录');
  });

  it('verify-audit on the command line exits 3 and names the changed record', async () => {
    await tamper(`UPDATE dishonesty_records SET amount_fen = 1 WHERE id = '${recordId}'`);
    await app.db.close();
    const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'verify-audit', '--data', app.dataDir], { cwd: path.resolve(import.meta.dirname, '../..') }, (error, _stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stderr }),
      );
    });
    app.db = await openDatabase(app.dataDir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(RECORD_NAME);
    expect(run.stderr).toContain('涉及金额');
  });
});
