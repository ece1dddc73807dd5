import { Alert, Button, Card, Col, Descriptions, Row, Space, Statistic, Table, Tabs, Typography, App as AntApp } from 'antd';
import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import type { BatchRow, ReceiptRow, SyncStatusView } from '../../../../shared/contract/sync';
import type { ResponseOf } from '../../../../shared/contract';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { formatInstant } from '../../components/format';
import { errorMessage } from '../../components/formRules';
import { EnrolForm } from './EnrolForm';
import { FileTransferCard } from './FileTransferCard';
import { ReceiptReport } from './ReceiptReport';
import { SYNC_CHANGED_EVENT } from './SyncHeaderStatus';
import { BatchStateTag, fieldLabel, ITEM_PATHS, statusLabel } from './syncUi';

type Conflict = ResponseOf<'sync.conflicts'>[number];

/** 上报平台: the connection to the city platform, 立即上报, every batch with its receipts, refused items. */
export function SyncPage() {
  const { status: session } = useSession();
  const isAdmin = session.user?.role === 'admin';
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  const [batches, setBatches] = useState<{ items: BatchRow[]; total: number }>({ items: [], total: 0 });
  const [page, setPage] = useState(1);
  const [rejected, setRejected] = useState<Array<ReceiptRow & { at: string }>>([]);
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [running, setRunning] = useState(false);
  const [reportOf, setReportOf] = useState<string | null>(null);
  const [reEnrol, setReEnrol] = useState(false);

  const load = useCallback(async () => {
    try {
      const [s, b, r, c] = await Promise.all([api.syncStatus({}), api.syncBatches({ page, pageSize: 20 }), api.syncRejected({}), api.syncConflicts({})]);
      setStatus(s);
      setBatches(b);
      setRejected(r);
      setConflicts(c);
    } catch (error) {
      message.error(errorMessage(error));
    }
  }, [page, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const run = async (approve = false) => {
    setRunning(true);
    try {
      const result = approve ? await api.syncApprovePull({}) : await api.syncNow({});
      const p = result.push;
      if (p.fault) message.warning(p.fault.message);
      else if (!approve) message.success(p.items > 0 ? `已上报 ${p.items} 条：接收 ${p.accepted + p.duplicate}，退回 ${p.rejected}` : '没有待上报的内容');
      if (result.pull?.applied) message.info(`已应用市平台的 ${result.pull.applied} 项决定`);
      const directory = (result.pull?.units ?? 0) + (result.pull?.dictionaries ?? 0);
      if (directory > 0) message.info(`已更新市平台的单位名录和代码表 ${directory} 项`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setRunning(false);
      window.dispatchEvent(new Event(SYNC_CHANGED_EVENT));
      await load();
    }
  };

  if (!status) return null;
  return (
    <div className="page sync-page">
      <div className="page-head">
        <Typography.Title level={4}>上报市公共信用信息平台</Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>刷新</Button>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={running || status.running} disabled={!status.enrolled} onClick={() => void run()}>
            立即上报
          </Button>
        </Space>
      </div>
      {status.fault && <Alert type="error" showIcon className="gap-below" message="上报故障" description={`${status.fault.message}（${formatInstant(status.fault.at)}）`} />}
      {status.needsApproval && (
        <Alert
          type="warning" showIcon className="gap-below" message="下载的决定须管理员确认"
          description={`市平台本次有 ${status.needsApproval.decisions} 项决定，将改动超过台账（共 ${status.needsApproval.ledger} 条）的十分之一，确认后才会应用。`}
          action={isAdmin ? <Button size="small" type="primary" onClick={() => void run(true)}>确认并应用</Button> : undefined}
        />
      )}
      {status.conflicts > 0 && <Alert type="warning" showIcon className="gap-below" message={`有 ${status.conflicts} 项市平台决定与本机尚未上报的修改冲突：本机修改已保留，请核对后再处理。`} />}
      <Row gutter={16}>
        <Col span={10}>
          <Card size="small" title="平台连接" className="gap-below">
            {status.enrolled && !reEnrol ? (
              <>
                <Descriptions size="small" column={1} items={[
                  { key: 'url', label: '平台地址', children: status.platformUrl },
                  { key: 'office', label: '单位代码', children: <span className="code-text">{status.officeId}</span> },
                  { key: 'device', label: '本机设备号', children: <span className="code-text">{status.deviceId}</span> },
                  { key: 'at', label: '登记时间', children: formatInstant(status.enrolledAt) },
                  { key: 'key', label: '签名私钥', children: status.keyProtection },
                ]} />
                {isAdmin && <Button size="small" onClick={() => setReEnrol(true)}>重新登记</Button>}
              </>
            ) : isAdmin ? (
              <EnrolForm initialUrl={status.platformUrl} onEnrolled={() => { setReEnrol(false); void load(); }} />
            ) : (
              <Typography.Text type="secondary">本机尚未登记到市平台，请管理员在此页登记。</Typography.Text>
            )}
          </Card>
        </Col>
        <Col span={14}>
          <Card size="small" title="上报情况" className="gap-below">
            <Row gutter={8}>
              <Col span={6}><Statistic title="待上报" value={status.pending} /></Col>
              <Col span={6}><Statistic title="上报中" value={status.inFlight} /></Col>
              <Col span={6}><Statistic title="被退回" value={status.rejected} valueStyle={status.rejected ? { color: '#c62828' } : undefined} /></Col>
              <Col span={6}><Statistic title="上次成功" value={status.lastSuccessAt ? formatInstant(status.lastSuccessAt) : '从未'} valueStyle={{ fontSize: 15 }} /></Col>
            </Row>
          </Card>
          <FileTransferCard enrolled={status.enrolled} onChanged={() => { window.dispatchEvent(new Event(SYNC_CHANGED_EVENT)); void load(); }} />
        </Col>
      </Row>
      <Card size="small">
        <Tabs items={[
          {
            key: 'batches',
            label: `批次记录（${batches.total}）`,
            children: (
              <Table<BatchRow>
                size="small" rowKey="batchId" dataSource={batches.items} className="batch-table"
                pagination={{ current: page, pageSize: 20, total: batches.total, onChange: setPage, showSizeChanger: false }}
                columns={[
                  { title: '序号', dataIndex: 'seq', width: 64 },
                  { title: '生成时间', dataIndex: 'createdAt', width: 140, render: formatInstant },
                  { title: '条数', dataIndex: 'itemCount', width: 64 },
                  { title: '状态', width: 150, render: (_, b) => <BatchStateTag batch={b} /> },
                  { title: '结果', render: (_, b) => (b.state === 'answered' ? `接收 ${b.accepted + b.duplicate} · 过期 ${b.stale} · 退回 ${b.rejected}` : (b.faultMessage ?? '')) },
                  { title: '', width: 90, render: (_, b) => <Button size="small" onClick={() => setReportOf(b.batchId)}>回执报告</Button> },
                ]}
              />
            ),
          },
          {
            key: 'rejected',
            label: `被退回的条目（${rejected.length}）`,
            children: (
              <Table<ReceiptRow & { at: string }>
                size="small" rowKey={(r) => `${r.kind}-${r.id}`} dataSource={rejected} pagination={false} className="rejected-table"
                locale={{ emptyText: '没有被退回的条目' }}
                columns={[
                  { title: '类型', dataIndex: 'kindLabel', width: 110 },
                  { title: '条目', render: (_, r) => (ITEM_PATHS[r.kind] ? <a onClick={() => navigate(ITEM_PATHS[r.kind](r.id))}>{r.description}</a> : r.description) },
                  { title: '版本', dataIndex: 'version', width: 60 },
                  { title: '字段', width: 140, render: (_, r) => fieldLabel(r.kind, r.field) },
                  { title: '退回原因', dataIndex: 'message' },
                  { title: '时间', dataIndex: 'at', width: 140, render: formatInstant },
                ]}
              />
            ),
          },
          ...(conflicts.length > 0 ? [{
            key: 'conflicts',
            label: `与本机修改冲突的决定（${conflicts.length}）`,
            children: (
              <Table<Conflict>
                size="small" rowKey="changeId" dataSource={conflicts} pagination={false} className="conflict-table"
                columns={[
                  { title: '类型', dataIndex: 'kindLabel', width: 110 },
                  { title: '条目', render: (_, r) => (ITEM_PATHS[r.kind] ? <a onClick={() => navigate(ITEM_PATHS[r.kind](r.id))}>{r.description}</a> : r.description) },
                  { title: '市平台决定', width: 120, render: (_, r) => statusLabel(r.kind, r.status) },
                  { title: '说明', dataIndex: 'note' },
                  { title: '决定时间', dataIndex: 'decidedAt', width: 140, render: formatInstant },
                  { title: '本机待上报版本', dataIndex: 'localVersion', width: 120 },
                ]}
              />
            ),
          }] : []),
        ]} />
      </Card>
      <ReceiptReport batchId={reportOf} onClose={() => setReportOf(null)} />
    </div>
  );
}
