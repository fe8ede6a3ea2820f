import { endpoints } from '../../api/endpoints';
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Form, Input, Select, Space } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { call } from '../../api/client';
import { useCan, useCursorList, useOffices } from '../../api/queries';
import { maxLen, required, requiredSelect } from '../../api/rules';
import type { Community } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { FormDrawer } from '../../components/FormDrawer';
import { DeleteButton, useInvalidate } from '../../components/crud';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import { exportProperty } from './export';

export interface CommunityValues {
  officeId: string;
  name: string;
  address?: string;
}

export function CommunityFields() {
  const { t } = useI18n();
  const offices = useOffices();
  return (
    <>
      <Form.Item name="name" label={t('community.name')} rules={[required(t), maxLen(t, 100)]}>
        <Input data-testid="community-name" />
      </Form.Item>
      <Form.Item name="officeId" label={t('community.office')} rules={[requiredSelect(t)]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={offices.isLoading}
          options={(offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          data-testid="community-office"
        />
      </Form.Item>
      <Form.Item name="address" label={t('community.address')} rules={[maxLen(t, 200)]}>
        <Input />
      </Form.Item>
    </>
  );
}

export default function CommunitiesPage() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const manage = can('property.manage');
  const [q, setQ] = useState('');
  const [officeId, setOfficeId] = useState<string | undefined>();
  const list = useCursorList(endpoints.property.listCommunities, { q, officeId });
  const offices = useOffices();
  const [editing, setEditing] = useState<Community | 'new' | null>(null);
  const [exporting, setExporting] = useState(false);
  const invalidate = useInvalidate(endpoints.property.listCommunities);

  const columns: ColumnsType<Community> = [
    {
      title: t('community.name'),
      dataIndex: 'name',
      render: (v: string, c) => <Link to={`/property/communities/${c.id}`}>{v}</Link>,
    },
    { title: t('community.office'), key: 'office', render: (_, c) => c.office.name },
    { title: t('community.address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
    { title: t('community.buildings'), dataIndex: 'buildingCount', align: 'right' },
    { title: t('community.rooms'), dataIndex: 'roomCount', align: 'right' },
    { title: t('community.occupied'), dataIndex: 'occupiedCount', align: 'right' },
  ];
  if (manage)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(c)}>
            {t('common.edit')}
          </Button>
          <DeleteButton
            endpoint={endpoints.property.deleteCommunity}
            id={c.id}
            name={c.name}
            onDeleted={invalidate}
          />
        </Space>
      ),
    });

  const current = editing === 'new' ? null : editing;
  const submit = async (v: CommunityValues) => {
    const address = v.address?.trim() ?? '';
    if (current)
      await call(endpoints.property.updateCommunity, {
        params: { id: current.id },
        body: {
          version: current.version,
          officeId: v.officeId,
          name: v.name.trim(),
          address: address || null,
        },
      });
    else
      await call(endpoints.property.createCommunity, {
        body: {
          officeId: v.officeId,
          name: v.name.trim(),
          ...(address ? { address } : {}),
        },
      });
    await invalidate();
  };

  const doExport = async () => {
    setExporting(true);
    try {
      await exportProperty(undefined, t('export.fileAll'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.communities')}
        extra={
          <>
            {can('property.export') && (
              <Button
                icon={<DownloadOutlined />}
                loading={exporting}
                onClick={doExport}
                data-testid="export-all"
              >
                {t('export.all')}
              </Button>
            )}
            {manage && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="community-create"
              >
                {t('community.create')}
              </Button>
            )}
          </>
        }
      />
      <Toolbar>
        <Select
          allowClear
          placeholder={t('community.allOffices')}
          value={officeId}
          onChange={setOfficeId}
          options={(offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          style={{ minWidth: 160 }}
        />
        <Input.Search
          allowClear
          placeholder={t('community.searchPlaceholder')}
          onSearch={setQ}
          style={{ maxWidth: 280 }}
          data-testid="communities-search"
        />
      </Toolbar>
      <DataTable<Community> list={list} columns={columns} testId="communities-table" />
      <FormDrawer<CommunityValues>
        open={editing !== null}
        title={current ? t('community.edit') : t('community.create')}
        onClose={() => setEditing(null)}
        initialValues={
          current
            ? { officeId: current.office.id, name: current.name, address: current.address ?? '' }
            : {
                officeId:
                  officeId ?? (offices.data?.items.length === 1 ? offices.data.items[0].id : undefined),
              }
        }
        onSubmit={submit}
        testId="community-form"
      >
        <CommunityFields />
      </FormDrawer>
    </>
  );
}
