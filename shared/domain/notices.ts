import { z } from 'zod';
import type { Role } from './roles';
import type { StatusMachine, Transition } from './statusMachine';
import { isValidIsoDate } from '../validation/dates';

/**
 * 限期整改通知书 (DOMAIN.md "Rectification notices"): statuses, the life cycle as data, the fields, the number
 * format, and the notice's upload data (PLATFORM-API kind `rectification_notice`). Pure TypeScript.
 */
export const NOTICE_STATUSES = ['draft', 'issued', 'replied', 'verified', 'overdue', 'void'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  draft: '草稿', issued: '已发出', replied: '已回复', verified: '已验收', overdue: '逾期', void: '已作废',
};

/** The ledgers a notice can be made from (their upload kinds), or none (a blank notice). */
export const NOTICE_SOURCE_KINDS = ['dishonesty_record', 'public_commitment', 'investment_promise', 'blank'] as const;
export type NoticeSourceKind = (typeof NOTICE_SOURCE_KINDS)[number];
export const NOTICE_SOURCE_LABELS: Record<NoticeSourceKind, string> = {
  dishonesty_record: '政务失信记录', public_commitment: '公开承诺', investment_promise: '招商引资承诺', blank: '空白通知书',
};

export const ESCALATION_KINDS = ['约谈', '通报批评'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

export const NOTICE_FIELD_LABELS = {
  title: '标题',
  addressee: '主送单位',
  addresseeUscc: '主送单位统一社会信用代码',
  facts: '事实',
  amountFen: '涉及金额（元）',
  basis: '政策依据',
  requirements: '整改要求',
  deadline: '整改期限',
  replyMethod: '回复方式',
  issuingOffice: '发文机关',
  cc: '抄送',
} as const;
export type NoticeField = keyof typeof NOTICE_FIELD_LABELS;

const REVIEW: readonly Role[] = ['reviewer', 'admin'];
const ANYONE: readonly Role[] = ['clerk', 'reviewer', 'admin'];

export type NoticeTransition = Transition<NoticeStatus, NoticeField>;

/** Fields that must be filled before a notice is issued (the printed page needs them). */
export const FIELDS_REQUIRED_TO_ISSUE: readonly NoticeField[] = ['addressee', 'facts', 'requirements', 'deadline', 'replyMethod', 'issuingOffice'];

/**
 * The life cycle (DOMAIN.md; issue 10 §4). 逾期 is derived from the deadline (made by the system); 约谈 and
 * 通报批评 are escalation entries on an overdue notice (the status stays 逾期).
 */
export const NOTICE_MACHINE: StatusMachine<NoticeStatus, NoticeField> = {
  statuses: NOTICE_STATUSES,
  labels: NOTICE_STATUS_LABELS,
  initial: 'draft',
  transitions: [
    { action: 'issue', label: '签发', from: ['draft'], to: 'issued', roles: REVIEW, input: {}, needsFields: FIELDS_REQUIRED_TO_ISSUE, locks: true },
    {
      action: 'reply', label: '登记回复', from: ['issued', 'overdue'], to: 'replied', roles: ANYONE,
      input: { date: { label: '回复日期', mayBeFuture: false }, reason: { label: '回复摘要' } },
    },
    {
      action: 'verify', label: '验收', from: ['replied'], to: 'verified', roles: REVIEW,
      input: { date: { label: '验收日期', mayBeFuture: false }, reason: { label: '验收意见' } },
    },
    {
      action: 'interview', label: '约谈', from: ['overdue'], to: 'overdue', roles: REVIEW,
      input: { date: { label: '约谈日期', mayBeFuture: true }, reason: { label: '约谈情况' } },
    },
    {
      action: 'criticize', label: '通报批评', from: ['overdue'], to: 'overdue', roles: REVIEW,
      input: { date: { label: '通报日期', mayBeFuture: true }, reason: { label: '通报内容' } },
    },
    { action: 'void', label: '作废', from: ['draft', 'issued', 'replied', 'overdue'], to: 'void', roles: REVIEW, input: { reason: { label: '作废理由' } } },
  ],
  derived: [{ action: 'fallOverdue', label: '逾期未回复', to: 'overdue', from: ['issued'], dueColumn: 'deadline' }],
  editableInPlace: ['draft'],
};

/** The escalation an action records, if it is one. */
export const ESCALATION_OF: Readonly<Record<string, EscalationKind>> = { interview: '约谈', criticize: '通报批评' };

/** `{prefix}〔{year}〕{n}号`: 六角括号, no leading zeros. */
export function formatNoticeNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}〔${year}〕${seq}号`;
}

/** `2026-03-05` → `2026年3月5日` (the date as an official document writes it). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The date `days` after the ISO date (calendar days). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

const text = (label: string, max: number) => z.string({ error: `请填写${label}` }).trim().max(max, { error: `${label}不能超过 ${max} 个字` });
const L = NOTICE_FIELD_LABELS;

/** What the drafter edits. Empty strings are allowed in a draft; issuing checks FIELDS_REQUIRED_TO_ISSUE. */
export const noticeFieldsSchema = z.object({
  title: text(L.title, 60).default('限期整改通知书'),
  addressee: text(L.addressee, 100),
  addresseeUscc: z.string().trim().max(18, { error: `${L.addresseeUscc}不能超过 18 个字` }).nullable().default(null),
  facts: text(L.facts, 3000),
  amountFen: z.number({ error: `${L.amountFen}须为数字` }).int({ error: `${L.amountFen}最多两位小数` }).min(0, { error: `${L.amountFen}不能为负数` }).nullable().default(null),
  basis: z.array(text(L.basis, 200).min(1, { error: `${L.basis}不能为空` })).max(20, { error: `${L.basis}最多 20 项` }).default([]),
  requirements: text(L.requirements, 3000),
  deadline: z.string().nullable().refine((v) => v === null || isValidIsoDate(v), { error: `${L.deadline}不是有效日期（YYYY-MM-DD）` }),
  replyMethod: text(L.replyMethod, 300),
  issuingOffice: text(L.issuingOffice, 100),
  cc: text(L.cc, 300).default(''),
});
export type NoticeFields = z.output<typeof noticeFieldsSchema>;
export type NoticeFieldsInput = z.input<typeof noticeFieldsSchema>;

export const escalationSchema = z.object({ kind: z.enum(ESCALATION_KINDS), date: z.string(), note: z.string() });
export type Escalation = z.infer<typeof escalationSchema>;

/**
 * A notice as uploaded (`data` of a `rectification_notice` item, schemaVersion 1) and as each version keeps it.
 * The platform validates with this schema.
 */
export const noticeUploadSchema = noticeFieldsSchema.extend({
  status: z.enum(NOTICE_STATUSES),
  sourceKind: z.enum(NOTICE_SOURCE_KINDS),
  sourceId: z.string().nullable(),
  number: z.string().nullable(),
  numberYear: z.number().int().nullable(),
  numberSeq: z.number().int().min(1).nullable(),
  issuedOn: z.string().nullable(),
  replyOn: z.string().nullable(),
  replySummary: z.string().nullable(),
  verifiedOn: z.string().nullable(),
  verifyNote: z.string().nullable(),
  voidReason: z.string().nullable(),
  escalations: z.array(escalationSchema),
});
export type NoticeSnapshot = z.infer<typeof noticeUploadSchema>;
