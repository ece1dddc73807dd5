import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import { PROMISE_STATUS_LABELS, type PromiseStatus } from '../../../shared/domain/promises';
import { formatFen } from '../../../shared/validation/money';
import type { ReadSql } from '../../db/database';
import type { NoticeSource } from './noticeSources';

interface PromiseItemFacts {
  id: string;
  project_id: string;
  project_name: string;
  agreement_no: string;
  enterprise_name: string;
  type: string;
  content: string;
  amount_fen: number;
  paid_fen: number;
  due_on: string;
  department: string;
  status: PromiseStatus;
}

const loadItem = (sql: ReadSql, id: string) =>
  sql.get<PromiseItemFacts>(
    `SELECT id, project_id, project_name, agreement_no, enterprise_name, type, content, amount_fen, paid_fen, due_on, department, status
       FROM promise_items WHERE id = ?`, id,
  ) ?? null;


/**
 * A promise item of the 招商引资 ledger as a notice source: the department that answers for it is the addressee
 * (a notice goes to the government unit that owes, never to the investor), the item's terms and what is still
 * unpaid are the facts, the unpaid amount is the amount. Only an item 逾期未兑现 (past due, not fully paid).
 */
export const PROMISE_NOTICE_SOURCE: NoticeSource = {
  kind: 'investment_promise',
  load(sql, id) {
    const item = loadItem(sql, id);
    if (!item) return null;
    const unpaid = Math.max(item.amount_fen - item.paid_fen, 0);
    const facts =
      `“${item.project_name}”项目（协议编号 ${item.agreement_no}）中，对${item.enterprise_name}承诺的${item.type}事项“${item.content}”` +
      `计 ${formatFen(item.amount_fen)} 元，约定于 ${item.due_on} 前兑现；截至目前已兑现 ${formatFen(item.paid_fen)} 元，尚有 ${formatFen(unpaid)} 元未兑现。`;
    return {
      addressee: item.department,
      addresseeUscc: null,
      facts,
      amountFen: unpaid,
      reference: `${item.agreement_no} ${item.type}`,
      route: `/promises/projects/${item.project_id}`,
    };
  },
  checkCanNotify(sql, id) {
    const item = loadItem(sql, id);
    if (item && item.status !== 'overdue') {
      throw new AppError(ERROR_CODES.invalidTransition, `该承诺事项处于“${PROMISE_STATUS_LABELS[item.status]}”状态：逾期未兑现的事项才下发整改通知书`);
    }
  },
};
