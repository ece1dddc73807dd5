import type { AuditEntityDescription } from './auditDescriptions';
import { COMMITMENT_FIELD_LABELS, COMMITMENT_OUTCOME_LABELS, COMMITMENT_STATUS_LABELS } from './commitments';
import { COMMITMENT_MACHINE } from './commitmentLifecycle';

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** How the audit log reads a public commitment's entries: 承诺编号 承诺事项（承诺单位）, its fields and moves. */
export const COMMITMENT_AUDIT_DESCRIPTION: AuditEntityDescription = {
  label: '公开承诺',
  name: (s) => (text(s.title) ? `${text(s.number) ?? ''} ${s.title}（${text(s.unitName) ?? ''}）`.trim() : null),
  link: (id) => `/commitments/${id}`,
  fields: {
    ...Object.fromEntries(Object.entries(COMMITMENT_FIELD_LABELS).map(([f, label]) => [f, { label, ...(f.endsWith('On') ? { format: 'date' as const } : {}) }])),
    status: { label: '状态', labels: COMMITMENT_STATUS_LABELS },
    locked: { label: '已审核确认', format: 'boolean' },
    ...Object.fromEntries(Object.entries(COMMITMENT_OUTCOME_LABELS).map(([f, label]) => [f, { label }])),
    reason: { label: '理由' },
  },
  actions: {
    create: '新建', import: '导入', edit: '修改', correct: '更正', addCheck: '登记监督检查', addComplaint: '登记群众投诉', makeRecord: '生成失信记录',
    ...Object.fromEntries([...COMMITMENT_MACHINE.transitions, ...COMMITMENT_MACHINE.derived].map((t) => [t.action, t.label])),
  },
};
