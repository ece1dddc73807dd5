import { Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, App as AntApp } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { UserRow } from '../../../shared/contract';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/domain/roles';
import { api } from '../api/client';
import { errorMessage, passwordRule, requiredRule, sameAsRule, showFieldError } from '../components/formRules';
import { formatInstant } from '../components/format';
import { useSession } from '../app/session';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** Whether the user can sign in, and what their next sign-in asks. */
function UserState({ user }: { user: UserRow }) {
  return (
    <Space size={4} wrap>
      {user.disabled ? <Tag>已停用</Tag> : <Tag color="green">启用</Tag>}
      {user.mustChangePassword && <Tag color="gold">待本人改密码</Tag>}
      {user.lockedUntil && <Tag color="red">锁定至 {formatInstant(user.lockedUntil)}</Tag>}
    </Space>
  );
}

/** An administrator gives a user a new password; the user must change it at the next sign-in. */
function ResetPasswordModal({ user, onClose, onDone }: { user: UserRow | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const { message } = AntApp.useApp();
  const submit = async () => {
    if (!user) return;
    const values = await form.validateFields();
    try {
      await api.usersResetPassword({ id: user.id, password: values.password });
      message.success(`已重置“${user.displayName}”的密码，其下次登录时须修改`);
      onDone();
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    }
  };
  return (
    <Modal title="重置密码" open={user !== null} onOk={submit} onCancel={onClose} okText="重置" cancelText="取消" destroyOnHidden>
      <Typography.Paragraph type="secondary">
        为“{user?.displayName}（{user?.username}）”设置新密码，并当面或电话告知本人。其下次登录时须改为自己的密码；因密码错误而锁定的账号也随之解锁。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item label="新密码" name="password" rules={[requiredRule('新密码'), passwordRule('新密码')]}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Form.Item label="确认新密码" name="confirm" dependencies={['password']} rules={[requiredRule('确认新密码', '请再次输入'), sameAsRule('password')]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Administrators add users, change their roles, reset their passwords, and disable or enable them; users
 * are never deleted, so their history stays attributed.
 */
export function UsersPage() {
  const [users, setUsers] = useState<UserRow[]>([]);
  const [loading, setLoading] = useState(true);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [form] = Form.useForm<{ username: string; displayName: string; role: Role; password: string }>();
  const { message, modal } = AntApp.useApp();
  const { status } = useSession();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setUsers(await api.usersList({}));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setLoading(false);
    }
  }, [message]);
  useEffect(() => void load(), [load]);

  const add = async () => {
    const values = await form.validateFields();
    try {
      await api.usersCreate(values);
      message.success(`已添加用户“${values.displayName}”，其首次登录时须修改初始密码`);
      setAdding(false);
      form.resetFields();
      await load();
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    }
  };

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      await load();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  const setDisabled = (user: UserRow, disabled: boolean) =>
    run(() => api.usersSetDisabled({ id: user.id, disabled }), disabled ? `已停用“${user.displayName}”` : `已启用“${user.displayName}”`);
  const changeRole = (user: UserRow, role: Role) =>
    modal.confirm({
      title: `将“${user.displayName}”的角色改为${ROLE_LABELS[role]}？`,
      content: '其权限在下一次操作时即按新角色执行。',
      okText: '修改',
      cancelText: '取消',
      onOk: () => run(() => api.usersSetRole({ id: user.id, role }), `“${user.displayName}”的角色已改为${ROLE_LABELS[role]}`),
    });

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={4}>用户管理</Typography.Title>
        <Button type="primary" onClick={() => setAdding(true)}>添加用户</Button>
      </div>
      <Table<UserRow>
        rowKey="id"
        size="small"
        className="users-table"
        loading={loading}
        dataSource={users}
        pagination={false}
        columns={[
          { title: '登录名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          {
            title: '角色',
            dataIndex: 'role',
            width: 120,
            render: (r: Role, user) =>
              user.id === status.user?.id ? (
                ROLE_LABELS[r]
              ) : (
                <Select aria-label={`${user.displayName}的角色`} size="small" value={r} options={ROLE_OPTIONS} style={{ width: 96 }} onChange={(role: Role) => changeRole(user, role)} />
              ),
          },
          { title: '状态', render: (_: unknown, user) => <UserState user={user} /> },
          { title: '创建时间', dataIndex: 'createdAt', render: formatInstant, width: 140 },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? formatInstant(v) : '—'), width: 140 },
          {
            title: '操作',
            width: 170,
            render: (_: unknown, user) =>
              user.id === status.user?.id ? (
                <Typography.Text type="secondary">当前用户</Typography.Text>
              ) : (
                <Space size={4}>
                  <Button size="small" onClick={() => setResetting(user)}>重置密码</Button>
                  {user.disabled ? (
                    <Button size="small" onClick={() => setDisabled(user, false)}>启用</Button>
                  ) : (
                    <Popconfirm title={`停用“${user.displayName}”？停用后不能登录，历史记录仍保留其姓名。`} okText="停用" cancelText="取消" onConfirm={() => setDisabled(user, true)}>
                      <Button size="small" danger>停用</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} onDone={() => { setResetting(null); void load(); }} />
      <Modal title="添加用户" open={adding} onOk={add} onCancel={() => setAdding(false)} okText="添加" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ role: 'clerk' }}>
          <Form.Item label="登录名" name="username" rules={[requiredRule('登录名')]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[requiredRule('姓名')]}>
            <Input />
          </Form.Item>
          <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={ROLE_OPTIONS} />
          </Form.Item>
          <Form.Item label="初始密码" name="password" extra="用户首次登录时须改为自己的密码" rules={[requiredRule('初始密码'), passwordRule('初始密码')]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
