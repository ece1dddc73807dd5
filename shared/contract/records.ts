import { z } from 'zod';
import { CLUE_SOURCES, RECORD_STATUSES, SECTORS, SEVERITIES, SITUATIONS, SUBJECT_TYPES } from '../domain/dishonesty';
import { recordFieldsObject, recordFieldsSchema } from '../domain/recordSchema';
import { channel } from './channel';
import { isoDate, pageRequest, uuid } from './common';

export const recordListFilterSchema = z.object({
  statuses: z.array(z.enum(RECORD_STATUSES)).optional(),
  situations: z.array(z.enum(SITUATIONS)).optional(),
  sectors: z.array(z.enum(SECTORS)).optional(),
  clueSources: z.array(z.enum(CLUE_SOURCES)).optional(),
  severities: z.array(z.enum(SEVERITIES)).optional(),
  subjectTypes: z.array(z.enum(SUBJECT_TYPES)).optional(),
  happenedFrom: isoDate('发生日期起').optional(),
  happenedTo: isoDate('发生日期止').optional(),
  recognisedFrom: isoDate('认定日期起').optional(),
  recognisedTo: isoDate('认定日期止').optional(),
  /** Part of the unit's name (the subject unit, or the employer of a person). */
  unit: z.string().trim().max(100).optional(),
  /** Chinese substring over names, document numbers and facts. */
  search: z.string().trim().max(100).optional(),
});
export type RecordListFilter = z.infer<typeof recordListFilterSchema>;

export const RECORD_SORT_KEYS = ['updatedAt', 'happenedOn', 'recognisedOn', 'amountFen', 'unitName', 'severity'] as const;

export const recordRowSchema = z.object({
  id: z.string(),
  version: z.number(),
  status: z.enum(RECORD_STATUSES),
  locked: z.boolean(),
  subjectType: z.enum(SUBJECT_TYPES),
  subjectName: z.string(),
  unitName: z.string(),
  unitUscc: z.string().nullable(),
  personIdMasked: z.string().nullable(),
  situation: z.string(),
  sector: z.string(),
  clueSource: z.string(),
  severity: z.string(),
  happenedOn: z.string(),
  recognisedOn: z.string().nullable(),
  docNumber: z.string().nullable(),
  amountFen: z.number().nullable(),
  updatedAt: z.string(),
});
export type RecordRow = z.infer<typeof recordRowSchema>;

export const recordDetailSchema = recordFieldsObject.extend({
  id: z.string(),
  version: z.number(),
  status: z.enum(RECORD_STATUSES),
  previousStatus: z.enum(RECORD_STATUSES).nullable(),
  locked: z.boolean(),
  /** False when the identity number is masked for this user's role. */
  identityVisible: z.boolean(),
  createdAt: z.string(),
  createdByName: z.string(),
  updatedAt: z.string(),
  updatedByName: z.string(),
  approvedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
});
export type RecordDetail = z.infer<typeof recordDetailSchema>;

export const recordVersionSchema = z.object({
  version: z.number(),
  action: z.string(),
  actionLabel: z.string(),
  reason: z.string().nullable(),
  approver: z.string().nullable(),
  date: z.string().nullable(),
  statusBefore: z.enum(RECORD_STATUSES).nullable(),
  statusAfter: z.enum(RECORD_STATUSES),
  at: z.string(),
  userName: z.string(),
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type RecordVersion = z.infer<typeof recordVersionSchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  size: z.number(),
  sha256: z.string(),
  addedAt: z.string(),
  addedByName: z.string(),
  /** ok, or the stored file is gone, or its bytes no longer match the hash it was filed under. */
  state: z.enum(['ok', 'missing', 'altered']),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const fileSchema = z.object({ fileName: z.string(), contentBase64: z.string() });

export const importRejectionSchema = z.object({ row: z.number(), column: z.string(), reason: z.string() });
export const importResultSchema = z.object({
  dryRun: z.boolean(),
  accepted: z.number(),
  rejected: z.array(importRejectionSchema),
  totalRows: z.number(),
  /** The row-level report as a workbook, ready to save. Null when nothing was rejected. */
  report: fileSchema.nullable(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

const MAX_FILE_BASE64 = 40 * 1024 * 1024; // about 30 MB of file

export const recordChannels = {
  'records.list': channel({
    access: 'user',
    request: recordListFilterSchema.extend({
      ...pageRequest,
      sortBy: z.enum(RECORD_SORT_KEYS).default('updatedAt'),
      sortOrder: z.enum(['asc', 'desc']).default('desc'),
    }),
    response: z.object({ items: z.array(recordRowSchema), total: z.number() }),
  }),
  'records.get': channel({
    access: 'user',
    request: z.object({ id: uuid }),
    response: z.object({
      record: recordDetailSchema,
      versions: z.array(recordVersionSchema),
      attachments: z.array(attachmentSchema),
    }),
  }),
  'records.create': channel({
    access: 'user',
    request: z.object({ fields: recordFieldsSchema, draftKey: z.string().optional(), confirmedDuplicate: z.boolean().optional() }),
    response: recordDetailSchema,
  }),
  'records.update': channel({
    access: 'user',
    request: z.object({
      id: uuid,
      expectedVersion: z.number().int(),
      fields: recordFieldsSchema,
      /** Required when the record is locked: the correction's reason. */
      reason: z.string().trim().max(500).optional(),
      draftKey: z.string().optional(),
      confirmedDuplicate: z.boolean().optional(),
    }),
    response: recordDetailSchema,
  }),
  'records.transition': channel({
    access: 'user',
    request: z.object({
      id: uuid,
      expectedVersion: z.number().int(),
      action: z.string(),
      reason: z.string().trim().max(1000).optional(),
      approver: z.string().trim().max(50).optional(),
      date: isoDate('日期').optional(),
    }),
    response: recordDetailSchema,
  }),
  'records.findDuplicates': channel({
    access: 'user',
    request: z.object({
      subjectType: z.enum(SUBJECT_TYPES),
      unitUscc: z.string().nullable().optional(),
      personIdNumber: z.string().nullable().optional(),
      docNumber: z.string().trim().min(1),
      excludeId: z.string().optional(),
    }),
    response: z.array(z.object({ id: z.string(), subjectName: z.string(), docNumber: z.string(), status: z.enum(RECORD_STATUSES) })),
  }),
  'records.attachments.add': channel({
    access: 'user',
    request: z.object({
      recordId: uuid,
      fileName: z.string().trim().min(1, { error: '文件名不能为空' }).max(200, { error: '文件名过长' }),
      contentBase64: z.string().max(MAX_FILE_BASE64, { error: '附件不能超过 30 MB' }),
    }),
    response: attachmentSchema,
  }),
  'records.attachments.open': channel({
    access: 'user',
    request: z.object({ attachmentId: uuid }),
    response: z.object({ state: z.enum(['ok', 'missing', 'altered']), opened: z.boolean() }),
  }),
  'records.import': channel({
    access: 'user',
    request: fileSchema.extend({ contentBase64: z.string().max(MAX_FILE_BASE64, { error: '文件不能超过 30 MB' }), dryRun: z.boolean().default(false) }),
    response: importResultSchema,
  }),
  'records.template': channel({ access: 'user', request: z.object({}).default({}), response: fileSchema }),
  'records.export': channel({
    access: 'user',
    request: recordListFilterSchema.extend({
      sortBy: z.enum(RECORD_SORT_KEYS).default('updatedAt'),
      sortOrder: z.enum(['asc', 'desc']).default('desc'),
    }),
    response: fileSchema.extend({ count: z.number() }),
  }),
} as const;
