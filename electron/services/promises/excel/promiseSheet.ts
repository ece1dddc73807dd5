import { z } from 'zod';
import { ITEM_FIELD_LABELS as IL, PROJECT_FIELD_LABELS as PL, PROMISE_TYPES } from '../../../../shared/domain/promises';
import { itemFieldsObject, projectFieldsObject } from '../../../../shared/domain/promiseSchema';
import { isValidIsoDate, todayIso } from '../../../../shared/validation/dates';
import type { ColumnSpec } from '../../excel/columns';
import type { SheetSpec } from '../../excel/template';

/**
 * The 招商引资承诺 sheet (DOMAIN.md "Excel import templates"): one row per promise item; the rows of one project
 * (same 协议编号 + 企业统一社会信用代码) repeat its project columns. 三重一大 columns are optional extras.
 */
export const PROMISE_ROW_LABELS = {
  projectName: PL.projectName,
  enterpriseName: PL.enterpriseName,
  enterpriseUscc: PL.enterpriseUscc,
  agreementNo: PL.agreementNo,
  signedOn: PL.signedOn,
  signingBody: PL.signingBody,
  type: IL.type,
  content: IL.content,
  amountFen: IL.amountFen,
  dueOn: IL.dueOn,
  conditions: IL.conditions,
  department: IL.department,
  responsibleName: IL.responsibleUserId,
  collectiveDecision: '是否经三重一大集体决策',
  decisionRef: PL.decisionRef,
} as const;
export type PromiseRowField = keyof typeof PROMISE_ROW_LABELS;

const column = (field: PromiseRowField, spec: Omit<ColumnSpec<PromiseRowField>, 'field' | 'header'>): ColumnSpec<PromiseRowField> => ({
  field, header: PROMISE_ROW_LABELS[field], ...spec,
});

export const PROMISE_COLUMNS: readonly ColumnSpec<PromiseRowField>[] = [
  column('projectName', { kind: 'text', requiredHeader: true, width: 26, guide: { need: '必填', rule: '同一项目各行须一致，不超过 100 个字', example: '某某智能制造产业园项目' } }),
  column('enterpriseName', { kind: 'text', requiredHeader: true, width: 26, guide: { need: '必填', rule: '投资企业全称；同一项目各行须一致', example: '某某科技有限公司' } }),
  column('enterpriseUscc', {
    kind: 'code', requiredHeader: true, width: 22,
    guide: { need: '必填', rule: '18 位统一社会信用代码，末位为校验码；与协议编号一起确定一个项目。请保持本列为文本格式', example: '91320102MA1XXXXXXX' },
  }),
  column('agreementNo', { kind: 'text', requiredHeader: true, width: 20, keepAsText: true, guide: { need: '必填', rule: '协议或合同编号；同一企业、同一编号的各行属于同一项目', example: 'ZS-2024-015' } }),
  column('signedOn', { kind: 'date', requiredHeader: true, width: 12, guide: { need: '必填', rule: '日期，不能晚于今天；同一项目各行须一致', example: '2024-03-05' } }),
  column('signingBody', { kind: 'text', requiredHeader: true, width: 22, guide: { need: '必填', rule: '代表政府签约的单位；同一项目各行须一致', example: '某某街道办事处' } }),
  column('type', { kind: 'choice', requiredHeader: true, width: 14, vocabulary: PROMISE_TYPES,
    synonyms: { 财政奖励: '财政奖补', 奖补: '财政奖补', 补贴: '财政奖补', 税收优惠: '税费优惠', 减免税费: '税费优惠', 用地: '土地供应', 土地: '土地供应', 配套设施: '基础设施配套', 融资: '融资支持', 人才: '人才政策' },
    guide: { need: '必填', rule: '下拉选择', example: '财政奖补' } }),
  column('content', { kind: 'longText', requiredHeader: true, width: 40, guide: { need: '必填', rule: '承诺的具体内容，2–1000 个字', example: '项目竣工投产后给予设备投资额 10% 的奖励' } }),
  column('amountFen', { kind: 'amount', requiredHeader: true, width: 16, guide: { need: '必填', rule: '以“元”为单位，大于 0，最多两位小数，可带千分位逗号', example: '1,200,000.00' } }),
  column('dueOn', { kind: 'date', requiredHeader: true, width: 12, guide: { need: '必填', rule: '日期，不早于签订日期', example: '2025-06-30' } }),
  column('conditions', { kind: 'longText', requiredHeader: true, width: 30, guide: { need: '选填', rule: '兑现须满足的条件', example: '项目竣工验收并投产' } }),
  column('department', { kind: 'text', requiredHeader: true, width: 14, guide: { need: '必填', rule: '负责兑现的部门', example: '经济发展办公室' } }),
  column('responsibleName', { kind: 'text', requiredHeader: true, width: 10, guide: { need: '必填', rule: '本系统中在岗用户的姓名（或登录名）', example: '李路' } }),
  column('collectiveDecision', { kind: 'choice', requiredHeader: false, width: 12, vocabulary: ['是', '否'], blank: null,
    synonyms: { Y: '是', N: '否', 已决策: '是', 未决策: '否' }, guide: { need: '选填', rule: '是 或 否；空白视为否', example: '是' } }),
  column('decisionRef', { kind: 'text', requiredHeader: false, width: 22, guide: { need: '经决策必填', rule: '集体决策的会议名称或纪要编号', example: '2024年第3次党工委会议' } }),
];

const P = projectFieldsObject.shape;
const I = itemFieldsObject.shape;

/** One sheet row: the project's columns and one item's. */
export const promiseRowSchema = z
  .object({
    projectName: P.projectName, enterpriseName: P.enterpriseName, enterpriseUscc: P.enterpriseUscc, agreementNo: P.agreementNo,
    signedOn: P.signedOn, signingBody: P.signingBody, type: I.type, content: I.content, amountFen: I.amountFen, dueOn: I.dueOn,
    conditions: I.conditions, department: I.department,
    responsibleName: z.string({ error: '请填写责任人' }).trim().min(1, { error: '请填写责任人' }).max(50, { error: '责任人不能超过 50 个字' }),
    collectiveDecision: z.enum(['是', '否'], { error: '是否经三重一大集体决策请填“是”或“否”' }).nullish().transform((v) => v ?? null),
    decisionRef: P.decisionRef,
  })
  .superRefine((r, ctx) => {
    if (isValidIsoDate(r.signedOn) && r.signedOn > todayIso()) ctx.addIssue({ code: 'custom', path: ['signedOn'], message: `${PL.signedOn}不能晚于今天` });
    if (isValidIsoDate(r.signedOn) && isValidIsoDate(r.dueOn) && r.dueOn < r.signedOn) {
      ctx.addIssue({ code: 'custom', path: ['dueOn'], message: `${IL.dueOn}不能早于${PL.signedOn}` });
    }
    if (r.collectiveDecision === '是' && !r.decisionRef) ctx.addIssue({ code: 'custom', path: ['decisionRef'], message: `经过三重一大集体决策的，请填写${PL.decisionRef}` });
  });
export type PromiseSheetRow = z.output<typeof promiseRowSchema>;

export const PROMISE_SHEET: SheetSpec<PromiseRowField> = {
  sheetName: '招商引资承诺',
  columns: PROMISE_COLUMNS,
  notes: [
    '每行一项承诺事项。同一企业统一社会信用代码、同一协议编号的各行属于同一项目，其项目名称、企业名称、签订日期、签约主体、三重一大列须一致，否则该项目各行均不导入。',
    '台账中已有同一企业、同一协议编号的项目时，不再重复导入。',
    '责任人须为本系统中在岗的用户（按姓名或登录名匹配）。兑现期限已过的事项导入后为“逾期未兑现”。',
  ],
};
