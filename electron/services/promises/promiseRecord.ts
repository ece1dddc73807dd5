import type { ProjectDetail } from '../../../shared/contract/promises';
import { validationError } from '../../../shared/contract/errors';
import { recordFieldsSchema } from '../../../shared/domain/recordSchema';
import { formatFen } from '../../../shared/validation/money';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';
import { readSettings } from '../settings/settingsService';
import { logVersion, requireVersion } from '../ledger/versionedEntity';
import type { SourceLookup } from '../ledger/links';
import { insertRecord } from '../records/recordsService';
import { loadProject, toDetail } from './promiseRows';
import { PROMISE_VERSIONING, requireProject } from './promisesService';

export type PromiseSituation = '拖欠企业账款' | '新官不理旧账';

/**
 * One step from an overdue item to a dishonesty record (失信情形 拖欠企业账款 or 新官不理旧账, 领域 招商引资):
 * the record is made in 线索核实中 with the facts of the item (project, agreement, amounts, who answers for
 * it and the handover chain), the item names the record and the record's first version names the project —
 * both in one transaction with both audit entries and upload items.
 */
export async function itemToRecord(
  deps: ServiceDeps, actor: Actor, req: { projectId: string; expectedVersion: number; itemId: string; situation: PromiseSituation },
): Promise<{ recordId: string; project: ProjectDetail }> {
  requirePermission(actor, 'promises.edit');
  requirePermission(actor, 'records.edit'); // it makes a dishonesty record too
  return deps.db.write((sql) => {
    const before = requireProject(sql, req.projectId);
    requireVersion(PROMISE_VERSIONING, before, req.expectedVersion);
    const item = before.items.find((i) => i.id === req.itemId);
    if (!item) throw validationError('itemId', '找不到该承诺事项');
    if (item.status !== 'overdue') throw validationError('itemId', '只有“逾期未兑现”的事项才能生成失信记录');
    if (item.record_id) throw validationError('itemId', '该事项已生成过失信记录，请在失信记录中查看');
    const office = readSettings(sql);
    if (!office) throw validationError('itemId', '请先完成单位设置');
    const name = (id: string) => before.names.get(id) ?? '';
    const chain = before.handovers.length > 0
      ? `责任人交接：${before.handovers.map((h) => `${h.handed_on} ${name(h.from_user_id)}→${name(h.to_user_id)}`).join('；')}。`
      : '';
    const owed = item.amount_fen - item.paid_fen;
    const facts = `招商引资项目“${before.project_name}”（协议编号 ${before.agreement_no}，企业 ${before.enterprise_name}，签约主体 ${before.signing_body}，签订日期 ${before.signed_on}）第 ${item.position} 项承诺（${item.type}：${item.content}）承诺金额 ${formatFen(item.amount_fen)} 元，兑现期限 ${item.due_on}，逾期未兑现：已兑现 ${formatFen(item.paid_fen)} 元，尚欠 ${formatFen(owed)} 元。责任部门 ${item.department}，责任人 ${name(item.responsible_user_id)}。${chain}`;
    const fields = recordFieldsSchema.parse({
      subjectType: 'unit', unitName: office.officeName, unitUscc: office.officeUscc, personName: null, personIdNumber: null, personPosition: null,
      situation: req.situation, sector: '招商引资', clueSource: '自查', facts: facts.slice(0, 2000), docName: null, docNumber: null,
      recognisedOn: null, docAuthority: null, amountFen: owed, happenedOn: item.due_on, severity: '一般',
    });
    const at = isoNow(deps);
    const record = insertRecord(sql, at, actor, fields, 'fromPromise');
    sql.run(`UPDATE promise_items SET record_id = ?, updated_at = ? WHERE id = ?`, record.id, at, item.id);
    sql.run(`UPDATE promise_projects SET version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`, at, actor.id, before.id);
    const after = loadProject(sql, before.id)!;
    logVersion(sql, PROMISE_VERSIONING, at, actor, before, after, { action: 'toRecord', reason: `第 ${item.position} 项 → 失信记录（${req.situation}）` });
    return { recordId: record.id, project: toDetail(after, deps, actor.displayName) };
  });
}

/** The promise item a dishonesty record was made from, for the record's page (the link back). */
export const promiseSourceOf: SourceLookup = (sql, recordId) => {
  const row = sql.get<{ project_id: string; project_name: string; position: number }>(
    `SELECT project_id, project_name, position FROM promise_items WHERE record_id = ?`, recordId,
  );
  return row ? { label: `招商引资项目“${row.project_name}”第 ${row.position} 项（逾期未兑现）`, link: `/promises/projects/${row.project_id}` } : null;
};
