import { endpoints } from '../../api/endpoints';
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Select, Space, Tag, Input } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { call } from '../../api/client';
import { useAll, useCan, useCursorList } from '../../api/queries';
import type { Resident } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { FormDrawer } from '../../components/FormDrawer';
import { DeleteButton, useInvalidate } from '../../components/crud';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import {
  createResidentBody,
  ResidentFields,
  residentInitial,
  updateResidentBody,
  type ResidentValues,
} from './ResidentFields';

export default function ResidentsPage() {
  const { t, label } = useI18n();
  const can = useCan();
  const manage = can('property.manage');
  const pii = can('residents.pii');
  const [q, setQ] = useState('');
  const [communityId, setCommunityId] = useState<string | undefined>();
  const list = useCursorList(endpoints.property.listResidents, { q, communityId });
  const communities = useAll(endpoints.property.listCommunities);
  const [editing, setEditing] = useState<Resident | 'new' | null>(null);
  const invalidate = useInvalidate(
    endpoints.property.listResidents,
    endpoints.property.listRooms,
    endpoints.property.listCommunities,
  );

  const columns: ColumnsType<Resident> = [
    { title: t('resident.name'), dataIndex: 'name' },
    {
      title: t('resident.phones'),
      dataIndex: 'phones',
      render: (phones: string[]) => (phones.length ? phones.join(t('common.enumSep')) : '—'),
    },
    {
      title: t('resident.rooms'),
      dataIndex: 'rooms',
      render: (_, r) =>
        r.rooms.length ? (
          <Space size={[4, 4]} wrap>
            {r.rooms.map((room) => (
              <Link key={room.roomId} to={`/property/rooms/${room.roomId}`}>
                <Tag>
                  {room.label}（{label('residentRelation', room.relation)}）
                </Tag>
              </Link>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
  ];
  if (manage)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
            {t('common.edit')}
          </Button>
          <DeleteButton
            endpoint={endpoints.property.deleteResident}
            id={r.id}
            name={r.name}
            onDeleted={invalidate}
          />
        </Space>
      ),
    });

  const current = editing === 'new' ? null : editing;
  const submit = async (v: ResidentValues) => {
    if (current)
      await call(endpoints.property.updateResident, {
        params: { id: current.id },
        body: updateResidentBody(current, v, pii),
      });
    else await call(endpoints.property.createResident, { body: createResidentBody(v) });
    await invalidate();
  };

  return (
    <>
      <PageHeader
        title={t('nav.residents')}
        extra={
          manage &&
          pii && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="resident-create"
            >
              {t('resident.create')}
            </Button>
          )
        }
      />
      <Toolbar>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('resident.allCommunities')}
          value={communityId}
          onChange={setCommunityId}
          options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          style={{ minWidth: 160 }}
        />
        <Input.Search
          allowClear
          placeholder={t('resident.searchPlaceholder')}
          onSearch={setQ}
          style={{ maxWidth: 280 }}
          data-testid="residents-search"
        />
      </Toolbar>
      <DataTable<Resident> list={list} columns={columns} testId="residents-table" />
      <FormDrawer<ResidentValues>
        open={editing !== null}
        title={current ? t('resident.edit') : t('resident.create')}
        onClose={() => setEditing(null)}
        initialValues={current ? residentInitial(current) : { phones: [''], rooms: [] }}
        onSubmit={submit}
        testId="resident-form"
      >
        <ResidentFields
          pii={pii}
          knownRooms={current?.rooms.map((r) => ({ value: r.roomId, label: r.label })) ?? []}
        />
      </FormDrawer>
    </>
  );
}
