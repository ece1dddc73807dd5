import { randomUUID } from 'node:crypto';
import type { ReadSql, WriteSql } from '../../db/database';
import { AppError, ERROR_CODES, notFound, validationError } from '../../../shared/contract/errors';
import type { ProjectDetail } from '../../../shared/contract/promises';
import {
  followingStatus, ITEM_FIELD_LABELS, OPEN_PROMISE_STATUSES, paymentStatus, projectStatusOf, PROMISE_MACHINE, PROMISE_STATUS_LABELS,
  SETTLED_PROMISE_STATUSES, type PromiseStatus, type ResolutionWay,
} from '../../../shared/domain/promises';
import type { ItemFields, ProjectInput } from '../../../shared/domain/promiseSchema';
import { nameSortKey } from '../../../shared/domain/sortKey';
import { formatFen } from '../../../shared/validation/money';
import { todayIso } from '../../../shared/validation/dates';
import { isoNow, type Actor, type Author, type NonUserAuthor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';
import { applyDerivedPartStates, checkMove, type DerivedParts, type MoveRequest } from '../ledger/statusRunner';
import { logVersion, requireVersion, type VersionedSpec, type VersionNote } from '../ledger/versionedEntity';
import { insertAttachment, storeAttachmentBytes, type StoredFile } from '../files/attachments';
import { loadProject, snapshotOf, toDetail, type ItemDbRow, type ProjectWithParts } from './promiseRows';
import { discardDraftInTx } from '../drafts/draftsService';

/** The investment-promise ledger as a versioned entity: one project with its items, handovers and payments. */
export const PROMISE_VERSIONING: VersionedSpec<ProjectWithParts> = {
  kind: 'investment_promise',
  table: 'promise_projects',
  versionsTable: 'promise_project_versions',
  snapshotOf,
  notFoundMessage: '找不到该招商引资项目，可能已被删除或编号有误',
  noun: '该项目',
};

const OPEN_SQL = `(${OPEN_PROMISE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export function requireProject(sql: ReadSql, id: string): ProjectWithParts {
  const project = loadProject(sql, id);
  if (!project) throw notFound(PROMISE_VERSIONING.notFoundMessage);
  return project;
}

function requireItem(project: ProjectWithParts, itemId: string): ItemDbRow {
  const item = project.items.find((i) => i.id === itemId);
  if (!item) throw notFound('找不到该承诺事项，可能已被删除');
  return item;
}

/** A responsible person must be a user who can act: an enabled account of this office. */
function requireActiveUser(sql: ReadSql, userId: string, field: string, label: string): string {
  const user = sql.get<{ display_name: string; disabled: number }>(`SELECT display_name, disabled FROM users WHERE id = ?`, userId);
  if (!user) throw validationError(field, `${label}不是本台账的用户，请从列表中选择`);
  if (user.disabled) throw validationError(field, `${label}“${user.display_name}”的账号已停用，请选择在岗人员`);
  return user.display_name;
}

/**
 * The project's new version after its parts changed: status (the most urgent of its items), version, who
 * and when, then its version row + audit entry + upload item — all in the caller's transaction.
 */
function commitVersion(sql: WriteSql, before: ProjectWithParts, at: string, author: Author, note: VersionNote): ProjectWithParts {
  const statuses = sql.all<{ status: PromiseStatus }>(`SELECT status FROM promise_items WHERE project_id = ?`, before.id);
  sql.run(
    `UPDATE promise_projects SET status = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
    projectStatusOf(statuses), at, 'kind' in author ? null : author.id, before.id,
  );
  const after = loadProject(sql, before.id)!;
  logVersion(sql, PROMISE_VERSIONING, at, author, before, after, note);
  return after;
}

const detail = (deps: ServiceDeps, project: ProjectWithParts, authorName: string) => toDetail(project, deps, authorName);

const PROJECT_COLUMNS = `project_name, enterprise_name, enterprise_uscc, agreement_no, signed_on, signing_body, collective_decision, decision_ref`;
const projectValues = (f: ProjectInput) => [
  f.projectName, f.enterpriseName, f.enterpriseUscc.toUpperCase(), f.agreementNo, f.signedOn, f.signingBody, f.collectiveDecision ? 1 : 0, f.decisionRef,
];

function insertItem(sql: WriteSql, projectId: string, position: number, f: ProjectInput, item: ItemFields, today: string, at: string): void {
  sql.run(
    `INSERT INTO promise_items (id, project_id, position, type, content, amount_fen, due_on, conditions, department, responsible_user_id,
       status, paid_fen, project_name, enterprise_name, enterprise_uscc, agreement_no, enterprise_sort, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
    randomUUID(), projectId, position, item.type, item.content, item.amountFen, item.dueOn, item.conditions, item.department,
    item.responsibleUserId, paymentStatus(item.amountFen, 0, item.dueOn, today),
    f.projectName, f.enterpriseName, f.enterpriseUscc.toUpperCase(), f.agreementNo, nameSortKey(f.enterpriseName), at,
  );
}

/**
 * Insert a validated project with its items inside the caller's transaction (the form and the import). Each
 * responsible person must be an enabled user; an item whose due date has passed starts 逾期未兑现.
 */
export function insertProject(sql: WriteSql, at: string, today: string, actor: Actor, f: ProjectInput, action = 'create'): ProjectWithParts {
  f.items.forEach((item, i) => requireActiveUser(sql, item.responsibleUserId, `items.${i}.responsibleUserId`, `第 ${i + 1} 项的责任人`));
  const id = randomUUID();
  sql.run(
    `INSERT INTO promise_projects (id, version, status, ${PROJECT_COLUMNS}, created_at, created_by, updated_at, updated_by)
     VALUES (?, 1, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    id, ...projectValues(f), at, actor.id, at, actor.id,
  );
  f.items.forEach((item, i) => insertItem(sql, id, i + 1, f, item, today, at));
  const statuses = sql.all<{ status: PromiseStatus }>(`SELECT status FROM promise_items WHERE project_id = ?`, id);
  sql.run(`UPDATE promise_projects SET status = ? WHERE id = ?`, projectStatusOf(statuses), id);
  const row = loadProject(sql, id)!;
  logVersion(sql, PROMISE_VERSIONING, at, actor, null, row, { action });
  return row;
}

export async function createProject(deps: ServiceDeps, actor: Actor, fields: ProjectInput, draftKey?: string): Promise<ProjectDetail> {
  requirePermission(actor, 'promises.edit');
  return deps.db.write((sql) => {
    const row = insertProject(sql, isoNow(deps), todayIso(deps.now()), actor, fields);
    discardDraftInTx(sql, actor, draftKey);
    return detail(deps, row, actor.displayName);
  });
}

/**
 * Edit a project and its items. An item's responsible person is changed only by a handover (so the chain is
 * never broken); an item with payments or a dishonesty record is never removed; the status of every item
 * follows its amounts and dates again (a decision — adjusted, disputed — stays).
 */
export async function updateProject(
  deps: ServiceDeps, actor: Actor, req: { id: string; expectedVersion: number; fields: ProjectInput; draftKey?: string },
): Promise<ProjectDetail> {
  requirePermission(actor, 'promises.edit');
  return deps.db.write((sql) => {
    const before = requireProject(sql, req.id);
    requireVersion(PROMISE_VERSIONING, before, req.expectedVersion);
    const f = req.fields;
    const at = isoNow(deps);
    const today = todayIso(deps.now());
    const kept = new Set(f.items.map((i) => i.id).filter(Boolean));
    for (const old of before.items) {
      if (kept.has(old.id)) continue;
      if (old.paid_fen > 0 || old.record_id) {
        throw validationError('items', `第 ${old.position} 项（${old.content.slice(0, 20)}）已有兑现记录或失信记录，不能删除`);
      }
    }
    sql.run(`UPDATE promise_projects SET ${PROJECT_COLUMNS.split(', ').map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, ...projectValues(f), req.id);
    const removed = before.items.filter((i) => !kept.has(i.id));
    for (const old of removed) sql.run(`DELETE FROM promise_items WHERE id = ?`, old.id);
    f.items.forEach((item, i) => {
      const position = i + 1;
      if (!item.id) {
        requireActiveUser(sql, item.responsibleUserId, `items.${i}.responsibleUserId`, `第 ${position} 项的责任人`);
        insertItem(sql, req.id, position, f, item, today, at);
        return;
      }
      const old = before.items.find((o) => o.id === item.id);
      if (!old) throw validationError(`items.${i}`, `第 ${position} 项不属于该项目`);
      if (old.responsible_user_id !== item.responsibleUserId) {
        throw validationError(`items.${i}.responsibleUserId`, `第 ${position} 项的责任人不能在此直接更换：请办理“工作交接”，交接记录会保留在项目中`);
      }
      const status = followingStatus(old.status, item.amountFen, old.paid_fen, item.dueOn, today);
      sql.run(
        `UPDATE promise_items SET position = ?, type = ?, content = ?, amount_fen = ?, due_on = ?, conditions = ?, department = ?, status = ?,
           project_name = ?, enterprise_name = ?, enterprise_uscc = ?, agreement_no = ?, enterprise_sort = ?, updated_at = ? WHERE id = ?`,
        position, item.type, item.content, item.amountFen, item.dueOn, item.conditions, item.department, status,
        f.projectName, f.enterpriseName, f.enterpriseUscc.toUpperCase(), f.agreementNo, nameSortKey(f.enterpriseName), at, item.id,
      );
    });
    const after = commitVersion(sql, before, at, actor, { action: 'edit' });
    discardDraftInTx(sql, actor, req.draftKey);
    return detail(deps, after, actor.displayName);
  });
}

export interface HandoverRequest {
  handedOn: string;
  fromUserId: string;
  toUserId: string;
  reason: string;
  department: string | null;
}

/** Move every open item of `from` in one project to `to`, with its handover entry. Returns how many moved. */
function handOverInProject(sql: WriteSql, project: ProjectWithParts, actor: Actor, req: HandoverRequest, at: string): number {
  const open = project.items.filter((i) => i.responsible_user_id === req.fromUserId && OPEN_PROMISE_STATUSES.includes(i.status));
  if (open.length === 0) return 0;
  for (const item of open) {
    sql.run(
      `UPDATE promise_items SET responsible_user_id = ?, department = coalesce(?, department), updated_at = ? WHERE id = ?`,
      req.toUserId, req.department, at, item.id,
    );
  }
  sql.run(
    `INSERT INTO promise_handovers (id, project_id, handed_on, from_user_id, to_user_id, department, reason, items_moved, recorded_at, recorded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    randomUUID(), project.id, req.handedOn, req.fromUserId, req.toUserId, req.department, req.reason, open.length, at, actor.id,
  );
  return open.length;
}

function checkHandover(sql: ReadSql, deps: ServiceDeps, req: HandoverRequest): { fromName: string; toName: string } {
  if (req.handedOn > todayIso(deps.now())) throw validationError('handedOn', '交接日期不能晚于今天');
  if (req.fromUserId === req.toUserId) throw validationError('toUserId', '接手责任人不能与原责任人相同');
  const from = sql.get<{ display_name: string }>(`SELECT display_name FROM users WHERE id = ?`, req.fromUserId);
  if (!from) throw validationError('fromUserId', '原责任人不是本台账的用户');
  const toName = requireActiveUser(sql, req.toUserId, 'toUserId', '接手责任人');
  return { fromName: from.display_name, toName };
}

/**
 * A handover in one project: every open item the predecessor answers for moves to the successor, with a dated
 * entry (date, from, to, reason, who recorded it) kept in the project's history. Settled items keep the person
 * who answered for them.
 */
export async function handOverProject(deps: ServiceDeps, actor: Actor, req: HandoverRequest & { projectId: string; expectedVersion: number }): Promise<ProjectDetail> {
  requirePermission(actor, 'promises.edit');
  return deps.db.write((sql) => {
    const before = requireProject(sql, req.projectId);
    requireVersion(PROMISE_VERSIONING, before, req.expectedVersion);
    const { fromName, toName } = checkHandover(sql, deps, req);
    const at = isoNow(deps);
    const moved = handOverInProject(sql, before, actor, req, at);
    if (moved === 0) throw validationError('fromUserId', `“${fromName}”在该项目中没有未办结的承诺事项，无需交接`);
    const after = commitVersion(sql, before, at, actor, { action: 'handover', reason: `${fromName} → ${toName}：${req.reason}`, date: req.handedOn });
    return detail(deps, after, actor.displayName);
  });
}

/** Every open item a person answers for, in every project, to the successor (before the person leaves or is disabled). */
export async function handOverAll(deps: ServiceDeps, actor: Actor, req: HandoverRequest): Promise<{ projects: number; items: number }> {
  requirePermission(actor, 'promises.edit');
  return deps.db.write((sql) => {
    const { fromName, toName } = checkHandover(sql, deps, req);
    const at = isoNow(deps);
    const projectIds = sql.all<{ project_id: string }>(
      `SELECT DISTINCT project_id FROM promise_items WHERE responsible_user_id = ? AND status IN ${OPEN_SQL}`, req.fromUserId,
    );
    let items = 0;
    for (const { project_id } of projectIds) {
      const before = loadProject(sql, project_id)!;
      items += handOverInProject(sql, before, actor, req, at);
      commitVersion(sql, before, at, actor, { action: 'handover', reason: `${fromName} → ${toName}：${req.reason}`, date: req.handedOn });
    }
    if (items === 0) throw validationError('fromUserId', `“${fromName}”没有未办结的承诺事项，无需交接`);
    return { projects: projectIds.length, items };
  });
}

/** How many open items a user answers for (the disable guard and the workbench). */
export function openItemsOf(sql: ReadSql, userId: string): number {
  return sql.get<{ n: number }>(`SELECT count(*) AS n FROM promise_items WHERE responsible_user_id = ? AND status IN ${OPEN_SQL}`, userId)!.n;
}

/** The users service asks before disabling someone: nobody who still answers for open promises leaves without a handover. */
export function promiseDisableGuard(sql: ReadSql, userId: string, displayName: string): string | null {
  const n = openItemsOf(sql, userId);
  return n === 0 ? null : `“${displayName}”仍是 ${n} 项未办结招商引资承诺的责任人，请先在“招商引资承诺 → 工作交接”中将其交接给接手人员，再停用账号`;
}

export interface PaymentRequest {
  projectId: string;
  expectedVersion: number;
  itemId: string;
  paidOn: string;
  amountFen: number;
  voucherNo: string;
  voucher?: { fileName: string; bytes: Buffer };
  confirmedOver?: boolean;
}

/**
 * A payment (兑现记录) against an item, with its voucher filed as an attachment in the same transaction; the
 * item's paid amount and status follow. A payment that takes the item over its promised amount is refused
 * unless the clerk confirmed it.
 */
export async function recordPayment(deps: ServiceDeps, actor: Actor, req: PaymentRequest): Promise<ProjectDetail> {
  requirePermission(actor, 'promises.edit');
  const today = todayIso(deps.now());
  if (req.paidOn > today) throw validationError('paidOn', '兑现日期不能晚于今天');
  // The voucher's bytes are stored under their hash before the transaction; a refused payment leaves only an unreferenced file.
  const stored: StoredFile | null = req.voucher ? storeAttachmentBytes(deps, req.voucher.fileName, req.voucher.bytes) : null;
  return deps.db.write((sql) => {
    const before = requireProject(sql, req.projectId);
    requireVersion(PROMISE_VERSIONING, before, req.expectedVersion);
    const item = requireItem(before, req.itemId);
    if (item.status === 'adjusted') throw validationError('amountFen', '该事项已调整补偿，不再登记兑现');
    const paid = item.paid_fen + req.amountFen;
    const over = paid > item.amount_fen;
    if (over && !req.confirmedOver) {
      throw new AppError(
        ERROR_CODES.exceedsAmount,
        `本次兑现 ${formatFen(req.amountFen)} 元后累计 ${formatFen(paid)} 元，超过承诺金额 ${formatFen(item.amount_fen)} 元（超出 ${formatFen(paid - item.amount_fen)} 元）。确属超额兑现的，请确认后再保存`,
        'amountFen',
      );
    }
    const at = isoNow(deps);
    const voucher = stored ? insertAttachment(sql, at, actor, { entity: 'investment_promise', entityId: before.id }, stored) : null;
    sql.run(
      `INSERT INTO promise_payments (id, item_id, project_id, paid_on, amount_fen, voucher_no, voucher_attachment_id, over_confirmed, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      randomUUID(), item.id, before.id, req.paidOn, req.amountFen, req.voucherNo, voucher?.id ?? null, over ? 1 : 0, at, actor.id,
    );
    const status = followingStatus(item.status, item.amount_fen, paid, item.due_on, today);
    sql.run(`UPDATE promise_items SET paid_fen = ?, status = ?, updated_at = ? WHERE id = ?`, paid, status, at, item.id);
    const after = commitVersion(sql, before, at, actor, {
      action: 'pay', reason: `第 ${item.position} 项兑现 ${formatFen(req.amountFen)} 元（凭证 ${req.voucherNo}）${over ? '，超额已确认' : ''}`, date: req.paidOn,
    });
    return detail(deps, after, actor.displayName);
  });
}

/** A decision on an item (调整补偿, 登记争议, 争议已解决): the machine says which, by whom, with what. */
export async function transitionItem(
  deps: ServiceDeps, actor: Actor, req: MoveRequest & { projectId: string; expectedVersion: number; itemId: string },
): Promise<ProjectDetail> {
  return deps.db.write((sql) => {
    const before = requireProject(sql, req.projectId);
    requireVersion(PROMISE_VERSIONING, before, req.expectedVersion);
    const item = requireItem(before, req.itemId);
    const today = todayIso(deps.now());
    const move = checkMove(PROMISE_MACHINE, actor, {
      status: item.status,
      previousStatus: item.previous_status,
      isFilled: () => true,
      fieldLabel: (f) => ITEM_FIELD_LABELS[f],
      today,
      computed: () => paymentStatus(item.amount_fen, item.paid_fen, item.due_on, today),
    }, req);
    const at = isoNow(deps);
    const action = move.transition.action;
    if (action === 'adjust') {
      sql.run(`UPDATE promise_items SET status = ?, previous_status = ?, adjust_basis = ?, compensation_fen = ?, decided_on = ?, updated_at = ? WHERE id = ?`,
        move.to, item.status, move.reason, move.amountFen, move.date, at, item.id);
    } else if (action === 'dispute') {
      sql.run(
        `UPDATE promise_items SET status = ?, previous_status = ?, dispute_route = ?, dispute_case_no = ?, decided_on = ?,
           resolution_way = 'legalRoute', resolution_on = ?, updated_at = ? WHERE id = ?`,
        move.to, item.status, move.choice, move.reference, move.date, move.date, at, item.id,
      );
    } else {
      sql.run(`UPDATE promise_items SET status = ?, previous_status = ?, resolution_way = NULL, resolution_on = NULL, decided_on = ?, updated_at = ? WHERE id = ?`,
        move.to, item.status, move.date, at, item.id);
    }
    const detailText = [move.choice, move.reference && `案号 ${move.reference}`, move.amountFen !== null && `补偿 ${formatFen(move.amountFen)} 元`, move.reason]
      .filter(Boolean).join('；');
    const after = commitVersion(sql, before, at, actor, { action, reason: `第 ${item.position} 项：${detailText}`, date: move.date });
    return detail(deps, after, actor.displayName);
  });
}

/** Seed 002 §8: how an unpaid item will be settled — pay by a deadline, or a payment plan with a date. */
export async function setItemWay(
  deps: ServiceDeps, actor: Actor, req: { projectId: string; expectedVersion: number; itemId: string; way: ResolutionWay | null; date: string | null },
): Promise<ProjectDetail> {
  requirePermission(actor, 'promises.edit');
  return deps.db.write((sql) => {
    const before = requireProject(sql, req.projectId);
    requireVersion(PROMISE_VERSIONING, before, req.expectedVersion);
    const item = requireItem(before, req.itemId);
    if (SETTLED_PROMISE_STATUSES.includes(item.status)) throw validationError('way', `该事项${PROMISE_STATUS_LABELS[item.status]}，无需设定兑现路径`);
    if (item.status === 'disputed') throw validationError('way', '有争议的事项通过法律途径解决；争议解决后再设定兑现路径');
    if (req.way === 'legalRoute') throw validationError('way', '法律途径请通过“登记争议”填写解决途径和案号');
    if (req.way && !req.date) throw validationError('date', req.way === 'payByDeadline' ? '请填写兑现时限' : '请填写兑现方案确定的兑现时限');
    const at = isoNow(deps);
    sql.run(`UPDATE promise_items SET resolution_way = ?, resolution_on = ?, updated_at = ? WHERE id = ?`, req.way, req.way ? req.date : null, at, item.id);
    const after = commitVersion(sql, before, at, actor, { action: 'setWay', reason: `第 ${item.position} 项`, date: req.date });
    return detail(deps, after, actor.displayName);
  });
}

/** Items whose due date has passed while unpaid become 逾期未兑现, as versions by the system (at start and midnight). */
export const PROMISE_DERIVED_PARTS: DerivedParts<ProjectWithParts> = {
  table: 'promise_items',
  ownerColumn: 'project_id',
  owner: PROMISE_VERSIONING,
  write: (sql, owner, partIds, to, at, author: NonUserAuthor) => {
    for (const id of partIds) sql.run(`UPDATE promise_items SET status = ?, previous_status = status, updated_at = ? WHERE id = ?`, to, at, id);
    const statuses = sql.all<{ status: PromiseStatus }>(`SELECT status FROM promise_items WHERE project_id = ?`, owner.id);
    sql.run(`UPDATE promise_projects SET status = ?, version = version + 1, updated_at = ?, updated_by = NULL WHERE id = ?`, projectStatusOf(statuses), at, owner.id);
    void author;
    return loadProject(sql, owner.id)!;
  },
  load: (sql, id) => loadProject(sql, id),
};

export function applyPromiseDerivedStates(sql: WriteSql, today: string, at: string): number {
  return applyDerivedPartStates(sql, PROMISE_DERIVED_PARTS, PROMISE_MACHINE, today, at);
}
