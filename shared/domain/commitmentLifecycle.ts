import type { Role } from './roles';
import { COMMITMENT_STATUSES, COMMITMENT_STATUS_LABELS, type CommitmentField, type CommitmentStatus } from './commitments';
import * as machines from './statusMachine';

/**
 * The fulfilment of a public commitment (DOMAIN.md §2) as data, on the shared status machine. A clerk enters
 * it (待确认, edited in place); a reviewer confirms it (履行中, locked: later edits are corrections) and
 * closes it: 已兑现 (date + evidence), 部分兑现 (what was and was not done), 已调整 (by legal procedure, with
 * reason and approver) or 已撤回. 逾期未兑现 is nobody's choice: the system makes it when the due date has
 * passed while the commitment is still open, and from there it can still be fulfilled late, partly, or adjusted.
 */
export type CommitmentTransition = machines.Transition<CommitmentStatus, CommitmentField>;

const REVIEW: readonly Role[] = ['reviewer', 'admin'];

const TRANSITIONS: readonly CommitmentTransition[] = [
  { action: 'confirm', label: '审核确认', from: ['pending'], to: 'performing', roles: REVIEW, input: {}, locks: true },
  {
    action: 'fulfil', label: '确认兑现', from: ['performing', 'overdue', 'partial'], to: 'fulfilled', roles: REVIEW, locks: true,
    input: { date: { label: '兑现日期', mayBeFuture: false }, reason: { label: '兑现情况及佐证' } },
  },
  {
    action: 'partiallyFulfil', label: '部分兑现', from: ['performing', 'overdue'], to: 'partial', roles: REVIEW, locks: true,
    input: { date: { label: '认定日期', mayBeFuture: false }, reason: { label: '已兑现内容' }, reference: { label: '未兑现内容' } },
  },
  {
    action: 'adjust', label: '依法调整', from: ['pending', 'performing', 'overdue'], to: 'adjusted', roles: REVIEW, locks: true,
    input: { date: { label: '调整日期', mayBeFuture: false }, reference: { label: '法定程序' }, reason: { label: '调整理由' }, approver: { label: '批准人' } },
  },
  {
    action: 'withdraw', label: '撤回承诺', from: ['pending', 'performing'], to: 'withdrawn', roles: REVIEW, locks: true,
    input: { date: { label: '撤回日期', mayBeFuture: false }, reason: { label: '撤回理由' } },
  },
];

export const COMMITMENT_MACHINE: machines.StatusMachine<CommitmentStatus, CommitmentField> = {
  statuses: COMMITMENT_STATUSES,
  labels: COMMITMENT_STATUS_LABELS,
  initial: 'pending',
  transitions: TRANSITIONS,
  derived: [{ action: 'fallOverdue', label: '到期未兑现', to: 'overdue', from: ['pending', 'performing'], dueColumn: 'due_on' }],
  editableInPlace: ['pending'],
};

/** The states in which a commitment is still open (it can fall overdue, and can be supervised as promised). */
export const OPEN_COMMITMENT_STATUSES: readonly CommitmentStatus[] = COMMITMENT_MACHINE.derived[0].from;

export const findCommitmentTransition = (action: string) => machines.findTransition(COMMITMENT_MACHINE, action);

/** The moves a user of `role` may make on a commitment in `status` (what the buttons show). */
export const availableCommitmentTransitions = (status: CommitmentStatus, role: Role) => machines.availableTransitions(COMMITMENT_MACHINE, status, role);

/** The move that put a closed commitment where it is (its dialog's labels name the outcome's fields). */
export const closingTransitionOf = (status: CommitmentStatus) => TRANSITIONS.find((t) => t.to === status && t.action !== 'confirm');

/** Only an overdue commitment becomes a dishonesty record (未守信践诺) in one step. */
export const canBecomeRecord = (status: CommitmentStatus) => status === 'overdue';
