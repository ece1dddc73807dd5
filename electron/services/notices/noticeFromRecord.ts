import type { RecordDetail } from '../../../shared/contract/records';
import type { Actor, ServiceDeps } from '../context';
import { detailOf as recordDetailOf, transitionRecordInTx, type TransitionRequest } from '../records/recordsService';
import { createNoticeInTx } from './noticesService';

/**
 * The reviewer's 下发整改 on a record (issue 10 §1): the record moves to 整改中 and a draft 限期整改通知书 is
 * made of it — addressee, facts and amount from the record, the deadline and requirements as typed — in one
 * transaction. The notice points at the record (source_kind, source_id); the record's page lists its notices.
 */
export async function startRectificationWithNotice(deps: ServiceDeps, actor: Actor, req: TransitionRequest): Promise<{ record: RecordDetail; noticeId: string }> {
  return deps.db.write((sql) => {
    const record = transitionRecordInTx(sql, deps, actor, req);
    const overrides = { ...(req.date ? { deadline: req.date } : {}), ...(req.reason?.trim() ? { requirements: req.reason.trim() } : {}) };
    const notice = createNoticeInTx(sql, deps, actor, 'dishonesty_record', req.id, overrides);
    return { record: recordDetailOf(sql, actor, record), noticeId: notice.id };
  });
}
