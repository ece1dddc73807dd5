import { Tag } from 'antd';
import {
  PROMISE_STATUS_LABELS, PROMISE_STATUSES, PROMISE_TYPES, RESOLUTION_WAY_LABELS, RESOLUTION_WAYS, type PromiseStatus, type ResolutionWay,
} from '../../../../shared/domain/promises';

export const PROMISE_STATUS_COLORS: Record<PromiseStatus, string> = {
  pending: 'blue', partial: 'gold', paid: 'green', overdue: 'red', adjusted: 'purple', disputed: 'volcano',
};

export function PromiseStatusTag({ status }: { status: PromiseStatus }) {
  return <Tag color={PROMISE_STATUS_COLORS[status]}>{PROMISE_STATUS_LABELS[status]}</Tag>;
}

export const STATUS_OPTIONS = PROMISE_STATUSES.map((s) => ({ value: s, label: PROMISE_STATUS_LABELS[s] }));
export const TYPE_OPTIONS = PROMISE_TYPES.map((t) => ({ value: t, label: t }));
export const WAY_OPTIONS = [...RESOLUTION_WAYS.map((w) => ({ value: w, label: RESOLUTION_WAY_LABELS[w] })), { value: 'none', label: '未设定兑现路径' }];

/** The short word of a way for narrow columns. */
export const WAY_SHORT: Record<ResolutionWay, string> = { payByDeadline: '限期兑现', paymentPlan: '兑现方案', legalRoute: '法律途径' };

export const rateText = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
