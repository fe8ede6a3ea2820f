import { endpoints } from '../../api/endpoints';
import { useState } from 'react';
import { Button, Form, Input, Space } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { call } from '../../api/client';
import { useCan, useCursorList } from '../../api/queries';
import { maxLen, phoneRule, required } from '../../api/rules';
import type { Office } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { FormDrawer } from '../../components/FormDrawer';
import { blankToNull, dropBlank } from '../../components/form-errors';
import { DeleteButton, useInvalidate } from '../../components/crud';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { UserSelect } from '../../components/RemoteSelect';
import { useI18n } from '../../i18n/i18n';

interface Values {
  name: string;
  address?: string;
  phone?: string;
  directorId?: string | null;
}

export default function OfficesPage() {
  const { t } = useI18n();
  const can = useCan();
  const manage = can('org.manage');
  const [q, setQ] = useState('');
  const list = useCursorList(endpoints.org.listOffices, { q });
  const [editing, setEditing] = useState<Office | 'new' | null>(null);
  const invalidate = useInvalidate(endpoints.org.listOffices);

  const columns: ColumnsType<Office> = [
    { title: t('office.name'), dataIndex: 'name' },
    { title: t('office.address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
    { title: t('office.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    { title: t('office.director'), key: 'director', render: (_, o) => o.director?.name ?? '—' },
    { title: t('office.communities'), key: 'communities', render: (_, o) => o.counts.communities },
    { title: t('office.users'), key: 'users', render: (_, o) => o.counts.users },
  ];
  if (manage)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, o) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(o)}>
            {t('common.edit')}
          </Button>
          <DeleteButton
            endpoint={endpoints.org.deleteOffice}
            id={o.id}
            name={o.name}
            onDeleted={invalidate}
          />
        </Space>
      ),
    });

  const current = editing === 'new' ? null : editing;
  const submit = async (v: Values) => {
    if (current)
      await call(endpoints.org.updateOffice, {
        params: { id: current.id },
        body: { ...blankToNull(v), version: current.version },
      });
    else await call(endpoints.org.createOffice, { body: dropBlank(v) });
    await invalidate();
  };

  return (
    <>
      <PageHeader
        title={t('nav.offices')}
        extra={
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="office-create"
            >
              {t('office.create')}
            </Button>
          )
        }
      />
      <Toolbar>
        <Input.Search
          allowClear
          placeholder={t('common.searchName')}
          onSearch={setQ}
          style={{ maxWidth: 280 }}
        />
      </Toolbar>
      <DataTable<Office> list={list} columns={columns} testId="offices-table" />
      <FormDrawer<Values>
        open={editing !== null}
        title={current ? t('office.edit') : t('office.create')}
        onClose={() => setEditing(null)}
        initialValues={
          current
            ? {
                name: current.name,
                address: current.address ?? '',
                phone: current.phone ?? '',
                directorId: current.director?.id ?? null,
              }
            : {}
        }
        onSubmit={submit}
        testId="office-form"
      >
        <Form.Item name="name" label={t('office.name')} rules={[required(t), maxLen(t, 100)]}>
          <Input placeholder={t('office.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="address" label={t('office.address')} rules={[maxLen(t, 200)]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('office.phone')} rules={[maxLen(t, 40), phoneRule(t)]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="directorId" label={t('office.director')}>
          <UserSelect
            allowClear
            known={current?.director ? [{ value: current.director.id, label: current.director.name }] : []}
          />
        </Form.Item>
      </FormDrawer>
    </>
  );
}
