import { Alert, Button, Card, Form, Input, Radio, Space, Typography, App as AntApp } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../../shared/contract';
import type { UpdateCheckResult } from '../../../../shared/contract/update';
import { api } from '../../api/client';
import { errorMessage, showFieldError } from '../../components/formRules';
import { UpdateDialog } from './UpdateDialog';

type Status = ResponseOf<'update.status'>;
interface SourceForm {
  kind: 'url' | 'folder';
  url?: string;
  folder?: string;
}

/** 软件更新 (管理员): where updates come from (an intranet address or a folder), and checking for one. */
export function UpdatePage() {
  const [status, setStatus] = useState<Status | null>(null);
  const [checking, setChecking] = useState(false);
  const [offered, setOffered] = useState<Extract<UpdateCheckResult, { status: 'available' }> | null>(null);
  const [form] = Form.useForm<SourceForm>();
  const kind = Form.useWatch('kind', form);
  const { message } = AntApp.useApp();

  const load = useCallback(async () => {
    try {
      const next = await api.updateStatus({});
      setStatus(next);
      form.setFieldsValue(next.source ?? { kind: 'folder' });
    } catch (error) {
      message.error(errorMessage(error));
    }
  }, [form, message]);
  useEffect(() => void load(), [load]);

  const save = async (values: SourceForm) => {
    const source = values.kind === 'url' ? { kind: 'url' as const, url: values.url ?? '' } : { kind: 'folder' as const, folder: values.folder ?? '' };
    try {
      await api.updateSetSource({ source });
      message.success('更新来源已保存');
      await load();
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    }
  };

  const check = async () => {
    setChecking(true);
    try {
      const result = await api.updateCheck({});
      if (result.status === 'available') setOffered(result);
      else if (result.status === 'not-available') message.info(`已是最新版本（${result.version}）`);
      else message.warning(`更新来源中的版本 ${result.version} 低于当前版本，已拒绝降级`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setChecking(false);
    }
  };

  return (
    <div className="page update-page">
      <Card size="small" title="更新来源" className="narrow-card">
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ kind: 'folder' }}>
          <Form.Item name="kind">
            <Radio.Group options={[{ value: 'folder', label: '更新文件夹（U 盘或网络共享）' }, { value: 'url', label: '内网地址' }]} />
          </Form.Item>
          {kind === 'url' ? (
            <Form.Item label="更新地址" name="url" extra="区里或街道信息中心发布更新的地址">
              <Input placeholder="http://10.1.2.3/ledger-updates/" />
            </Form.Item>
          ) : (
            <Form.Item label="更新文件夹" name="folder" extra="放有安装包、latest.yml 和 latest.yml.sig 的文件夹">
              <Input placeholder="例如 E:\台账更新" />
            </Form.Item>
          )}
          <Button htmlType="submit">保存</Button>
        </Form>
      </Card>
      <Card size="small" title="检查更新" className="narrow-card">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>当前版本：{status?.currentVersion ?? '—'}</Typography.Text>
          {status && !status.supported && <Alert type="info" showIcon message="只有桌面版台账可以安装更新（当前是网页调试界面）。" />}
          {status?.readyToInstall && <Alert type="success" showIcon message="已下载的更新将在退出台账时安装。" />}
          <Button type="primary" loading={checking} disabled={!status?.supported || !status.source} onClick={check}>检查更新</Button>
        </Space>
      </Card>
      {offered && <UpdateDialog release={offered} onClose={() => { setOffered(null); void load(); }} />}
    </div>
  );
}
