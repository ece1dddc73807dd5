import { z } from 'zod';
import {
  DISPUTE_ROUTES, ITEM_FIELD_LABELS as IL, PROJECT_FIELD_LABELS as PL, PROMISE_STATUSES, PROMISE_TYPES, RESOLUTION_WAYS,
} from './promises';
import { validateUscc } from '../validation/uscc';
import { isValidIsoDate, todayIso } from '../validation/dates';

/**
 * A project of the investment-promise ledger and its promise items as the clerk enters them (DOMAIN.md §3).
 * The form, the service, the Excel import and the city platform (the `data` of an `investment_promise`
 * upload item, PLATFORM-API schemaVersion 1) all apply these rules.
 */
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, { error: min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });
const optional = (label: string, max: number) =>
  z
    .preprocess((v) => (v === undefined || v === null ? '' : v), z.string().trim().max(max, { error: `${label}不能超过 ${max} 个字` }))
    .transform((v) => (v === '' ? null : v));
const date = (label: string) =>
  z.string({ error: `请填写${label}` }).max(10, { error: `请填写有效的${label}（YYYY-MM-DD）` }).refine(isValidIsoDate, { error: `请填写有效的${label}（YYYY-MM-DD）` });
/** Money: integer fen, more than nothing. */
export const fenAmount = (label: string) =>
  z
    .number({ error: `${label}须为数字` })
    .int({ error: `${label}最多两位小数` })
    .min(1, { error: `${label}须大于 0` })
    .max(1e13, { error: `${label}过大` });
const uscc = (label: string) =>
  z.string({ error: `请填写${label}` }).max(64, { error: `${label}应为 18 位` }).trim().superRefine((value, ctx) => {
    if (value === '') return void ctx.addIssue({ code: 'custom', message: `请填写${label}` });
    const check = validateUscc(value);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
  });

export const projectFieldsObject = z.object({
  projectName: text(PL.projectName, 1, 100),
  enterpriseName: text(PL.enterpriseName, 1, 100),
  enterpriseUscc: uscc(PL.enterpriseUscc),
  agreementNo: text(PL.agreementNo, 1, 60),
  signedOn: date(PL.signedOn),
  signingBody: text(PL.signingBody, 1, 100),
  collectiveDecision: z.boolean({ error: `请选择是否经过${PL.collectiveDecision}` }),
  decisionRef: optional(PL.decisionRef, 100),
});

export const itemFieldsObject = z.object({
  /** An item already in the project (editing); absent for a new one. */
  id: z.uuid({ error: '承诺事项编号格式不正确' }).optional(),
  type: z.enum(PROMISE_TYPES, { error: `请选择${IL.type}` }),
  content: text(IL.content, 2, 1000),
  amountFen: fenAmount('承诺金额'),
  dueOn: date(IL.dueOn),
  conditions: optional(IL.conditions, 1000),
  department: text(IL.department, 1, 50),
  responsibleUserId: z.string({ error: `请选择${IL.responsibleUserId}` }).min(1, { error: `请选择${IL.responsibleUserId}` }).max(40),
});
export type ItemFields = z.output<typeof itemFieldsObject>;

export const projectInputSchema = projectFieldsObject
  .extend({
    items: z.array(itemFieldsObject, { error: '请至少填写一项承诺事项' })
      .min(1, { error: '请至少填写一项承诺事项' })
      .max(100, { error: '一个项目最多 100 项承诺事项' }),
  })
  .superRefine((p, ctx) => {
    const today = todayIso();
    if (isValidIsoDate(p.signedOn) && p.signedOn > today) ctx.addIssue({ code: 'custom', path: ['signedOn'], message: `${PL.signedOn}不能晚于今天` });
    if (p.collectiveDecision && !p.decisionRef) {
      ctx.addIssue({ code: 'custom', path: ['decisionRef'], message: `经过三重一大集体决策的，请填写${PL.decisionRef}（会议名称或纪要编号）` });
    }
    p.items.forEach((item, i) => {
      if (isValidIsoDate(item.dueOn) && isValidIsoDate(p.signedOn) && item.dueOn < p.signedOn) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'dueOn'], message: `第 ${i + 1} 项的${IL.dueOn}不能早于${PL.signedOn}` });
      }
    });
  });
export type ProjectInput = z.output<typeof projectInputSchema>;
export type ProjectInputRaw = z.input<typeof projectInputSchema>;

/** A payment (兑现记录) as entered. */
export const paymentFieldsSchema = z.object({
  paidOn: date('兑现日期'),
  amountFen: fenAmount('兑现金额'),
  voucherNo: text('凭证号', 1, 60),
});

/** A handover (工作交接) as entered. */
export const handoverFieldsSchema = z
  .object({
    handedOn: date('交接日期'),
    fromUserId: z.string({ error: '请选择原责任人' }).min(1, { error: '请选择原责任人' }).max(40),
    toUserId: z.string({ error: '请选择接手责任人' }).min(1, { error: '请选择接手责任人' }).max(40),
    reason: text('交接原因', 2, 500),
    /** The successor's department, when it changes too. */
    department: optional('责任部门', 50),
  })
  .refine((h) => h.fromUserId !== h.toUserId, { path: ['toUserId'], error: '接手责任人不能与原责任人相同' });

/**
 * The `data` of an `investment_promise` upload item: the project, its items with their state, the handover
 * chain and every payment (PLATFORM-API "Uploading", schemaVersion 1).
 */
export const promiseUploadSchema = projectFieldsObject.extend({
  status: z.enum(PROMISE_STATUSES),
  items: z.array(z.object({
    id: z.string(),
    type: z.enum(PROMISE_TYPES),
    content: z.string().min(1),
    amountFen: z.number().int().min(1),
    dueOn: z.string().refine(isValidIsoDate),
    conditions: z.string().nullable(),
    department: z.string().min(1),
    responsibleName: z.string().min(1),
    status: z.enum(PROMISE_STATUSES),
    paidFen: z.number().int().min(0),
    resolutionWay: z.enum(RESOLUTION_WAYS).nullable(),
    resolutionOn: z.string().nullable(),
    adjustBasis: z.string().nullable(),
    compensationFen: z.number().int().min(0).nullable(),
    disputeRoute: z.enum(DISPUTE_ROUTES).nullable(),
    disputeCaseNo: z.string().nullable(),
  }).loose()).min(1),
  handovers: z.array(z.object({
    id: z.string(), handedOn: z.string().refine(isValidIsoDate), fromName: z.string().min(1), toName: z.string().min(1), reason: z.string().min(1),
  }).loose()),
  payments: z.array(z.object({
    id: z.string(), itemId: z.string(), paidOn: z.string().refine(isValidIsoDate), amountFen: z.number().int().min(1), voucherNo: z.string().min(1),
  }).loose()),
});
