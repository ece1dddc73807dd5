import { Form, Input, Modal, App as AntApp } from 'antd';
import type { FormInstance } from 'antd/es/form';
import { api } from '../api/client';
import { errorMessage, passwordRule, requiredRule, sameAsRule, showFieldError } from '../components/formRules';

export interface PasswordChangeValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Current password, new password and its repeat: the user menu's dialog and the first-sign-in screen. */
export function PasswordChangeFields({ currentLabel = '当前密码' }: { currentLabel?: string }) {
  return (
    <>
      <Form.Item label={currentLabel} name="currentPassword" rules={[requiredRule(currentLabel)]}>
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
      <Form.Item label="新密码" name="newPassword" rules={[requiredRule('新密码'), passwordRule('新密码')]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item label="确认新密码" name="confirm" dependencies={['newPassword']} rules={[requiredRule('确认新密码', '请再次输入'), sameAsRule('newPassword')]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

/** Validate and send the change; errors land under their field (or as a message). Resolves true when changed. */
export async function submitPasswordChange(form: FormInstance<PasswordChangeValues>, showError: (text: string) => void): Promise<boolean> {
  const values = await form.validateFields();
  try {
    await api.authChangePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    return true;
  } catch (error) {
    if (!showFieldError(form, error)) showError(errorMessage(error));
    return false;
  }
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<PasswordChangeValues>();
  const { message } = AntApp.useApp();
  const submit = async () => {
    if (!(await submitPasswordChange(form, (text) => message.error(text)))) return;
    message.success('密码已修改');
    form.resetFields();
    onClose();
  };
  return (
    <Modal title="修改密码" open={open} onOk={submit} onCancel={onClose} okText="保存" destroyOnHidden>
      <Form form={form} layout="vertical">
        <PasswordChangeFields />
      </Form>
    </Modal>
  );
}
