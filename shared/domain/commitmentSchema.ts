import { z } from 'zod';
import {
  CHECK_LABELS, CHECK_METHODS, CHECK_RESULTS, COMMITMENT_FIELD_LABELS as L, COMMITMENT_STATUSES, COMMITMENT_TYPES, COMPLAINT_CHANNELS,
  COMPLAINT_LABELS, COMPLAINT_RESULTS, PUBLISH_CHANNELS, SERVICE_AREAS,
} from './commitments';
import { validateUscc } from '../validation/uscc';
import { isValidIsoDate, todayIso } from '../validation/dates';

const text = (label: string, max: number) => z.string({ error: `请填写${label}` }).trim().max(max, { error: `${label}不能超过 ${max} 个字` });
const required = (label: string, max: number) => text(label, max).min(1, { error: `请填写${label}` });
const optional = (label: string, max: number) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : v), text(label, max)).transform((v) => (v === '' ? null : v));
const choice = <T extends readonly [string, ...string[]]>(label: string, values: T) => z.enum(values, { error: `请选择${label}` });
const day = (label: string) => z.string({ error: `请填写${label}` }).max(10, { error: `请填写有效的${label}（YYYY-MM-DD）` }).refine(isValidIsoDate, { error: `请填写有效的${label}（YYYY-MM-DD）` });

/**
 * The fields of a public commitment as the clerk enters them (DOMAIN.md §2). This is also the `data` of its
 * upload item (PLATFORM-API.md, kind public_commitment, schemaVersion 1): the platform validates with the
 * same rules. Cross-field rules (no future publish date, due date not before it) are in the superRefine.
 */
export const commitmentFieldsObject = z.object({
  unitName: required(L.unitName, 100),
  unitUscc: z.string({ error: `请填写${L.unitUscc}` }).trim().min(1, { error: `请填写${L.unitUscc}` }).max(64, { error: `${L.unitUscc}应为 18 位` }),
  number: required(L.number, 60),
  title: required(L.title, 100),
  content: text(L.content, 2000),
  commitmentType: choice(L.commitmentType, COMMITMENT_TYPES),
  serviceArea: choice(L.serviceArea, SERVICE_AREAS),
  target: optional(L.target, 500),
  department: required(L.department, 50),
  responsiblePerson: required(L.responsiblePerson, 50),
  publishChannel: choice(L.publishChannel, PUBLISH_CHANNELS),
  publishedOn: day(L.publishedOn),
  dueOn: day(L.dueOn),
});

export const commitmentFieldsSchema = commitmentFieldsObject.superRefine((c, ctx) => {
  const issue = (path: keyof typeof L, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (c.content.length === 0) issue('content', `请填写${L.content}`);
  else if (c.content.length < 5) issue('content', `${L.content}至少 5 个字`);
  const uscc = validateUscc(c.unitUscc);
  if (!uscc.ok) issue('unitUscc', uscc.reason);
  if (isValidIsoDate(c.publishedOn) && c.publishedOn > todayIso()) issue('publishedOn', `${L.publishedOn}不能晚于今天`);
  if (isValidIsoDate(c.publishedOn) && isValidIsoDate(c.dueOn) && c.dueOn < c.publishedOn) issue('dueOn', `${L.dueOn}不能早于${L.publishedOn}`);
});

export type CommitmentFields = z.output<typeof commitmentFieldsSchema>;
export type CommitmentFieldsInput = z.input<typeof commitmentFieldsSchema>;

/* ---------------------------------------------------------------------------------------------- */
/* Supervision log entries                                                                        */
/* ---------------------------------------------------------------------------------------------- */

const pastDay = (label: string) => day(label).refine((v) => v <= todayIso(), { error: `${label}不能晚于今天` });

export const checkEntrySchema = z.object({
  kind: z.literal('check'),
  on: pastDay(CHECK_LABELS.on),
  inspector: required(CHECK_LABELS.inspector, 50),
  method: choice(CHECK_LABELS.method, CHECK_METHODS),
  finding: required(CHECK_LABELS.finding, 1000),
  result: choice(CHECK_LABELS.result, CHECK_RESULTS),
});

export const complaintEntrySchema = z.object({
  kind: z.literal('complaint'),
  on: pastDay(COMPLAINT_LABELS.on),
  channel: choice(COMPLAINT_LABELS.channel, COMPLAINT_CHANNELS),
  content: required(COMPLAINT_LABELS.content, 1000),
  handling: required(COMPLAINT_LABELS.handling, 1000),
  result: choice(COMPLAINT_LABELS.result, COMPLAINT_RESULTS),
});

/** What the user types for one entry of the supervision log. */
export const supervisionInputSchema = z.discriminatedUnion('kind', [checkEntrySchema, complaintEntrySchema], { error: '请选择登记类型（监督检查或群众投诉）' });
export type SupervisionInput = z.output<typeof supervisionInputSchema>;

/** A stored entry: what was typed, who entered it and when. */
const attributed = { id: z.string(), at: z.string(), byName: z.string() };
export const supervisionEntrySchema = z.discriminatedUnion('kind', [checkEntrySchema.extend(attributed), complaintEntrySchema.extend(attributed)]);
export type SupervisionEntry = z.output<typeof supervisionEntrySchema>;

/** What the closing move left (its dialog's date, text, second text and approver). */
export const commitmentOutcomeShape = {
  outcomeOn: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  outcomeDetail: z.string().nullable(),
  outcomeApprover: z.string().nullable(),
};

/**
 * The `data` of a public_commitment upload item: the fields, where it stands, what closed it and its
 * supervision log (the platform keeps what the public complained about, too).
 */
export const commitmentUploadSchema = commitmentFieldsObject.extend({
  status: z.enum(COMMITMENT_STATUSES),
  locked: z.boolean(),
  ...commitmentOutcomeShape,
  supervision: z.array(supervisionEntrySchema),
}).superRefine((c, ctx) => {
  const fields = commitmentFieldsSchema.safeParse(c);
  if (!fields.success) for (const issue of fields.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});
