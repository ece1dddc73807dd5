import { Button, Card, Space, Typography, Upload, App as AntApp } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api } from '../../api/client';
import { errorMessage } from '../../components/formRules';
import { readFileAsBase64 } from '../../components/files';

/** For offices with no connection: write the pending batches to a file, bring the platform's receipts back. */
export function FileTransferCard({ enrolled, onChanged }: { enrolled: boolean; onChanged: () => void }) {
  const { message, modal } = AntApp.useApp();
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);

  const exportFile = async () => {
    setBusy('export');
    try {
      const file = await api.syncExportFile({});
      const bytes = Uint8Array.from(atob(file.contentBase64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      message.success(`已写出上报文件：${file.batches} 个批次、${file.items} 条`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(null);
      onChanged();
    }
  };

  const importFile = async (file: File) => {
    setBusy('import');
    try {
      const result = await api.syncImportReceipts({ fileName: file.name, contentBase64: await readFileAsBase64(file) });
      message.success(`已导入回执：${result.applied} 个批次${result.already ? `（${result.already} 个已导入过）` : ''}${result.refused ? `，平台拒收 ${result.refused} 个` : ''}`);
    } catch (error) {
      modal.error({ title: '回执文件未导入', content: errorMessage(error) });
    } finally {
      setBusy(null);
      onChanged();
    }
  };

  return (
    <Card size="small" title="无网络时：文件上报" className="gap-below file-transfer">
      <Typography.Paragraph type="secondary" className="file-transfer-hint">
        把待上报的内容写成签名的上报文件（.ledgerbatch），用移动存储带到能连接市平台的电脑上报；再把市平台的回执文件（.ledgerreceipts）带回导入。
      </Typography.Paragraph>
      <Space>
        <Button icon={<DownloadOutlined />} disabled={!enrolled} loading={busy === 'export'} onClick={() => void exportFile()}>写出上报文件</Button>
        <Upload accept=".ledgerreceipts" showUploadList={false} disabled={!enrolled} beforeUpload={(file) => (void importFile(file), false)}>
          <Button icon={<UploadOutlined />} disabled={!enrolled} loading={busy === 'import'}>导入回执文件</Button>
        </Upload>
      </Space>
    </Card>
  );
}
