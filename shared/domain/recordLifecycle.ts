import type { Role } from './roles';
import { RECORD_STATUSES, RECORD_STATUS_LABELS, type RecordStatus } from './dishonesty';
import { FIELDS_REQUIRED_FOR_APPROVAL, type RecordField } from './dishonesty';
import * as machines from './statusMachine';

/**
 * The life cycle of a dishonesty record (DOMAIN.md §1) as data, on the shared status machine. The service
 * accepts exactly these moves and the detail page shows exactly these buttons, because both read this table.
 */
export type { TransitionInput } from './statusMachine';
export type RecordTransition = machines.Transition<RecordStatus, RecordField>;

const REVIEW: readonly Role[] = ['reviewer', 'admin'];
const ANYONE: readonly Role[] = ['clerk', 'reviewer', 'admin'];

const TRANSITIONS: readonly RecordTransition[] = [
  {
    action: 'approve', label: '审核认定', from: ['verifying'], to: 'recognised', roles: REVIEW,
    input: {}, needsFields: FIELDS_REQUIRED_FOR_APPROVAL, locks: true,
  },
  {
    action: 'reject', label: '核实不属实', from: ['verifying'], to: 'unfounded', roles: REVIEW,
    input: { reason: { label: '核实说明' } },
  },
  {
    action: 'startRectification', label: '下发整改', from: ['recognised'], to: 'rectifying', roles: REVIEW,
    input: { date: { label: '整改期限', mayBeFuture: true }, reason: { label: '整改要求' } },
  },
  {
    action: 'completeRectification', label: '整改完成', from: ['rectifying'], to: 'rectified', roles: REVIEW,
    input: { date: { label: '整改完成日期', mayBeFuture: false }, reason: { label: '整改情况' } },
  },
  {
    action: 'repair', label: '信用修复', from: ['rectified'], to: 'repaired', roles: REVIEW,
    input: { date: { label: '修复日期', mayBeFuture: false }, reason: { label: '修复依据' }, approver: { label: '批准人' } },
  },
  {
    action: 'exempt', label: '容错免责', from: ['verifying', 'recognised', 'rectifying'], to: 'exempted', roles: REVIEW,
    input: { reason: { label: '免责理由' }, approver: { label: '批准人' } },
  },
  {
    action: 'lodgeObjection', label: '登记异议', from: ['recognised', 'rectifying', 'rectified', 'repaired'], to: 'objection',
    roles: ANYONE,
    input: { date: { label: '异议提出日期', mayBeFuture: false }, reason: { label: '异议内容' } },
  },
  {
    action: 'upholdObjection', label: '异议成立（撤销）', from: ['objection'], to: 'revoked', roles: REVIEW,
    input: { date: { label: '决定日期', mayBeFuture: false }, reason: { label: '撤销理由' } },
  },
  {
    action: 'dismissObjection', label: '异议不成立', from: ['objection'], to: 'previous', roles: REVIEW,
    input: { reason: { label: '不予采纳理由' } },
  },
];

/** Records have no date-driven states: every move is a decision someone takes. */
export const RECORD_MACHINE: machines.StatusMachine<RecordStatus, RecordField> = {
  statuses: RECORD_STATUSES,
  labels: RECORD_STATUS_LABELS,
  initial: 'verifying',
  transitions: TRANSITIONS,
  derived: [],
  editableInPlace: ['verifying'],
};

export const RECORD_TRANSITIONS = RECORD_MACHINE.transitions;

export const findTransition = (action: string) => machines.findTransition(RECORD_MACHINE, action);

/** The moves a user of `role` may make on a record in `status` (what the buttons show). */
export const availableTransitions = (status: RecordStatus, role: Role) => machines.availableTransitions(RECORD_MACHINE, status, role);

/** Draft records are edited in place; once approved they are corrected by new versions. */
export const EDITABLE_IN_PLACE = RECORD_MACHINE.editableInPlace;
