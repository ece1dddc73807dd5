import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag, Upload, App as AntApp } from 'antd';
import { useState } from 'react';
import type { Attachment } from '../../../../shared/contract';
import { formatFileSize, readFileAsBase64 } from '../files';
import { formatInstant } from '../format';
import { errorMessage } from '../formRules';

const ATTACHMENT_STATES: Record<Attachment['state'], { label: string; color: string }> = {
  ok: { label: '正常', color: 'green' },
  missing: { label: '文件丢失', color: 'red' },
  altered: { label: '已被修改', color: 'red' },
};

export interface AttachmentsCardProps {
  attachments: Attachment[];
  canAdd: boolean;
  /** Store one chosen file for the entity shown. */
  add(fileName: string, contentBase64: string): Promise<unknown>;
  /**
   * Open a stored file in the system viewer; says whether it was still as uploaded. A changed file is
   * opened only when `confirmAltered` says the user has seen the warning.
   */
  open(attachmentId: string, confirmAltered?: boolean): Promise<{ state: Attachment['state']; opened: boolean }>;
  /** Called after an upload or a failed open, to show the list as it now is. */
  onChanged(): Promise<void> | void;
  emptyText?: string;
}

/** The evidence files of one entity: upload (several at once), size, who and when, integrity, open. */
export function AttachmentsCard({ attachments, canAdd, add, open, onChanged, emptyText }: AttachmentsCardProps) {
  const { message, modal } = AntApp.useApp();
  const [uploading, setUploading] = useState(0);

  const upload = async (file: File) => {
    setUploading((n) => n + 1);
    try {
      await add(file.name, await readFileAsBase64(file));
      message.success(`已上传附件“${file.name}”`);
      await onChanged();
    } catch (error) {
      message.error(`附件“${file.name}”上传失败：${errorMessage(error)}`);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const openFile = async (a: Attachment) => {
    try {
      let result = await open(a.id);
      if (result.state === 'altered' && !result.opened) {
        const goOn = await modal.confirm({
          title: '附件内容已被改动',
          content: `附件“${a.fileName}”的内容与上传时不一致（文件指纹不符），可能已被他人或病毒改动。确定仍要打开吗？`,
          okText: '仍要打开',
          okButtonProps: { danger: true },
          cancelText: '不打开',
        });
        if (!goOn) return;
        result = await open(a.id, true);
      }
      if (result.opened) message.success('已在系统查看器中打开');
      else message.info('网页调试模式下无法调用系统查看器');
    } catch (error) {
      message.error(errorMessage(error));
      await onChanged();
    }
  };

  return (
    <Card
      size="small"
      className="attachments-card gap-below"
      title={<span><PaperClipOutlined /> 附件（{attachments.length}）</span>}
      extra={
        canAdd && (
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
        locale={{ emptyText: emptyText ?? '暂无附件' }}
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
            render: (_: unknown, a) => <Button size="small" type="link" disabled={a.state === 'missing'} onClick={() => openFile(a)}>打开</Button>,
          },
        ]}
      />
    </Card>
  );
}
