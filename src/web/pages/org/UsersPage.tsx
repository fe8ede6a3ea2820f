import { endpoints } from '../../api/endpoints';
import { useState } from 'react';
import { App, Button, Dropdown, Form, Input, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { call } from '../../api/client';
import { useCan, useCursorList, useDepartments, useMe, useOffices } from '../../api/queries';
import {
  maxLen,
  minLen,
  PASSWORD_MIN,
  phoneRule,
  required,
  requiredSelect,
  USERNAME_PATTERN,
} from '../../api/rules';
import { ROLE_VALUES, type CreateUserBody, type Role, type UpdateUserBody, type User } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { FormDrawer } from '../../components/FormDrawer';
import { useInvalidate } from '../../components/crud';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';

interface Values {
  username: string;
  name: string;
  jobNumber?: string;
  phone?: string;
  departmentId?: string | null;
  roles: Role[];
  officeIds: string[];
  password: string;
  isService: boolean;
}

const trimOrNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

export default function UsersPage() {
  const { t, label, dateTime } = useI18n();
  const can = useCan();
  const { data: me } = useMe();
  const { message, modal } = App.useApp();
  const manage = can('users.manage');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [officeId, setOfficeId] = useState<string | undefined>();
  const list = useCursorList(endpoints.users.list, { q, role, officeId });
  const offices = useOffices();
  const departments = useDepartments();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const invalidate = useInvalidate(endpoints.users.list);

  const officeOptions = (offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  const officeName = new Map(officeOptions.map((o) => [o.value, o.label]));
  const departmentOptions = (departments.data?.items ?? []).map((d) => ({
    value: d.id,
    label: d.office ? `${d.office.name} · ${d.name}` : d.name,
  }));
  const roleOptions = ROLE_VALUES.map((r) => ({ value: r, label: label('role', r) }));

  const setActive = (u: User, active: boolean) =>
    modal.confirm({
      title: active
        ? t('user.confirmActivate', { name: u.name })
        : t('user.confirmDeactivate', { name: u.name }),
      okText: active ? t('user.activate') : t('user.deactivate'),
      okButtonProps: { danger: !active },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await call(endpoints.users.update, {
            params: { id: u.id },
            body: { version: u.version, active } satisfies UpdateUserBody,
          });
          message.success(active ? t('user.activated') : t('user.deactivated'));
          await invalidate();
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        }
      },
    });

  // Lifts a login lock-out before it ends by itself (login lock-out counted before the password check); the server records who did it.
  const unlock = (u: User) =>
    modal.confirm({
      title: t('user.confirmUnlock', { name: u.name }),
      okText: t('user.unlock'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await call(endpoints.users.unlock, { params: { id: u.id } });
          message.success(t('user.unlocked'));
          await invalidate();
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        }
      },
    });

  const columns: ColumnsType<User> = [
    {
      title: t('user.name'),
      dataIndex: 'name',
      render: (v: string, u) => (
        <Space size={4} wrap>
          <span>{v}</span>
          {u.isService && <Tag>{t('user.serviceTag')}</Tag>}
          {u.demo && (
            <Tooltip title={t('user.demoHelp')}>
              <Tag color="orange">{t('user.demoTag')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: t('user.username'), dataIndex: 'username' },
    { title: t('user.jobNumber'), dataIndex: 'jobNumber', render: (v: string | null) => v ?? '—' },
    { title: t('user.department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
    {
      title: t('user.roles'),
      dataIndex: 'roles',
      render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{label('role', r)}</Tag>),
    },
    {
      title: t('user.offices'),
      dataIndex: 'officeIds',
      render: (ids: string[]) =>
        ids.length ? ids.map((id) => officeName.get(id) ?? '…').join(t('common.enumSep')) : '—',
    },
    {
      title: t('user.status'),
      dataIndex: 'active',
      render: (active: boolean, u) => (
        <Space size={4} wrap>
          {active ? (
            <Tag color="green">{t('user.active')}</Tag>
          ) : (
            <Tag color="default">{t('user.inactive')}</Tag>
          )}
          {u.lockedUntil && (
            <Tooltip title={t('user.lockedHelp')}>
              <Tag color="red" data-testid="user-locked">
                {t('user.locked', { until: dateTime(u.lockedUntil) })}
              </Tag>
            </Tooltip>
          )}
          {u.lockedUntil && manage && (
            <Button type="link" size="small" onClick={() => unlock(u)} data-testid="user-unlock">
              {t('user.unlock')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  if (manage)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
            {t('common.edit')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'password', label: t('user.resetPassword'), onClick: () => setResetting(u) },
                u.active
                  ? {
                      key: 'deactivate',
                      danger: true,
                      disabled: u.id === me?.user.id,
                      label: t('user.deactivate'),
                      onClick: () => setActive(u, false),
                    }
                  : { key: 'activate', label: t('user.activate'), onClick: () => setActive(u, true) },
              ],
            }}
          >
            <Button type="link" size="small" icon={<MoreOutlined />} aria-label={t('common.more')} />
          </Dropdown>
        </Space>
      ),
    });

  const current = editing === 'new' ? null : editing;
  const submit = async (v: Values) => {
    if (current) {
      const body: UpdateUserBody = {
        version: current.version,
        name: v.name.trim(),
        jobNumber: trimOrNull(v.jobNumber),
        phone: trimOrNull(v.phone),
        departmentId: v.departmentId ?? null,
        roles: v.roles,
        officeIds: v.officeIds ?? [],
      };
      await call(endpoints.users.update, { params: { id: current.id }, body });
    } else {
      const body: CreateUserBody = {
        username: v.username.trim(),
        name: v.name.trim(),
        jobNumber: trimOrNull(v.jobNumber) ?? undefined,
        phone: trimOrNull(v.phone) ?? undefined,
        departmentId: v.departmentId ?? undefined,
        roles: v.roles,
        officeIds: v.officeIds ?? [],
        password: v.password,
        isService: v.isService ?? false,
      };
      await call(endpoints.users.create, { body });
    }
    await invalidate();
  };

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        extra={
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="user-create"
            >
              {t('user.create')}
            </Button>
          )
        }
      />
      <Toolbar>
        <Select
          allowClear
          placeholder={t('user.allRoles')}
          value={role}
          onChange={setRole}
          options={roleOptions}
          style={{ minWidth: 140 }}
        />
        <Select
          allowClear
          placeholder={t('user.allOffices')}
          value={officeId}
          onChange={setOfficeId}
          options={officeOptions}
          style={{ minWidth: 140 }}
        />
        <Input.Search
          allowClear
          placeholder={t('user.searchPlaceholder')}
          onSearch={setQ}
          style={{ maxWidth: 280 }}
          data-testid="users-search"
        />
      </Toolbar>
      <DataTable<User> list={list} columns={columns} testId="users-table" />

      <FormDrawer<Values>
        open={editing !== null}
        title={current ? t('user.edit') : t('user.create')}
        onClose={() => setEditing(null)}
        initialValues={
          current
            ? {
                username: current.username,
                name: current.name,
                jobNumber: current.jobNumber ?? '',
                phone: current.phone ?? '',
                departmentId: current.departmentId,
                roles: current.roles,
                officeIds: current.officeIds,
              }
            : { roles: ['agent'], officeIds: officeId ? [officeId] : [], isService: false }
        }
        onSubmit={submit}
        testId="user-form"
      >
        <Form.Item
          name="username"
          label={t('user.username')}
          extra={current ? undefined : t('user.usernameHelp')}
          rules={
            current
              ? []
              : [
                  required(t),
                  minLen(t, 2),
                  maxLen(t, 64),
                  { pattern: USERNAME_PATTERN, message: t('user.usernameFormat') },
                ]
          }
        >
          <Input disabled={Boolean(current)} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="name" label={t('user.name')} rules={[required(t), maxLen(t, 50)]}>
          <Input data-testid="user-name" />
        </Form.Item>
        <Form.Item name="jobNumber" label={t('user.jobNumber')} rules={[maxLen(t, 30)]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('user.phone')} rules={[maxLen(t, 40), phoneRule(t)]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('user.department')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={departmentOptions} />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('user.roles')}
          rules={[requiredSelect(t)]}
          extra={t('user.rolesHelp')}
        >
          <Select mode="multiple" options={roleOptions} data-testid="user-roles" />
        </Form.Item>
        <Form.Item name="officeIds" label={t('user.offices')} extra={t('user.officesHelp')}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={officeOptions} />
        </Form.Item>
        {!current && (
          <>
            <Form.Item
              name="password"
              label={t('user.initialPassword')}
              extra={t('password.rule', { min: PASSWORD_MIN })}
              rules={[required(t), minLen(t, PASSWORD_MIN), maxLen(t, 200)]}
            >
              <Input.Password autoComplete="new-password" data-testid="user-password" />
            </Form.Item>
            <Form.Item
              name="isService"
              label={t('user.isService')}
              valuePropName="checked"
              extra={t('user.isServiceHelp')}
            >
              <Switch />
            </Form.Item>
          </>
        )}
      </FormDrawer>

      <FormDrawer<{ password: string }>
        open={resetting !== null}
        title={resetting ? t('user.resetPasswordOf', { name: resetting.name }) : ''}
        onClose={() => setResetting(null)}
        successText={t('user.passwordReset')}
        onSubmit={async (v) => {
          if (!resetting) return;
          await call(endpoints.users.update, {
            params: { id: resetting.id },
            body: { version: resetting.version, password: v.password },
          });
          await invalidate();
        }}
        testId="user-reset-password-form"
      >
        <Typography.Paragraph type="secondary">{t('user.resetPasswordHelp')}</Typography.Paragraph>
        <Form.Item
          name="password"
          label={t('password.new')}
          extra={t('password.rule', { min: PASSWORD_MIN })}
          rules={[required(t), minLen(t, PASSWORD_MIN), maxLen(t, 200)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </FormDrawer>
    </>
  );
}
