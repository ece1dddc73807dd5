import { Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, App as AntApp } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { UserRow } from '../../../shared/contract';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/domain/roles';
import { api } from '../api/client';
import { errorMessage, passwordRule, requiredRule, showFieldError } from '../components/formRules';
import { formatInstant } from '../components/format';
import { useSession } from '../app/session';

/** Administrators add users and disable them; users are never deleted, so their history stays attributed. */
export function UsersPage() {
  const [users, setUsers] = useState<UserRow[]>([]);
  const [loading, setLoading] = useState(true);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ username: string; displayName: string; role: Role; password: string }>();
  const { message } = AntApp.useApp();
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
      message.success(`已添加用户“${values.displayName}”`);
      setAdding(false);
      form.resetFields();
      await load();
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    }
  };

  const setDisabled = async (user: UserRow, disabled: boolean) => {
    try {
      await api.usersSetDisabled({ id: user.id, disabled });
      message.success(disabled ? `已停用“${user.displayName}”` : `已启用“${user.displayName}”`);
      await load();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={4}>用户管理</Typography.Title>
        <Button type="primary" onClick={() => setAdding(true)}>添加用户</Button>
      </div>
      <Table<UserRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={users}
        pagination={false}
        columns={[
          { title: '登录名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (r: Role) => ROLE_LABELS[r] },
          { title: '状态', dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag>已停用</Tag> : <Tag color="green">启用</Tag>) },
          { title: '创建时间', dataIndex: 'createdAt', render: formatInstant },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? formatInstant(v) : '—') },
          {
            title: '操作',
            render: (_: unknown, user) =>
              user.id === status.user?.id ? (
                <Typography.Text type="secondary">当前用户</Typography.Text>
              ) : user.disabled ? (
                <Button size="small" onClick={() => setDisabled(user, false)}>启用</Button>
              ) : (
                <Popconfirm title={`停用“${user.displayName}”？停用后不能登录，历史记录仍保留其姓名。`} okText="停用" cancelText="取消" onConfirm={() => setDisabled(user, true)}>
                  <Button size="small" danger>停用</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal title="添加用户" open={adding} onOk={add} onCancel={() => setAdding(false)} okText="添加" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ role: 'clerk' }}>
          <Form.Item label="登录名" name="username" rules={[requiredRule('登录名')]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[requiredRule('姓名')]}>
            <Input />
          </Form.Item>
          <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </Form.Item>
          <Form.Item label="初始密码" name="password" rules={[requiredRule('初始密码'), passwordRule('初始密码')]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
        <Space />
      </Modal>
    </div>
  );
}
