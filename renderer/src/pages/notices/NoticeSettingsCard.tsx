import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Space, App as AntApp } from 'antd';
import { useEffect } from 'react';
import type { NoticeSettings } from '../../../../shared/contract';
import { api } from '../../api/client';
import { errorMessage, showFieldError } from '../../components/formRules';
import { useBusyAction } from '../../hooks/useBusyAction';
import { downloadPdf } from './noticeUi';

interface Values extends Omit<NoticeSettings, 'basis'> {
  basis: string;
}

/** The administrator's notice settings (政策依据 list, default period, reply method, 抄送) and the printer test page. */
export function NoticeSettingsCard() {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, run } = useBusyAction();
  useEffect(() => {
    api.noticesSettingsGet({}).then((s) => form.setFieldsValue({ ...s, basis: s.basis.join('\n') }), (e) => message.error(errorMessage(e)));
  }, [form, message]);
  const save = async (v: Values) => {
    try {
      await api.noticesSettingsUpdate({ ...v, basis: v.basis.split('\n').map((l) => l.trim()).filter(Boolean) });
      message.success('整改通知书设置已保存');
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    }
  };
  const testPage = () => run('testPage', async () => {
    await downloadPdf(await api.noticesTestPage({}));
    message.success('已生成打印测试样张（两页），请打印检查版心、字体和页码');
  });
  return (
    <Card title="限期整改通知书" className="narrow-card notice-settings-card">
      <Form form={form} layout="vertical" name="noticeSettings" onFinish={save}>
        <Form.Item label="政策依据（每行一个文件）" name="basis" extra="起草通知书时从中选择，如《国务院关于加强政务诚信建设的指导意见》（国发〔2016〕76号）">
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} />
        </Form.Item>
        <Form.Item label="默认整改期限（天）" name="periodDays" rules={[{ required: true, message: '请填写默认整改期限' }]}>
          <InputNumber min={1} max={365} precision={0} />
        </Form.Item>
        <Form.Item label="默认回复方式" name="replyMethod"><Input maxLength={300} /></Form.Item>
        <Form.Item label="默认抄送" name="cc"><Input maxLength={300} /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">保存通知书设置</Button>
          <Button icon={<FilePdfOutlined />} loading={busy === 'testPage'} onClick={testPage}>打印测试页（样张）</Button>
        </Space>
      </Form>
    </Card>
  );
}
