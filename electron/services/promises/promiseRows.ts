import type { ReadSql } from '../../db/database';
import type { HandoverView, ItemView, PaymentView, ProjectDetail, PromiseRow } from '../../../shared/contract/promises';
import type { Attachment } from '../../../shared/contract/ledger';
import { effectiveWay, type DisputeRoute, type PromiseStatus, type PromiseType, type ResolutionWay } from '../../../shared/domain/promises';
import { attachmentState, type AttachmentStore } from '../files/attachments';

/** A stored project (promise_projects). */
export interface ProjectDbRow {
  seq: number;
  id: string;
  version: number;
  status: PromiseStatus;
  project_name: string;
  enterprise_name: string;
  enterprise_uscc: string;
  agreement_no: string;
  signed_on: string;
  signing_body: string;
  collective_decision: number;
  decision_ref: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string | null;
}

/** A stored promise item (promise_items). */
export interface ItemDbRow {
  seq: number;
  id: string;
  project_id: string;
  position: number;
  type: PromiseType;
  content: string;
  amount_fen: number;
  due_on: string;
  conditions: string | null;
  department: string;
  responsible_user_id: string;
  status: PromiseStatus;
  previous_status: PromiseStatus | null;
  paid_fen: number;
  resolution_way: ResolutionWay | null;
  resolution_on: string | null;
  adjust_basis: string | null;
  compensation_fen: number | null;
  dispute_route: DisputeRoute | null;
  dispute_case_no: string | null;
  decided_on: string | null;
  record_id: string | null;
  project_name: string;
  enterprise_name: string;
  enterprise_uscc: string;
  agreement_no: string;
  enterprise_sort: string;
  updated_at: string;
}

export interface PaymentDbRow {
  id: string;
  item_id: string;
  project_id: string;
  paid_on: string;
  amount_fen: number;
  voucher_no: string;
  voucher_attachment_id: string | null;
  over_confirmed: number;
  recorded_at: string;
  recorded_by: string;
}

export interface HandoverDbRow {
  id: string;
  project_id: string;
  handed_on: string;
  from_user_id: string;
  to_user_id: string;
  department: string | null;
  reason: string;
  items_moved: number;
  recorded_at: string;
  recorded_by: string;
}

/** A project with its parts: what a version, an audit entry and an upload item carry. */
export interface ProjectWithParts extends ProjectDbRow {
  items: ItemDbRow[];
  payments: PaymentDbRow[];
  handovers: HandoverDbRow[];
  /** user id → display name, for the snapshot's names. */
  names: Map<string, string>;
  /** attachment id → sha256 of each voucher. */
  vouchers: Map<string, { sha256: string; fileName: string; size: number; addedAt: string; addedBy: string }>;
}

export function userNames(sql: ReadSql): Map<string, string> {
  return new Map(sql.all<{ id: string; display_name: string }>(`SELECT id, display_name FROM users`).map((u) => [u.id, u.display_name]));
}

export function loadProject(sql: ReadSql, id: string): ProjectWithParts | undefined {
  const row = sql.get<ProjectDbRow>(`SELECT * FROM promise_projects WHERE id = ?`, id);
  if (!row) return undefined;
  const items = sql.all<ItemDbRow>(`SELECT * FROM promise_items WHERE project_id = ? ORDER BY position`, id);
  const payments = sql.all<PaymentDbRow>(`SELECT * FROM promise_payments WHERE project_id = ? ORDER BY paid_on, seq`, id);
  const handovers = sql.all<HandoverDbRow>(`SELECT * FROM promise_handovers WHERE project_id = ? ORDER BY seq`, id);
  const vouchers = new Map(
    sql
      .all<{ id: string; sha256: string; file_name: string; size: number; added_at: string; added_by: string }>(
        `SELECT id, sha256, file_name, size, added_at, added_by FROM attachments WHERE entity = 'investment_promise' AND entity_id = ?`, id,
      )
      .map((a) => [a.id, { sha256: a.sha256, fileName: a.file_name, size: a.size, addedAt: a.added_at, addedBy: a.added_by }]),
  );
  return { ...row, items, payments, handovers, names: userNames(sql), vouchers };
}

/** The project's fields as the form and the upload schema name them. */
export function projectFieldsOf(row: ProjectDbRow) {
  return {
    projectName: row.project_name,
    enterpriseName: row.enterprise_name,
    enterpriseUscc: row.enterprise_uscc,
    agreementNo: row.agreement_no,
    signedOn: row.signed_on,
    signingBody: row.signing_body,
    collectiveDecision: row.collective_decision === 1,
    decisionRef: row.decision_ref,
  };
}

/** What a version, an audit entry and an upload item (investment_promise) carry: the whole project. */
export function snapshotOf(p: ProjectWithParts): Record<string, unknown> {
  const name = (id: string) => p.names.get(id) ?? id;
  return {
    ...projectFieldsOf(p),
    status: p.status,
    items: (p.items ?? []).map((i) => ({
      id: i.id, type: i.type, content: i.content, amountFen: i.amount_fen, dueOn: i.due_on, conditions: i.conditions,
      department: i.department, responsibleUserId: i.responsible_user_id, responsibleName: name(i.responsible_user_id),
      status: i.status, paidFen: i.paid_fen, resolutionWay: effectiveWay(i.status, i.resolution_way), resolutionOn: i.resolution_on,
      adjustBasis: i.adjust_basis, compensationFen: i.compensation_fen, disputeRoute: i.dispute_route, disputeCaseNo: i.dispute_case_no,
      decidedOn: i.decided_on, recordId: i.record_id,
    })),
    handovers: (p.handovers ?? []).map((h) => ({
      id: h.id, handedOn: h.handed_on, fromUserId: h.from_user_id, fromName: name(h.from_user_id), toUserId: h.to_user_id, toName: name(h.to_user_id),
      department: h.department, reason: h.reason, itemsMoved: h.items_moved,
    })),
    payments: (p.payments ?? []).map((pay) => ({
      id: pay.id, itemId: pay.item_id, paidOn: pay.paid_on, amountFen: pay.amount_fen, voucherNo: pay.voucher_no,
      voucherSha256: pay.voucher_attachment_id ? (p.vouchers?.get(pay.voucher_attachment_id)?.sha256 ?? null) : null,
      overConfirmed: pay.over_confirmed === 1,
    })),
  };
}

export function toDetail(p: ProjectWithParts, store: AttachmentStore, lastAuthorName: string): ProjectDetail {
  const name = (id: string | null) => (id ? (p.names.get(id) ?? '') : '');
  const voucherOf = (id: string | null): Attachment | null => {
    const v = id ? p.vouchers.get(id) : undefined;
    if (!id || !v) return null;
    return { id, fileName: v.fileName, size: v.size, sha256: v.sha256, addedAt: v.addedAt, addedByName: name(v.addedBy), state: attachmentState(store, v.sha256) };
  };
  const payments = (itemId: string): PaymentView[] =>
    p.payments.filter((pay) => pay.item_id === itemId).map((pay) => ({
      id: pay.id, paidOn: pay.paid_on, amountFen: pay.amount_fen, voucherNo: pay.voucher_no, voucher: voucherOf(pay.voucher_attachment_id),
      overConfirmed: pay.over_confirmed === 1, recordedAt: pay.recorded_at, recordedByName: name(pay.recorded_by),
    }));
  const items: ItemView[] = p.items.map((i) => ({
    id: i.id, position: i.position, type: i.type, content: i.content, amountFen: i.amount_fen, dueOn: i.due_on, conditions: i.conditions,
    department: i.department, responsibleUserId: i.responsible_user_id, responsibleName: name(i.responsible_user_id), status: i.status,
    paidFen: i.paid_fen, way: effectiveWay(i.status, i.resolution_way), wayDate: i.resolution_on, adjustBasis: i.adjust_basis,
    compensationFen: i.compensation_fen, disputeRoute: i.dispute_route, disputeCaseNo: i.dispute_case_no, decidedOn: i.decided_on,
    recordId: i.record_id, payments: payments(i.id),
  }));
  const handovers: HandoverView[] = p.handovers.map((h) => ({
    id: h.id, handedOn: h.handed_on, fromUserId: h.from_user_id, fromName: name(h.from_user_id), toUserId: h.to_user_id, toName: name(h.to_user_id),
    department: h.department, reason: h.reason, itemsMoved: h.items_moved, recordedAt: h.recorded_at, recordedByName: name(h.recorded_by),
  }));
  return {
    ...projectFieldsOf(p), id: p.id, version: p.version, status: p.status, items, handovers,
    createdAt: p.created_at, createdByName: name(p.created_by), updatedAt: p.updated_at, updatedByName: lastAuthorName || name(p.updated_by),
  };
}

/** One line of the items list. */
export function toListRow(i: ItemDbRow & { responsible_name?: string }): PromiseRow {
  return {
    id: i.id, projectId: i.project_id, projectName: i.project_name, enterpriseName: i.enterprise_name, enterpriseUscc: i.enterprise_uscc,
    agreementNo: i.agreement_no, type: i.type, content: i.content, amountFen: i.amount_fen, paidFen: i.paid_fen, dueOn: i.due_on,
    status: i.status, way: effectiveWay(i.status, i.resolution_way), wayDate: i.resolution_on, department: i.department,
    responsibleName: i.responsible_name ?? '', updatedAt: i.updated_at,
  };
}
