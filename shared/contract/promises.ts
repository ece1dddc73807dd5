import { z } from 'zod';
import { DISPUTE_ROUTES, PROMISE_STATUSES, PROMISE_TYPES, RESOLUTION_WAYS } from '../domain/promises';
import { handoverFieldsSchema, paymentFieldsSchema, projectFieldsObject, projectInputSchema } from '../domain/promiseSchema';
import { SITUATIONS } from '../domain/dishonesty';
import { channel } from './channel';
import { isoDate, uuid } from './common';
import { boundedText } from './bounds';
import { attachmentSchema, entityVersionSchema, fileSchema, importResultSchema, listRequests, listResponse, MAX_FILE_BASE64 } from './ledger';

/** A filter's chosen values: each at most once. */
const anyOf = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.array(z.enum(values)).max(values.length, { error: `${label}的筛选值过多` }).optional();

/** The promise items list (one row per item, as the offices' spreadsheets keep them). */
export const promiseListFilterSchema = z.object({
  statuses: anyOf('状态', PROMISE_STATUSES),
  types: anyOf('承诺类型', PROMISE_TYPES),
  /** Seed 002 §8's three ways, and 'none' for unpaid items not yet sorted. */
  ways: z.array(z.enum([...RESOLUTION_WAYS, 'none'])).max(4).optional(),
  departments: z.array(boundedText('责任部门', 50)).max(50).optional(),
  responsibleUserIds: z.array(boundedText('责任人', 40)).max(50).optional(),
  /** Only the items the signed-in user answers for. */
  mine: z.boolean().optional(),
  enterpriseUscc: boundedText('统一社会信用代码', 18).optional(),
  dueFrom: isoDate('兑现期限起').optional(),
  dueTo: isoDate('兑现期限止').optional(),
  search: z.string().trim().max(100).optional(),
});
export type PromiseListFilter = z.infer<typeof promiseListFilterSchema>;

export const PROMISE_SORT_KEYS = ['updatedAt', 'dueOn', 'amountFen', 'enterpriseName'] as const;
export type PromiseSortKey = (typeof PROMISE_SORT_KEYS)[number];
export const PROMISE_LIST_REQUESTS = listRequests(promiseListFilterSchema, PROMISE_SORT_KEYS, 'updatedAt');

export const promiseRowSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  enterpriseName: z.string(),
  enterpriseUscc: z.string(),
  agreementNo: z.string(),
  type: z.enum(PROMISE_TYPES),
  content: z.string(),
  amountFen: z.number(),
  paidFen: z.number(),
  dueOn: z.string(),
  status: z.enum(PROMISE_STATUSES),
  way: z.enum(RESOLUTION_WAYS).nullable(),
  wayDate: z.string().nullable(),
  department: z.string(),
  responsibleName: z.string(),
  updatedAt: z.string(),
});
export type PromiseRow = z.infer<typeof promiseRowSchema>;

export const paymentViewSchema = z.object({
  id: z.string(),
  paidOn: z.string(),
  amountFen: z.number(),
  voucherNo: z.string(),
  voucher: attachmentSchema.nullable(),
  overConfirmed: z.boolean(),
  recordedAt: z.string(),
  recordedByName: z.string(),
});
export type PaymentView = z.infer<typeof paymentViewSchema>;

export const itemViewSchema = z.object({
  id: z.string(),
  position: z.number(),
  type: z.enum(PROMISE_TYPES),
  content: z.string(),
  amountFen: z.number(),
  dueOn: z.string(),
  conditions: z.string().nullable(),
  department: z.string(),
  responsibleUserId: z.string(),
  responsibleName: z.string(),
  status: z.enum(PROMISE_STATUSES),
  paidFen: z.number(),
  /** The way chosen for an unpaid item (seed 002 §8), or legalRoute while disputed. */
  way: z.enum(RESOLUTION_WAYS).nullable(),
  wayDate: z.string().nullable(),
  adjustBasis: z.string().nullable(),
  compensationFen: z.number().nullable(),
  disputeRoute: z.enum(DISPUTE_ROUTES).nullable(),
  disputeCaseNo: z.string().nullable(),
  decidedOn: z.string().nullable(),
  recordId: z.string().nullable(),
  payments: z.array(paymentViewSchema),
});
export type ItemView = z.infer<typeof itemViewSchema>;

export const handoverViewSchema = z.object({
  id: z.string(),
  handedOn: z.string(),
  fromUserId: z.string(),
  fromName: z.string(),
  toUserId: z.string(),
  toName: z.string(),
  department: z.string().nullable(),
  reason: z.string(),
  itemsMoved: z.number(),
  recordedAt: z.string(),
  recordedByName: z.string(),
});
export type HandoverView = z.infer<typeof handoverViewSchema>;

export const projectDetailSchema = projectFieldsObject.extend({
  id: z.string(),
  version: z.number(),
  status: z.enum(PROMISE_STATUSES),
  items: z.array(itemViewSchema),
  handovers: z.array(handoverViewSchema),
  createdAt: z.string(),
  createdByName: z.string(),
  updatedAt: z.string(),
  updatedByName: z.string(),
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const promiseVersionSchema = entityVersionSchema(PROMISE_STATUSES);
export type PromiseVersion = z.infer<typeof promiseVersionSchema>;

/** 兑现率 figures of one group (a department, an enterprise, a month, a type, or all). */
export const figureRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** Items due in the range by the reference day (已调整补偿 left out: no longer owed as promised). */
  dueCount: z.number(),
  dueFen: z.number(),
  /** Paid on those items by the reference day (at most each item's amount). */
  paidFen: z.number(),
  /** paidFen ÷ dueFen, null when nothing was due. */
  rate: z.number().nullable(),
  overdueCount: z.number(),
  /** What is still unpaid on the overdue items. */
  overdueFen: z.number(),
  disputedCount: z.number(),
  adjustedCount: z.number(),
  compensationFen: z.number(),
});
export type FigureRow = z.infer<typeof figureRowSchema>;

export const figuresRequestSchema = z.object({ from: isoDate('起始日期'), to: isoDate('截止日期') })
  .refine((r) => r.from <= r.to, { path: ['to'], error: '截止日期不能早于起始日期' });

export const figuresSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** The day amounts are counted to: the range's end, or today when the range reaches into the future. */
  asOf: z.string(),
  total: figureRowSchema,
  byDepartment: z.array(figureRowSchema),
  byEnterprise: z.array(figureRowSchema),
  byMonth: z.array(figureRowSchema),
  byType: z.array(figureRowSchema),
});
export type Figures = z.infer<typeof figuresSchema>;

const target = { projectId: uuid, expectedVersion: z.number().int() };

export const promiseChannels = {
  'promises.list': channel({
    access: 'user',
    request: PROMISE_LIST_REQUESTS.list,
    response: listResponse(promiseRowSchema),
  }),
  'promises.get': channel({
    access: 'user',
    request: z.object({ id: uuid }),
    response: z.object({ project: projectDetailSchema, versions: z.array(promiseVersionSchema) }),
  }),
  'promises.people': channel({
    access: 'user',
    request: z.object({}).default({}),
    /** Everyone who may answer for an item (active users), and the departments already in use. */
    response: z.object({ users: z.array(z.object({ id: z.string(), displayName: z.string() })), departments: z.array(z.string()) }),
  }),
  'promises.create': channel({
    access: 'user',
    request: z.object({ fields: projectInputSchema, draftKey: boundedText('草稿键', 80).optional() }),
    response: projectDetailSchema,
  }),
  'promises.update': channel({
    access: 'user',
    request: z.object({ id: uuid, expectedVersion: z.number().int(), fields: projectInputSchema, draftKey: boundedText('草稿键', 80).optional() }),
    response: projectDetailSchema,
  }),
  'promises.handover': channel({
    access: 'user',
    request: handoverFieldsSchema.and(z.object(target)),
    response: projectDetailSchema,
  }),
  /** Every open item a person answers for, in every project, to a successor (before the person leaves). */
  'promises.handoverAll': channel({
    access: 'user',
    request: handoverFieldsSchema,
    response: z.object({ projects: z.number(), items: z.number() }),
  }),
  'promises.pay': channel({
    access: 'user',
    request: paymentFieldsSchema.extend({
      ...target,
      itemId: uuid,
      voucher: fileSchema.extend({ contentBase64: z.string().max(MAX_FILE_BASE64, { error: '凭证附件不能超过 30 MB' }) }).optional(),
      /** The clerk saw that the payment takes the item over its promised amount, and records it anyway. */
      confirmedOver: z.boolean().optional(),
    }),
    response: projectDetailSchema,
  }),
  'promises.transition': channel({
    access: 'user',
    request: z.object({
      ...target,
      itemId: uuid,
      action: boundedText('操作', 40),
      reason: z.string().trim().max(1000).optional(),
      date: isoDate('日期').optional(),
      amountFen: z.number().int().min(0).max(1e13).optional(),
      choice: boundedText('解决途径', 20).optional(),
      reference: z.string().trim().max(60).optional(),
    }),
    response: projectDetailSchema,
  }),
  'promises.setWay': channel({
    access: 'user',
    request: z.object({ ...target, itemId: uuid, way: z.enum(RESOLUTION_WAYS).nullable(), date: isoDate('日期').nullable() }),
    response: projectDetailSchema,
  }),
  'promises.toRecord': channel({
    access: 'user',
    request: z.object({ ...target, itemId: uuid, situation: z.enum(['拖欠企业账款', '新官不理旧账'] as const satisfies ReadonlyArray<(typeof SITUATIONS)[number]>) }),
    response: z.object({ recordId: z.string(), project: projectDetailSchema }),
  }),
  'promises.attachments.open': channel({
    access: 'user',
    request: z.object({ attachmentId: uuid, confirmAltered: z.boolean().optional() }),
    response: z.object({ state: z.enum(['ok', 'missing', 'altered']), opened: z.boolean() }),
  }),
  'promises.figures': channel({ access: 'user', request: figuresRequestSchema, response: figuresSchema }),
  'promises.figuresExport': channel({ access: 'user', request: figuresRequestSchema, response: fileSchema }),
  'promises.import': channel({
    access: 'user',
    request: fileSchema.extend({
      contentBase64: z.string().max(MAX_FILE_BASE64, { error: '文件不能超过 30 MB' }),
      dryRun: z.boolean().default(false),
      jobId: uuid.optional(),
    }),
    response: importResultSchema,
  }),
  'promises.template': channel({ access: 'user', request: z.object({}).default({}), response: fileSchema }),
  'promises.export': channel({ access: 'user', request: PROMISE_LIST_REQUESTS.export, response: fileSchema.extend({ count: z.number() }) }),
} as const;
