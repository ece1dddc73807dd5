import type { Escalation, NoticeFields, NoticeSnapshot, NoticeSourceKind, NoticeStatus } from '../../../shared/domain/notices';
import type { NoticeDetail, NoticeRow } from '../../../shared/contract/notices';

/** A row of `rectification_notices` as SQLite returns it. */
export interface NoticeDbRow {
  seq: number;
  id: string;
  version: number;
  status: NoticeStatus;
  source_kind: NoticeSourceKind;
  source_id: string | null;
  title: string;
  addressee: string;
  addressee_uscc: string | null;
  addressee_sort: string;
  facts: string;
  amount_fen: number | null;
  basis_json: string;
  requirements: string;
  deadline: string | null;
  reply_method: string;
  issuing_office: string;
  cc: string;
  number_office: string | null;
  number_prefix: string | null;
  number_year: number | null;
  number_seq: number | null;
  number_text: string | null;
  issued_on: string | null;
  issued_at: string | null;
  issued_by: string | null;
  reply_on: string | null;
  reply_summary: string | null;
  verified_on: string | null;
  verify_note: string | null;
  void_reason: string | null;
  escalations_json: string;
  print_count: number;
  pdf_count: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string | null;
}

/** Field → column of the drafted fields (basis is kept as JSON). */
export const NOTICE_COLUMNS = {
  title: 'title',
  addressee: 'addressee',
  addresseeUscc: 'addressee_uscc',
  facts: 'facts',
  amountFen: 'amount_fen',
  basis: 'basis_json',
  requirements: 'requirements',
  deadline: 'deadline',
  replyMethod: 'reply_method',
  issuingOffice: 'issuing_office',
  cc: 'cc',
} as const satisfies Record<keyof NoticeFields, keyof NoticeDbRow>;

export const NOTICE_FIELD_NAMES = Object.keys(NOTICE_COLUMNS) as Array<keyof NoticeFields>;

export function fieldsOf(row: NoticeDbRow): NoticeFields {
  return {
    title: row.title, addressee: row.addressee, addresseeUscc: row.addressee_uscc, facts: row.facts, amountFen: row.amount_fen,
    basis: JSON.parse(row.basis_json) as string[], requirements: row.requirements, deadline: row.deadline,
    replyMethod: row.reply_method, issuingOffice: row.issuing_office, cc: row.cc,
  };
}

/** The value stored in a field's column. */
export function columnValue(fields: NoticeFields, field: keyof NoticeFields): unknown {
  return field === 'basis' ? JSON.stringify(fields.basis) : fields[field];
}

export const escalationsOf = (row: NoticeDbRow): Escalation[] => JSON.parse(row.escalations_json) as Escalation[];

/** What a version, an audit entry and an upload item carry (print counts are not part of the notice's content). */
export function snapshotOf(row: NoticeDbRow): NoticeSnapshot {
  return {
    ...fieldsOf(row),
    status: row.status, sourceKind: row.source_kind, sourceId: row.source_id,
    number: row.number_text, numberYear: row.number_year, numberSeq: row.number_seq, issuedOn: row.issued_on,
    replyOn: row.reply_on, replySummary: row.reply_summary, verifiedOn: row.verified_on, verifyNote: row.verify_note,
    voidReason: row.void_reason, escalations: escalationsOf(row),
  };
}

export function toListRow(row: NoticeDbRow): NoticeRow {
  return {
    id: row.id, version: row.version, status: row.status, sourceKind: row.source_kind, sourceId: row.source_id,
    number: row.number_text, numberYear: row.number_year, title: row.title, addressee: row.addressee, deadline: row.deadline,
    issuedOn: row.issued_on, amountFen: row.amount_fen, printCount: row.print_count, pdfCount: row.pdf_count, updatedAt: row.updated_at,
  };
}

export function toDetail(row: NoticeDbRow, names: Map<string, string>): NoticeDetail {
  return {
    ...snapshotOf(row),
    id: row.id, version: row.version, printCount: row.print_count, pdfCount: row.pdf_count,
    createdAt: row.created_at, createdByName: names.get(row.created_by) ?? '', updatedAt: row.updated_at,
    issuedByName: row.issued_by ? (names.get(row.issued_by) ?? '') : null,
  };
}
