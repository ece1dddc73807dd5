import { Badge, Dropdown, Layout, Menu, Result, Space, Typography } from 'antd';
import { CloudUploadOutlined, DownOutlined, UserOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { ROLE_LABELS, roleAllows } from '../../../shared/domain/roles';
import { api } from '../api/client';
import { ChangePasswordModal } from '../pages/ChangePasswordModal';
import { matchPath, navigate, useHashPath } from './router';
import { NAV_ITEMS, ROUTES } from './routes';
import { useSession } from './session';

const GROUP_LABELS = { ledger: '台账', work: '工作', admin: '管理' } as const;

/** The signed-in window: side navigation, header (office, sync status, user menu), the current page. */
export function AppFrame() {
  const { status, refresh } = useSession();
  const user = status.user!;
  const path = useHashPath();
  const [changingPassword, setChangingPassword] = useState(false);

  const route = ROUTES.map((r) => ({ r, params: matchPath(r.pattern, path) })).find((m) => m.params !== null);
  const visibleNav = NAV_ITEMS.filter((item) => !item.permission || roleAllows(user.role, item.permission));
  const menuItems = useMemo(
    () =>
      (['ledger', 'work', 'admin'] as const)
        .map((group) => ({
          type: 'group' as const,
          label: GROUP_LABELS[group],
          children: visibleNav.filter((i) => i.group === group).map((i) => ({ key: i.path, label: i.label })),
        }))
        .filter((g) => g.children.length > 0),
    [visibleNav],
  );

  const userMenu = {
    items: [
      { key: 'password', label: '修改密码' },
      { key: 'lock', label: '锁定屏幕' },
      { type: 'divider' as const },
      { key: 'logout', label: '退出登录' },
    ],
    onClick: async ({ key }: { key: string }) => {
      if (key === 'password') setChangingPassword(true);
      if (key === 'lock') await api.authLock({});
      if (key === 'logout') await api.authLogout({});
      if (key !== 'password') await refresh();
    },
  };

  return (
    <Layout className="frame">
      <Layout.Sider width={184} className="frame-sider" theme="light">
        <div className="brand">政务诚信台账</div>
        <Menu mode="inline" selectedKeys={route ? [route.r.nav] : []} items={menuItems} onClick={({ key }) => navigate(key)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="frame-header">
          <Typography.Text strong className="office-name">{status.officeName}</Typography.Text>
          <Space size="large">
            <span className="sync-status" title="与市公共信用信息平台的连接（上报功能将在后续版本提供）">
              <Badge status="default" />
              <CloudUploadOutlined /> 未连接平台 · 待上报 {status.pendingUploads} 条
            </span>
            <Dropdown menu={userMenu} trigger={['click']}>
              <a className="user-menu" role="button" aria-label="用户菜单">
                <UserOutlined /> {user.displayName}（{ROLE_LABELS[user.role]}） <DownOutlined />
              </a>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="frame-content">
          {route ? route.r.render(route.params!) : <Result status="404" title="找不到该页面" />}
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
