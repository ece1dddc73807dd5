import type { ReadSql } from '../../db/database';
import { RECORD_STATUS_LABELS, type RecordStatus, type SubjectType } from '../../../shared/domain/dishonesty';
import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import { normalizeText } from '../../../shared/validation/text';
import type { Actor, ServiceDeps } from '../context';
import { subjectNameOf, type RecordDbRow } from './recordRow';
import { identityVisibleTo } from './recordsService';

/** A subject and a 认定文书编号 to check: the same pair twice is the same decision recorded twice. */
export interface DuplicateQuery {
  subjectType: SubjectType;
  unitUscc?: string | null;
  personIdNumber?: string | null;
  docNumber: string | null;
  excludeId?: string;
}

export interface DuplicateRecord {
  /** Null for a user who may not open it (a person whose identity number this user may not see). */
  id: string | null;
  subjectName: string;
  docNumber: string;
  status: RecordStatus;
}

const PERSON_HIDDEN = '（个人，姓名不予显示）';

/**
 * Records of the same subject with the same 认定文书编号. A person's name is named only to users who may see
 * that person's identity number: the check must not tell a clerk whose number it was.
 */
export function findDuplicateRecords(sql: ReadSql, actor: Actor, q: DuplicateQuery): DuplicateRecord[] {
  const docNumber = normalizeText(q.docNumber);
  if (!docNumber) return [];
  const rows =
    q.subjectType === 'unit'
      ? q.unitUscc
        ? sql.all<RecordDbRow>(`SELECT * FROM dishonesty_records WHERE unit_uscc = ? AND subject_type = 'unit' AND doc_number = ?`, q.unitUscc, docNumber)
        : []
      : q.personIdNumber
        ? sql.all<RecordDbRow>(`SELECT * FROM dishonesty_records WHERE person_id_number = ? AND doc_number = ?`, q.personIdNumber, docNumber)
        : [];
  return rows
    .filter((r) => r.id !== q.excludeId)
    .map((r) => {
      const hidden = r.subject_type === 'person' && !identityVisibleTo(actor, r);
      return { id: hidden ? null : r.id, subjectName: hidden ? PERSON_HIDDEN : subjectNameOf(r), docNumber: r.doc_number ?? '', status: r.status };
    });
}

/** The warning the form shows, and the service's refusal of an unconfirmed save. */
export function duplicateReason(q: Pick<DuplicateQuery, 'subjectType'>, duplicates: readonly DuplicateRecord[]): string {
  const first = duplicates[0];
  const subject = q.subjectType === 'person' ? '该人员' : '该单位';
  const more = duplicates.length > 1 ? `等 ${duplicates.length} 条` : '';
  return `与已有记录重复：${subject}已有认定文书编号相同的失信记录（${first.subjectName}，${RECORD_STATUS_LABELS[first.status] ?? first.status}）${more}。请核对；确属另一事项时，确认后再保存`;
}

/** How many identity-number checks one user may make in a minute: a form needs a few, enumeration thousands. */
export const IDENTITY_CHECKS_PER_MINUTE = 30;
const identityChecks = new Map<string, number[]>();

/**
 * The duplicate check by identity number answers whether a person with that number has a record, so it is
 * an oracle for anyone who tries numbers one by one: a user gets a few dozen checks a minute, no more.
 */
function limitIdentityChecks(actor: Actor, now: number): void {
  const recent = (identityChecks.get(actor.id) ?? []).filter((t) => now - t < 60_000);
  if (recent.length >= IDENTITY_CHECKS_PER_MINUTE) {
    const wait = Math.ceil((60_000 - (now - recent[0])) / 1000);
    throw new AppError(ERROR_CODES.rateLimited, `身份证号查重过于频繁，请 ${wait} 秒后再试`, 'personIdNumber');
  }
  identityChecks.set(actor.id, [...recent, now]);
}

/** The form's check before saving (records.findDuplicates). */
export async function findDuplicates(deps: ServiceDeps, actor: Actor, q: DuplicateQuery): Promise<DuplicateRecord[]> {
  if (q.subjectType === 'person' && q.personIdNumber) limitIdentityChecks(actor, deps.now().getTime());
  return deps.db.read((sql) => findDuplicateRecords(sql, actor, q));
}
