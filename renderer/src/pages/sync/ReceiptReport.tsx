import { Button, Descriptions, Modal, Space, Table, Typography } from 'antd';
import { PrinterOutlined, DownloadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import type { BatchRow, ReceiptRow } from '../../../../shared/contract/sync';
import { api } from '../../api/client';
import { formatInstant } from '../../components/format';
import { errorMessage } from '../../components/formRules';
import { fieldLabel, RECEIPT_LABELS, ReceiptTag } from './syncUi';

/** One batch's receipt report: what the city accepted and refused, to print or save (CSV for Excel). */
export function ReceiptReport({ batchId, onClose }: { batchId: string | null; onClose: () => void }) {
  const [data, setData] = useState<{ batch: BatchRow; receipts: ReceiptRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    setError(null);
    if (batchId) api.syncBatchReceipts({ batchId }).then(setData, (e) => setError(errorMessage(e)));
  }, [batchId]);
  const b = data?.batch;
  return (
    <Modal
      open={batchId !== null}
      onCancel={onClose}
      width={1000}
      title="上报回执报告"
      className="receipt-report"
      footer={
        <Space>
          <Button icon={<DownloadOutlined />} disabled={!data} onClick={() => data && saveCsv(data.batch, data.receipts)}>保存为表格</Button>
          <Button icon={<PrinterOutlined />} disabled={!data} onClick={() => window.print()}>打印</Button>
          <Button type="primary" onClick={onClose}>关闭</Button>
        </Space>
      }
    >
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {b && (
        <>
          <Descriptions size="small" column={3} bordered className="gap-below" items={[
            { key: 'seq', label: '批次序号', children: b.seq },
            { key: 'id', label: '批次号', children: <span className="code-text">{b.batchId}</span>, span: 2 },
            { key: 'made', label: '生成时间', children: formatInstant(b.createdAt) },
            { key: 'recv', label: '平台接收时间', children: formatInstant(b.receivedAt) },
            { key: 'via', label: '方式', children: b.sentVia === 'file' ? '文件' : '网络' },
            { key: 'sum', label: '结果', span: 3, children: `共 ${b.itemCount} 条：接收 ${b.accepted}，重复 ${b.duplicate}，已过期 ${b.stale}，退回 ${b.rejected}` },
          ]} />
          <Table<ReceiptRow>
            size="small"
            rowKey={(r) => `${r.id}-${r.version}`}
            dataSource={data.receipts}
            pagination={data.receipts.length > 200 ? { pageSize: 200, showSizeChanger: false } : false}
            columns={[
              { title: '类型', dataIndex: 'kindLabel', width: 110 },
              { title: '条目', dataIndex: 'description' },
              { title: '版本', dataIndex: 'version', width: 60 },
              { title: '结果', dataIndex: 'status', width: 150, render: (s: ReceiptRow['status']) => <ReceiptTag status={s} /> },
              { title: '平台编号 / 退回原因', render: (_, r) => (r.status === 'rejected' ? `【${fieldLabel(r.kind, r.field)}】${r.message ?? ''}` : (r.platformRef ?? '')) },
            ]}
          />
        </>
      )}
    </Modal>
  );
}

function saveCsv(batch: BatchRow, receipts: ReceiptRow[]): void {
  const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  const lines = [
    ['批次序号', '批次号', '类型', '条目', '编号', '版本', '结果', '平台编号', '退回字段', '退回原因'].map(cell).join(','),
    ...receipts.map((r) =>
      [batch.seq, batch.batchId, r.kindLabel, r.description, r.id, r.version, r.status ? RECEIPT_LABELS[r.status].label : '待回执', r.platformRef, r.status === 'rejected' ? fieldLabel(r.kind, r.field) : '', r.message]
        .map(cell)
        .join(','),
    ),
  ];
  // A byte-order mark so that Excel reads the Chinese as UTF-8.
  const url = URL.createObjectURL(new Blob(['\ufeff' + lines.join('\r\n')], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `上报回执-第${batch.seq}批.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
