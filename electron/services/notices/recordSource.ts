import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import { RECORD_STATUS_LABELS } from '../../../shared/domain/dishonesty';
import { loadRecordRow, transitionRecordInTx } from '../records/recordsService';
import type { NoticeSource } from './noticeSources';

/**
 * 政务失信记录 as a notice source: the record's unit (or a person's employer) is the addressee, its facts and
 * deciding document the facts, its amount the amount; verifying the notice moves the record to 已整改.
 */
export const RECORD_NOTICE_SOURCE: NoticeSource = {
  kind: 'dishonesty_record',
  load(sql, id) {
    const r = loadRecordRow(sql, id);
    if (!r) return null;
    const subject = r.subject_type === 'person' ? `你单位${r.person_position ?? '工作人员'}${r.person_name ?? ''}` : '你单位';
    const doc = [r.doc_authority, r.doc_name && `《${r.doc_name}》`, r.doc_number && `（${r.doc_number}）`].filter(Boolean).join('');
    const facts = `${subject}${r.facts.replace(/^你单位/, '')}${/[。；！]$/.test(r.facts) ? '' : '。'}${doc ? `上述事实已经${doc}认定。` : ''}`;
    return {
      addressee: r.unit_name,
      addresseeUscc: r.unit_uscc,
      facts,
      amountFen: r.amount_fen,
      reference: r.doc_number ?? `${r.unit_name}失信记录`,
      route: `/records/${r.id}`,
    };
  },
  checkCanNotify(sql, id) {
    const r = loadRecordRow(sql, id);
    if (r && !['recognised', 'rectifying'].includes(r.status)) {
      throw new AppError(ERROR_CODES.invalidTransition, `该失信记录处于“${RECORD_STATUS_LABELS[r.status]}”状态，须先审核认定才能下发整改通知书`);
    }
  },
  onVerified(sql, deps, actor, id, note) {
    const r = loadRecordRow(sql, id);
    if (!r || r.status !== 'rectifying') return null;
    transitionRecordInTx(sql, deps, actor, { id, expectedVersion: r.version, action: 'completeRectification', date: note.date, reason: note.reason });
    return `关联失信记录已转为“${RECORD_STATUS_LABELS.rectified}”`;
  },
};
