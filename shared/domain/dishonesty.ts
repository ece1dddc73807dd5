/** 政务失信记录 vocabulary, from DOMAIN.md §1 (seeds 000 §二(二), 003 §二(二), 004 §二(三), 002 §11). */

export const SUBJECT_TYPES = ['unit', 'person'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export const SUBJECT_TYPE_LABELS: Record<SubjectType, string> = { unit: '单位', person: '个人' };

export const SITUATIONS = [
  '司法判决', '行政处罚', '纪律处分', '问责处理', '未守信践诺', '拖欠企业账款', '新官不理旧账', '统计造假', '其他',
] as const;
export type Situation = (typeof SITUATIONS)[number];

export const SECTORS = [
  '政府采购', '政府和社会资本合作', '招标投标', '招商引资', '地方政府债务', '统计', '乡镇街道', '其他',
] as const;
export type Sector = (typeof SECTORS)[number];

export const CLUE_SOURCES = [
  '12345热线', '网站专栏', '监督电话', '来信来访', '败诉案件推送', '民营企业沟通机制', '营商环境监测', '自查', '上级交办',
] as const;
export type ClueSource = (typeof CLUE_SOURCES)[number];

export const SEVERITIES = ['一般', '较重', '严重'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RECORD_STATUSES = [
  'verifying', 'unfounded', 'recognised', 'rectifying', 'rectified', 'repaired', 'exempted', 'objection', 'revoked',
] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const RECORD_STATUS_LABELS: Record<RecordStatus, string> = {
  verifying: '线索核实中',
  unfounded: '不属实',
  recognised: '已认定',
  rectifying: '整改中',
  rectified: '已整改',
  repaired: '已修复',
  exempted: '容错免责',
  objection: '异议中',
  revoked: '撤销',
};

/** Field labels, shared by the form, the services' messages, the Excel template and the export. */
export const RECORD_FIELD_LABELS = {
  subjectType: '主体类型',
  unitName: '单位名称',
  unitUscc: '统一社会信用代码',
  personName: '姓名',
  personIdNumber: '身份证号',
  personPosition: '职务',
  situation: '失信情形',
  sector: '领域',
  clueSource: '线索来源',
  facts: '失信事实',
  docName: '认定文书名称',
  docNumber: '认定文书编号',
  recognisedOn: '认定日期',
  docAuthority: '认定机关',
  amountFen: '涉及金额（元）',
  happenedOn: '发生日期',
  severity: '严重程度',
} as const;
export type RecordField = keyof typeof RECORD_FIELD_LABELS;

/** The deciding-document fields a record needs before a reviewer can approve it into the ledger. */
export const FIELDS_REQUIRED_FOR_APPROVAL: RecordField[] = ['docName', 'docNumber', 'recognisedOn', 'docAuthority'];
