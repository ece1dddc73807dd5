import { Alert, Button, Card, Form, Input, InputNumber, Progress, Space, Table, Tag, Typography, App as AntApp } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { BackupRow, BackupSettings, ResponseOf } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { errorMessage, showFieldError } from '../../components/formRules';
import { useBusyAction } from '../../hooks/useBusyAction';
import { formatInstant } from '../../components/format';
import { formatAuditHead } from '../../../../shared/domain/auditHead';
import { CHECK_LABELS, formatMegabytes, REASON_LABELS } from './backupLabels';
import { useBackupProgress } from './useBackupProgress';

type Overview = ResponseOf<'backup.overview'>;

/** 备份与恢复 (管理员): where backups go, how many are kept, the list with size, date and check, restore. */
export function BackupPage() {
  const [overview, setOverview] = useState<Overview | null>(null);
  const { busy, run } = useBusyAction();
  const [form] = Form.useForm<BackupSettings>();
  const [otherFile, setOtherFile] = useState('');
  const { message, modal } = AntApp.useApp();
  const { refresh } = useSession();
  const progress = useBackupProgress(busy === 'run');

  const load = useCallback(async () => {
    try {
      const next = await api.backupOverview({});
      setOverview(next);
      form.setFieldsValue({ folder: next.folder, keep: next.keep });
    } catch (error) {
      message.error(errorMessage(error));
    }
  }, [form, message]);
  useEffect(() => void load(), [load]);

  const saveSettings = async (values: BackupSettings) => {
    form.setFields([{ name: 'folder', errors: [] }]);
    try {
      await api.backupUpdateSettings({ folder: values.folder?.trim() || null, keep: values.keep });
      message.success('备份设置已保存');
      await load();
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    }
  };

  const chooseFolder = async () => {
    const { folder } = await api.backupChooseFolder({});
    if (folder) form.setFieldValue('folder', folder);
  };

  /** A button's call, then the page read again whether it worked or not. */
  const act = async (key: string, work: () => Promise<void>) => {
    await run(key, work);
    await load();
  };

  const backupNow = () =>
    act('run', async () => {
      const row = await api.backupRun({});
      message.success(`已备份：${row.name}（${formatMegabytes(row.bytes)}），完整性检查通过；审计链头 ${formatAuditHead(row.auditHead)}`);
    });

  const verify = (row: BackupRow) =>
    act(`verify:${row.name}`, async () => {
      const result = await api.backupVerify({ name: row.name });
      if (result.ok) message.success(`${row.name} 检查通过`);
      else message.error(`${row.name}：${result.problem}`);
    });

  const restore = (source: { name: string } | { file: string }, label: string) =>
    modal.confirm({
      title: '从备份恢复台账？',
      content: (
        <>
          <p>将用“{label}”替换当前台账。恢复前，当前台账会先另存一份（数据目录的 before-restore 文件夹）。</p>
          <p>恢复后，备份之后录入的内容将不在台账中。</p>
        </>
      ),
      okText: '恢复',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        act('restore', async () => {
          const result = await api.backupRestore(source);
          modal.success({ title: '台账已恢复', content: `恢复前的台账已另存为：${result.safetyCopy}` });
          await refresh();
        }),
    });

  const columns = [
    { title: '备份时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatInstant(v) },
    { title: '文件', dataIndex: 'name', ellipsis: true },
    { title: '大小', dataIndex: 'bytes', width: 96, align: 'right' as const, render: formatMegabytes },
    {
      title: '检查',
      dataIndex: 'check',
      width: 84,
      render: (v: BackupRow['check']) => <Tag color={CHECK_LABELS[v].color} title={CHECK_LABELS[v].title}>{CHECK_LABELS[v].text}</Tag>,
    },
    { title: '方式', dataIndex: 'reason', width: 84, render: (v: BackupRow['reason']) => (v ? REASON_LABELS[v] : '—') },
    {
      title: '审计链头',
      dataIndex: 'auditHead',
      width: 180,
      render: (v: BackupRow['auditHead']) => <span className="audit-head" title={v ? `第 ${v.seq} 条审计记录，哈希 ${v.hash}` : undefined}>{formatAuditHead(v)}</span>,
    },
    {
      title: '操作',
      width: 128,
      render: (_: unknown, row: BackupRow) => (
        <Space size={4}>
          <Button size="small" loading={busy === `verify:${row.name}`} onClick={() => verify(row)}>校验</Button>
          <Button size="small" danger disabled={busy !== null} onClick={() => restore({ name: row.name }, formatInstant(row.createdAt) + ' 的备份')}>恢复</Button>
        </Space>
      ),
    },
  ];

  return (
    <div className="page backup-page">
      <Card size="small" title="备份设置" className="backup-settings">
        <Form form={form} layout="inline" onFinish={saveSettings} initialValues={{ keep: 10 }}>
          <Form.Item label="备份文件夹" name="folder" style={{ flex: 1, minWidth: 360 }} extra="可选 U 盘或网络共享上的文件夹；每天第一次打开台账时自动备份一次">
            <Input placeholder="例如 E:\台账备份" allowClear />
          </Form.Item>
          {overview?.canChooseFolder && <Form.Item><Button onClick={chooseFolder}>选择…</Button></Form.Item>}
          <Form.Item label="保留份数" name="keep" rules={[{ required: true, message: '请填写保留份数' }]}>
            <InputNumber min={1} max={365} precision={0} style={{ width: 80 }} />
          </Form.Item>
          <Form.Item><Button htmlType="submit">保存设置</Button></Form.Item>
        </Form>
      </Card>

      {overview?.folder && !overview.folderExists && (
        <Alert type="warning" showIcon message={`找不到备份文件夹 ${overview.folder}：U 盘或网络共享是否已连接？连接后再备份。`} />
      )}

      <Card
        size="small"
        title={
          <Space>
            <span>备份列表</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              上次备份：{overview?.lastBackupAt ? formatInstant(overview.lastBackupAt) : '尚无备份'}
            </Typography.Text>
          </Space>
        }
        extra={<Button type="primary" loading={busy === 'run'} disabled={!overview?.folderExists} onClick={backupNow}>立即备份</Button>}
      >
        {busy === 'run' && (
          <div className="backup-progress" role="status" aria-label="备份进度">
            <Progress percent={progress && progress.bytesTotal > 0 ? Math.min(99, Math.floor((progress.bytesDone / progress.bytesTotal) * 100)) : 0} status="active" />
            <Typography.Text type="secondary">
              正在写入备份{progress ? `：${formatMegabytes(progress.bytesDone)} / ${formatMegabytes(progress.bytesTotal)}` : '…'}，写完后检查完整性；期间可继续使用台账
            </Typography.Text>
          </div>
        )}
        <Table<BackupRow> size="small" rowKey="name" columns={columns} dataSource={overview?.backups ?? []} pagination={false} scroll={{ y: 300 }} locale={{ emptyText: '备份文件夹中还没有备份' }} />
      </Card>

      <Card size="small" title="从其他位置的备份文件恢复">
        <Space.Compact style={{ width: '100%' }}>
          <Input aria-label="备份文件完整路径" placeholder="备份文件的完整路径，例如 F:\ledger-backup-20261120T080000000Z.sqlite" value={otherFile} onChange={(e) => setOtherFile(e.target.value)} />
          <Button danger disabled={!otherFile.trim() || busy !== null} onClick={() => restore({ file: otherFile.trim() }, otherFile.trim())}>恢复</Button>
        </Space.Compact>
      </Card>
    </div>
  );
}
