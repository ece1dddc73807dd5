import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import { COMMITMENT_STATUS_LABELS, type CommitmentStatus } from '../../../shared/domain/commitments';
import { noticeSourceFromCommitment } from '../commitments/noticeSource';
import type { NoticeSource } from './noticeSources';

const statusOf = (sql: Parameters<NoticeSource['load']>[0], id: string) =>
  sql.get<{ status: CommitmentStatus }>(`SELECT status FROM public_commitments WHERE id = ?`, id)?.status ?? null;

/**
 * A 公开承诺 as a notice source, through the commitments ledger's own entry point (commitments/noticeSource.ts):
 * the committing unit is the addressee, the commitment and its supervision the facts. Only an overdue one.
 */
export const COMMITMENT_NOTICE_SOURCE: NoticeSource = {
  kind: 'public_commitment',
  load(sql, id) {
    if (!statusOf(sql, id)) return null;
    const source = noticeSourceFromCommitment(sql, id);
    return {
      addressee: source.addresseeUnit,
      addresseeUscc: source.addresseeUscc,
      facts: source.facts,
      amountFen: null,
      reference: source.label,
      route: `/commitments/${id}`,
    };
  },
  checkCanNotify(sql, id) {
    const status = statusOf(sql, id);
    if (status && status !== 'overdue') {
      throw new AppError(ERROR_CODES.invalidTransition, `该公开承诺处于“${COMMITMENT_STATUS_LABELS[status]}”状态：逾期未兑现的承诺才下发整改通知书`);
    }
  },
};
