/**
 * 乡镇街道公开承诺 vocabulary, from DOMAIN.md §2 (seeds 000 §三(七), 003 §三(七), 004 §三(九), 001): what a
 * township publicly promises, how it is measured against it, and how the public and supervisors check it.
 */

export const COMMITMENT_TYPES = ['服务质量承诺', '期限承诺', '保障承诺'] as const;
export type CommitmentType = (typeof COMMITMENT_TYPES)[number];

export const SERVICE_AREAS = [
  '就业', '物业', '就学', '计生', '养老', '助残', '扶贫', '医保', '住房', '出行', '停车', '防火防盗', '拥军优属', '便民服务', '政务服务', '其他',
] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number];

export const PUBLISH_CHANNELS = ['政务公开栏', '门户网站', '审批大厅', '其他'] as const;
export type PublishChannel = (typeof PUBLISH_CHANNELS)[number];

/**
 * 待确认: entered by a clerk, not yet confirmed by a reviewer (edited in place). 逾期未兑现 is never chosen:
 * it follows when the due date passes while the commitment is still open (commitmentLifecycle.ts).
 */
export const COMMITMENT_STATUSES = ['pending', 'performing', 'fulfilled', 'partial', 'overdue', 'adjusted', 'withdrawn'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const COMMITMENT_STATUS_LABELS: Record<CommitmentStatus, string> = {
  pending: '待确认',
  performing: '履行中',
  fulfilled: '已兑现',
  partial: '部分兑现',
  overdue: '逾期未兑现',
  adjusted: '已调整',
  withdrawn: '已撤回',
};

/** Field labels, shared by the form, the services' messages, the Excel template, the export and the history. */
export const COMMITMENT_FIELD_LABELS = {
  unitName: '承诺单位',
  unitUscc: '统一社会信用代码',
  number: '承诺编号',
  title: '承诺事项',
  content: '承诺内容',
  commitmentType: '承诺类型',
  serviceArea: '服务领域',
  target: '量化目标',
  department: '责任部门',
  responsiblePerson: '责任人',
  publishChannel: '公开渠道',
  publishedOn: '公开日期',
  dueOn: '承诺期限',
} as const;
export type CommitmentField = keyof typeof COMMITMENT_FIELD_LABELS;

/** What a closing move left on the commitment (its dialog's inputs); labelled per move on the detail page. */
export const COMMITMENT_OUTCOME_LABELS = {
  outcomeOn: '结果日期',
  outcomeNote: '结果说明',
  outcomeDetail: '补充说明',
  outcomeApprover: '批准人',
} as const;

/* ---------------------------------------------------------------------------------------------- */
/* Supervision log: checks by supervisors and complaints from the public                           */
/* ---------------------------------------------------------------------------------------------- */

export const SUPERVISION_KINDS = ['check', 'complaint'] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];
export const SUPERVISION_KIND_LABELS: Record<SupervisionKind, string> = { check: '监督检查', complaint: '群众投诉' };

export const CHECK_METHODS = ['实地检查', '电话回访', '资料核查', '群众评议', '暗访', '其他'] as const;
export const CHECK_RESULTS = ['符合承诺', '基本符合', '未达承诺'] as const;
export const COMPLAINT_CHANNELS = ['12345热线', '来信来访', '监督电话', '网站专栏', '现场反映', '其他'] as const;
export const COMPLAINT_RESULTS = ['属实', '部分属实', '不属实', '办理中'] as const;

/** The labels of a supervision entry's fields, per kind (the dialog, the log table, the history). */
export const CHECK_LABELS = { on: '检查日期', inspector: '检查人', method: '检查方式', finding: '发现情况', result: '检查结论' } as const;
export const COMPLAINT_LABELS = { on: '收到日期', channel: '投诉渠道', content: '投诉内容', handling: '处理情况', result: '办理结果' } as const;

/** The one-step dishonesty record (DOMAIN.md §2: an overdue commitment → 未守信践诺 in 乡镇街道). */
export const RECORD_FROM_COMMITMENT = { situation: '未守信践诺', sector: '乡镇街道' } as const;
