import type { ImportResult } from '../../../../shared/contract/ledger';
import type { ProjectInput } from '../../../../shared/domain/promiseSchema';
import { normalizeCode, normalizeText } from '../../../../shared/validation/text';
import { todayIso } from '../../../../shared/validation/dates';
import type { ReadSql } from '../../../db/database';
import type { Actor, ServiceDeps } from '../../context';
import { groupRows } from '../../excel/groupRows';
import { addRowProblem, importWorkbook, type CheckedRow, type ImportSpec } from '../../excel/importPipeline';
import { importWorkbookInWorker, type ImportJobOptions, type LedgerImport } from '../../excel/importJob';
import { insertProject } from '../promisesService';
import { PROMISE_COLUMNS, PROMISE_ROW_LABELS, PROMISE_SHEET, promiseRowSchema, type PromiseRowField, type PromiseSheetRow } from './promiseSheet';

/** A project as its rows build it: the project's columns, and each row's item with its responsible person's name. */
export interface ImportedProject {
  project: Omit<PromiseSheetRow, 'type' | 'content' | 'amountFen' | 'dueOn' | 'conditions' | 'department' | 'responsibleName'>;
  items: Array<Pick<PromiseSheetRow, 'type' | 'content' | 'amountFen' | 'dueOn' | 'conditions' | 'department' | 'responsibleName'>>;
}

const projectKey = (uscc: unknown, agreementNo: unknown) => `${normalizeCode(uscc)}\u0000${normalizeText(agreementNo)}`;

/** Enabled users by display name and by login name; a name two users share is ambiguous. */
function usersByName(sql: ReadSql): Map<string, string | 'ambiguous'> {
  const map = new Map<string, string | 'ambiguous'>();
  for (const u of sql.all<{ id: string; username: string; display_name: string }>(`SELECT id, username, display_name FROM users WHERE disabled = 0`)) {
    for (const name of new Set([u.display_name, u.username])) map.set(name, map.has(name) && map.get(name) !== u.id ? 'ambiguous' : u.id);
  }
  return map;
}

/** Rows of a project already in the ledger, and responsible people who are not (enabled) users, are rejected. */
function crossCheck(sql: ReadSql, rows: CheckedRow<PromiseRowField, PromiseSheetRow>[]): void {
  const existing = new Map(
    sql.all<{ enterprise_uscc: string; agreement_no: string; project_name: string }>(`SELECT enterprise_uscc, agreement_no, project_name FROM promise_projects`)
      .map((p) => [projectKey(p.enterprise_uscc, p.agreement_no), p.project_name]),
  );
  const users = usersByName(sql);
  for (const r of rows) {
    const name = existing.get(projectKey(r.candidate.enterpriseUscc, r.candidate.agreementNo));
    if (name !== undefined) addRowProblem(r, 'agreementNo', `台账中已有该企业此协议编号的项目（${name}），不重复导入`);
    const person = normalizeText(r.candidate.responsibleName);
    if (person) {
      const id = users.get(person);
      if (id === undefined) addRowProblem(r, 'responsibleName', `“${person}”不是本系统中在岗的用户，请先添加该用户或改填在岗人员`);
      else if (id === 'ambiguous') addRowProblem(r, 'responsibleName', `有多名用户叫“${person}”，请改填其登录名`);
    }
  }
}

const SHARED: readonly PromiseRowField[] = ['projectName', 'enterpriseName', 'signedOn', 'signingBody', 'collectiveDecision', 'decisionRef'];

export const PROMISE_IMPORT: ImportSpec<PromiseRowField, PromiseSheetRow, ImportedProject> = {
  sheet: PROMISE_SHEET,
  columns: PROMISE_COLUMNS,
  schema: promiseRowSchema,
  ledgerName: PROMISE_SHEET.sheetName,
  permission: 'promises.import',
  crossCheck,
  group: (rows) =>
    groupRows(rows, {
      keyOf: (f) => projectKey(f.enterpriseUscc, f.agreementNo),
      shared: SHARED.map((field) => ({ header: PROMISE_ROW_LABELS[field], valueOf: (f: PromiseSheetRow) => f[field as keyof PromiseSheetRow] })),
      build: (members) => {
        const f = members[0].fields;
        return {
          project: {
            projectName: f.projectName, enterpriseName: f.enterpriseName, enterpriseUscc: f.enterpriseUscc, agreementNo: f.agreementNo,
            signedOn: f.signedOn, signingBody: f.signingBody, collectiveDecision: f.collectiveDecision, decisionRef: f.decisionRef,
          },
          items: members.map((m) => ({
            type: m.fields.type, content: m.fields.content, amountFen: m.fields.amountFen, dueOn: m.fields.dueOn,
            conditions: m.fields.conditions, department: m.fields.department, responsibleName: m.fields.responsibleName,
          })),
        };
      },
    }),
  insert: (sql, at, actor, value) => {
    const users = usersByName(sql);
    const p = value.project;
    const input: ProjectInput = {
      ...p, collectiveDecision: p.collectiveDecision === '是',
      items: value.items.map(({ responsibleName, ...item }) => ({ ...item, responsibleUserId: users.get(normalizeText(responsibleName)) as string })),
    };
    insertProject(sql, at, todayIso(new Date(at)), actor, input, 'import');
  },
  afterWrite: (deps) => deps.db.refreshStatistics(),
};

export const PROMISE_IMPORT_LEDGER: LedgerImport<PromiseRowField, PromiseSheetRow, ImportedProject> = { name: 'promises', spec: PROMISE_IMPORT };

export function importPromisesInWorker(deps: ServiceDeps, actor: Actor, bytes: Buffer, opts: ImportJobOptions): Promise<ImportResult> {
  return importWorkbookInWorker(deps, actor, PROMISE_IMPORT_LEDGER as LedgerImport, bytes, opts);
}

export function importPromisesWorkbook(deps: ServiceDeps, actor: Actor, bytes: Buffer, opts: { dryRun: boolean; fileName?: string }): Promise<ImportResult> {
  return importWorkbook(deps, actor, PROMISE_IMPORT, bytes, opts);
}
