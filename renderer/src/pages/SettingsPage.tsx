import { Button, Card, Form, Input, InputNumber, App as AntApp } from 'antd';
import { useEffect } from 'react';
import type { Settings } from '../../../shared/contract';
import { api } from '../api/client';
import { errorMessage, requiredRule, showFieldError, usccRule } from '../components/formRules';
import { useSession } from '../app/session';
import { RecoveryKeyCard } from './settings/RecoveryKeyCard';
import { NoticeSettingsCard } from './notices/NoticeSettingsCard';

export function SettingsPage() {
  const [form] = Form.useForm<Settings>();
  const { message } = AntApp.useApp();
  const { refresh } = useSession();
  useEffect(() => {
    api.settingsGet({}).then((s) => form.setFieldsValue(s), (e) => message.error(errorMessage(e)));
  }, [form, message]);
  const save = async (values: Settings) => {
    try {
      await api.settingsUpdate(values);
      message.success('设置已保存');
      await refresh();
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    }
  };
  return (
    <div className="page">
      <Card title="本单位与安全设置" className="narrow-card">
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item label="单位名称" name="officeName" rules={[requiredRule('单位名称')]}><Input /></Form.Item>
          <Form.Item label="单位统一社会信用代码" name="officeUscc" rules={[requiredRule('单位统一社会信用代码'), usccRule('单位统一社会信用代码')]}><Input maxLength={18} /></Form.Item>
          <Form.Item label="文号前缀" name="noticePrefix" rules={[requiredRule('文号前缀')]}><Input maxLength={20} /></Form.Item>
          <Form.Item
            label="空闲锁定时间（分钟）"
            name="idleLockMinutes"
            rules={[{ required: true, message: '请填写空闲锁定时间' }]}
            extra="超过这段时间无键盘、鼠标操作即锁定屏幕，需输入密码解锁"
          >
            <InputNumber min={1} max={240} precision={0} />
          </Form.Item>
          <Button type="primary" htmlType="submit">保存</Button>
        </Form>
      </Card>
      <NoticeSettingsCard />
      <RecoveryKeyCard />
    </div>
  );
}
