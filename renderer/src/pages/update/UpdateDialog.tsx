import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { UpdateCheckResult } from '../../../../shared/contract/update';
import { api } from '../../api/client';
import { errorMessage } from '../../components/formRules';
import { formatInstant } from '../../components/format';

type Available = Extract<UpdateCheckResult, { status: 'available' }>;

/** A newer signed release: its notes, then download (checked) and install on quit — or now. */
export function UpdateDialog({ release, onClose }: { release: Available; onClose: () => void }) {
  const [stage, setStage] = useState<'offered' | 'downloading' | 'ready'>('offered');
  const [problem, setProblem] = useState<string | null>(null);

  const download = async () => {
    setStage('downloading');
    setProblem(null);
    try {
      await api.updateDownload({});
      setStage('ready');
    } catch (error) {
      setProblem(errorMessage(error));
      setStage('offered');
    }
  };

  const footer =
    stage === 'ready'
      ? [
          <Button key="later" onClick={onClose}>退出台账时安装</Button>,
          <Button key="now" type="primary" onClick={() => api.updateInstallNow({}).catch((e) => setProblem(errorMessage(e)))}>立即重启并安装</Button>,
        ]
      : [
          <Button key="cancel" onClick={onClose} disabled={stage === 'downloading'}>以后再说</Button>,
          <Button key="download" type="primary" loading={stage === 'downloading'} onClick={download}>下载更新</Button>,
        ];

  return (
    <Modal open title={`发现新版本 ${release.version}`} onCancel={stage === 'downloading' ? undefined : onClose} closable={stage !== 'downloading'} maskClosable={false} footer={footer} width={560}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {release.releaseDate && <Typography.Text type="secondary">发布时间：{formatInstant(release.releaseDate)}</Typography.Text>}
        <Typography.Paragraph className="release-notes">{release.releaseNotes || '（无更新说明）'}</Typography.Paragraph>
        {stage === 'ready' && <Alert type="success" showIcon message="更新已下载，签名与校验值均已核对。退出台账时自动安装；新版本首次打开、升级数据库结构之前会先备份台账。" />}
        {problem && <Alert type="error" showIcon message={problem} />}
      </Space>
    </Modal>
  );
}
