import type { CommitmentDetail, CommitmentRow } from '../../../shared/contract/commitments';
import type { CommitmentStatus } from '../../../shared/domain/commitments';
import type { CommitmentFields, SupervisionEntry } from '../../../shared/domain/commitmentSchema';
import { normalizeCode, normalizeText } from '../../../shared/validation/text';
import { fieldsFromRow } from '../ledger/fieldColumns';

/** A row of `public_commitments` as SQLite returns it. */
export interface CommitmentDbRow {
  seq: number;
  id: string;
  version: number;
  status: CommitmentStatus;
  locked: 0 | 1;
  unit_name: string;
  unit_uscc: string;
  number: string;
  title: string;
  content: string;
  commitment_type: CommitmentFields['commitmentType'];
  service_area: CommitmentFields['serviceArea'];
  target: string | null;
  department: string;
  responsible_person: string;
  publish_channel: CommitmentFields['publishChannel'];
  published_on: string;
  due_on: string;
  outcome_on: string | null;
  outcome_note: string | null;
  outcome_detail: string | null;
  outcome_approver: string | null;
  supervision_json: string;
  unit_sort: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  confirmed_at: string | null;
  confirmed_by: string | null;
}

/** Column ↔ field, in the order of DOMAIN.md §2. */
export const FIELD_COLUMNS = {
  unitName: 'unit_name',
  unitUscc: 'unit_uscc',
  number: 'number',
  title: 'title',
  content: 'content',
  commitmentType: 'commitment_type',
  serviceArea: 'service_area',
  target: 'target',
  department: 'department',
  responsiblePerson: 'responsible_person',
  publishChannel: 'publish_channel',
  publishedOn: 'published_on',
  dueOn: 'due_on',
} as const satisfies Record<keyof CommitmentFields, keyof CommitmentDbRow>;

export const FIELD_NAMES = Object.keys(FIELD_COLUMNS) as Array<keyof CommitmentFields>;

export const fieldsOf = (row: CommitmentDbRow) => fieldsFromRow<CommitmentFields>(row, FIELD_COLUMNS);

/** Codes in capitals without spaces, numbers with half-width brackets and digits: （2024）1号 and (2024)1号 are one number. */
export function cleanFields(input: CommitmentFields): CommitmentFields {
  return { ...input, unitUscc: normalizeCode(input.unitUscc).toUpperCase(), number: normalizeText(input.number) };
}

export const supervisionOf = (row: Pick<CommitmentDbRow, 'supervision_json'>): SupervisionEntry[] => JSON.parse(row.supervision_json) as SupervisionEntry[];

/** What a version, an audit entry and an upload item carry (commitmentUploadSchema is its shape). */
export function snapshotOf(row: CommitmentDbRow) {
  return {
    ...fieldsOf(row),
    status: row.status,
    locked: Boolean(row.locked),
    outcomeOn: row.outcome_on,
    outcomeNote: row.outcome_note,
    outcomeDetail: row.outcome_detail,
    outcomeApprover: row.outcome_approver,
    supervision: supervisionOf(row),
  };
}

export function toListRow(r: CommitmentDbRow): CommitmentRow {
  const log = supervisionOf(r);
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    locked: Boolean(r.locked),
    unitName: r.unit_name,
    number: r.number,
    title: r.title,
    commitmentType: r.commitment_type,
    serviceArea: r.service_area,
    department: r.department,
    responsiblePerson: r.responsible_person,
    publishedOn: r.published_on,
    dueOn: r.due_on,
    checks: log.filter((e) => e.kind === 'check').length,
    complaints: log.filter((e) => e.kind === 'complaint').length,
    updatedAt: r.updated_at,
  };
}

export function toDetail(r: CommitmentDbRow, names: Map<string, string>): CommitmentDetail {
  return {
    ...fieldsOf(r),
    id: r.id,
    version: r.version,
    status: r.status,
    locked: Boolean(r.locked),
    outcomeOn: r.outcome_on,
    outcomeNote: r.outcome_note,
    outcomeDetail: r.outcome_detail,
    outcomeApprover: r.outcome_approver,
    supervision: supervisionOf(r),
    createdAt: r.created_at,
    createdByName: names.get(r.created_by) ?? '',
    updatedAt: r.updated_at,
    updatedByName: names.get(r.updated_by) ?? '',
    confirmedAt: r.confirmed_at,
    confirmedByName: r.confirmed_by ? (names.get(r.confirmed_by) ?? '') : null,
  };
}
