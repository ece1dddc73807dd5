import type { RecordFields } from '../../../shared/domain/recordSchema';
import type { RecordStatus, SubjectType } from '../../../shared/domain/dishonesty';
import type { RecordDetail, RecordRow } from '../../../shared/contract/records';
import { maskIdNumber } from '../../../shared/validation/mask';
import { normalizeText } from '../../../shared/validation/text';
import { fieldsFromRow } from '../ledger/fieldColumns';

/** A row of `dishonesty_records` as SQLite returns it. */
export interface RecordDbRow {
  seq: number;
  id: string;
  version: number;
  status: RecordStatus;
  previous_status: RecordStatus | null;
  locked: 0 | 1;
  subject_type: SubjectType;
  unit_name: string;
  unit_uscc: string | null;
  person_name: string | null;
  person_id_number: string | null;
  person_position: string | null;
  situation: RecordFields['situation'];
  sector: RecordFields['sector'];
  clue_source: RecordFields['clueSource'];
  facts: string;
  doc_name: string | null;
  doc_number: string | null;
  recognised_on: string | null;
  doc_authority: string | null;
  amount_fen: number | null;
  happened_on: string;
  severity: RecordFields['severity'];
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  approved_at: string | null;
  approved_by: string | null;
}

/** Column ↔ field, in the order of DOMAIN.md §1. */
export const FIELD_COLUMNS = {
  subjectType: 'subject_type',
  unitName: 'unit_name',
  unitUscc: 'unit_uscc',
  personName: 'person_name',
  personIdNumber: 'person_id_number',
  personPosition: 'person_position',
  situation: 'situation',
  sector: 'sector',
  clueSource: 'clue_source',
  facts: 'facts',
  docName: 'doc_name',
  docNumber: 'doc_number',
  recognisedOn: 'recognised_on',
  docAuthority: 'doc_authority',
  amountFen: 'amount_fen',
  happenedOn: 'happened_on',
  severity: 'severity',
} as const satisfies Record<keyof RecordFields, keyof RecordDbRow>;

export const FIELD_NAMES = Object.keys(FIELD_COLUMNS) as Array<keyof RecordFields>;

export const fieldsOf = (row: RecordDbRow) => fieldsFromRow<RecordFields>(row, FIELD_COLUMNS);

/**
 * A unit subject has no person fields; stored values are cleaned so the two kinds never mix. Document
 * numbers are stored with half-width brackets and digits, so （2024） and (2024) are the same number.
 */
export function cleanFields(input: RecordFields): RecordFields {
  const fields = { ...input, docNumber: input.docNumber === null ? null : normalizeText(input.docNumber) };
  return fields.subjectType === 'unit' ? { ...fields, personName: null, personIdNumber: null, personPosition: null } : fields;
}

/** What a version, an audit entry and an upload item carry: the fields and the life-cycle state. */
export function snapshotOf(row: RecordDbRow) {
  return {
    ...fieldsOf(row),
    status: row.status,
    previousStatus: row.previous_status,
    locked: Boolean(row.locked),
    approvedAt: row.approved_at,
  };
}
export type RecordSnapshot = ReturnType<typeof snapshotOf>;

export const subjectNameOf = (r: Pick<RecordDbRow, 'subject_type' | 'unit_name' | 'person_name'>) =>
  r.subject_type === 'person' ? (r.person_name ?? '') : r.unit_name;

export function toListRow(r: RecordDbRow): RecordRow {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    locked: Boolean(r.locked),
    subjectType: r.subject_type,
    subjectName: subjectNameOf(r),
    unitName: r.unit_name,
    unitUscc: r.unit_uscc,
    personIdMasked: r.person_id_number ? maskIdNumber(r.person_id_number) : null,
    situation: r.situation,
    sector: r.sector,
    clueSource: r.clue_source,
    severity: r.severity,
    happenedOn: r.happened_on,
    recognisedOn: r.recognised_on,
    docNumber: r.doc_number,
    amountFen: r.amount_fen,
    updatedAt: r.updated_at,
  };
}

export function toDetail(r: RecordDbRow, names: Map<string, string>, identityVisible: boolean): RecordDetail {
  const fields = fieldsOf(r);
  return {
    ...fields,
    personIdNumber: fields.personIdNumber && !identityVisible ? maskIdNumber(fields.personIdNumber) : fields.personIdNumber,
    id: r.id,
    version: r.version,
    status: r.status,
    previousStatus: r.previous_status,
    locked: Boolean(r.locked),
    identityVisible,
    createdAt: r.created_at,
    createdByName: names.get(r.created_by) ?? '',
    updatedAt: r.updated_at,
    updatedByName: names.get(r.updated_by) ?? '',
    approvedAt: r.approved_at,
    approvedByName: r.approved_by ? (names.get(r.approved_by) ?? '') : null,
  };
}
