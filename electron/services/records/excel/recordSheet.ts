import {
  CLUE_SOURCES, RECORD_FIELD_LABELS as L, SECTORS, SEVERITIES, SITUATIONS, SUBJECT_TYPE_LABELS, SUBJECT_TYPES, type RecordField,
} from '../../../../shared/domain/dishonesty';
import type { ColumnSpec } from '../../excel/columns';
import type { SheetSpec } from '../../excel/template';

/**
 * The 政务失信记录 sheet (DOMAIN.md "Excel import templates"): its 17 columns in the template's order, each
 * with its kind, vocabulary, the words offices' old spreadsheets use instead, and what the 填写说明 sheet
 * says about it. Headers are the field labels of shared/domain/dishonesty.ts, so the form, the template,
 * the import report and the export all say the same thing.
 */
const column = (field: RecordField, spec: Omit<ColumnSpec<RecordField>, 'field' | 'header'>): ColumnSpec<RecordField> => ({
  field, header: L[field], ...spec,
});

export const RECORD_COLUMNS: readonly ColumnSpec<RecordField>[] = [
  column('subjectType', {
    kind: 'choice', requiredHeader: true, width: 10, vocabulary: SUBJECT_TYPES, labels: SUBJECT_TYPE_LABELS,
    // DOMAIN.md calls a person subject 公务员/公职人员; a unit subject is often written as the kind of unit.
    synonyms: { 公务员: 'person', 公职人员: 'person', 人员: 'person', 自然人: 'person', 机关: 'unit' },
    guide: { need: '必填', rule: '下拉选择：单位 或 个人（个人指公务员、公职人员）', example: '单位' },
  }),
  column('unitName', {
    kind: 'text', requiredHeader: true, width: 30,
    guide: { need: '必填', rule: '主体为单位时填失信单位全称；主体为个人时填其所在单位全称。不超过 100 个字', example: '某某市某某区某某街道办事处' },
  }),
  column('unitUscc', {
    kind: 'code', requiredHeader: true, width: 22,
    guide: {
      need: '单位必填',
      rule: '18 位，数字和大写英文字母（不含 I、O、S、V、Z），末位为校验码。主体为个人时可留空（填写的须有效）。请保持本列为文本格式',
      example: '11320102MB0000000F',
    },
  }),
  column('personName', {
    kind: 'text', requiredHeader: false, width: 10,
    guide: { need: '个人必填', rule: '主体为个人时填写，不超过 50 个字', example: '赵某某' },
  }),
  column('personIdNumber', {
    kind: 'code', requiredHeader: false, width: 22, upperCaseCheckX: true,
    guide: {
      need: '个人必填',
      rule: '18 位居民身份证号，末位可为大写 X。请保持本列为文本格式，否则 Excel 会把后几位变成 0',
      example: '11010519491231002X',
    },
  }),
  column('personPosition', {
    kind: 'text', requiredHeader: false, width: 12, guide: { need: '选填', rule: '个人的职务，不超过 50 个字', example: '副主任' },
  }),
  column('situation', {
    kind: 'choice', requiredHeader: true, width: 14, vocabulary: SITUATIONS,
    synonyms: { 失信被执行人: '司法判决', 法院判决: '司法判决', 行政败诉: '司法判决', 处分: '纪律处分', 问责: '问责处理', 拖欠账款: '拖欠企业账款', 拖欠民营企业账款: '拖欠企业账款', 未履行承诺: '未守信践诺' },
    guide: { need: '必填', rule: '下拉选择', example: '拖欠企业账款' },
  }),
  column('sector', {
    kind: 'choice', requiredHeader: true, width: 18, vocabulary: SECTORS,
    synonyms: { PPP: '政府和社会资本合作', 政府债务: '地方政府债务', 统计领域: '统计', 乡镇: '乡镇街道', 街道: '乡镇街道', 招投标: '招标投标' },
    guide: { need: '必填', rule: '下拉选择', example: '乡镇街道' },
  }),
  column('clueSource', {
    kind: 'choice', requiredHeader: true, width: 16, vocabulary: CLUE_SOURCES,
    synonyms: { '12345': '12345热线', '12345政务服务热线': '12345热线', 信访: '来信来访', 来信: '来信来访', 来访: '来信来访', 举报电话: '监督电话', 网站: '网站专栏', 上级交办件: '上级交办' },
    guide: { need: '必填', rule: '下拉选择', example: '民营企业沟通机制' },
  }),
  column('facts', {
    kind: 'longText', requiredHeader: true, width: 50,
    guide: { need: '必填', rule: '失信的具体事实，5–2000 个字', example: '拖欠某建筑公司道路修缮工程款，经法院判决后仍未履行。' },
  }),
  column('docName', {
    kind: 'text', requiredHeader: false, width: 20, guide: { need: '选填', rule: '认定文书的名称（审核认定前须补全）', example: '民事判决书' },
  }),
  column('docNumber', {
    kind: 'text', requiredHeader: false, width: 24, keepAsText: true,
    guide: { need: '选填', rule: '认定文书的文号（审核认定前须补全）。同一主体、同一文书编号的记录不能重复导入', example: '(2024)苏0102民初123号' },
  }),
  column('recognisedOn', {
    kind: 'date', requiredHeader: false, width: 12, blank: null,
    guide: { need: '选填', rule: '日期，不能晚于今天，也不能早于发生日期（审核认定前须补全）', example: '2024-05-20' },
  }),
  column('docAuthority', {
    kind: 'text', requiredHeader: false, width: 20, guide: { need: '选填', rule: '作出认定的机关（审核认定前须补全）', example: '某某区人民法院' },
  }),
  column('amountFen', {
    kind: 'amount', requiredHeader: false, width: 16,
    guide: { need: '选填', rule: '以“元”为单位的数字，最多两位小数，可带千分位逗号；不要写“万元”', example: '123,456.00' },
  }),
  column('happenedOn', {
    kind: 'date', requiredHeader: true, width: 12, guide: { need: '必填', rule: '日期，不能晚于今天', example: '2023-11-02' },
  }),
  column('severity', {
    kind: 'choice', requiredHeader: true, width: 10, vocabulary: SEVERITIES,
    guide: { need: '必填', rule: '下拉选择：一般、较重、严重', example: '较重' },
  }),
];

export const RECORD_SHEET: SheetSpec<RecordField> = {
  sheetName: '政务失信记录',
  columns: RECORD_COLUMNS,
  notes: [
    '同一主体（统一社会信用代码或身份证号）且认定文书编号相同的记录视为重复，不会重复导入。',
    '导入的记录状态为“线索核实中”，由审核员核实认定。',
  ],
};

/** The 17 template headers, in order. */
export const RECORD_HEADERS: readonly string[] = RECORD_COLUMNS.map((c) => c.header);

/** Headers that must be present in an imported sheet. */
export const REQUIRED_RECORD_HEADERS: readonly string[] = RECORD_COLUMNS.filter((c) => c.requiredHeader).map((c) => c.header);
