import { ArrowLeftOutlined, EditOutlined, EyeOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Result, Row, Space, Spin, Typography, App as AntApp } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { NoticeVersion, ResponseOf } from '../../../../shared/contract';
import { FIELD_LABELS_FOR_HISTORY } from './noticeHistory';
import { availableTransitions, findTransition } from '../../../../shared/domain/statusMachine';
import { NOTICE_FIELD_LABELS, NOTICE_MACHINE, NOTICE_SOURCE_LABELS, NOTICE_STATUS_LABELS, type NoticeTransition } from '../../../../shared/domain/notices';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useCan, useSession } from '../../app/session';
import { AttachmentsCard } from '../../components/detail/AttachmentsCard';
import { HistoryTimeline, type HistoryEntry } from '../../components/detail/HistoryTimeline';
import { errorMessage } from '../../components/formRules';
import { useBusyAction } from '../../hooks/useBusyAction';
import { formatInstant, formatYuan } from '../../components/format';
import { TransitionModal } from '../../components/TransitionModal';
import { UploadStateTag } from '../sync/UploadStateTag';
import { downloadPdf, NoticePreview, NoticeStatusTag } from './noticeUi';

type Loaded = ResponseOf<'notices.get'>;

const VERSION_COLORS: Record<string, string> = {
  create: 'blue', edit: 'blue', issue: 'orange', reply: 'cyan', verify: 'green', fallOverdue: 'red', interview: 'red', criticize: 'red', void: 'gray',
};

/** One notice: its content, life-cycle actions (from the machine), the printed page's preview, PDF and print, reply documents, history. */
export function NoticeDetailPage({ id }: { id: string }) {
  const role = useSession().status.user!.role;
  const canEdit = useCan('notices.edit');
  const { message } = AntApp.useApp();
  const [data, setData] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [acting, setActing] = useState<NoticeTransition | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const { busy, run } = useBusyAction();

  const load = useCallback(async () => {
    try {
      setData(await api.noticesGet({ id }));
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  const showPreview = () => run('preview', async () => setPreview((await api.noticesPreview({ ids: [id] })).html));
  const savePdf = () => run('pdf', async () => {
    await downloadPdf(await api.noticesPdf({ ids: [id] }));
    message.success('PDF 已生成');
    await load();
  });
  const print = () => run('print', async () => {
    const { printed } = await api.noticesPrint({ ids: [id] });
    if (printed) {
      message.success('已送打印');
      await load();
    } else message.info('未打印（已取消，或本环境没有打印对话框：可“保存 PDF”后打印）');
  });

  if (loadError) return <Result status="warning" title="无法打开该通知书" subTitle={loadError} extra={<Button onClick={() => navigate('/notices')}>返回列表</Button>} />;
  if (!data) return <Spin className="page-spin" />;
  const { notice: n, versions, attachments, source, escalations } = data;
  const transitions = availableTransitions(NOTICE_MACHINE, n.status, role);
  const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
  const items: DescriptionsProps['items'] = [
    { key: 'number', label: '文号', children: dash(n.number) },
    { key: 'status', label: '状态', children: <NoticeStatusTag status={n.status} /> },
    { key: 'addressee', label: NOTICE_FIELD_LABELS.addressee, children: dash(n.addressee) },
    {
      key: 'source', label: '来源',
      children: source ? (source.route ? <a href={`#${source.route}`}>{NOTICE_SOURCE_LABELS[source.kind]}：{source.reference}</a> : `${NOTICE_SOURCE_LABELS[source.kind]}：${source.reference}`) : '空白通知书',
    },
    { key: 'facts', label: NOTICE_FIELD_LABELS.facts, children: <div className="facts-text">{dash(n.facts)}</div>, span: 2 },
    { key: 'amount', label: NOTICE_FIELD_LABELS.amountFen, children: formatYuan(n.amountFen) },
    { key: 'deadline', label: NOTICE_FIELD_LABELS.deadline, children: dash(n.deadline) },
    { key: 'basis', label: NOTICE_FIELD_LABELS.basis, children: n.basis.length ? n.basis.join('；') : '—', span: 2 },
    { key: 'requirements', label: NOTICE_FIELD_LABELS.requirements, children: <div className="facts-text">{dash(n.requirements)}</div>, span: 2 },
    { key: 'replyMethod', label: NOTICE_FIELD_LABELS.replyMethod, children: dash(n.replyMethod), span: 2 },
    { key: 'office', label: NOTICE_FIELD_LABELS.issuingOffice, children: dash(n.issuingOffice) },
    { key: 'cc', label: NOTICE_FIELD_LABELS.cc, children: dash(n.cc) },
    { key: 'issued', label: '签发', children: n.issuedOn ? `${n.issuedByName ?? ''} · ${n.issuedOn}` : '—' },
    { key: 'counts', label: '打印 / PDF', children: `${n.printCount} 次 / ${n.pdfCount} 次` },
    ...(n.replyOn ? [{ key: 'reply', label: '回复', children: `${n.replyOn}：${n.replySummary ?? ''}`, span: 2 }] : []),
    ...(n.verifiedOn ? [{ key: 'verify', label: '验收', children: `${n.verifiedOn}：${n.verifyNote ?? ''}`, span: 2 }] : []),
    ...(n.voidReason ? [{ key: 'void', label: '作废理由', children: n.voidReason, span: 2 }] : []),
    ...(escalations.length ? [{ key: 'esc', label: '督办', children: escalations.map((e) => `${e.date} ${e.kind}：${e.note}`).join('；'), span: 2 }] : []),
    { key: 'created', label: '起草', children: `${n.createdByName} · ${formatInstant(n.createdAt)}`, span: 2 },
  ];

  return (
    <div className="page notice-detail-page">
      <div className="page-head">
        <Space align="center" wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/notices')} aria-label="返回列表" />
          <Typography.Title level={4}>{n.number ?? '限期整改通知书（草稿）'}</Typography.Title>
          <NoticeStatusTag status={n.status} />
          <Typography.Text type="secondary">第 {n.version} 版</Typography.Text>
          <UploadStateTag kind="rectification_notice" id={n.id} version={n.version} />
        </Space>
        <Space wrap>
          {transitions.map((t) => (
            <Button key={t.action} type={t.action === 'issue' || t.action === 'verify' ? 'primary' : 'default'} danger={t.action === 'void'} onClick={() => setActing(t)}>{t.label}</Button>
          ))}
          {n.status === 'draft' && canEdit && <Button icon={<EditOutlined />} onClick={() => navigate(`/notices/${n.id}/edit`)}>编辑</Button>}
          <Button icon={<EyeOutlined />} loading={busy === 'preview'} onClick={showPreview}>预览</Button>
          <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={savePdf}>保存 PDF</Button>
          <Button icon={<PrinterOutlined />} loading={busy === 'print'} onClick={print}>打印</Button>
        </Space>
      </div>
      <Row gutter={16} align="top">
        <Col xs={24} xxl={15}>
          {preview && (
            <Card size="small" title="打印预览（与打印、PDF 同一版式）" className="gap-below" extra={<Button size="small" onClick={() => setPreview(null)}>关闭预览</Button>}>
              <NoticePreview html={preview} />
            </Card>
          )}
          <Card size="small" title="通知书内容" className="gap-below">
            <Descriptions bordered size="small" column={2} items={items} />
          </Card>
          <AttachmentsCard
            attachments={attachments}
            canAdd={canEdit && n.status !== 'void'}
            add={(fileName, contentBase64) => api.noticesAttachmentsAdd({ noticeId: n.id, fileName, contentBase64 })}
            open={(attachmentId, confirmAltered) => api.recordsAttachmentsOpen({ attachmentId, confirmAltered })}
            onChanged={load}
            emptyText="暂无附件（被通知单位的书面回复、整改材料可在此上传）"
          />
        </Col>
        <Col xs={24} xxl={9}>
          <HistoryTimeline entries={versions.map(historyEntry)} formatValue={(field, v) => formatValue(field, v)} />
        </Col>
      </Row>
      {acting && (
        <TransitionModal
          label={acting.label}
          summary={acting.action === 'issue'
            ? '签发后即编定文号（本单位本年度顺序号，不可更改、不可重复），通知书内容不能再修改。'
            : `通知书将由“${NOTICE_STATUS_LABELS[n.status]}”变为“${NOTICE_STATUS_LABELS[acting.to === 'previous' || acting.to === 'computed' ? n.status : acting.to]}”。`}
          input={acting.input}
          missing={(acting.needsFields ?? []).filter((f) => { const v = n[f]; return v === null || v === '' || (Array.isArray(v) && v.length === 0); }).map((f) => NOTICE_FIELD_LABELS[f])}
          missingHint="请先点“编辑”补全。"
          submit={async (values) => {
            const updated = await api.noticesTransition({ id: n.id, expectedVersion: n.version, action: acting.action, ...values });
            return acting.action === 'issue' ? `已签发，文号：${updated.number}` : `已${acting.label}，通知书状态：${NOTICE_STATUS_LABELS[updated.status]}`;
          }}
          onClose={() => { setActing(null); void load(); }}
          onDone={() => { setActing(null); void load(); }}
        />
      )}
    </div>
  );
}

function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'amountFen' && typeof value === 'number') return formatYuan(value);
  if (Array.isArray(value)) return value.join('；');
  return String(value);
}

function historyEntry(v: NoticeVersion): HistoryEntry {
  const input = findTransition(NOTICE_MACHINE, v.action)?.input;
  const lines: HistoryEntry['lines'] = [];
  const status = v.changes.find((c) => c.field === 'status');
  if (status) lines.push({ text: `状态：${String(status.before)} → ${String(status.after)}` });
  else if (v.statusBefore === null) lines.push({ text: `状态：${NOTICE_STATUS_LABELS[v.statusAfter]}` });
  if (v.date) lines.push({ text: `${v.action === 'issue' ? '签发日期' : (input?.date?.label ?? '日期')}：${v.date}` });
  if (v.reason) lines.push({ text: `${input?.reason?.label ?? '说明'}：${v.reason}`, className: 'rv-reason' });
  return {
    version: v.version, actionLabel: v.actionLabel, userName: v.userName, at: v.at, color: VERSION_COLORS[v.action] ?? 'blue', lines,
    changes: v.changes.filter((c) => c.field !== 'status' && c.field in FIELD_LABELS_FOR_HISTORY),
  };
}
