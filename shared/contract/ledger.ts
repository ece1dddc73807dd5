import { z } from 'zod';
import { pageRequest, uuid } from './common';
import { AUTHOR_KINDS } from '../domain/entityKinds';
import { boundedText } from './bounds';

/**
 * Contract pieces every ledger shares (DESIGN.md "Ledger building blocks"): evidence files, files carried
 * across IPC (templates, exports, reports), and the import result with its row report.
 */
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

export const fileSchema = z.object({ fileName: z.string().max(200, { error: '文件名过长' }), contentBase64: z.string() });

export const importRejectionSchema = z.object({ row: z.number(), column: z.string(), reason: z.string() });
export const importResultSchema = z.object({
  dryRun: z.boolean(),
  accepted: z.number(),
  /** The first problems (at most 200); the report lists them all. */
  rejected: z.array(importRejectionSchema),
  /** How many problems there are in all. */
  rejectedCount: z.number(),
  totalRows: z.number(),
  /** The row-level report as a workbook, ready to save. Null when nothing was rejected. */
  report: fileSchema.nullable(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** The largest file carried across IPC as base64: about 30 MB of file. */
export const MAX_FILE_BASE64 = 40 * 1024 * 1024;

/**
 * The one shape of a ledger's list request: its filter object, the search box (inside the filter), the sort
 * (a key the ledger's list spec knows, newest change first by default) and the page. The export of the
 * filtered list takes the same request without the page.
 */
export function listRequests<F extends z.ZodRawShape, K extends readonly [string, ...string[]]>(filter: z.ZodObject<F>, sortKeys: K, defaultSort: K[number]) {
  const sorted = filter.extend({
    sortBy: z.enum(sortKeys).default(defaultSort as never),
    sortOrder: z.enum(['asc', 'desc']).default('desc'),
  });
  return { list: sorted.extend(pageRequest), export: sorted };
}

/** Where an item stands with the city platform, shown on every list row and detail page. */
export const UPLOAD_TAGS = ['pending', 'uploading', 'uploaded', 'rejected'] as const;
export type UploadTag = (typeof UPLOAD_TAGS)[number];
export const UPLOAD_TAG_LABELS: Record<UploadTag, string> = { pending: '待上报', uploading: '上报中', uploaded: '已上报', rejected: '被退回' };

/** The one shape of a ledger's list page: its rows, each with its upload state, and the filter's total. */
export const listResponse = <Shape extends z.ZodRawShape>(row: z.ZodObject<Shape>) =>
  z.object({ items: z.array(row.extend({ uploadTag: z.enum(UPLOAD_TAGS) })), total: z.number() });

/** An entity made from this one in one step, or the one this was made from (electron/services/ledger/entityLinks.ts). */
export const linkedEntitySchema = z.object({
  kind: z.string(),
  id: z.string(),
  label: z.string(),
  relation: z.string(),
  direction: z.enum(['made', 'madeFrom']),
  kindLabel: z.string(),
  route: z.string().nullable(),
  at: z.string(),
});
export type LinkedEntity = z.infer<typeof linkedEntitySchema>;

/** One version of a ledger entity as its history shows it (versionedEntity.versionHistory), over the ledger's statuses. */
export function entityVersionSchema<S extends readonly [string, ...string[]]>(statuses: S) {
  return z.object({
    version: z.number(),
    action: z.string(),
    actionLabel: z.string(),
    reason: z.string().nullable(),
    approver: z.string().nullable(),
    date: z.string().nullable(),
    statusBefore: z.enum(statuses).nullable(),
    statusAfter: z.enum(statuses),
    at: z.string(),
    /** The user's name, or 系统（到期自动） / 市平台 for changes nobody typed. */
    userName: z.string(),
    author: z.enum(AUTHOR_KINDS),
    changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() })),
  });
}

/** An evidence file sent for an entity (its id under `ownerKey`: recordId, commitmentId…). */
export const attachmentAddRequest = <K extends string>(ownerKey: K) =>
  z.object({
    [ownerKey]: uuid,
    fileName: z.string().trim().min(1, { error: '文件名不能为空' }).max(200, { error: '文件名过长' }),
    contentBase64: z.string().max(MAX_FILE_BASE64, { error: '附件不能超过 30 MB' }),
  } as { [P in K]: typeof uuid } & { fileName: z.ZodString; contentBase64: z.ZodString });

/** Opening a stored file; confirmAltered: the user saw that it changed since it was filed, and opens it anyway. */
export const attachmentOpenRequest = z.object({ attachmentId: uuid, confirmAltered: z.boolean().optional() });
export const attachmentOpenResponse = z.object({ state: z.enum(['ok', 'missing', 'altered']), opened: z.boolean() });

/** A workbook to import (or to check only: dryRun), with the page's job id to follow it with jobs.progress and stop it with jobs.cancel. */
export const importRequest = fileSchema.extend({
  contentBase64: z.string().max(MAX_FILE_BASE64, { error: '文件不能超过 30 MB' }),
  dryRun: z.boolean().default(false),
  jobId: uuid.optional(),
});

/** A filter's chosen values: each at most once, so never more than the vocabulary has. */
export const anyOf = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.array(z.enum(values)).max(values.length, { error: `${label}的筛选值过多` }).optional();

/** The key a form keeps its draft under (record:new, commitment:<id>…). */
export const DRAFT_KEY = boundedText('草稿键', 80);
