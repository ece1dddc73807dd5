import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { errorMessage } from '../components/formRules';
import { useSession, useSignOut } from '../app/session';

/** Sign in, or (locked = true) unlock the screen after idle time with the same user's password. */
export function LoginPage({ locked = false }: { locked?: boolean }) {
  const { status, refresh } = useSession();
  const signOut = useSignOut();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username?: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      if (locked) await api.authUnlock({ password: values.password });
      else await api.authLogin({ username: values.username ?? '', password: values.password });
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };


  return (
    <div className="center-screen" style={{ minHeight: '100vh' }}>
      <Card className="login-card">
        <Typography.Title level={3} className="login-title">政务诚信台账</Typography.Title>
        <Typography.Paragraph type="secondary" className="login-office">{status.officeName}</Typography.Paragraph>
        {locked && (
          <Alert type="info" showIcon className="gap-below" message={`屏幕已锁定。${status.user?.displayName ?? ''}，请输入密码解锁。`} />
        )}
        {error && <Alert type="error" showIcon className="gap-below" message={error} />}
        <Form layout="vertical" onFinish={submit}>
          {!locked && (
            <Form.Item label="登录名" name="username" rules={[{ required: true, message: '请填写登录名' }]}>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
          )}
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
            <Input.Password autoComplete="current-password" autoFocus={locked} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {locked ? '解锁' : '登录'}
          </Button>
          {locked && (
            <Button type="link" block onClick={signOut}>
              切换用户
            </Button>
          )}
        </Form>
        <Typography.Paragraph type="secondary" className="version-line">版本 {status.appVersion}</Typography.Paragraph>
      </Card>
    </div>
  );
}
