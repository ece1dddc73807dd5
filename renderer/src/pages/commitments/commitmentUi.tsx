import { LightTag, type LightTagColor } from '../../components/LightTag';
import {
  CHECK_METHODS, CHECK_RESULTS, COMMITMENT_STATUS_LABELS, COMMITMENT_STATUSES, COMMITMENT_TYPES, COMPLAINT_CHANNELS, COMPLAINT_RESULTS,
  PUBLISH_CHANNELS, SERVICE_AREAS, type CommitmentStatus,
} from '../../../../shared/domain/commitments';

/** Pieces shared by the commitment pages: the status tag, select options, history values. */

export const COMMITMENT_STATUS_COLORS: Record<CommitmentStatus, LightTagColor> = {
  pending: 'blue',
  performing: 'cyan',
  fulfilled: 'green',
  partial: 'gold',
  overdue: 'red',
  adjusted: 'purple',
  withdrawn: 'grey',
};

export function CommitmentStatusTag({ status }: { status: CommitmentStatus }) {
  return <LightTag color={COMMITMENT_STATUS_COLORS[status]} className="commitment-status-tag">{COMMITMENT_STATUS_LABELS[status]}</LightTag>;
}

const toOptions = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
export const COMMITMENT_STATUS_OPTIONS = COMMITMENT_STATUSES.map((s) => ({ value: s, label: COMMITMENT_STATUS_LABELS[s] }));
export const COMMITMENT_TYPE_OPTIONS = toOptions(COMMITMENT_TYPES);
export const SERVICE_AREA_OPTIONS = toOptions(SERVICE_AREAS);
export const PUBLISH_CHANNEL_OPTIONS = toOptions(PUBLISH_CHANNELS);
export const CHECK_METHOD_OPTIONS = toOptions(CHECK_METHODS);
export const CHECK_RESULT_OPTIONS = toOptions(CHECK_RESULTS);
export const COMPLAINT_CHANNEL_OPTIONS = toOptions(COMPLAINT_CHANNELS);
export const COMPLAINT_RESULT_OPTIONS = toOptions(COMPLAINT_RESULTS);

/** A value from the version history, readable (empty as （空）, long text shortened). */
export function formatCommitmentChange(_field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  const text = String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
