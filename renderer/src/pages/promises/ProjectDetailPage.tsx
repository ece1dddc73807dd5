import { ArrowLeftOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Table, Tag, Timeline, Typography, App as AntApp } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ItemView, PaymentView, ProjectDetail, PromiseVersion } from '../../../../shared/contract/promises';
import { PROMISE_MACHINE, PROMISE_STATUS_LABELS, RESOLUTION_DATE_LABELS, RESOLUTION_WAY_LABELS, SETTLED_PROMISE_STATUSES, type PromiseStatus } from '../../../../shared/domain/promises';
import { availableTransitions, type Transition } from '../../../../shared/domain/statusMachine';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useCan, useSession } from '../../app/session';
import { HistoryTimeline, type HistoryEntry } from '../../components/detail/HistoryTimeline';
import { NoticesOfSourceCard } from '../notices/NoticesOfSourceCard';
import { errorMessage } from '../../components/formRules';
import { formatInstant, formatYuan } from '../../components/format';
import { TransitionModal } from '../../components/TransitionModal';
import { HandoverModal, PaymentModal, ToRecordModal, WayModal } from './promiseModals';
import { PromiseStatusTag } from './promiseUi';
import { UploadStateTag } from '../sync/UploadStateTag';

type Dialog =
  | { kind: 'pay' | 'way' | 'record'; item: ItemView }
  | { kind: 'move'; item: ItemView; transition: Transition<PromiseStatus> }
  | { kind: 'handover' }
  | null;

function historyEntry(v: PromiseVersion): HistoryEntry {
  const lines: HistoryEntry['lines'] = [];
  if (v.statusBefore && v.statusBefore !== v.statusAfter) {
    lines.push({ text: `项目状态：${PROMISE_STATUS_LABELS[v.statusBefore as PromiseStatus] ?? v.statusBefore} → ${PROMISE_STATUS_LABELS[v.statusAfter as PromiseStatus] ?? v.statusAfter}` });
  }
  if (v.date) lines.push({ text: `日期：${v.date}` });
  if (v.reason) lines.push({ text: v.reason });
  return { version: v.version, actionLabel: v.actionLabel, userName: v.userName, at: v.at, color: v.author === 'system' ? 'red' : v.author === 'platform' ? 'purple' : 'blue', lines, changes: v.changes };
}
const formatValue = (_field: string, value: unknown) => (value === null || value === undefined || value === '' ? '（空）' : String(value));

function PaymentsTable({ payments, onOpen }: { payments: PaymentView[]; onOpen(id: string): void }) {
  if (payments.length === 0) return <Typography.Text type="secondary">尚无兑现记录</Typography.Text>;
  return (
    <Table<PaymentView>
      size="small" rowKey="id" pagination={false} dataSource={payments} className="payments-table"
      columns={[
        { title: '兑现日期', dataIndex: 'paidOn', width: 110 },
        { title: '兑现金额', dataIndex: 'amountFen', width: 140, align: 'right', render: (v: number, p) => <>{formatYuan(v)}{p.overConfirmed ? <Tag color="orange" className="gap-left">超额已确认</Tag> : null}</> },
        { title: '凭证号', dataIndex: 'voucherNo', width: 140 },
        { title: '凭证附件', dataIndex: 'voucher', render: (a: PaymentView['voucher']) => (a ? <a onClick={() => onOpen(a.id)}>{a.fileName}</a> : '—') },
        { title: '登记', dataIndex: 'recordedByName', width: 160, render: (n: string, p) => `${n} · ${formatInstant(p.recordedAt)}` },
      ]}
    />
  );
}

/** A project: its agreement, its promise items with payments and decisions, the handover chain and every version. */
export function ProjectDetailPage({ id }: { id: string }) {
  const { message } = AntApp.useApp();
  const role = useSession().status.user!.role;
  const canNotify = useCan('notices.edit');
  const [data, setData] = useState<{ project: ProjectDetail; versions: PromiseVersion[] } | null>(null);
  const [users, setUsers] = useState<Array<{ id: string; displayName: string }>>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const load = useCallback(() => api.promisesGet({ id }).then(setData).catch((e) => message.error(errorMessage(e))), [id, message]);
  useEffect(() => {
    void load();
    void api.promisesPeople({}).then((p) => setUsers(p.users));
  }, [load]);
  const done = () => {
    setDialog(null);
    void load();
  };
  const openVoucher = async (attachmentId: string) => {
    try {
      const r = await api.promisesAttachmentsOpen({ attachmentId });
      if (r.state === 'altered') message.warning('该凭证文件在归档后被改动过');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  if (!data) return <div className="page" />;
  const { project, versions } = data;

  // A notice to the department that owes (issue 10: from an unpaid or overdue promise item): drafted, then edited.
  const draftNotice = async (item: ItemView) => {
    try {
      const notice = await api.noticesCreate({ sourceKind: 'investment_promise', sourceId: item.id });
      navigate(`/notices/${notice.id}/edit`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const actions = (item: ItemView) => (
    <Space size={4} wrap>
      {item.status !== 'adjusted' && <Button size="small" onClick={() => setDialog({ kind: 'pay', item })}>登记兑现</Button>}
      {!SETTLED_PROMISE_STATUSES.includes(item.status) && item.status !== 'disputed' && <Button size="small" onClick={() => setDialog({ kind: 'way', item })}>兑现路径</Button>}
      {availableTransitions(PROMISE_MACHINE, item.status, role).map((t) => (
        <Button size="small" key={t.action} onClick={() => setDialog({ kind: 'move', item, transition: t })}>{t.label}</Button>
      ))}
      {item.status === 'overdue' && !item.recordId && <Button size="small" danger onClick={() => setDialog({ kind: 'record', item })}>生成失信记录</Button>}
      {item.recordId && <a href={`#/records/${item.recordId}`}>查看失信记录</a>}
      {item.status === 'overdue' && canNotify && <Button size="small" onClick={() => void draftNotice(item)}>下发整改通知书</Button>}
    </Space>
  );

  const decisionLine = (i: ItemView) => {
    if (i.status === 'adjusted') return `调整补偿：${i.adjustBasis ?? ''}；已付补偿 ${formatYuan(i.compensationFen)}（${i.decidedOn ?? ''}）`;
    if (i.status === 'disputed') return `${i.disputeRoute ?? ''} ${i.disputeCaseNo ?? ''}（${i.decidedOn ?? ''}）`;
    if (i.way) return `${RESOLUTION_WAY_LABELS[i.way]}：${RESOLUTION_DATE_LABELS[i.way]} ${i.wayDate ?? ''}`;
    return null;
  };

  return (
    <div className="page promise-detail-page">
      <div className="page-head">
        <Space align="center">
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/promises')} aria-label="返回列表" />
          <Typography.Title level={4} style={{ margin: 0 }}>{project.projectName}</Typography.Title>
          <PromiseStatusTag status={project.status} />
          <Typography.Text type="secondary">第 {project.version} 版</Typography.Text>
          <UploadStateTag kind="investment_promise" id={project.id} version={project.version} />
        </Space>
        <Space>
          <Button icon={<SwapOutlined />} onClick={() => setDialog({ kind: 'handover' })}>工作交接</Button>
          <Button icon={<EditOutlined />} onClick={() => navigate(`/promises/projects/${project.id}/edit`)}>修改</Button>
        </Space>
      </div>
      <Card size="small" className="gap-below">
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="企业">{project.enterpriseName}（{project.enterpriseUscc}）</Descriptions.Item>
          <Descriptions.Item label="协议编号">{project.agreementNo}</Descriptions.Item>
          <Descriptions.Item label="签订日期">{project.signedOn}</Descriptions.Item>
          <Descriptions.Item label="签约主体">{project.signingBody}</Descriptions.Item>
          <Descriptions.Item label="三重一大集体决策">{project.collectiveDecision ? `是（${project.decisionRef ?? ''}）` : '否'}</Descriptions.Item>
          <Descriptions.Item label="最后修改">{project.updatedByName} · {formatInstant(project.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={`承诺事项（${project.items.length}）`} className="gap-below">
        <Table<ItemView>
          size="small" rowKey="id" pagination={false} dataSource={project.items} className="items-table" tableLayout="fixed"
          expandable={{ defaultExpandAllRows: true, expandedRowRender: (i) => <PaymentsTable payments={i.payments} onOpen={openVoucher} /> }}
          columns={[
            { title: '#', dataIndex: 'position', width: 34 },
            { title: '类型', dataIndex: 'type', width: 84 },
            { title: '承诺内容', dataIndex: 'content', render: (c: string, i) => <>{c}{decisionLine(i) ? <div className="sub-line">{decisionLine(i)}</div> : null}</> },
            {
              title: '承诺 / 已兑现', dataIndex: 'amountFen', width: 132, align: 'right',
              render: (v: number, i) => <>{formatYuan(v)}<div className="sub-line">{formatYuan(i.paidFen)}</div></>,
            },
            { title: '兑现期限', dataIndex: 'dueOn', width: 92 },
            { title: '状态', dataIndex: 'status', width: 92, render: (s: PromiseStatus) => <PromiseStatusTag status={s} /> },
            { title: '责任部门 / 人', dataIndex: 'responsibleName', width: 112, render: (n: string, i) => <>{i.department}<div className="sub-line">{n}</div></> },
            { title: '操作', key: 'actions', width: 196, render: (_: unknown, i) => actions(i) },
          ]}
        />
      </Card>
      <div className="detail-columns">
        <Card size="small" title={`责任人交接记录（${project.handovers.length}）`} className="gap-below handover-card">
          {project.handovers.length === 0 ? <Empty description="尚无交接" /> : (
            <Timeline items={project.handovers.map((h) => ({
              key: h.id,
              content: (
                <div>
                  <Typography.Text strong>{h.handedOn} {h.fromName} → {h.toName}</Typography.Text>
                  <div>{h.reason}（移交 {h.itemsMoved} 项{h.department ? `，责任部门改为 ${h.department}` : ''}）</div>
                  <Typography.Text type="secondary">{h.recordedByName} 登记于 {formatInstant(h.recordedAt)}</Typography.Text>
                </div>
              ),
            }))} />
          )}
        </Card>
        <div>
          <NoticesOfSourceCard kind="investment_promise" ids={project.items.map((i) => i.id)} version={project.version} />
          <HistoryTimeline entries={versions.map(historyEntry)} formatValue={formatValue} />
        </div>
      </div>
      {dialog?.kind === 'pay' && <PaymentModal project={project} item={dialog.item} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'way' && <WayModal project={project} item={dialog.item} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'record' && <ToRecordModal project={project} item={dialog.item} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'handover' && <HandoverModal project={project} users={users} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'move' && (
        <TransitionModal
          label={dialog.transition.label}
          summary={`第 ${dialog.item.position} 项（${dialog.item.type}）：${PROMISE_STATUS_LABELS[dialog.item.status]} → ${dialog.transition.to === 'computed' ? '按兑现情况' : PROMISE_STATUS_LABELS[dialog.transition.to as PromiseStatus]}`}
          input={dialog.transition.input}
          missing={[]}
          submit={async (values) => {
            await api.promisesTransition({ projectId: project.id, expectedVersion: project.version, itemId: dialog.item.id, action: dialog.transition.action, ...values });
            return `已${dialog.transition.label}`;
          }}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
    </div>
  );
}
