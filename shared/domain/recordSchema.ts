import { z } from 'zod';
import { CLUE_SOURCES, RECORD_FIELD_LABELS as L, SECTORS, SEVERITIES, SITUATIONS, SUBJECT_TYPES } from './dishonesty';
import { validateUscc } from '../validation/uscc';
import { validateIdNumber } from '../validation/idcard';
import { isValidIsoDate, todayIso } from '../validation/dates';

const text = (label: string, max: number) =>
  z.string().trim().max(max, { error: `${label}不能超过 ${max} 个字` });
const optional = (label: string, max: number) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : v), text(label, max)).transform((v) => (v === '' ? null : v));
const choice = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, { error: `请选择${label}` });
const optionalDate = (label: string) =>
  z
    .preprocess((v) => (v === undefined || v === '' ? null : v), z.string().nullable())
    .refine((v) => v === null || isValidIsoDate(v), { error: `${label}不是有效日期（YYYY-MM-DD）` });

/**
 * The fields of a dishonesty record as the clerk enters them (DOMAIN.md §1). This is also the `data`
 * of an upload item (PLATFORM-API.md, schemaVersion 1): the platform validates with the same rules.
 * Cross-field rules (subject type, date order, no future dates) are in the superRefine below.
 */
export const recordFieldsObject = z.object({
  subjectType: choice(L.subjectType, SUBJECT_TYPES),
  unitName: text(L.unitName, 100),
  unitUscc: optional(L.unitUscc, 18),
  personName: optional(L.personName, 50),
  personIdNumber: optional(L.personIdNumber, 18),
  personPosition: optional(L.personPosition, 50),
  situation: choice(L.situation, SITUATIONS),
  sector: choice(L.sector, SECTORS),
  clueSource: choice(L.clueSource, CLUE_SOURCES),
  facts: text(L.facts, 2000),
  docName: optional(L.docName, 100),
  docNumber: optional(L.docNumber, 60),
  recognisedOn: optionalDate(L.recognisedOn),
  docAuthority: optional(L.docAuthority, 100),
  amountFen: z
    .number({ error: `${L.amountFen}须为数字` })
    .int({ error: `${L.amountFen}最多两位小数` })
    .min(0, { error: `${L.amountFen}不能为负数` })
    .max(1e13, { error: `${L.amountFen}过大` })
    .nullable()
    .default(null),
  happenedOn: z.string({ error: `请填写${L.happenedOn}` }).max(10, { error: `请填写有效的${L.happenedOn}` }).refine(isValidIsoDate, { error: `请填写有效的${L.happenedOn}` }),
  severity: choice(L.severity, SEVERITIES),
});

export const recordFieldsSchema = recordFieldsObject.superRefine((r, ctx) => {
  const issue = (path: keyof typeof L, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (r.unitName === '') issue('unitName', r.subjectType === 'person' ? '请填写所在单位名称' : `请填写${L.unitName}`);
  if (r.facts.length === 0) issue('facts', `请填写${L.facts}`);
  else if (r.facts.length < 5) issue('facts', `${L.facts}至少 5 个字`);
  if (r.subjectType === 'unit') {
    if (!r.unitUscc) issue('unitUscc', `请填写${L.unitUscc}`);
  } else {
    if (!r.personName) issue('personName', `请填写${L.personName}`);
    if (!r.personIdNumber) issue('personIdNumber', `请填写${L.personIdNumber}`);
  }
  if (r.unitUscc) {
    const check = validateUscc(r.unitUscc);
    if (!check.ok) issue('unitUscc', check.reason);
  }
  const today = todayIso();
  if (r.subjectType === 'person' && r.personIdNumber) {
    const check = validateIdNumber(r.personIdNumber, today);
    if (!check.ok) issue('personIdNumber', check.reason);
  }
  if (isValidIsoDate(r.happenedOn) && r.happenedOn > today) issue('happenedOn', `${L.happenedOn}不能晚于今天`);
  if (r.recognisedOn) {
    if (r.recognisedOn > today) issue('recognisedOn', `${L.recognisedOn}不能晚于今天`);
    else if (isValidIsoDate(r.happenedOn) && r.recognisedOn < r.happenedOn)
      issue('recognisedOn', `${L.recognisedOn}不能早于${L.happenedOn}`);
  }
});

export type RecordFields = z.output<typeof recordFieldsSchema>;
export type RecordFieldsInput = z.input<typeof recordFieldsSchema>;
