import { Button, Form, Input, App as AntApp } from 'antd';
import { api } from '../../api/client';
import { errorMessage, requiredRule, showFieldError } from '../../components/formRules';

/** 管理员: platform address + the office's one-time enrolment code. */
export function EnrolForm({ onEnrolled, initialUrl }: { onEnrolled: () => void; initialUrl?: string | null }) {
  const [form] = Form.useForm<{ url: string; code: string }>();
  const { message } = AntApp.useApp();
  const submit = async (values: { url: string; code: string }) => {
    try {
      const result = await api.syncEnrol(values);
      message.success(`已登记到市平台（设备 ${result.deviceId.slice(0, 8)}…）`);
      form.resetFields(['code']);
      onEnrolled();
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ url: initialUrl ?? '' }} className="enrol-form">
      <Form.Item label="平台地址" name="url" rules={[requiredRule('平台地址')]} extra="市公共信用信息平台的上报接口地址，例如 https://xyxx.example.gov.cn">
        <Input placeholder="https://" autoComplete="off" />
      </Form.Item>
      <Form.Item label="登记码" name="code" rules={[requiredRule('登记码')]} extra="市平台发给本单位的一次性登记码；本机会生成签名密钥，私钥只保存在本机">
        <Input className="code-input" autoComplete="off" maxLength={64} />
      </Form.Item>
      <Button type="primary" htmlType="submit">登记本机</Button>
    </Form>
  );
}
