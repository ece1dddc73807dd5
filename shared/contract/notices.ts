import { z } from 'zod';
import { escalationSchema, NOTICE_SOURCE_KINDS, NOTICE_STATUSES, noticeFieldsSchema, noticeUploadSchema } from '../domain/notices';
import { boundedText } from './bounds';
import { channel } from './channel';
import { isoDate, uuid } from './common';
import { anyOf, attachmentSchema, entityVersionSchema, fileSchema, listRequests, MAX_FILE_BASE64 } from './ledger';


export const noticeListFilterSchema = z.object({
  statuses: anyOf('状态', NOTICE_STATUSES),
  sourceKinds: anyOf('来源台账', NOTICE_SOURCE_KINDS),
  years: z.array(z.number().int().min(1900).max(2100)).max(50, { error: '年度的筛选值过多' }).optional(),
  /** Only notices past their deadline with no reply (逾期). */
  overdue: z.boolean().optional(),
  /** 整改期限 between these days (inclusive). */
  deadlineFrom: isoDate('整改期限起').optional(),
  deadlineTo: isoDate('整改期限止').optional(),
  addressee: z.string().trim().max(100).optional(),
  search: z.string().trim().max(100).optional(),
});
export type NoticeListFilter = z.infer<typeof noticeListFilterSchema>;

export const NOTICE_SORT_KEYS = ['updatedAt', 'number', 'deadline', 'issuedOn', 'addressee'] as const;
export type NoticeSortKey = (typeof NOTICE_SORT_KEYS)[number];
export const NOTICE_LIST_REQUESTS = listRequests(noticeListFilterSchema, NOTICE_SORT_KEYS, 'updatedAt');

export const noticeRowSchema = z.object({
  id: z.string(),
  version: z.number(),
  status: z.enum(NOTICE_STATUSES),
  sourceKind: z.enum(NOTICE_SOURCE_KINDS),
  sourceId: z.string().nullable(),
  number: z.string().nullable(),
  numberYear: z.number().nullable(),
  title: z.string(),
  addressee: z.string(),
  deadline: z.string().nullable(),
  issuedOn: z.string().nullable(),
  amountFen: z.number().nullable(),
  printCount: z.number(),
  pdfCount: z.number(),
  updatedAt: z.string(),
});
export type NoticeRow = z.infer<typeof noticeRowSchema>;

export const noticeDetailSchema = noticeUploadSchema.extend({
  id: z.string(),
  version: z.number(),
  printCount: z.number(),
  pdfCount: z.number(),
  createdAt: z.string(),
  createdByName: z.string(),
  updatedAt: z.string(),
  issuedByName: z.string().nullable(),
});
export type NoticeDetail = z.infer<typeof noticeDetailSchema>;

export const noticeVersionSchema = entityVersionSchema(NOTICE_STATUSES);
export type NoticeVersion = z.infer<typeof noticeVersionSchema>;

export const noticeSettingsSchema = z.object({
  basis: z.array(boundedText('政策依据', 200).trim().min(1, { error: '政策依据不能为空' })).max(50, { error: '政策依据最多 50 项' }),
  periodDays: z.number({ error: '默认整改期限须为天数' }).int({ error: '默认整改期限须为整数天' }).min(1, { error: '默认整改期限至少 1 天' }).max(365, { error: '默认整改期限不能超过 365 天' }),
  replyMethod: boundedText('默认回复方式', 300).trim(),
  cc: boundedText('默认抄送', 300).trim(),
});
export type NoticeSettings = z.infer<typeof noticeSettingsSchema>;

const sourceRef = z.object({ kind: z.enum(NOTICE_SOURCE_KINDS), id: z.string().nullable(), reference: z.string(), route: z.string().nullable() });

const ids = z.array(uuid).min(1, { error: '请选择通知书' }).max(500, { error: '一次最多 500 份通知书' });

export const noticeChannels = {
  'notices.list': channel({
    access: 'user',
    request: NOTICE_LIST_REQUESTS.list,
    response: z.object({ items: z.array(noticeRowSchema), total: z.number() }),
  }),
  'notices.get': channel({
    access: 'user',
    request: z.object({ id: uuid }),
    response: z.object({
      notice: noticeDetailSchema,
      versions: z.array(noticeVersionSchema),
      attachments: z.array(attachmentSchema),
      source: sourceRef.nullable(),
      escalations: z.array(escalationSchema),
    }),
  }),
  'notices.forSource': channel({
    access: 'user',
    request: z.object({ sourceKind: z.enum(NOTICE_SOURCE_KINDS), sourceId: uuid }),
    response: z.array(noticeRowSchema),
  }),
  'notices.create': channel({
    access: 'user',
    request: z.object({ sourceKind: z.enum(NOTICE_SOURCE_KINDS), sourceId: uuid.optional() }),
    response: noticeDetailSchema,
  }),
  'notices.update': channel({
    access: 'user',
    request: z.object({ id: uuid, expectedVersion: z.number().int(), fields: noticeFieldsSchema }),
    response: noticeDetailSchema,
  }),
  'notices.transition': channel({
    access: 'user',
    request: z.object({
      id: uuid,
      expectedVersion: z.number().int(),
      action: boundedText('操作', 40),
      reason: z.string().trim().max(1000).optional(),
      date: isoDate('日期').optional(),
    }),
    response: noticeDetailSchema,
  }),
  /** The printed page as HTML (the preview shows exactly what prints). */
  'notices.preview': channel({
    access: 'user',
    request: z.object({ ids }),
    response: z.object({ html: z.string() }),
  }),
  /** One PDF of one or several notices (counted on each). */
  'notices.pdf': channel({
    access: 'user',
    request: z.object({ ids }),
    response: fileSchema,
  }),
  /** Print through the system's dialog (desktop app); counted on each notice printed. */
  'notices.print': channel({
    access: 'user',
    request: z.object({ ids }),
    response: z.object({ printed: z.boolean() }),
  }),
  'notices.testPage': channel({ access: 'user', request: z.object({}).default({}), response: fileSchema }),
  'notices.settings.get': channel({ access: 'user', request: z.object({}).default({}), response: noticeSettingsSchema }),
  'notices.settings.update': channel({ access: 'user', request: noticeSettingsSchema, response: noticeSettingsSchema }),
  'notices.attachments.add': channel({
    access: 'user',
    request: z.object({
      noticeId: uuid,
      fileName: z.string().trim().min(1, { error: '文件名不能为空' }).max(200, { error: '文件名过长' }),
      contentBase64: z.string().max(MAX_FILE_BASE64, { error: '附件不能超过 30 MB' }),
    }),
    response: attachmentSchema,
  }),
} as const;
