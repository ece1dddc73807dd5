import { Button, Card, Form, Input, Typography, App as AntApp } from 'antd';
import { api } from '../api/client';
import { errorMessage, passwordRule, requiredRule, sameAsRule, showFieldError, usccRule } from '../components/formRules';
import { useSession } from '../app/session';

interface SetupForm {
  officeName: string;
  officeUscc: string;
  noticePrefix: string;
  adminUsername: string;
  adminDisplayName: string;
  adminPassword: string;
  confirmPassword: string;
}

/** First start: the office and its first administrator. */
export function SetupPage() {
  const [form] = Form.useForm<SetupForm>();
  const { refresh } = useSession();
  const { message } = AntApp.useApp();

  const submit = async ({ confirmPassword: _confirm, ...values }: SetupForm) => {
    try {
      await api.setupInitialize(values);
      message.success('初始化完成，已以管理员身份登录');
      await refresh();
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    }
  };

  return (
    <div className="center-screen" style={{ minHeight: '100vh' }}>
      <Card className="setup-card" title={<span>政务诚信台账 · 首次使用设置</span>}>
        <Typography.Paragraph type="secondary">
          请填写本单位信息并创建第一个管理员账号。管理员之后可在“用户管理”中添加录入员和审核员。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark>
          <Form.Item label="单位名称" name="officeName" rules={[requiredRule('单位名称')]}>
            <Input placeholder="例如：某某市某某区某某街道办事处" autoFocus />
          </Form.Item>
          <Form.Item label="单位统一社会信用代码" name="officeUscc" rules={[requiredRule('单位统一社会信用代码'), usccRule('单位统一社会信用代码')]}>
            <Input maxLength={18} placeholder="18 位，字母须大写" />
          </Form.Item>
          <Form.Item label="文号前缀" name="noticePrefix" rules={[requiredRule('文号前缀')]} extra="整改通知书编号形如“前缀〔2026〕1号”">
            <Input maxLength={20} placeholder="例如：某街诚信" />
          </Form.Item>
          <Form.Item label="管理员登录名" name="adminUsername" rules={[requiredRule('管理员登录名')]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item label="管理员姓名" name="adminDisplayName" rules={[requiredRule('管理员姓名')]}>
            <Input />
          </Form.Item>
          <Form.Item label="管理员密码" name="adminPassword" rules={[requiredRule('管理员密码'), passwordRule('密码')]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认密码"
            name="confirmPassword"
            dependencies={['adminPassword']}
            rules={[
              requiredRule('确认密码', '请再次输入'),
              sameAsRule('adminPassword'),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>
            完成设置
          </Button>
        </Form>
      </Card>
    </div>
  );
}
