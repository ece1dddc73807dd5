import {
  COMMITMENT_FIELD_LABELS as L, COMMITMENT_TYPES, PUBLISH_CHANNELS, SERVICE_AREAS, type CommitmentField,
} from '../../../../shared/domain/commitments';
import type { ColumnSpec } from '../../excel/columns';
import type { SheetSpec } from '../../excel/template';

const column = (field: CommitmentField, spec: Omit<ColumnSpec<CommitmentField>, 'field' | 'header'>): ColumnSpec<CommitmentField> => ({
  field, header: L[field], ...spec,
});

/**
 * The 公开承诺 sheet (DOMAIN.md "Excel import templates"): the 12 headers of the template in its order, then
 * 量化目标 (optional: a sheet without that column imports as before). Headers are the field labels of
 * shared/domain/commitments.ts, so the form, the template, the report and the export say the same thing.
 */
export const COMMITMENT_COLUMNS: readonly ColumnSpec<CommitmentField>[] = [
  column('unitName', {
    kind: 'text', requiredHeader: true, width: 28,
    guide: { need: '必填', rule: '作出承诺的乡镇人民政府、街道办事处或其部门全称，不超过 100 个字', example: '某某市某某区某某街道办事处' },
  }),
  column('unitUscc', {
    kind: 'code', requiredHeader: true, width: 22,
    guide: { need: '必填', rule: '承诺单位的 18 位统一社会信用代码，末位为校验码。请保持本列为文本格式', example: '11320102MB0000000F' },
  }),
  column('number', {
    kind: 'text', requiredHeader: true, width: 18, keepAsText: true,
    guide: { need: '必填', rule: '单位内部的承诺编号，同一单位不能重复，不超过 60 个字', example: 'CN-2024-001' },
  }),
  column('title', {
    kind: 'text', requiredHeader: true, width: 26, guide: { need: '必填', rule: '承诺的事项名称，不超过 100 个字', example: '居民养老服务补贴限时办结' },
  }),
  column('content', {
    kind: 'longText', requiredHeader: true, width: 50,
    guide: { need: '必填', rule: '承诺的具体内容，5–2000 个字', example: '符合条件的申请材料齐全的，自受理之日起 5 个工作日内办结并告知结果。' },
  }),
  column('commitmentType', {
    kind: 'choice', requiredHeader: true, width: 14, vocabulary: COMMITMENT_TYPES,
    synonyms: { 服务质量: '服务质量承诺', 质量承诺: '服务质量承诺', 期限: '期限承诺', 时限承诺: '期限承诺', 办结时限承诺: '期限承诺', 保障: '保障承诺' },
    guide: { need: '必填', rule: '下拉选择：服务质量承诺、期限承诺、保障承诺', example: '期限承诺' },
  }),
  column('serviceArea', {
    kind: 'choice', requiredHeader: true, width: 12, vocabulary: SERVICE_AREAS,
    synonyms: { 计划生育: '计生', 残疾人: '助残', 扶残助残: '助残', 脱贫: '扶贫', 医疗保险: '医保', 交通: '出行', 消防: '防火防盗', 拥军: '拥军优属', 双拥: '拥军优属', 便民: '便民服务', 政务: '政务服务' },
    guide: { need: '必填', rule: '下拉选择', example: '养老' },
  }),
  column('department', {
    kind: 'text', requiredHeader: true, width: 16, guide: { need: '必填', rule: '负责履行承诺的部门，不超过 50 个字', example: '社会事务办' },
  }),
  column('responsiblePerson', {
    kind: 'text', requiredHeader: true, width: 10, guide: { need: '必填', rule: '责任人姓名，不超过 50 个字', example: '王某某' },
  }),
  column('publishChannel', {
    kind: 'choice', requiredHeader: true, width: 12, vocabulary: PUBLISH_CHANNELS,
    synonyms: { 公开栏: '政务公开栏', 政务公开: '政务公开栏', 网站: '门户网站', 政府网站: '门户网站', 官网: '门户网站', 大厅: '审批大厅', 便民服务中心: '审批大厅', 政务服务大厅: '审批大厅' },
    guide: { need: '必填', rule: '下拉选择：政务公开栏、门户网站、审批大厅、其他', example: '政务公开栏' },
  }),
  column('publishedOn', {
    kind: 'date', requiredHeader: true, width: 12, guide: { need: '必填', rule: '日期，不能晚于今天', example: '2024-03-01' },
  }),
  column('dueOn', {
    kind: 'date', requiredHeader: true, width: 12,
    guide: { need: '必填', rule: '承诺兑现的最后期限，不能早于公开日期。已过期限仍未兑现的承诺导入后即为“逾期未兑现”', example: '2024-12-31' },
  }),
  column('target', {
    kind: 'longText', requiredHeader: false, width: 30,
    guide: { need: '选填', rule: '可衡量的目标（办结时限、覆盖率、满意度等），不超过 500 个字', example: '按期办结率 100%' },
  }),
];

export const COMMITMENT_SHEET: SheetSpec<CommitmentField> = {
  sheetName: '公开承诺',
  columns: COMMITMENT_COLUMNS,
  notes: [
    '同一承诺单位（统一社会信用代码）的承诺编号不能重复，重复的行不会导入。',
    '导入的承诺状态为“待确认”，由审核员审核确认；承诺期限已过的，导入后由系统标记为“逾期未兑现”。',
  ],
};
