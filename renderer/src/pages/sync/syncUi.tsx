import { Tag } from 'antd';
import { RECORD_FIELD_LABELS, RECORD_STATUS_LABELS } from '../../../../shared/domain/dishonesty';
import type { BatchRow, ReceiptRow } from '../../../../shared/contract/sync';

/** Labels of the platform's field names, per upload kind. */
const FIELD_LABELS: Record<string, Record<string, string>> = { dishonesty_record: RECORD_FIELD_LABELS };

export const fieldLabel = (kind: string, field: string | null) =>
  field === null ? '—' : (FIELD_LABELS[kind]?.[field] ?? ({ kind: '类型', version: '版本', reason: '撤回理由' } as Record<string, string>)[field] ?? field);

/** Where an item of each kind opens. */
export const ITEM_PATHS: Record<string, (id: string) => string> = { dishonesty_record: (id) => `/records/${id}` };

export const RECEIPT_LABELS: Record<NonNullable<ReceiptRow['status']>, { label: string; color: string }> = {
  accepted: { label: '已接收', color: 'success' },
  duplicate: { label: '重复（已接收过）', color: 'success' },
  stale: { label: '已过期（平台有更新版本）', color: 'warning' },
  rejected: { label: '被退回', color: 'error' },
};

export function ReceiptTag({ status }: { status: ReceiptRow['status'] }) {
  if (!status) return <Tag>待回执</Tag>;
  return <Tag color={RECEIPT_LABELS[status].color}>{RECEIPT_LABELS[status].label}</Tag>;
}

export function BatchStateTag({ batch }: { batch: BatchRow }) {
  if (batch.state === 'answered') return <Tag color="success">已回执</Tag>;
  if (batch.state === 'fault') return <Tag color="error">故障</Tag>;
  return <Tag color="processing">{batch.sentVia === 'file' ? '已写出文件，待回执' : '上报中'}</Tag>;
}

/** Labels of the statuses a decision may carry, per upload kind. */
const STATUS_LABELS: Record<string, Record<string, string>> = { dishonesty_record: RECORD_STATUS_LABELS };
export const statusLabel = (kind: string, status: string) => STATUS_LABELS[kind]?.[status] ?? status;
