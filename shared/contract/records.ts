import { z } from 'zod';
import { CLUE_SOURCES, RECORD_STATUSES, SECTORS, SEVERITIES, SITUATIONS, SUBJECT_TYPES } from '../domain/dishonesty';
import { recordFieldsObject, recordFieldsSchema } from '../domain/recordSchema';
import { channel } from './channel';
import { isoDate, uuid } from './common';
import { boundedText } from './bounds';
import {
  anyOf, attachmentAddRequest, attachmentOpenRequest, attachmentOpenResponse, attachmentSchema, DRAFT_KEY, entityVersionSchema, fileSchema, importRequest,
  importResultSchema, linkedEntitySchema, listRequests, listResponse,
} from './ledger';


export const recordListFilterSchema = z.object({
  statuses: anyOf('状态', RECORD_STATUSES),
  situations: anyOf('失信情形', SITUATIONS),
  sectors: anyOf('领域', SECTORS),
  clueSources: anyOf('线索来源', CLUE_SOURCES),
  severities: anyOf('严重程度', SEVERITIES),
  subjectTypes: anyOf('主体类型', SUBJECT_TYPES),
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

/** subjectName: the subject's own name (a person's name, else the unit's), in pinyin order; unitName: the unit's. */
export const RECORD_SORT_KEYS = ['updatedAt', 'happenedOn', 'recognisedOn', 'amountFen', 'subjectName', 'unitName', 'severity'] as const;
export type RecordSortKey = (typeof RECORD_SORT_KEYS)[number];
const RECORD_LIST_REQUESTS = listRequests(recordListFilterSchema, RECORD_SORT_KEYS, 'updatedAt');

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

export const recordVersionSchema = entityVersionSchema(RECORD_STATUSES);
export type RecordVersion = z.infer<typeof recordVersionSchema>;

export { attachmentSchema, fileSchema, importRejectionSchema, importResultSchema, MAX_FILE_BASE64 } from './ledger';
export type { Attachment, ImportResult } from './ledger';


export const recordChannels = {
  'records.list': channel({
    access: 'user',
    request: RECORD_LIST_REQUESTS.list,
    response: listResponse(recordRowSchema),
  }),
  'records.get': channel({
    access: 'user',
    request: z.object({ id: uuid }),
    response: z.object({
      record: recordDetailSchema,
      versions: z.array(recordVersionSchema),
      attachments: z.array(attachmentSchema),
      /** The entries of other ledgers this record was made from in one step (an overdue promise item…). */
      sources: z.array(z.object({ label: z.string(), link: z.string() })),
      /** What the record was made from in one step (an overdue commitment), and what was made from it. */
      links: z.array(linkedEntitySchema),
    }),
  }),
  'records.create': channel({
    access: 'user',
    request: z.object({
      fields: recordFieldsSchema,
      draftKey: DRAFT_KEY.optional(),
      /** The clerk saw the duplicate warning (same subject, same 认定文书编号) and saves anyway. */
      confirmedDuplicate: z.boolean().optional(),
    }),
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
      draftKey: DRAFT_KEY.optional(),
      confirmedDuplicate: z.boolean().optional(),
    }),
    response: recordDetailSchema,
  }),
  'records.transition': channel({
    access: 'user',
    request: z.object({
      id: uuid,
      expectedVersion: z.number().int(),
      action: boundedText('操作', 40),
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
      unitUscc: boundedText('统一社会信用代码', 18).nullable().optional(),
      personIdNumber: boundedText('身份证号', 18).nullable().optional(),
      docNumber: z.string().trim().min(1).max(60),
      excludeId: uuid.optional(),
    }),
    /** id (the link) and the name only for users who may see the subject's identity number. */
    response: z.array(z.object({ id: z.string().nullable(), subjectName: z.string(), docNumber: z.string(), status: z.enum(RECORD_STATUSES) })),
  }),
  'records.attachments.add': channel({
    access: 'user',
    request: attachmentAddRequest('recordId'),
    response: attachmentSchema,
  }),
  'records.attachments.open': channel({
    access: 'user',
    request: attachmentOpenRequest,
    response: attachmentOpenResponse,
  }),
  'records.import': channel({
    access: 'user',
    request: importRequest,
    response: importResultSchema,
  }),
  'records.template': channel({ access: 'user', request: z.object({}).default({}), response: fileSchema }),
  'records.export': channel({
    access: 'user',
    request: RECORD_LIST_REQUESTS.export,
    response: fileSchema.extend({ count: z.number() }),
  }),
} as const;
