import { Form, Input, Modal, App as AntApp } from 'antd';
import { api } from '../api/client';
import { errorMessage, passwordRule, requiredRule, sameAsRule, showFieldError } from '../components/formRules';

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const { message } = AntApp.useApp();
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await api.authChangePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success('密码已修改');
      form.resetFields();
      onClose();
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    }
  };
  return (
    <Modal title="修改密码" open={open} onOk={submit} onCancel={onClose} okText="保存" destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item label="当前密码" name="currentPassword" rules={[requiredRule('当前密码')]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label="新密码" name="newPassword" rules={[requiredRule('新密码'), passwordRule('新密码')]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            requiredRule('确认新密码', '请再次输入'),
            sameAsRule('newPassword'),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
