import { Button, Dropdown, Layout, Menu, Result, Space, Typography } from 'antd';
import { DownOutlined, UserOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { PERMISSIONS, ROLE_LABELS, roleAllows, type Role } from '../../../shared/domain/roles';
import { api } from '../api/client';
import { DraftResumeNotice } from '../components/DraftResumeNotice';
import { ChangePasswordModal } from '../pages/ChangePasswordModal';
import { SyncHeaderStatus } from '../pages/sync/SyncHeaderStatus';
import { DEFAULT_PATH, matchPath, navigate, useHashPath } from './router';
import { NAV_ITEMS, ROUTES } from './routes';
import { useSession } from './session';

const GROUP_LABELS = { ledger: '台账', work: '工作', admin: '管理' } as const;

/** The signed-in window: side navigation, header (office, sync status, user menu), the current page. */
export function AppFrame() {
  const { status, refresh } = useSession();
  const user = status.user!;
  const path = useHashPath();
  // The header's pending-upload count follows the clerk's work: refresh it on every page change.
  useEffect(() => {
    void refresh();
  }, [path, refresh]);
  const [changingPassword, setChangingPassword] = useState(false);

  const route = ROUTES.map((r) => ({ r, params: matchPath(r.pattern, path) })).find((m) => m.params !== null);
  const visibleNav = NAV_ITEMS.filter((item) => !item.permission || roleAllows(user.role, item.permission));
  // A page whose navigation entry the role does not see is not shown either (e.g. the previous user's page
  // after signing in as someone else); the services refuse those calls anyway.
  const routePermission = route ? NAV_ITEMS.find((item) => item.path === route.r.nav)?.permission : undefined;
  const allowed = !routePermission || roleAllows(user.role, routePermission);
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
      if (key === 'logout') {
        await api.authLogout({});
        navigate(DEFAULT_PATH); // the next person to sign in starts on the workbench, not on this user's page
      }
      if (key !== 'password') await refresh();
    },
  };

  return (
    // The frame fills the window even when the page is short (antd's <App> wrapper has no height of its own).
    <Layout className="frame" style={{ minHeight: '100vh' }}>
      <Layout.Sider width={184} className="frame-sider" theme="light">
        <div className="brand">政务诚信台账</div>
        <Menu mode="inline" style={{ borderInlineEnd: 'none' }} selectedKeys={route ? [route.r.nav] : []} items={menuItems} onClick={({ key }) => navigate(key)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="frame-header">
          <Typography.Text strong className="office-name">{status.officeName}</Typography.Text>
          <Space size="large">
            <SyncHeaderStatus path={path} />
            <Dropdown menu={userMenu} trigger={['click']}>
              <a className="user-menu" role="button" aria-label="用户菜单">
                <UserOutlined /> {user.displayName}（{ROLE_LABELS[user.role]}） <DownOutlined />
              </a>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="frame-content">
          <DraftResumeNotice key={user.id} userId={user.id} path={path} />
          {!route ? (
            <Result status="404" title="找不到该页面" extra={<Button onClick={() => navigate(DEFAULT_PATH)}>返回工作台</Button>} />
          ) : !allowed ? (
            <Result
              status="403"
              title="无权访问"
              subTitle={`此页面仅限${(PERMISSIONS[routePermission!] as readonly Role[]).map((r) => ROLE_LABELS[r]).join('、')}使用，您当前的角色是${ROLE_LABELS[user.role]}。`}
              extra={<Button type="primary" onClick={() => navigate(DEFAULT_PATH)}>返回工作台</Button>}
            />
          ) : (
            route.r.render(route.params!)
          )}
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
