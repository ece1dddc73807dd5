import { ArrowLeftOutlined, EditOutlined, ExceptionOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Modal, Result, Row, Select, Space, Spin, Tag, Tooltip, Typography, App as AntApp } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { CommitmentDetail, CommitmentVersion, ResponseOf } from '../../../../shared/contract';
import { COMMITMENT_STATUS_LABELS, RECORD_FROM_COMMITMENT } from '../../../../shared/domain/commitments';
import {
  availableCommitmentTransitions, canBecomeRecord, closingTransitionOf, COMMITMENT_MACHINE, findCommitmentTransition, type CommitmentTransition,
} from '../../../../shared/domain/commitmentLifecycle';
import { SEVERITIES, type Severity } from '../../../../shared/domain/dishonesty';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useCan, useSession } from '../../app/session';
import { TransitionModal } from '../../components/TransitionModal';
import { AttachmentsCard } from '../../components/detail/AttachmentsCard';
import { HistoryTimeline, type HistoryEntry } from '../../components/detail/HistoryTimeline';
import { LinksCard } from '../../components/detail/LinksCard';
import { NoticesOfSourceCard } from '../notices/NoticesOfSourceCard';
import { errorMessage } from '../../components/formRules';
import { formatInstant } from '../../components/format';
import { UploadStateTag } from '../sync/UploadStateTag';
import { CommitmentStatusTag, formatCommitmentChange } from './commitmentUi';
import { SupervisionCard } from './SupervisionCard';

type Loaded = ResponseOf<'commitments.get'>;

const VERSION_COLORS: Record<string, string> = {
  create: 'blue', import: 'blue', edit: 'blue', correct: 'orange', confirm: 'green', fulfil: 'green', partiallyFulfil: 'gold',
  adjust: 'purple', withdraw: 'gray', fallOverdue: 'red', addCheck: 'cyan', addComplaint: 'orange', makeRecord: 'red',
};

/** The labels a version's reason / approver / date were asked under (兑现日期, 调整理由, 更正理由 …). */
function inputLabels(action: string) {
  if (action === 'correct') return { reason: '更正理由', approver: '批准人', date: '日期' };
  if (action === 'addCheck') return { reason: '检查情况', approver: '批准人', date: '检查日期' };
  if (action === 'addComplaint') return { reason: '投诉情况', approver: '批准人', date: '收到日期' };
  if (action === 'fallOverdue') return { reason: '说明', approver: '批准人', date: '承诺期限' };
  const input = findCommitmentTransition(action)?.input;
  return { reason: input?.reason?.label ?? '说明', approver: input?.approver?.label ?? '批准人', date: input?.date?.label ?? '日期' };
}

function historyEntry(v: CommitmentVersion): HistoryEntry {
  const labels = inputLabels(v.action);
  const statusChange = v.changes.find((c) => c.field === 'status');
  const lines: HistoryEntry['lines'] = [];
  // the service gives the status change in words already (待确认 → 逾期未兑现)
  if (statusChange) lines.push({ text: `状态：${formatCommitmentChange('status', statusChange.before)} → ${formatCommitmentChange('status', statusChange.after)}` });
  else if (v.statusBefore === null) lines.push({ text: `状态：${COMMITMENT_STATUS_LABELS[v.statusAfter]}` });
  if (v.date) lines.push({ text: `${labels.date}：${v.date}` });
  if (v.approver) lines.push({ text: `${labels.approver}：${v.approver}` });
  if (v.reason) lines.push({ text: `${labels.reason}：${v.reason}`, className: 'rv-reason' });
  // a closing move's own inputs are shown above; its outcome fields need not be listed again
  const changes = v.changes.filter((c) => c.field !== 'status' && !(findCommitmentTransition(v.action) && c.field.startsWith('outcome')));
  return { version: v.version, actionLabel: v.actionLabel, userName: v.userName, at: v.at, color: VERSION_COLORS[v.action] ?? 'blue', lines, changes };
}

/** What closed the commitment, under its dialog's labels (兑现日期 / 兑现情况及佐证, 法定程序 / 调整理由 / 批准人 …). */
function outcomeItems(c: CommitmentDetail): DescriptionsProps['items'] {
  const t = closingTransitionOf(c.status);
  if (!t || (!c.outcomeOn && !c.outcomeNote)) return [];
  const items: DescriptionsProps['items'] = [];
  if (t.input.date) items.push({ key: 'outcomeOn', label: t.input.date.label, children: c.outcomeOn ?? '—' });
  if (t.input.approver) items.push({ key: 'outcomeApprover', label: t.input.approver.label, children: c.outcomeApprover ?? '—' });
  if (t.input.reference) items.push({ key: 'outcomeDetail', label: t.input.reference.label, children: c.outcomeDetail ?? '—', span: 2 });
  if (t.input.reason) items.push({ key: 'outcomeNote', label: t.input.reason.label, children: <div className="facts-text">{c.outcomeNote}</div>, span: 2 });
  return items;
}

/** One commitment: its fields, fulfilment moves, supervision log, the step to a dishonesty record, history and evidence. */
export function CommitmentDetailPage({ id }: { id: string }) {
  const role = useSession().status.user!.role;
  const canEdit = useCan('commitments.edit');
  const canCorrect = useCan('commitments.correct');
  const canRecord = useCan('records.edit') && canEdit;
  const canNotify = useCan('notices.edit');
  const [data, setData] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [acting, setActing] = useState<CommitmentTransition | null>(null);
  const [makingRecord, setMakingRecord] = useState(false);
  const { message } = AntApp.useApp();

  // A 限期整改通知书 to the unit that did not keep its word: drafted from the commitment, then edited.
  const draftNotice = async () => {
    try {
      const notice = await api.noticesCreate({ sourceKind: 'public_commitment', sourceId: id });
      navigate(`/notices/${notice.id}/edit`);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const load = useCallback(async () => {
    try {
      setData(await api.commitmentsGet({ id }));
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  if (loadError) return <Result status="warning" title="无法打开该承诺" subTitle={loadError} extra={<Button onClick={() => navigate('/commitments')}>返回列表</Button>} />;
  if (!data) return <Spin className="page-spin" />;
  const { commitment: c, versions, attachments, links } = data;
  const inPlace = !c.locked && COMMITMENT_MACHINE.editableInPlace.includes(c.status);
  const transitions = availableCommitmentTransitions(c.status, role);
  const record = links.find((l) => l.kind === 'dishonesty_record' && l.direction === 'made');

  const items: DescriptionsProps['items'] = [
    { key: 'unitName', label: '承诺单位', children: c.unitName },
    { key: 'unitUscc', label: '统一社会信用代码', children: <span className="code-text">{c.unitUscc}</span> },
    { key: 'number', label: '承诺编号', children: c.number },
    { key: 'status', label: '状态', children: <CommitmentStatusTag status={c.status} /> },
    { key: 'commitmentType', label: '承诺类型', children: c.commitmentType },
    { key: 'serviceArea', label: '服务领域', children: c.serviceArea },
    { key: 'content', label: '承诺内容', children: <div className="facts-text">{c.content}</div>, span: 2 },
    { key: 'target', label: '量化目标', children: c.target ?? '—', span: 2 },
    { key: 'department', label: '责任部门', children: c.department },
    { key: 'responsiblePerson', label: '责任人', children: c.responsiblePerson },
    { key: 'publishChannel', label: '公开渠道', children: c.publishChannel },
    { key: 'publishedOn', label: '公开日期', children: c.publishedOn },
    { key: 'dueOn', label: '承诺期限', children: <span className={c.status === 'overdue' ? 'overdue-text' : undefined}>{c.dueOn}</span> },
    { key: 'created', label: '录入', children: `${c.createdByName} · ${formatInstant(c.createdAt)}` },
    { key: 'updated', label: '最后修改', children: `${c.updatedByName} · ${formatInstant(c.updatedAt)}` },
    { key: 'confirmed', label: '审核确认', children: c.confirmedAt ? `${c.confirmedByName ?? ''} · ${formatInstant(c.confirmedAt)}` : '—' },
    ...(outcomeItems(c) ?? []),
  ];

  return (
    <div className="page commitment-detail-page">
      <div className="page-head">
        <Space align="center" wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/commitments')} aria-label="返回列表" />
          <Typography.Title level={4}>{c.title}</Typography.Title>
          <CommitmentStatusTag status={c.status} />
          {c.locked && <Tag icon={<LockOutlined />} color="default" className="locked-tag">已审核确认</Tag>}
          <Typography.Text type="secondary">第 {c.version} 版</Typography.Text>
          <UploadStateTag kind="public_commitment" id={c.id} version={c.version} />
        </Space>
        <Space wrap>
          {canBecomeRecord(c.status) && !record && canRecord && (
            <Button type="primary" danger icon={<ExceptionOutlined />} onClick={() => setMakingRecord(true)}>生成失信记录</Button>
          )}
          {c.status === 'overdue' && canNotify && <Button danger onClick={() => void draftNotice()}>下发整改通知书</Button>}
          {transitions.map((t) => (
            <Button key={t.action} type={t.action === 'confirm' || t.action === 'fulfil' ? 'primary' : 'default'} onClick={() => setActing(t)}>{t.label}</Button>
          ))}
          {inPlace && canEdit && <Button icon={<EditOutlined />} onClick={() => navigate(`/commitments/${c.id}/edit`)}>编辑</Button>}
          {!inPlace && canCorrect && (
            <Tooltip title="已确认或已办结的承诺以更正方式修改：生成新版本并保留原内容">
              <Button icon={<EditOutlined />} onClick={() => navigate(`/commitments/${c.id}/edit`)}>更正</Button>
            </Tooltip>
          )}
        </Space>
      </div>
      {c.status === 'overdue' && !record && (
        <Alert
          className="gap-below"
          type="error"
          showIcon
          title={`承诺期限 ${c.dueOn} 已过，尚未兑现`}
          description="可确认兑现、认定部分兑现或依法调整；未守信践诺的，可“生成失信记录”，或“下发整改通知书”限期整改。"
        />
      )}

      <Row gutter={16} align="top">
        <Col xs={24} xxl={15}>
          <Card size="small" title="承诺内容" className="gap-below">
            <Descriptions bordered size="small" column={2} items={items} className="commitment-descriptions" />
          </Card>
          <SupervisionCard commitment={c} canAdd={canEdit} onChanged={load} />
          <LinksCard links={links} />
          <NoticesOfSourceCard kind="public_commitment" id={c.id} version={c.version} />
          <AttachmentsCard
            attachments={attachments}
            canAdd={canEdit}
            add={(fileName, contentBase64) => api.commitmentsAttachmentsAdd({ commitmentId: c.id, fileName, contentBase64 })}
            open={(attachmentId, confirmAltered) => api.commitmentsAttachmentsOpen({ attachmentId, confirmAltered })}
            onChanged={load}
            emptyText="暂无附件（公开栏照片、兑现佐证、检查记录等可在此上传）"
          />
        </Col>
        <Col xs={24} xxl={9}>
          <HistoryTimeline entries={versions.map(historyEntry)} formatValue={formatCommitmentChange} />
        </Col>
      </Row>

      {acting && (
        <TransitionModal
          label={acting.label}
          summary={`承诺将由“${COMMITMENT_STATUS_LABELS[c.status]}”变为“${COMMITMENT_STATUS_LABELS[acting.to as keyof typeof COMMITMENT_STATUS_LABELS]}”。${acting.action === 'confirm' ? '确认后承诺锁定，之后的修改只能以更正方式进行。' : ''}`}
          input={acting.input}
          missing={[]}
          submit={async (values) => {
            const updated = await api.commitmentsTransition({ id: c.id, expectedVersion: c.version, action: acting.action, ...values });
            return `已${acting.label}，承诺状态：${COMMITMENT_STATUS_LABELS[updated.status]}`;
          }}
          onClose={() => { setActing(null); void load(); }}
          onDone={() => { setActing(null); void load(); }}
        />
      )}
      {makingRecord && <MakeRecordModal commitment={c} onClose={() => setMakingRecord(false)} />}
    </div>
  );
}

/** One step: the overdue commitment becomes a 政务失信记录 (未守信践诺, 乡镇街道) in 线索核实中, and the record opens. */
function MakeRecordModal({ commitment: c, onClose }: { commitment: CommitmentDetail; onClose(): void }) {
  const [severity, setSeverity] = useState<Severity>('一般');
  const [busy, setBusy] = useState(false);
  const { message } = AntApp.useApp();
  const ok = async () => {
    setBusy(true);
    try {
      const { recordId } = await api.commitmentsMakeRecord({ id: c.id, expectedVersion: c.version, severity });
      message.success('已生成失信记录（线索核实中），请补全认定文书后提交审核');
      navigate(`/records/${recordId}`);
    } catch (error) {
      message.error(errorMessage(error));
      setBusy(false);
    }
  };
  return (
    <Modal open title="生成失信记录" okText="生成失信记录" cancelText="取消" onOk={ok} onCancel={onClose} confirmLoading={busy} okButtonProps={{ danger: true }} destroyOnHidden>
      <p>
        将以“{c.unitName}”为失信主体，生成一条失信情形为“{RECORD_FROM_COMMITMENT.situation}”、领域为“{RECORD_FROM_COMMITMENT.sector}”的失信记录，
        失信事实按本承诺的内容、期限与监督情况填写，状态为“线索核实中”，由审核员核实认定。承诺与记录相互关联。
      </p>
      <Space>
        <span>严重程度</span>
        <Select<Severity> aria-label="严重程度" value={severity} onChange={setSeverity} options={SEVERITIES.map((s) => ({ value: s, label: s }))} style={{ width: 120 }} />
      </Space>
    </Modal>
  );
}
