import { z } from 'zod';
import { channel } from './channel';
import { pageRequest, requiredText } from './common';
import { fileSchema } from './records';
import { UPLOAD_TAGS } from './ledger';

/** 上报平台: enrolment, upload now, batch history with receipts, rejected items, each record's upload state. */

const fault = z.object({ code: z.string(), message: z.string(), at: z.string() });

export const syncStatusSchema = z.object({
  enrolled: z.boolean(),
  platformUrl: z.string().nullable(),
  officeId: z.string().nullable(),
  deviceId: z.string().nullable(),
  enrolledAt: z.string().nullable(),
  keyProtection: z.string(),
  pending: z.number(),
  inFlight: z.number(),
  rejected: z.number(),
  lastSuccessAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  fault: fault.nullable(),
  needsApproval: z.object({ decisions: z.number(), ledger: z.number() }).nullable(),
  conflicts: z.number(),
  batches: z.object({ open: z.number(), answered: z.number(), fault: z.number() }),
  /** True while an upload or download is running. */
  running: z.boolean(),
});
export type SyncStatusView = z.infer<typeof syncStatusSchema>;

const counts = { accepted: z.number(), duplicate: z.number(), stale: z.number(), rejected: z.number() };

export const syncRunSchema = z.object({
  push: z.object({ batches: z.number(), items: z.number(), ...counts, fault: z.object({ code: z.string(), message: z.string() }).nullable() }),
  pull: z
    .object({ fetched: z.number(), applied: z.number(), conflicts: z.number(), dictionaries: z.number(), units: z.number(), needsApproval: z.object({ decisions: z.number(), ledger: z.number() }).nullable() })
    .nullable(),
});

export const batchRowSchema = z.object({
  batchId: z.string(),
  seq: z.number(),
  createdAt: z.string(),
  itemCount: z.number(),
  state: z.enum(['open', 'answered', 'fault']),
  sentVia: z.string().nullable(),
  receivedAt: z.string().nullable(),
  faultMessage: z.string().nullable(),
  ...counts,
});
export type BatchRow = z.infer<typeof batchRowSchema>;

export { UPLOAD_TAGS, UPLOAD_TAG_LABELS, type UploadTag } from './ledger';

export const receiptRowSchema = z.object({
  kind: z.string(),
  kindLabel: z.string(),
  id: z.string(),
  version: z.number(),
  description: z.string(),
  status: z.enum(['accepted', 'duplicate', 'stale', 'rejected']).nullable(),
  platformRef: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string().nullable(),
});
export type ReceiptRow = z.infer<typeof receiptRowSchema>;

export const uploadStateSchema = z.object({
  tag: z.enum(UPLOAD_TAGS),
  /** The version the platform last answered for, with its answer. */
  version: z.number().nullable(),
  platformRef: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string().nullable(),
  at: z.string().nullable(),
});
export type UploadStateView = z.infer<typeof uploadStateSchema>;

export const syncChannels = {
  'sync.status': channel({ access: 'user', request: z.object({}).default({}), response: syncStatusSchema }),
  'sync.enrol': channel({
    access: 'user',
    request: z.object({ url: requiredText('平台地址', 300), code: requiredText('登记码', 64) }),
    response: z.object({ platformUrl: z.string(), officeId: z.string(), deviceId: z.string(), enrolledAt: z.string() }),
  }),
  'sync.now': channel({ access: 'user', request: z.object({}).default({}), response: syncRunSchema }),
  'sync.approvePull': channel({ access: 'user', request: z.object({}).default({}), response: syncRunSchema }),
  'sync.batches': channel({
    access: 'user',
    request: z.object({ ...pageRequest }),
    response: z.object({ items: z.array(batchRowSchema), total: z.number() }),
  }),
  'sync.batchReceipts': channel({
    access: 'user',
    request: z.object({ batchId: requiredText('批次号', 64) }),
    response: z.object({ batch: batchRowSchema, receipts: z.array(receiptRowSchema) }),
  }),
  'sync.rejected': channel({ access: 'user', request: z.object({}).default({}), response: z.array(receiptRowSchema.extend({ at: z.string() })) }),
  'sync.exportFile': channel({
    access: 'user',
    request: z.object({}).default({}),
    response: fileSchema.extend({ batches: z.number(), items: z.number() }),
  }),
  'sync.importReceipts': channel({
    access: 'user',
    request: fileSchema.extend({ contentBase64: z.string().min(1, { error: '请选择回执文件' }).max(90_000_000, { error: '回执文件过大' }) }),
    response: z.object({ applied: z.number(), already: z.number(), unknown: z.number(), refused: z.number() }),
  }),
  'sync.conflicts': channel({
    access: 'user',
    request: z.object({}).default({}),
    response: z.array(z.object({
      changeId: z.string(), kind: z.string(), kindLabel: z.string(), id: z.string(), description: z.string(), status: z.string(),
      note: z.string().nullable(), decidedAt: z.string(), localVersion: z.number(), at: z.string(),
    })),
  }),
  'sync.uploadState': channel({ access: 'user', request: z.object({ kind: requiredText('类别', 64), id: requiredText('编号', 64) }), response: uploadStateSchema }),
};
