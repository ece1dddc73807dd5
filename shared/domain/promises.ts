import type { Role } from './roles';
import type { StatusMachine, Transition } from './statusMachine';

/**
 * 招商引资政策承诺兑现台账 (DOMAIN.md §3; seeds 000 §三(四), 002 §5 §8 §9, 003 §三(四)): what the government
 * promised an investor (a project with one or more promise items), who answers for each item today, and
 * whether it paid. Vocabulary, statuses and the item's life cycle as data.
 */

export const PROMISE_TYPES = ['财政奖补', '税费优惠', '土地供应', '基础设施配套', '融资支持', '人才政策', '其他'] as const;
export type PromiseType = (typeof PROMISE_TYPES)[number];

/**
 * An item's status. pending/partial/paid follow from its payments, overdue from its due date (derived, by the
 * system); adjusted and disputed are decisions someone records.
 */
export const PROMISE_STATUSES = ['pending', 'partial', 'paid', 'overdue', 'adjusted', 'disputed'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

export const PROMISE_STATUS_LABELS: Record<PromiseStatus, string> = {
  pending: '未到期',
  partial: '部分兑现',
  paid: '已兑现',
  overdue: '逾期未兑现',
  adjusted: '已调整补偿',
  disputed: '有争议',
};

/** Items nobody has to act on any more: fully paid, or changed by legal procedure with compensation. */
export const SETTLED_PROMISE_STATUSES: readonly PromiseStatus[] = ['paid', 'adjusted'];
/** Items someone still answers for (they must always have a responsible person who can act). */
export const OPEN_PROMISE_STATUSES: readonly PromiseStatus[] = ['pending', 'partial', 'overdue', 'disputed'];

/** The legal routes of a disputed item (seed 002 §8). */
export const DISPUTE_ROUTES = ['行政复议', '行政诉讼', '行政裁决'] as const;
export type DisputeRoute = (typeof DISPUTE_ROUTES)[number];

/**
 * Seed 002 §8 sorts every unpaid item one of three ways: the rights are clear and the conditions met → pay by
 * a set deadline; clear but the conditions not yet met → a payment plan with a date; disputed → the legal route.
 */
export const RESOLUTION_WAYS = ['payByDeadline', 'paymentPlan', 'legalRoute'] as const;
export type ResolutionWay = (typeof RESOLUTION_WAYS)[number];
export const RESOLUTION_WAY_LABELS: Record<ResolutionWay, string> = {
  payByDeadline: '具备条件·限期兑现',
  paymentPlan: '暂不具备条件·制定兑现方案',
  legalRoute: '有争议·法律途径解决',
};
/** What the date of each way means. */
export const RESOLUTION_DATE_LABELS: Record<ResolutionWay, string> = {
  payByDeadline: '兑现时限',
  paymentPlan: '方案兑现时限',
  legalRoute: '立案日期',
};

export const PROJECT_FIELD_LABELS = {
  projectName: '项目名称',
  enterpriseName: '企业名称',
  enterpriseUscc: '企业统一社会信用代码',
  agreementNo: '协议编号',
  signedOn: '签订日期',
  signingBody: '签约主体',
  collectiveDecision: '三重一大集体决策',
  decisionRef: '集体决策会议',
} as const;
export type ProjectField = keyof typeof PROJECT_FIELD_LABELS;

export const ITEM_FIELD_LABELS = {
  type: '承诺类型',
  content: '承诺内容',
  amountFen: '承诺金额（元）',
  dueOn: '兑现期限',
  conditions: '兑现条件',
  department: '责任部门',
  responsibleUserId: '责任人',
} as const;
export type ItemField = keyof typeof ITEM_FIELD_LABELS;

export const PAYMENT_FIELD_LABELS = {
  paidOn: '兑现日期',
  amountFen: '兑现金额（元）',
  voucherNo: '凭证号',
} as const;

export const HANDOVER_FIELD_LABELS = {
  handedOn: '交接日期',
  fromUserId: '原责任人',
  toUserId: '接手责任人',
  reason: '交接原因',
} as const;

const DECIDE: readonly Role[] = ['reviewer', 'admin'];

/**
 * The decisions on an item (the buttons of its row). Payments are not moves of the machine: each payment
 * sets the status that follows from the amounts ('computed'); overdue is derived from the due date.
 */
const TRANSITIONS: readonly Transition<PromiseStatus, ItemField>[] = [
  {
    action: 'adjust', label: '调整补偿', from: ['pending', 'partial', 'overdue', 'disputed'], to: 'adjusted', roles: DECIDE,
    input: {
      reason: { label: '法定依据（国家利益、公共利益或其他法定事由及程序）' },
      amount: { label: '已支付补偿金额（元）' },
      date: { label: '调整决定日期', mayBeFuture: false },
    },
  },
  {
    action: 'dispute', label: '登记争议', from: ['pending', 'partial', 'overdue'], to: 'disputed', roles: DECIDE,
    input: {
      choice: { label: '解决途径', options: DISPUTE_ROUTES },
      reference: { label: '案号', max: 60 },
      date: { label: '立案日期', mayBeFuture: false },
    },
  },
  {
    action: 'settleDispute', label: '争议已解决', from: ['disputed'], to: 'computed', roles: DECIDE,
    input: { reason: { label: '处理结果' }, date: { label: '决定日期', mayBeFuture: false } },
  },
];

/** The item's life cycle: overdue follows by itself once the due date has passed and it is not fully paid. */
export const PROMISE_MACHINE: StatusMachine<PromiseStatus, ItemField> = {
  statuses: PROMISE_STATUSES,
  labels: PROMISE_STATUS_LABELS,
  initial: 'pending',
  transitions: TRANSITIONS,
  derived: [{ action: 'overdue', label: '到期未兑现（自动）', to: 'overdue', from: ['pending', 'partial'], dueColumn: 'due_on' }],
  editableInPlace: ['pending', 'partial', 'overdue', 'disputed'],
};

/**
 * The status that follows from the amounts and the dates alone (no decision taken): fully paid → 已兑现;
 * the due date passed → 逾期未兑现; some paid → 部分兑现; else 未到期.
 */
export function paymentStatus(amountFen: number, paidFen: number, dueOn: string, today: string): PromiseStatus {
  if (paidFen >= amountFen) return 'paid';
  if (dueOn < today) return 'overdue';
  return paidFen > 0 ? 'partial' : 'pending';
}

/**
 * The status an item has after a change of its amounts or dates: a decision (已调整补偿, 有争议) stays; every
 * other status follows the amounts.
 */
export function followingStatus(current: PromiseStatus, amountFen: number, paidFen: number, dueOn: string, today: string): PromiseStatus {
  if (current === 'adjusted' || current === 'disputed') return current;
  return paymentStatus(amountFen, paidFen, dueOn, today);
}

/**
 * The way an unpaid item is shown (seed 002 §8): a disputed item is always on the legal route; an item
 * settled needs no way; otherwise what the office chose, or none yet.
 */
export function effectiveWay(status: PromiseStatus, chosen: ResolutionWay | null): ResolutionWay | null {
  if (status === 'disputed') return 'legalRoute';
  if (SETTLED_PROMISE_STATUSES.includes(status)) return null;
  return chosen;
}

/** The worst state among a project's items, for its list line and its history (most urgent first). */
const URGENCY: readonly PromiseStatus[] = ['overdue', 'disputed', 'partial', 'pending', 'adjusted', 'paid'];
export function projectStatusOf(items: ReadonlyArray<{ status: PromiseStatus }>): PromiseStatus {
  for (const s of URGENCY) if (items.some((i) => i.status === s)) return s;
  return 'pending';
}
