import { ArrowLeftOutlined, EditOutlined, LockOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Result, Row, Space, Spin, Table, Tag, Timeline, Tooltip, Typography, Upload, App as AntApp } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Attachment, RecordDetail, RecordVersion } from '../../../../shared/contract';
import { RECORD_STATUS_LABELS, SUBJECT_TYPE_LABELS } from '../../../../shared/domain/dishonesty';
import { availableTransitions, EDITABLE_IN_PLACE, findTransition, type RecordTransition } from '../../../../shared/domain/recordLifecycle';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useCan, useSession } from '../../app/session';
import { errorMessage } from '../../components/formRules';
import { formatInstant, formatYuan } from '../../components/format';
import { UploadStateTag } from '../sync/UploadStateTag';
import { formatChangeValue, formatFileSize, readFileAsBase64, SeverityText, StatusTag } from './recordUi';
import { TransitionModal } from './TransitionModal';

type Loaded = { record: RecordDetail; versions: RecordVersion[]; attachments: Attachment[] };

const ATTACHMENT_STATES: Record<Attachment['state'], { label: string; color: string }> = {
  ok: { label: '正常', color: 'green' },
  missing: { label: '文件丢失', color: 'red' },
  altered: { label: '已被修改', color: 'red' },
};

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
  const { message } = AntApp.useApp();
  const [data, setData] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [acting, setActing] = useState<RecordTransition | null>(null);
  const [uploading, setUploading] = useState(0);

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
  const { record, versions, attachments } = data;
  const inPlace = !record.locked && EDITABLE_IN_PLACE.includes(record.status);
  const transitions = availableTransitions(record.status, role);
  const person = record.subjectType === 'person';

  const upload = async (file: File) => {
    setUploading((n) => n + 1);
    try {
      const contentBase64 = await readFileAsBase64(file);
      await api.recordsAttachmentsAdd({ recordId: record.id, fileName: file.name, contentBase64 });
      message.success(`已上传附件“${file.name}”`);
      await load();
    } catch (error) {
      message.error(`附件“${file.name}”上传失败：${errorMessage(error)}`);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const open = async (a: Attachment) => {
    try {
      const result = await api.recordsAttachmentsOpen({ attachmentId: a.id });
      if (result.state === 'altered') message.warning(`附件“${a.fileName}”的内容与上传时不一致，可能已被改动`);
      if (result.opened) message.success('已在系统查看器中打开');
      else message.info('网页调试模式下无法调用系统查看器');
    } catch (error) {
      message.error(errorMessage(error));
      await load();
    }
  };

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
        <Col xs={24} xl={15}>
          <Card size="small" title="记录内容" className="gap-below">
            <Descriptions bordered size="small" column={2} items={items} className="record-descriptions" />
          </Card>
          <Card
            size="small"
            title={<span><PaperClipOutlined /> 附件（{attachments.length}）</span>}
            extra={
              canEdit && (
                <Upload multiple showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}>
                  <Button size="small" icon={<UploadOutlined />} loading={uploading > 0}>上传附件</Button>
                </Upload>
              )
            }
          >
            <Table<Attachment>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={attachments}
              locale={{ emptyText: '暂无附件（判决书、处罚决定书等证明材料可在此上传）' }}
              rowClassName={(a) => (a.state === 'ok' ? '' : 'attachment-bad')}
              columns={[
                { title: '文件名', dataIndex: 'fileName', ellipsis: true },
                { title: '大小', dataIndex: 'size', width: 90, align: 'right', render: formatFileSize },
                { title: '添加人', dataIndex: 'addedByName', width: 90 },
                { title: '添加时间', dataIndex: 'addedAt', width: 140, render: formatInstant },
                {
                  title: '状态', dataIndex: 'state', width: 90,
                  render: (s: Attachment['state']) => <Tag color={ATTACHMENT_STATES[s].color}>{ATTACHMENT_STATES[s].label}</Tag>,
                },
                {
                  title: '操作', width: 70,
                  render: (_: unknown, a) => <Button size="small" type="link" disabled={a.state === 'missing'} onClick={() => open(a)}>打开</Button>,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={`版本历史（${versions.length}）`} className="version-card">
            {versions.length === 0 ? (
              <Empty description="暂无历史" />
            ) : (
              <Timeline
                className="version-timeline"
                items={versions.map((v) => ({ key: v.version, color: VERSION_COLORS[v.action] ?? 'blue', content: <VersionEntry version={v} /> }))}
              />
            )}
          </Card>
        </Col>
      </Row>

      {acting && (
        <TransitionModal
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

function VersionEntry({ version: v }: { version: RecordVersion }) {
  const labels = inputLabels(v.action);
  const statusChange = v.changes.find((c) => c.field === 'status');
  const fieldChanges = v.changes.filter((c) => c.field !== 'status');
  return (
    <div className="rv-entry">
      <div className="rv-head">
        <Typography.Text strong>第 {v.version} 版</Typography.Text>
        <Typography.Text strong className="rv-action">{v.actionLabel}</Typography.Text>
        <Typography.Text type="secondary">{v.userName} · {formatInstant(v.at)}</Typography.Text>
      </div>
      {statusChange ? (
        <div className="rv-line">状态：{formatChangeValue('status', statusChange.before)} → {formatChangeValue('status', statusChange.after)}</div>
      ) : v.statusBefore === null ? (
        <div className="rv-line">状态：{RECORD_STATUS_LABELS[v.statusAfter]}</div>
      ) : null}
      {v.date && <div className="rv-line">{labels.date}：{v.date}</div>}
      {v.approver && <div className="rv-line">{labels.approver}：{v.approver}</div>}
      {v.reason && <div className="rv-line rv-reason">{labels.reason}：{v.reason}</div>}
      {fieldChanges.length > 0 && (
        <ul className="rv-changes">
          {fieldChanges.map((c) => (
            <li key={c.field}>
              <span className="change-label">{c.label}：</span>
              <span className="change-before">{formatChangeValue(c.field, c.before)}</span>
              {' → '}
              <span className="change-after">{formatChangeValue(c.field, c.after)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
