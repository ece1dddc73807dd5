import type { RecordDetail } from '../../../../shared/contract';
import { RECORD_FIELD_LABELS, RECORD_STATUS_LABELS, type RecordStatus } from '../../../../shared/domain/dishonesty';
import type { RecordTransition } from '../../../../shared/domain/recordLifecycle';
import { api } from '../../api/client';
import { TransitionModal } from '../../components/TransitionModal';

/**
 * One life-cycle move of a record: the kit's dialog with the record's words (from → to, locking), the
 * fields approval needs, and records.transition with the version the clerk is looking at.
 */
export function RecordTransitionModal({ record, transition, onClose, onDone }: { record: RecordDetail; transition: RecordTransition; onClose(): void; onDone(): void }) {
  const missing = (transition.needsFields ?? []).filter((f) => {
    const v = record[f];
    return v === null || v === undefined || v === '';
  });
  const target = transition.to === 'previous' ? (record.previousStatus ? RECORD_STATUS_LABELS[record.previousStatus] : '原状态') : RECORD_STATUS_LABELS[transition.to as RecordStatus];
  return (
    <TransitionModal
      label={transition.label}
      summary={`记录将由“${RECORD_STATUS_LABELS[record.status]}”变为“${target}”。${transition.locks ? '认定后记录锁定，之后的修改只能以更正方式进行，并保留版本历史。' : ''}`}
      input={transition.input}
      missing={missing.map((f) => RECORD_FIELD_LABELS[f])}
      missingHint="请先点“编辑”补全认定文书信息。"
      submit={async (values) => {
        const updated = await api.recordsTransition({ id: record.id, expectedVersion: record.version, action: transition.action, ...values });
        return `已${transition.label}，记录状态：${RECORD_STATUS_LABELS[updated.status]}`;
      }}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
