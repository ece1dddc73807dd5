import type { Sql } from '../../db/database';
import type { RecordVersion } from '../../../shared/contract/records';
import { RECORD_FIELD_LABELS, RECORD_STATUS_LABELS, type RecordStatus } from '../../../shared/domain/dishonesty';
import { findTransition } from '../../../shared/domain/recordLifecycle';
import { maskIdNumber } from '../../../shared/validation/mask';
import type { RecordSnapshot } from './recordRow';

const ACTION_LABELS: Record<string, string> = { create: '新建', import: 'Excel 导入', edit: '修改', correct: '更正', platform_decision: '市平台决定' };

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? findTransition(action)?.label ?? action;

const DIFF_LABELS: Record<string, string> = { ...RECORD_FIELD_LABELS, status: '状态' };

/** Every version of a record, newest first, each with the fields it changed and who did it. */
export function recordVersions(sql: Sql, recordId: string, names: Map<string, string>, identityVisible: boolean): RecordVersion[] {
  const rows = sql.all<{
    version: number; action: string; reason: string | null; approver: string | null; date: string | null;
    status_before: RecordStatus | null; status_after: RecordStatus; at: string; user_id: string; snapshot_json: string;
  }>(`SELECT * FROM record_versions WHERE record_id = ? ORDER BY version`, recordId);
  const shown = (field: string, value: unknown) => {
    if (field === 'status') return RECORD_STATUS_LABELS[value as RecordStatus] ?? value;
    if (field === 'personIdNumber' && typeof value === 'string' && !identityVisible) return maskIdNumber(value);
    return value;
  };
  let previous: RecordSnapshot | null = null;
  const versions: RecordVersion[] = [];
  for (const row of rows) {
    const snapshot = JSON.parse(row.snapshot_json) as RecordSnapshot;
    const changes = previous
      ? Object.keys(DIFF_LABELS)
          .filter((field) => JSON.stringify((previous as Record<string, unknown>)[field]) !== JSON.stringify((snapshot as Record<string, unknown>)[field]))
          .map((field) => ({
            field,
            label: DIFF_LABELS[field],
            before: shown(field, (previous as Record<string, unknown>)[field]) ?? null,
            after: shown(field, (snapshot as Record<string, unknown>)[field]) ?? null,
          }))
      : [];
    versions.push({
      version: row.version,
      action: row.action,
      actionLabel: actionLabel(row.action),
      reason: row.reason,
      approver: row.approver,
      date: row.date,
      statusBefore: row.status_before,
      statusAfter: row.status_after,
      at: row.at,
      userName: names.get(row.user_id) ?? '',
      changes,
    });
    previous = snapshot;
  }
  return versions.reverse();
}
