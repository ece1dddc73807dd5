import type { ReadSql } from '../../db/database';
import type { CommitmentVersion } from '../../../shared/contract/commitments';
import { COMMITMENT_FIELD_LABELS, COMMITMENT_OUTCOME_LABELS, COMMITMENT_STATUS_LABELS, type CommitmentStatus } from '../../../shared/domain/commitments';
import { COMMITMENT_MACHINE } from '../../../shared/domain/commitmentLifecycle';
import { AUTHOR_LABELS } from '../../../shared/domain/entityKinds';
import { actionLabelOf } from '../../../shared/domain/statusMachine';
import { versionHistory, versionRows } from '../ledger/versionedEntity';
import { COMMITMENT_VERSIONING } from './commitmentsService';

/** Words for the commitment's own actions (the machine's moves are labelled by the machine). */
export const COMMITMENT_ACTION_LABELS: Record<string, string> = {
  create: '新建', import: 'Excel 导入', edit: '修改', correct: '更正',
  addCheck: '登记监督检查', addComplaint: '登记群众投诉', makeRecord: '生成失信记录', platform_decision: '市平台决定',
};

export const commitmentActionLabel = (action: string) => COMMITMENT_ACTION_LABELS[action] ?? actionLabelOf(COMMITMENT_MACHINE, action) ?? action;

const DIFF_LABELS: Record<string, string> = { ...COMMITMENT_FIELD_LABELS, ...COMMITMENT_OUTCOME_LABELS, status: '状态' };

/** Every version of a commitment, newest first, each with the fields it changed and who did it (supervision entries by their summary). */
export function commitmentVersions(sql: ReadSql, id: string, names: Map<string, string>): CommitmentVersion[] {
  const shown = (field: string, value: unknown) => (field === 'status' ? (COMMITMENT_STATUS_LABELS[value as CommitmentStatus] ?? value) : value);
  return versionHistory(versionRows(sql, COMMITMENT_VERSIONING, id), { labels: DIFF_LABELS, shown }, commitmentActionLabel, names, AUTHOR_LABELS) as CommitmentVersion[];
}
