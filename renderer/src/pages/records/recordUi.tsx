import { LightTag, type LightTagColor } from '../../components/LightTag';
import {
  CLUE_SOURCES, RECORD_STATUS_LABELS, RECORD_STATUSES, SECTORS, SEVERITIES, SITUATIONS, SUBJECT_TYPE_LABELS, type RecordStatus,
} from '../../../../shared/domain/dishonesty';
import { formatYuan } from '../../components/format';

/** Pieces shared by the four record pages: tags, select options, history values. */

export const STATUS_COLORS: Record<RecordStatus, LightTagColor> = {
  verifying: 'blue',
  unfounded: 'grey',
  recognised: 'red',
  rectifying: 'orange',
  rectified: 'cyan',
  repaired: 'green',
  exempted: 'purple',
  objection: 'gold',
  revoked: 'grey',
};

export function StatusTag({ status }: { status: RecordStatus }) {
  return <LightTag color={STATUS_COLORS[status]} className="record-status-tag">{RECORD_STATUS_LABELS[status]}</LightTag>;
}

export const SEVERITY_COLORS: Record<string, string | undefined> = { 一般: undefined, 较重: 'orange', 严重: 'red' };

export function SeverityText({ severity }: { severity: string }) {
  const color = SEVERITY_COLORS[severity];
  return <span className={color ? `severity severity-${color}` : 'severity'}>{severity}</span>;
}

const toOptions = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
export const STATUS_OPTIONS = RECORD_STATUSES.map((s) => ({ value: s, label: RECORD_STATUS_LABELS[s] }));
export const SITUATION_OPTIONS = toOptions(SITUATIONS);
export const SECTOR_OPTIONS = toOptions(SECTORS);
export const CLUE_SOURCE_OPTIONS = toOptions(CLUE_SOURCES);
export const SEVERITY_OPTIONS = toOptions(SEVERITIES);
export const SUBJECT_TYPE_OPTIONS = (Object.keys(SUBJECT_TYPE_LABELS) as Array<keyof typeof SUBJECT_TYPE_LABELS>).map((v) => ({
  value: v,
  label: SUBJECT_TYPE_LABELS[v],
}));

/** A value from the version history, readable (money in 元, empty as —). */
export function formatChangeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (field === 'amountFen' && typeof value === 'number') return formatYuan(value);
  if (field === 'subjectType' && typeof value === 'string') return SUBJECT_TYPE_LABELS[value as keyof typeof SUBJECT_TYPE_LABELS] ?? value;
  const text = String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
