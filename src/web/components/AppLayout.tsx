import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { endpoints } from '../api/endpoints';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Avatar,
  Button,
  Drawer,
  Dropdown,
  Flex,
  Grid,
  Layout,
  Menu,
  Result,
  Spin,
  Typography,
  theme,
  type MenuProps,
} from 'antd';
import {
  ApartmentOutlined,
  BarChartOutlined,
  DashboardOutlined,
  FileTextOutlined,
  GlobalOutlined,
  HomeOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuOutlined,
  ProfileOutlined,
  SettingOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { call, isApiError } from '../api/client';
import { useLiveEvents } from '../api/events';
import { useMe, type Permission } from '../api/queries';
import type { Me } from '../api/types';
import { useI18n } from '../i18n/i18n';
import type { UiKey } from '../i18n/dictionaries';
import { openMenuGroups } from './landing';

// the bell (list, popover) loads after the shell: the first load stays small
const NotificationBell = lazy(() =>
  import('../pages/cases/NotificationBell').then((m) => ({ default: m.NotificationBell })),
);

interface NavLeaf {
  key: string;
  label: UiKey;
  permission?: Permission;
  /** shown only when this holds as well (roles, what the user's record allows) */
  when?: (me: Me) => boolean;
  testId: string;
}
interface NavGroup {
  key: string;
  label: UiKey;
  icon: ReactNode;
  children: NavLeaf[];
}

/** The side menu. Entries follow `permissions` from /api/auth/me: what the user cannot open is not shown. */
const NAV: ((NavLeaf & { icon: ReactNode }) | NavGroup)[] = [
  { key: '/', label: 'nav.home', icon: <DashboardOutlined />, testId: 'nav-home' },
  {
    key: '/dashboard',
    label: 'nav.dashboard',
    icon: <BarChartOutlined />,
    permission: 'reports.read',
    testId: 'nav-dashboard',
  },
  {
    key: 'cases',
    label: 'nav.cases',
    icon: <FileTextOutlined />,
    children: [
      { key: '/cases/new', label: 'nav.caseNew', permission: 'cases.create', testId: 'nav-case-new' },
      { key: '/cases/mine', label: 'nav.casesMine', permission: 'cases.read', testId: 'nav-cases-mine' },
      {
        key: '/cases/department',
        label: 'nav.casesDepartment',
        permission: 'cases.read',
        // the department comes from the user's own record (GET /api/users/:id needs users.read)
        when: (me) => me.permissions.includes('users.read'),
        testId: 'nav-cases-department',
      },
      { key: '/cases/all', label: 'nav.casesAll', permission: 'cases.read', testId: 'nav-cases-all' },
      {
        key: '/cases/overdue',
        label: 'nav.casesOverdue',
        permission: 'cases.read',
        testId: 'nav-cases-overdue',
      },
      { key: '/cases/callbacks', label: 'nav.callbacks', permission: 'cases.read', testId: 'nav-callbacks' },
      {
        key: '/m/tasks',
        label: 'nav.techTasks',
        permission: 'cases.read',
        when: (me) => me.user.roles.includes('technician'),
        testId: 'nav-tech-tasks',
      },
    ],
  },
  {
    key: 'reports',
    label: 'nav.reports',
    icon: <ProfileOutlined />,
    children: [
      {
        key: '/reports/monthly',
        label: 'nav.reportsMonthly',
        permission: 'reports.read',
        testId: 'nav-reports-monthly',
      },
      {
        key: '/reports/quarterly',
        label: 'nav.reportsQuarterly',
        permission: 'reports.read',
        testId: 'nav-reports-quarterly',
      },
      {
        key: '/reports/accountability',
        label: 'nav.reportsAccountability',
        permission: 'accountability.read',
        testId: 'nav-reports-accountability',
      },
      {
        key: '/reports/problems',
        label: 'nav.reportsProblems',
        permission: 'problems.read',
        testId: 'nav-reports-problems',
      },
      {
        key: '/reports/first-ask-register',
        label: 'nav.firstAskRegister',
        permission: 'accountability.read',
        testId: 'nav-first-ask-register',
      },
    ],
  },
  {
    key: 'org',
    label: 'nav.org',
    icon: <ApartmentOutlined />,
    children: [
      { key: '/org/company', label: 'nav.company', permission: 'company.read', testId: 'nav-company' },
      { key: '/org/offices', label: 'nav.offices', permission: 'org.read', testId: 'nav-offices' },
      {
        key: '/org/departments',
        label: 'nav.departments',
        permission: 'org.read',
        testId: 'nav-departments',
      },
      {
        key: '/org/partner-units',
        label: 'nav.partnerUnits',
        permission: 'org.read',
        testId: 'nav-partner-units',
      },
      { key: '/org/users', label: 'nav.users', permission: 'users.read', testId: 'nav-users' },
    ],
  },
  {
    key: 'property',
    label: 'nav.property',
    icon: <HomeOutlined />,
    children: [
      {
        key: '/property/communities',
        label: 'nav.communities',
        permission: 'property.read',
        testId: 'nav-communities',
      },
      {
        key: '/property/residents',
        label: 'nav.residents',
        permission: 'property.read',
        testId: 'nav-residents',
      },
      {
        key: '/property/bindings',
        label: 'nav.bindings',
        permission: 'residents.bind',
        testId: 'nav-bindings',
      },
      { key: '/property/import', label: 'nav.import', permission: 'property.import', testId: 'nav-import' },
    ],
  },
  {
    key: 'settings',
    label: 'nav.settings',
    icon: <SettingOutlined />,
    children: [
      { key: '/settings/tokens', label: 'nav.tokens', permission: 'tokens.manage', testId: 'nav-tokens' },
      {
        key: '/settings/report-policy',
        label: 'nav.reportPolicy',
        permission: 'reports.read',
        testId: 'nav-report-policy',
      },
      {
        key: '/settings/fee-items',
        label: 'nav.feeItems',
        permission: 'settings.manage',
        testId: 'nav-fee-items',
      },
      {
        key: '/settings/clock-policy',
        label: 'nav.clockPolicy',
        permission: 'settings.manage',
        testId: 'nav-clock-policy',
      },
      {
        key: '/settings/calendar',
        label: 'nav.calendar',
        permission: 'settings.manage',
        testId: 'nav-calendar',
      },
      {
        key: '/settings/categories',
        label: 'nav.categories',
        permission: 'settings.manage',
        testId: 'nav-categories',
      },
      {
        key: '/settings/messages',
        label: 'nav.messages',
        permission: 'settings.manage',
        testId: 'nav-messages',
      },
      { key: '/settings/outbox', label: 'nav.outbox', permission: 'outbox.read', testId: 'nav-outbox' },
    ],
  },
];

const LEAF_KEYS = NAV.flatMap((n) => ('children' in n ? n.children.map((c) => c.key) : [n.key]));

function selectedKey(pathname: string): string {
  if (pathname.startsWith('/property/rooms')) return '/property/communities';
  // a case opened from any list
  if (/^\/cases\/[0-9a-f-]{36}/i.test(pathname)) return '/cases/all';
  let best = '/';
  for (const k of LEAF_KEYS) if (k !== '/' && pathname.startsWith(k) && k.length > best.length) best = k;
  return best;
}

function useMenuItems(me: Me | undefined): MenuProps['items'] {
  const { t } = useI18n();
  return useMemo(() => {
    const can = (p?: Permission, when?: (me: Me) => boolean) =>
      (!p || Boolean(me?.permissions.includes(p))) && (!when || (me !== undefined && when(me)));
    const leaf = (n: NavLeaf) => ({ key: n.key, label: <span data-testid={n.testId}>{t(n.label)}</span> });
    const out: NonNullable<MenuProps['items']> = [];
    for (const n of NAV) {
      if ('children' in n) {
        const children = n.children.filter((c) => can(c.permission, c.when)).map(leaf);
        if (children.length) out.push({ key: n.key, icon: n.icon, label: t(n.label), children });
      } else if (can(n.permission)) out.push({ ...leaf(n), icon: n.icon });
    }
    return out;
  }, [me, t]);
}

export function AppLayout() {
  const me = useMe();
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const desktop = screens.md ?? (typeof window !== 'undefined' && window.innerWidth >= 768);
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const items = useMenuItems(me.data);
  const { token } = theme.useToken();
  const current = selectedKey(location.pathname);
  const openGroup = NAV.find((n) => 'children' in n && n.children.some((c) => c.key === current))?.key;
  // one live stream per signed-in tab: the bell and every case view refresh from it
  useLiveEvents(Boolean(me.data?.permissions.includes('cases.read')));

  if (me.isLoading)
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" />
      </Flex>
    );
  if (!me.data) {
    if (isApiError(me.error) && me.error.status === 401) return null; // the client is on its way to /login
    return (
      <Result
        status="error"
        title={t('error.loadFailed')}
        subTitle={me.error?.message}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[current]}
      defaultOpenKeys={openMenuGroups(
        { roles: me.data.user.roles, permissions: me.data.permissions },
        openGroup,
      )}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 0 }}
      data-testid="side-menu"
    />
  );
  const brand = (
    <Flex align="center" gap={8} style={{ height: 56, padding: '0 20px', overflow: 'hidden' }}>
      <Typography.Text strong ellipsis style={{ fontSize: 16, color: token.colorPrimary }}>
        {collapsed && desktop ? t('app.brandShort') : t('app.brand')}
      </Typography.Text>
    </Flex>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {desktop && (
        <Layout.Sider
          theme="light"
          width={220}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          // the sider stays on screen and its menu scrolls inside it, above the collapse trigger (which is fixed
          // at the bottom and would otherwise cover the last items at 1440×900)
          style={{
            borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            height: '100vh',
          }}
          data-testid="side-sider"
        >
          <Flex vertical style={{ height: '100%' }}>
            {brand}
            <div style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} data-testid="side-menu-scroll">
              {menu}
            </div>
          </Flex>
        </Layout.Sider>
      )}
      {!desktop && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={256}
          closable={false}
          styles={{ body: { padding: 0 } }}
          data-testid="nav-drawer"
        >
          {brand}
          {menu}
        </Drawer>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            padding: desktop ? '0 24px' : '0 8px',
            height: 56,
            lineHeight: '56px',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          {!desktop && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.openMenu')}
              onClick={() => setDrawerOpen(true)}
              data-testid="nav-toggle"
            />
          )}
          <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }} data-testid="company-name">
            {me.data.user.companyShortName || me.data.user.companyName}
          </Typography.Text>
          {me.data.permissions.includes('cases.read') && (
            <Suspense fallback={null}>
              <NotificationBell />
            </Suspense>
          )}
          <LangSwitch compact={!desktop} />
          <UserMenu me={me.data} compact={!desktop} />
        </Layout.Header>
        <Layout.Content style={{ padding: desktop ? 24 : 12, minWidth: 0 }}>
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function PageSpinner() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }}>
      <Spin />
    </Flex>
  );
}

/** 中文 / English: the choice is remembered and sent as Accept-Language with every call. */
export function LangSwitch({ compact = false }: { compact?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      onClick={() => setLocale(next)}
      data-testid="lang-switch"
      aria-label={t('lang.switch')}
      title={t('lang.switch')}
    >
      {next === 'en-US' ? (compact ? 'EN' : 'English') : '中文'}
    </Button>
  );
}

function UserMenu({ me, compact }: { me: Me; compact: boolean }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const logout = async () => {
    try {
      await call(endpoints.auth.logout);
    } catch {
      // signed out locally either way
    }
    queryClient.clear();
    message.success(t('auth.loggedOut'));
    navigate('/login', { replace: true });
  };

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div style={{ lineHeight: 1.4 }}>
          <div>{me.user.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {me.user.roles.map((r) => label('role', r)).join(t('common.enumSep'))}
          </Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    {
      key: 'password',
      icon: <LockOutlined />,
      label: <span data-testid="menu-change-password">{t('nav.changePassword')}</span>,
      onClick: () => navigate('/account/password'),
    },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: <span data-testid="menu-logout">{t('nav.logout')}</span>,
      onClick: () => void logout(),
    },
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" style={{ paddingInline: 4 }}>
        <Avatar size="small" icon={<UserOutlined />} />
        {!compact && <span>{me.user.name}</span>}
      </Button>
    </Dropdown>
  );
}
