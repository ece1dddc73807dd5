import { ArrowLeftOutlined, EditOutlined, LockOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Result, Row, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { RecordVersion, ResponseOf } from '../../../../shared/contract';
import { RECORD_STATUS_LABELS, SUBJECT_TYPE_LABELS } from '../../../../shared/domain/dishonesty';
import { availableTransitions, EDITABLE_IN_PLACE, findTransition, type RecordTransition } from '../../../../shared/domain/recordLifecycle';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useCan, useSession } from '../../app/session';
import { AttachmentsCard } from '../../components/detail/AttachmentsCard';
import { HistoryTimeline, type HistoryEntry } from '../../components/detail/HistoryTimeline';
import { LinksCard } from '../../components/detail/LinksCard';
import { errorMessage } from '../../components/formRules';
import { formatInstant, formatYuan } from '../../components/format';
import { UploadStateTag } from '../sync/UploadStateTag';
import { NoticesOfSourceCard } from '../notices/NoticesOfSourceCard';
import { formatChangeValue, SeverityText, StatusTag } from './recordUi';
import { RecordTransitionModal } from './TransitionModal';

type Loaded = ResponseOf<'records.get'>;

const VERSION_COLORS: Record<string, string> = {
  create: 'blue', import: 'blue', edit: 'blue', correct: 'orange', approve: 'green', reject: 'gray',
  startRectification: 'orange', completeRectification: 'green', repair: 'green', exempt: 'purple',
  lodgeObjection: 'gold', upholdObjection: 'red', dismissObjection: 'gray',
};

/** The labels a version's reason / approver / date were asked under (整改期限, 免责理由, 更正理由 …). */
function inputLabels(action: string) {
  if (action === 'correct') return { reason: '更正理由', approver: '批准人', date: '日期' };
  const input = findTransition(action)?.input;
  return { reason: input?.reason?.label ?? '说明', approver: input?.approver?.label ?? '批准人', date: input?.date?.label ?? '日期' };
}

/** One record: every field, its life-cycle actions, its version history, its evidence files. */
export function RecordDetailPage({ id }: { id: string }) {
  const { status } = useSession();
  const role = status.user!.role;
  const canEdit = useCan('records.edit');
  const canCorrect = useCan('records.correct');
  const [data, setData] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [acting, setActing] = useState<RecordTransition | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await api.recordsGet({ id }));
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  if (loadError) {
    return <Result status="warning" title="无法打开该记录" subTitle={loadError} extra={<Button onClick={() => navigate('/records')}>返回列表</Button>} />;
  }
  if (!data) return <Spin className="page-spin" />;
  const { record, versions, attachments, links } = data;
  const inPlace = !record.locked && EDITABLE_IN_PLACE.includes(record.status);
  const transitions = availableTransitions(record.status, role);
  const person = record.subjectType === 'person';

  const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
  const items: DescriptionsProps['items'] = [
    { key: 'subjectType', label: '主体类型', children: SUBJECT_TYPE_LABELS[record.subjectType] },
    { key: 'status', label: '状态', children: <StatusTag status={record.status} /> },
    ...(person
      ? [
          { key: 'personName', label: '姓名', children: dash(record.personName) },
          {
            key: 'personIdNumber',
            label: '身份证号',
            children: (
              <span className="code-text">
                {dash(record.personIdNumber)}
                {!record.identityVisible && (
                  <Tooltip title="身份证号属于个人信息，仅审核员、管理员可查看完整号码">
                    <Typography.Text type="secondary" className="hint-inline">（已隐藏）</Typography.Text>
                  </Tooltip>
                )}
              </span>
            ),
          },
          { key: 'personPosition', label: '职务', children: dash(record.personPosition) },
          { key: 'unitName', label: '所在单位名称', children: dash(record.unitName) },
          { key: 'unitUscc', label: '所在单位统一社会信用代码', children: <span className="code-text">{dash(record.unitUscc)}</span>, span: 2 },
        ]
      : [
          { key: 'unitName', label: '单位名称', children: dash(record.unitName) },
          { key: 'unitUscc', label: '统一社会信用代码', children: <span className="code-text">{dash(record.unitUscc)}</span> },
        ]),
    { key: 'situation', label: '失信情形', children: record.situation },
    { key: 'sector', label: '领域', children: record.sector },
    { key: 'clueSource', label: '线索来源', children: record.clueSource },
    { key: 'severity', label: '严重程度', children: <SeverityText severity={record.severity} /> },
    { key: 'happenedOn', label: '发生日期', children: record.happenedOn },
    { key: 'amountFen', label: '涉及金额', children: formatYuan(record.amountFen) },
    { key: 'facts', label: '失信事实', children: <div className="facts-text">{record.facts}</div>, span: 2 },
    { key: 'docName', label: '认定文书名称', children: dash(record.docName) },
    { key: 'docNumber', label: '认定文书编号', children: dash(record.docNumber) },
    { key: 'docAuthority', label: '认定机关', children: dash(record.docAuthority) },
    { key: 'recognisedOn', label: '认定日期', children: dash(record.recognisedOn) },
    { key: 'created', label: '录入', children: `${record.createdByName} · ${formatInstant(record.createdAt)}` },
    { key: 'updated', label: '最后修改', children: `${record.updatedByName} · ${formatInstant(record.updatedAt)}` },
    ...(record.approvedAt ? [{ key: 'approved', label: '审核认定', children: `${record.approvedByName ?? ''} · ${formatInstant(record.approvedAt)}`, span: 2 }] : []),
    ...(data.sources.length > 0
      ? [{ key: 'sources', label: '来源', span: 2, children: data.sources.map((s) => <div key={s.link}><a href={`#${s.link}`}>{s.label}</a></div>) }]
      : []),
  ];

  return (
    <div className="page record-detail-page">
      <div className="page-head">
        <Space align="center" wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/records')} aria-label="返回列表" />
          <Typography.Title level={4}>{(person ? record.personName : record.unitName) || '失信记录'}</Typography.Title>
          <StatusTag status={record.status} />
          {record.locked && (
            <Tag icon={<LockOutlined />} color="default" className="locked-tag">已审核锁定</Tag>
          )}
          <Typography.Text type="secondary">第 {record.version} 版</Typography.Text>
          <UploadStateTag kind="dishonesty_record" id={record.id} version={record.version} />
        </Space>
        <Space wrap>
          {transitions.map((t) => (
            <Button key={t.action} type={t.action === 'approve' ? 'primary' : 'default'} danger={t.action === 'upholdObjection'} onClick={() => setActing(t)}>
              {t.label}
            </Button>
          ))}
          {inPlace && canEdit && (
            <Button icon={<EditOutlined />} onClick={() => navigate(`/records/${record.id}/edit`)}>编辑</Button>
          )}
          {!inPlace && canCorrect && (
            <Tooltip title="已锁定的记录以更正方式修改：生成新版本并保留原内容">
              <Button icon={<EditOutlined />} onClick={() => navigate(`/records/${record.id}/edit`)}>更正</Button>
            </Tooltip>
          )}
        </Space>
      </div>

      <Row gutter={16} align="top">
        <Col xs={24} xxl={15}>
          <Card size="small" title="记录内容" className="gap-below">
            <Descriptions bordered size="small" column={2} items={items} className="record-descriptions" />
          </Card>
          <LinksCard links={links} />
          <AttachmentsCard
            attachments={attachments}
            canAdd={canEdit}
            add={(fileName, contentBase64) => api.recordsAttachmentsAdd({ recordId: record.id, fileName, contentBase64 })}
            open={(attachmentId, confirmAltered) => api.recordsAttachmentsOpen({ attachmentId, confirmAltered })}
            onChanged={load}
            emptyText="暂无附件（判决书、处罚决定书等证明材料可在此上传）"
          />
        </Col>
        <Col xs={24} xxl={9}>
          <NoticesOfSourceCard kind="dishonesty_record" id={record.id} version={record.version} />
          <HistoryTimeline entries={versions.map(historyEntry)} formatValue={formatChangeValue} />
        </Col>
      </Row>

      {acting && (
        <RecordTransitionModal
          record={record}
          transition={acting}
          onClose={() => {
            setActing(null);
            void load();
          }}
          onDone={() => {
            setActing(null);
            void load();
          }}
        />
      )}
    </div>
  );
}

/** A version as the kit's timeline shows it: the status move, then the inputs under their own labels. */
function historyEntry(v: RecordVersion): HistoryEntry {
  const labels = inputLabels(v.action);
  const statusChange = v.changes.find((c) => c.field === 'status');
  const lines: HistoryEntry['lines'] = [];
  if (statusChange) lines.push({ text: `状态：${formatChangeValue('status', statusChange.before)} → ${formatChangeValue('status', statusChange.after)}` });
  else if (v.statusBefore === null) lines.push({ text: `状态：${RECORD_STATUS_LABELS[v.statusAfter]}` });
  if (v.date) lines.push({ text: `${labels.date}：${v.date}` });
  if (v.approver) lines.push({ text: `${labels.approver}：${v.approver}` });
  if (v.reason) lines.push({ text: `${labels.reason}：${v.reason}`, className: 'rv-reason' });
  return {
    version: v.version,
    actionLabel: v.actionLabel,
    userName: v.userName,
    at: v.at,
    color: VERSION_COLORS[v.action] ?? 'blue',
    lines,
    changes: v.changes.filter((c) => c.field !== 'status'),
  };
}
