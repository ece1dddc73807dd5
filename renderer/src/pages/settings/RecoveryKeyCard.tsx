import { Alert, Button, Card, Descriptions, Modal, Space, Typography, App as AntApp } from 'antd';
import { KeyOutlined, PrinterOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../../shared/contract';
import { api } from '../../api/client';
import { formatInstant } from '../../components/format';
import { errorMessage } from '../../components/formRules';
import { useBusyAction } from '../../hooks/useBusyAction';

type Status = ResponseOf<'encryption.status'>;
type Shown = ResponseOf<'encryption.recoveryKey'>;

/**
 * 数据加密 on the settings page (管理员): how the ledger is protected here, and the recovery key to print and
 * lock away — the key kept by Windows dies with a reset user profile, and a new computer needs it.
 */
export function RecoveryKeyCard() {
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<Status | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const { busy, run } = useBusyAction();
  useEffect(() => {
    api.encryptionStatus({}).then(setStatus, (e) => message.error(errorMessage(e)));
  }, [message]);
  const show = () => run('show', async () => setShown(await api.encryptionRecoveryKey({})));
  return (
    <Card title="数据加密与恢复密钥" className="narrow-card gap-above">
      {status && (
        <Descriptions size="small" column={1} className="gap-below" items={[
          { key: 'db', label: '台账数据库', children: status.database },
          { key: 'att', label: '附件', children: status.attachments },
          { key: 'key', label: '本机密钥保管', children: status.keyKeptBy },
        ]} />
      )}
      <Typography.Paragraph type="secondary">
        恢复密钥可以在任何电脑上打开本台账及其备份。换电脑、重装系统或 Windows 账户被重置后，需要用它才能打开台账。请打印后锁进保险柜，不要拍照或存在电脑里。每次查看都会记入审计日志。
      </Typography.Paragraph>
      <Button icon={<KeyOutlined />} loading={busy === 'show'} onClick={show}>查看并打印恢复密钥</Button>
      <Modal
        open={shown !== null}
        onCancel={() => setShown(null)}
        title="台账恢复密钥"
        width={640}
        className="recovery-key-print"
        footer={
          <Space>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>打印</Button>
            <Button type="primary" onClick={() => setShown(null)}>关闭</Button>
          </Space>
        }
      >
        {shown && (
          <>
            <Typography.Paragraph>
              单位：{shown.officeName ?? '（未设置）'}{'\u3000\u3000'}查看时间：{formatInstant(shown.shownAt)}
            </Typography.Paragraph>
            <div className="recovery-key" aria-label="恢复密钥">
              {shown.recoveryKey.split('-').map((group, i) => <span key={i}>{group}</span>)}
            </div>
            <Alert
              type="warning"
              showIcon
              message="凭此密钥可解密全部台账数据，请妥善保管"
              description="在新电脑上：先把数据目录复制过去，再运行 ledger key import --data 数据目录 --recovery-key 恢复密钥，然后启动台账程序。"
            />
          </>
        )}
      </Modal>
    </Card>
  );
}
