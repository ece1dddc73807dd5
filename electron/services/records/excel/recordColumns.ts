import {
  CLUE_SOURCES, RECORD_FIELD_LABELS, SECTORS, SEVERITIES, SITUATIONS, SUBJECT_TYPE_LABELS, type RecordField, type SubjectType,
} from '../../../../shared/domain/dishonesty';
import { normalizeText } from '../../../../shared/validation/text';

/**
 * The columns of the 政务失信记录 import template (DOMAIN.md "Excel import templates"), in the template's
 * order. The header text is the field label of shared/domain/dishonesty.ts, so the form, the template, the
 * import report and the export all say the same thing.
 */
export interface RecordColumn {
  field: RecordField;
  header: string;
  /** The file is refused when this header is missing (a missing optional column reads as empty cells). */
  requiredHeader: boolean;
  kind: 'subjectType' | 'choice' | 'text' | 'facts' | 'code' | 'date' | 'amount';
  /** The allowed values of a drop-down column, as written in the sheet. */
  choices?: readonly string[];
}

const REQUIRED_HEADERS: ReadonlySet<RecordField> = new Set<RecordField>([
  'subjectType', 'unitName', 'unitUscc', 'situation', 'sector', 'clueSource', 'facts', 'happenedOn', 'severity',
]);

const KIND: Record<RecordField, RecordColumn['kind']> = {
  subjectType: 'subjectType',
  unitName: 'text',
  unitUscc: 'code',
  personName: 'text',
  personIdNumber: 'code',
  personPosition: 'text',
  situation: 'choice',
  sector: 'choice',
  clueSource: 'choice',
  facts: 'facts',
  docName: 'text',
  docNumber: 'text',
  recognisedOn: 'date',
  docAuthority: 'text',
  amountFen: 'amount',
  happenedOn: 'date',
  severity: 'choice',
};

/** 主体类型 as written in a sheet: 单位 / 个人 (what the template offers), or the English ids. */
export const SUBJECT_TYPE_CHOICES: readonly string[] = Object.values(SUBJECT_TYPE_LABELS);

const CHOICES: Partial<Record<RecordField, readonly string[]>> = {
  subjectType: SUBJECT_TYPE_CHOICES,
  situation: SITUATIONS,
  sector: SECTORS,
  clueSource: CLUE_SOURCES,
  severity: SEVERITIES,
};

export const RECORD_COLUMNS: readonly RecordColumn[] = (Object.keys(RECORD_FIELD_LABELS) as RecordField[]).map((field) => ({
  field,
  header: RECORD_FIELD_LABELS[field],
  requiredHeader: REQUIRED_HEADERS.has(field),
  kind: KIND[field],
  ...(CHOICES[field] ? { choices: CHOICES[field] } : {}),
}));

/** The 17 template headers, in order. */
export const RECORD_HEADERS: readonly string[] = RECORD_COLUMNS.map((c) => c.header);

/** Headers that must be present in an imported sheet. */
export const REQUIRED_RECORD_HEADERS: readonly string[] = RECORD_COLUMNS.filter((c) => c.requiredHeader).map((c) => c.header);

export const COLUMN_BY_FIELD = new Map<RecordField, RecordColumn>(RECORD_COLUMNS.map((c) => [c.field, c]));

/**
 * How a header cell is compared: normalizeText (full-width → half-width, so 涉及金额（元） = 涉及金额(元)),
 * then every space and a required-field marker `*` removed, so "单位 名称" or "*失信情形" still match.
 */
export function headerKey(text: unknown): string {
  return normalizeText(text).replace(/[\s*]/g, '');
}

const COLUMN_BY_KEY = new Map<string, RecordColumn>(RECORD_COLUMNS.map((c) => [headerKey(c.header), c]));

/** The template column a header cell names, if any (header → field). */
export function columnForHeader(text: unknown): RecordColumn | undefined {
  return COLUMN_BY_KEY.get(headerKey(text));
}

const SUBJECT_TYPE_BY_INPUT = new Map<string, SubjectType>([
  ['单位', 'unit'],
  ['个人', 'person'],
  ['unit', 'unit'],
  ['person', 'person'],
]);

/** 单位 → 'unit', 个人 → 'person' (also the ids themselves, any case); undefined for anything else. */
export function subjectTypeFromCell(text: string): SubjectType | undefined {
  return SUBJECT_TYPE_BY_INPUT.get(normalizeText(text).toLowerCase());
}
