import type { ReadSql } from '../../db/database';
import type { RecordVersion } from '../../../shared/contract/records';
import { AUTHOR_LABELS } from '../../../shared/domain/entityKinds';
import { RECORD_FIELD_LABELS, RECORD_STATUS_LABELS, type RecordStatus } from '../../../shared/domain/dishonesty';
import { RECORD_MACHINE } from '../../../shared/domain/recordLifecycle';
import { actionLabelOf } from '../../../shared/domain/statusMachine';
import { maskIdNumber } from '../../../shared/validation/mask';
import { versionHistory, versionRows } from '../ledger/versionedEntity';
import { RECORD_VERSIONING } from './recordsService';

const ACTION_LABELS: Record<string, string> = { create: '新建', import: 'Excel 导入', edit: '修改', correct: '更正', platform_decision: '市平台决定', fromCommitment: '由公开承诺生成' };

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? actionLabelOf(RECORD_MACHINE, action) ?? action;

const DIFF_LABELS: Record<string, string> = { ...RECORD_FIELD_LABELS, status: '状态' };

/** Every version of a record, newest first, each with the fields it changed and who did it. */
export function recordVersions(sql: ReadSql, recordId: string, names: Map<string, string>, identityVisible: boolean): RecordVersion[] {
  const shown = (field: string, value: unknown) => {
    if (field === 'status') return RECORD_STATUS_LABELS[value as RecordStatus] ?? value;
    if (field === 'personIdNumber' && typeof value === 'string' && !identityVisible) return maskIdNumber(value);
    return value;
  };
  return versionHistory(versionRows(sql, RECORD_VERSIONING, recordId), { labels: DIFF_LABELS, shown }, actionLabel, names, AUTHOR_LABELS) as RecordVersion[];
}
