import { RECORD_FIELD_LABELS, RECORD_STATUS_LABELS, SUBJECT_TYPE_LABELS, type RecordField } from './dishonesty';
import { RECORD_TRANSITIONS } from './recordLifecycle';
import { ROLE_LABELS } from './roles';
import { PROJECT_FIELD_LABELS, PROMISE_MACHINE, PROMISE_STATUS_LABELS } from './promises';
import { NOTICE_FIELD_LABELS, NOTICE_MACHINE, NOTICE_SOURCE_LABELS, NOTICE_STATUS_LABELS } from './notices';
import { COMMITMENT_AUDIT_DESCRIPTION } from './commitmentAudit';

/**
 * How the audit log reads to a reviewer, declared per audited entity: its label, how to name the object an
 * entry is about, where its page is, and each stored field's Chinese label and value format. A later
 * ledger (commitments, promises, notices) gets a readable log by adding its description here.
 */
export type AuditValueFormat =
  | 'text'
  | 'money' // integer fen, shown in 元 with two decimals
  | 'date' // YYYY-MM-DD
  | 'instant' // UTC instant, shown in local time
  | 'idNumber' // shown masked
  | 'boolean'
  | 'bytes';

export interface AuditField {
  label: string;
  format?: AuditValueFormat;
  /** Stored code → word (statuses, roles, subject types). */
  labels?: Readonly<Record<string, string>>;
}

export type AuditSnapshot = Readonly<Record<string, unknown>>;

export interface AuditEntityDescription {
  label: string;
  /** The object's name from what the entry stored (after, else before); null when it stored none. */
  name?: (snapshot: AuditSnapshot, entityId: string) => string | null;
  /** The page that shows the object (a hash-router path). */
  link?: (entityId: string, snapshot: AuditSnapshot) => string | null;
  /** The object this one belongs to (an attachment's record): named and linked with it. */
  parent?: (snapshot: AuditSnapshot) => { entity: string; id: string } | null;
  /** Stored fields in the order they are shown; anything not declared here is not shown. */
  fields: Readonly<Record<string, AuditField>>;
  /** Words for this entity's own actions (otherwise AUDIT_ACTION_LABELS). */
  actions?: Readonly<Record<string, string>>;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** Formats of the dishonesty record's fields; labels come from RECORD_FIELD_LABELS. */
const RECORD_FIELD_FORMATS: Partial<Record<RecordField, AuditField>> = {
  subjectType: { label: RECORD_FIELD_LABELS.subjectType, labels: SUBJECT_TYPE_LABELS },
  personIdNumber: { label: RECORD_FIELD_LABELS.personIdNumber, format: 'idNumber' },
  recognisedOn: { label: RECORD_FIELD_LABELS.recognisedOn, format: 'date' },
  happenedOn: { label: RECORD_FIELD_LABELS.happenedOn, format: 'date' },
  amountFen: { label: '涉及金额', format: 'money' },
};
const recordFields = Object.fromEntries(
  (Object.keys(RECORD_FIELD_LABELS) as RecordField[]).map((f) => [f, RECORD_FIELD_FORMATS[f] ?? { label: RECORD_FIELD_LABELS[f] }]),
);

/** 主体名称（认定文书编号）: a person by name, a unit by its name. */
function recordName(s: AuditSnapshot): string | null {
  const subject = s.subjectType === 'person' ? text(s.personName) : text(s.unitName);
  if (!subject) return null;
  const doc = text(s.docNumber);
  return doc ? `${subject}（${doc}）` : subject;
}

function attachmentDescription(parent: AuditEntityDescription['parent']): AuditEntityDescription {
  return {
    label: '附件',
    name: (s) => text(s.fileName),
    parent,
    fields: { fileName: { label: '文件名' }, size: { label: '大小', format: 'bytes' }, sha256: { label: '文件指纹（SHA-256）' } },
    actions: { add: '添加附件' },
  };
}

export const AUDIT_ENTITIES: Readonly<Record<string, AuditEntityDescription>> = {
  dishonesty_record: {
    label: '失信记录',
    name: recordName,
    link: (id) => `/records/${id}`,
    fields: {
      ...recordFields,
      status: { label: '状态', labels: RECORD_STATUS_LABELS },
      previousStatus: { label: '异议前状态', labels: RECORD_STATUS_LABELS },
      locked: { label: '已审核锁定', format: 'boolean' },
      approvedAt: { label: '审核时间', format: 'instant' },
      reason: { label: '理由' },
    },
    actions: {
      create: '新建', import: '导入', edit: '修改', correct: '更正',
      ...Object.fromEntries(RECORD_TRANSITIONS.map((t) => [t.action, t.label])),
    },
  },
  public_commitment: COMMITMENT_AUDIT_DESCRIPTION,
  investment_promise: {
    label: '招商引资项目',
    name: (s) => (text(s.projectName) ? `${s.projectName}${text(s.agreementNo) ? `（${s.agreementNo}）` : ''}` : null),
    link: (id) => `/promises/projects/${id}`,
    fields: {
      ...Object.fromEntries(Object.entries(PROJECT_FIELD_LABELS).map(([f, label]) => [f, { label }])),
      signedOn: { label: PROJECT_FIELD_LABELS.signedOn, format: 'date' },
      collectiveDecision: { label: PROJECT_FIELD_LABELS.collectiveDecision, format: 'boolean' },
      status: { label: '状态', labels: PROMISE_STATUS_LABELS },
      reason: { label: '说明' },
    },
    actions: {
      create: '新建', import: '导入', edit: '修改', handover: '工作交接', pay: '登记兑现', setWay: '设定兑现路径', toRecord: '生成失信记录',
      ...Object.fromEntries(PROMISE_MACHINE.transitions.map((t) => [t.action, t.label])),
      ...Object.fromEntries(PROMISE_MACHINE.derived.map((d) => [d.action, d.label])),
    },
  },
  rectification_notice: {
    label: '整改通知书',
    name: (s) => text(s.number) ?? (text(s.addressee) ? `致${s.addressee}（草稿）` : null),
    link: (id) => `/notices/${id}`,
    fields: {
      number: { label: '文号' },
      status: { label: '状态', labels: NOTICE_STATUS_LABELS },
      sourceKind: { label: '来源', labels: NOTICE_SOURCE_LABELS },
      ...Object.fromEntries(Object.entries(NOTICE_FIELD_LABELS).map(([f, label]) => [f, f === 'amountFen' ? { label: '涉及金额', format: 'money' as const } : f === 'deadline' ? { label, format: 'date' as const } : { label }])),
      issuedOn: { label: '签发日期', format: 'date' },
      replyOn: { label: '回复日期', format: 'date' },
      replySummary: { label: '回复摘要' },
      verifiedOn: { label: '验收日期', format: 'date' },
      verifyNote: { label: '验收意见' },
      voidReason: { label: '作废理由' },
      printCount: { label: '打印次数' },
      pdfCount: { label: 'PDF 次数' },
      reason: { label: '理由' },
    },
    actions: {
      create: '起草', edit: '修改', print: '打印', pdf: '生成 PDF', fallOverdue: '逾期未回复（系统）',
      ...Object.fromEntries(NOTICE_MACHINE.transitions.map((t) => [t.action, t.label])),
    },
  },
  // attachments are owned by any entity (kind + id); entries written before that name the record as recordId
  attachment: attachmentDescription((s) => (text(s.owner) && text(s.ownerId) ? { entity: String(s.owner), id: String(s.ownerId) } : null)),
  record_attachment: attachmentDescription((s) => (text(s.recordId) ? { entity: 'dishonesty_record', id: String(s.recordId) } : null)),
  user: {
    label: '用户',
    name: (s) => (text(s.displayName) ? `${s.displayName}（${s.username}）` : null),
    link: () => '/users',
    fields: {
      username: { label: '登录名' },
      displayName: { label: '姓名' },
      role: { label: '角色', labels: ROLE_LABELS },
      disabled: { label: '已停用', format: 'boolean' },
      mustChangePassword: { label: '下次登录须修改密码', format: 'boolean' },
      idle: { label: '空闲超时自动锁定', format: 'boolean' },
    },
  },
  settings: {
    label: '系统设置',
    name: (s) => text(s.officeName) ?? '单位设置',
    link: () => '/settings',
    fields: {
      officeName: { label: '单位名称' },
      officeUscc: { label: '单位统一社会信用代码' },
      noticePrefix: { label: '文号前缀' },
      idleLockMinutes: { label: '空闲锁定时间（分钟）' },
      basis: { label: '整改通知书政策依据' },
      periodDays: { label: '默认整改期限（天）' },
      replyMethod: { label: '默认回复方式' },
      cc: { label: '默认抄送' },
    },
    actions: { update: '修改设置' },
  },
  ledger_key: {
    label: '台账密钥',
    name: () => '恢复密钥',
    link: () => '/settings',
    fields: {},
    actions: { showRecoveryKey: '查看恢复密钥' },
  },
  sign_in: {
    label: '登录',
    name: (_s, id) => `登录名“${id}”`,
    fields: {},
  },
  export: {
    label: '导出',
    name: (s) => text(s.fileName),
    fields: { kind: { label: '台账' }, fileName: { label: '文件名' }, count: { label: '条数' } },
  },
  backup: {
    label: '备份',
    name: (s) => text(s.file),
    fields: { file: { label: '备份文件' }, bytes: { label: '大小', format: 'bytes' } },
  },
};

/** Words for actions shared by several entities. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  create: '新建', update: '修改', initialize: '初始化',
  login: '登录', logout: '退出登录', lock: '锁定屏幕', unlock: '解锁',
  loginFailed: '登录失败', unlockFailed: '解锁失败', changePasswordFailed: '修改密码失败（当前密码错误）', signInLocked: '多次失败已锁定',
  changePassword: '修改密码', resetPassword: '重置密码', changeRole: '修改角色', disable: '停用', enable: '启用',
  export: '导出', backup: '备份',
};

export const auditEntityLabel = (entity: string) => AUDIT_ENTITIES[entity]?.label ?? entity;
export const auditActionLabel = (entity: string, action: string) =>
  AUDIT_ENTITIES[entity]?.actions?.[action] ?? AUDIT_ACTION_LABELS[action] ?? action;

/** Every action word, for the log's filter (one entry per action code). */
export function allAuditActions(): Array<{ value: string; label: string }> {
  const labels = new Map(Object.entries(AUDIT_ACTION_LABELS));
  for (const description of Object.values(AUDIT_ENTITIES)) {
    for (const [action, label] of Object.entries(description.actions ?? {})) if (!labels.has(action)) labels.set(action, label);
  }
  return [...labels].map(([value, label]) => ({ value, label }));
}
