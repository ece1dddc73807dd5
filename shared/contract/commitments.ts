import { z } from 'zod';
import { COMMITMENT_STATUSES, COMMITMENT_TYPES, SERVICE_AREAS } from '../domain/commitments';
import { SEVERITIES } from '../domain/dishonesty';
import { commitmentFieldsObject, commitmentFieldsSchema, commitmentOutcomeShape, supervisionEntrySchema, supervisionInputSchema } from '../domain/commitmentSchema';
import { channel } from './channel';
import { isoDate, uuid } from './common';
import { boundedText } from './bounds';
import {
  anyOf, attachmentAddRequest, attachmentOpenRequest, attachmentOpenResponse, attachmentSchema, fileSchema, importRequest, importResultSchema, linkedEntitySchema,
  DRAFT_KEY, listRequests, entityVersionSchema,
} from './ledger';


export const commitmentListFilterSchema = z.object({
  statuses: anyOf('状态', COMMITMENT_STATUSES),
  commitmentTypes: anyOf('承诺类型', COMMITMENT_TYPES),
  serviceAreas: anyOf('服务领域', SERVICE_AREAS),
  departments: z.array(boundedText('责任部门', 50)).max(100, { error: '责任部门的筛选值过多' }).optional(),
  dueFrom: isoDate('承诺期限起').optional(),
  dueTo: isoDate('承诺期限止').optional(),
  /** Chinese substring over title, content, unit and number. */
  search: z.string().trim().max(100).optional(),
});
export type CommitmentListFilter = z.infer<typeof commitmentListFilterSchema>;

export const COMMITMENT_SORT_KEYS = ['updatedAt', 'dueOn', 'publishedOn', 'unitName'] as const;
export type CommitmentSortKey = (typeof COMMITMENT_SORT_KEYS)[number];
const LIST_REQUESTS = listRequests(commitmentListFilterSchema, COMMITMENT_SORT_KEYS, 'updatedAt');

export const commitmentRowSchema = z.object({
  id: z.string(),
  version: z.number(),
  status: z.enum(COMMITMENT_STATUSES),
  locked: z.boolean(),
  unitName: z.string(),
  number: z.string(),
  title: z.string(),
  commitmentType: z.string(),
  serviceArea: z.string(),
  department: z.string(),
  responsiblePerson: z.string(),
  publishedOn: z.string(),
  dueOn: z.string(),
  checks: z.number(),
  complaints: z.number(),
  updatedAt: z.string(),
});
export type CommitmentRow = z.infer<typeof commitmentRowSchema>;

export const commitmentDetailSchema = commitmentFieldsObject.extend({
  id: z.string(),
  version: z.number(),
  status: z.enum(COMMITMENT_STATUSES),
  locked: z.boolean(),
  ...commitmentOutcomeShape,
  supervision: z.array(supervisionEntrySchema),
  createdAt: z.string(),
  createdByName: z.string(),
  updatedAt: z.string(),
  updatedByName: z.string(),
  confirmedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
});
export type CommitmentDetail = z.infer<typeof commitmentDetailSchema>;

export const commitmentVersionSchema = entityVersionSchema(COMMITMENT_STATUSES);
export type CommitmentVersion = z.infer<typeof commitmentVersionSchema>;

const versioned = { id: uuid, expectedVersion: z.number().int() };

export const commitmentChannels = {
  'commitments.list': channel({
    access: 'user',
    request: LIST_REQUESTS.list,
    response: z.object({ items: z.array(commitmentRowSchema), total: z.number() }),
  }),
  'commitments.get': channel({
    access: 'user',
    request: z.object({ id: uuid }),
    response: z.object({
      commitment: commitmentDetailSchema,
      versions: z.array(commitmentVersionSchema),
      attachments: z.array(attachmentSchema),
      links: z.array(linkedEntitySchema),
    }),
  }),
  /** The departments named in the ledger, for the filter's choices. */
  'commitments.departments': channel({ access: 'user', request: z.object({}).default({}), response: z.array(z.string()) }),
  'commitments.create': channel({
    access: 'user',
    request: z.object({ fields: commitmentFieldsSchema, draftKey: DRAFT_KEY.optional() }),
    response: commitmentDetailSchema,
  }),
  'commitments.update': channel({
    access: 'user',
    request: z.object({
      ...versioned,
      fields: commitmentFieldsSchema,
      /** Required once confirmed: the correction's reason. */
      reason: z.string().trim().max(500).optional(),
      draftKey: DRAFT_KEY.optional(),
    }),
    response: commitmentDetailSchema,
  }),
  'commitments.transition': channel({
    access: 'user',
    request: z.object({
      ...versioned,
      action: boundedText('操作', 40),
      reason: z.string().trim().max(1000).optional(),
      approver: z.string().trim().max(50).optional(),
      date: isoDate('日期').optional(),
      reference: z.string().trim().max(500).optional(),
    }),
    response: commitmentDetailSchema,
  }),
  /** One entry of the supervision log: a check or a public complaint. */
  'commitments.supervise': channel({
    access: 'user',
    request: z.object({ ...versioned, entry: supervisionInputSchema }),
    response: commitmentDetailSchema,
  }),
  /** One step: an overdue commitment → a dishonesty record (未守信践诺, 乡镇街道), linked both ways. */
  'commitments.makeRecord': channel({
    access: 'user',
    request: z.object({ ...versioned, severity: z.enum(SEVERITIES).default('一般') }),
    response: z.object({ recordId: z.string(), commitment: commitmentDetailSchema }),
  }),
  'commitments.attachments.add': channel({
    access: 'user',
    request: attachmentAddRequest('commitmentId'),
    response: attachmentSchema,
  }),
  'commitments.attachments.open': channel({
    access: 'user',
    request: attachmentOpenRequest,
    response: attachmentOpenResponse,
  }),
  'commitments.import': channel({
    access: 'user',
    request: importRequest,
    response: importResultSchema,
  }),
  'commitments.template': channel({ access: 'user', request: z.object({}).default({}), response: fileSchema }),
  'commitments.export': channel({ access: 'user', request: LIST_REQUESTS.export, response: fileSchema.extend({ count: z.number() }) }),
} as const;
