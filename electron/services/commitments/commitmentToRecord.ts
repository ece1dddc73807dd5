import { AppError, ERROR_CODES, validationError } from '../../../shared/contract/errors';
import type { CommitmentDetail } from '../../../shared/contract/commitments';
import { COMMITMENT_STATUS_LABELS, RECORD_FROM_COMMITMENT } from '../../../shared/domain/commitments';
import { canBecomeRecord } from '../../../shared/domain/commitmentLifecycle';
import { CLUE_SOURCES, type ClueSource, type Severity } from '../../../shared/domain/dishonesty';
import { recordFieldsSchema } from '../../../shared/domain/recordSchema';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';
import { addLink, madeFrom } from '../ledger/entityLinks';
import { logVersion, requireRow, requireVersion } from '../ledger/versionedEntity';
import { insertRecord, RECORD_VERSIONING } from '../records/recordsService';
import { fieldsOf, supervisionOf, type CommitmentDbRow } from './commitmentRow';
import { COMMITMENT_VERSIONING, detailOf, loadCommitmentRow } from './commitmentsService';

/** The link's relation: the dishonesty record an overdue commitment became. */
export const RECORD_RELATION = 'dishonesty_record';

const FACTS_MAX = 2000;

/**
 * 失信事实 written from the commitment: who promised what, where and when it was published, the target, the
 * due date, who answers for it, and what supervision found. The content is shortened if the whole would
 * pass the record's 2,000 characters.
 */
export function factsFromCommitment(row: CommitmentDbRow): string {
  const f = fieldsOf(row);
  const log = supervisionOf(row);
  const checks = log.filter((e) => e.kind === 'check').length;
  const complaints = log.filter((e) => e.kind === 'complaint').length;
  const head = `${f.unitName}于 ${f.publishedOn} 通过${f.publishChannel}公开承诺“${f.title}”（承诺编号 ${f.number}，${f.commitmentType}，服务领域：${f.serviceArea}）：`;
  const tail = [
    f.target ? `量化目标：${f.target}。` : '',
    `承诺期限至 ${f.dueOn}，逾期未兑现。责任部门：${f.department}，责任人：${f.responsiblePerson}。`,
    checks + complaints > 0 ? `期间登记监督检查 ${checks} 次、群众投诉 ${complaints} 件。` : '',
  ].join('');
  const room = FACTS_MAX - head.length - tail.length - 1;
  const content = f.content.length > room ? `${f.content.slice(0, Math.max(room - 1, 0))}…` : f.content;
  return `${head}${content}${/[。！？]$/.test(content) ? '' : '。'}${tail}`.slice(0, FACTS_MAX);
}

/** The public's complaint channel when it is also a 线索来源 (12345热线, 来信来访…), else 自查. */
function clueSourceOf(row: CommitmentDbRow): ClueSource {
  const complaints = supervisionOf(row).filter((e) => e.kind === 'complaint');
  const latest = complaints[complaints.length - 1];
  return latest && (CLUE_SOURCES as readonly string[]).includes(latest.channel) ? (latest.channel as ClueSource) : '自查';
}

/**
 * One step (DOMAIN.md §2): an overdue commitment becomes a dishonesty record — 未守信践诺 in 乡镇街道, the unit as
 * the subject, the facts written from the commitment — in 线索核实中 for a reviewer to verify. In one
 * transaction: the record with its version, audit entry and upload item, the link both ways, and a version
 * of the commitment saying so. A commitment becomes at most one record.
 */
export async function makeRecordFromCommitment(
  deps: ServiceDeps, actor: Actor, req: { id: string; expectedVersion: number; severity: Severity },
): Promise<{ recordId: string; commitment: CommitmentDetail }> {
  requirePermission(actor, 'commitments.edit');
  requirePermission(actor, 'records.edit');
  return deps.db.write((sql) => {
    const before = requireRow(sql, COMMITMENT_VERSIONING, req.id);
    requireVersion(COMMITMENT_VERSIONING, before, req.expectedVersion);
    if (!canBecomeRecord(before.status)) {
      throw new AppError(ERROR_CODES.invalidTransition, `该承诺处于“${COMMITMENT_STATUS_LABELS[before.status]}”状态，只有逾期未兑现的承诺才能生成失信记录`);
    }
    const existing = madeFrom(sql, { kind: COMMITMENT_VERSIONING.kind, id: before.id }, RECORD_RELATION);
    if (existing.length > 0) throw new AppError(ERROR_CODES.duplicate, `该承诺已生成失信记录（${existing[0].label}），不能重复生成`);
    const at = isoNow(deps);
    const parsed = recordFieldsSchema.safeParse({
      subjectType: 'unit',
      unitName: before.unit_name,
      unitUscc: before.unit_uscc,
      situation: RECORD_FROM_COMMITMENT.situation,
      sector: RECORD_FROM_COMMITMENT.sector,
      clueSource: clueSourceOf(before),
      facts: factsFromCommitment(before),
      amountFen: null,
      // 发生日期: the day the commitment fell due unfulfilled (承诺期限届满之日)
      happenedOn: before.due_on,
      severity: req.severity,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw validationError(String(issue.path[0] ?? 'facts'), `无法生成失信记录：${issue.message}`);
    }
    const fields = parsed.data;
    const record = insertRecord(sql, at, actor, fields, 'fromCommitment');
    addLink(sql, at, actor,
      { kind: COMMITMENT_VERSIONING.kind, id: before.id, label: `${before.number} ${before.title}` },
      { kind: RECORD_VERSIONING.kind, id: record.id, label: `${record.unit_name}（${RECORD_FROM_COMMITMENT.situation}）` },
      RECORD_RELATION);
    sql.run(`UPDATE public_commitments SET version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`, at, actor.id, before.id);
    const after = loadCommitmentRow(sql, before.id)!;
    logVersion(sql, COMMITMENT_VERSIONING, at, actor, before, after, { action: 'makeRecord', reason: `已生成失信记录（${fields.unitName}，未守信践诺，线索核实中）` });
    return { recordId: record.id, commitment: detailOf(sql, after) };
  });
}
