import type { ReadSql } from '../../db/database';
import type { PromiseVersion } from '../../../shared/contract/promises';
import { AUTHOR_LABELS } from '../../../shared/domain/entityKinds';
import { PROJECT_FIELD_LABELS, PROMISE_MACHINE, PROMISE_STATUS_LABELS, type PromiseStatus } from '../../../shared/domain/promises';
import { actionLabelOf } from '../../../shared/domain/statusMachine';
import { versionHistory, versionRows } from '../ledger/versionedEntity';
import { PROMISE_VERSIONING } from './promisesService';

export const PROMISE_ACTION_LABELS: Record<string, string> = {
  create: '新建', import: 'Excel 导入', edit: '修改', handover: '工作交接', pay: '登记兑现', setWay: '设定兑现路径', toRecord: '生成失信记录',
};

export const promiseActionLabel = (action: string) => PROMISE_ACTION_LABELS[action] ?? actionLabelOf(PROMISE_MACHINE, action) ?? action;

/** Only the project's own fields are compared line by line; the items' changes are told by the version's note. */
const DIFF_LABELS: Record<string, string> = { ...PROJECT_FIELD_LABELS, status: '状态' };

export function promiseVersions(sql: ReadSql, projectId: string, names: Map<string, string>): PromiseVersion[] {
  const shown = (field: string, value: unknown) => {
    if (field === 'status') return PROMISE_STATUS_LABELS[value as PromiseStatus] ?? value;
    if (field === 'collectiveDecision') return value ? '是' : '否';
    return value;
  };
  return versionHistory(versionRows(sql, PROMISE_VERSIONING, projectId), { labels: DIFF_LABELS, shown }, promiseActionLabel, names, AUTHOR_LABELS) as PromiseVersion[];
}
