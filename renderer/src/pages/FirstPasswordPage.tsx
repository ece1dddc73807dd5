import { Alert, Button, Card, Form, Typography } from 'antd';
import { useState } from 'react';
import { useSession, useSignOut } from '../app/session';
import { PasswordChangeFields, submitPasswordChange, type PasswordChangeValues } from './ChangePasswordModal';

/**
 * Signed in with a password an administrator set (a new user, or after a reset): the user chooses their own
 * before anything else; the service refuses every other call until then.
 */
export function FirstPasswordPage() {
  const { status, refresh } = useSession();
  const signOut = useSignOut();
  const [form] = Form.useForm<PasswordChangeValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (await submitPasswordChange(form, setError)) await refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="center-screen" style={{ minHeight: '100vh' }}>
      <Card className="login-card first-password-card">
        <Typography.Title level={4} className="login-title">设置您自己的密码</Typography.Title>
        <Alert
          type="info"
          showIcon
          className="gap-below"
          message={`${status.user?.displayName ?? ''}，您的密码由管理员设置，须先改为只有您知道的密码，才能使用台账。`}
        />
        {error && <Alert type="error" showIcon className="gap-below" message={error} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          <PasswordChangeFields currentLabel="管理员设置的密码" />
          <Button type="primary" htmlType="submit" block loading={busy}>保存新密码</Button>
          <Button type="link" block onClick={signOut}>退出登录</Button>
        </Form>
      </Card>
    </div>
  );
}
