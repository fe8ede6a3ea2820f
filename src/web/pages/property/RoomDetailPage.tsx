import { useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
} from 'antd';
import { DeleteOutlined, EditOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useCaseList } from '../../api/cases';
import { call } from '../../api/client';
import { useCan } from '../../api/queries';
import { requiredSelect } from '../../api/rules';
import { RESIDENT_RELATIONS, type Resident, type ResidentRelation, type RoomResident } from '../../api/types';
import { FormDrawer } from '../../components/FormDrawer';
import { useInvalidate } from '../../components/crud';
import { PageHeader } from '../../components/PageHeader';
import { RemoteSelect } from '../../components/RemoteSelect';
import { useI18n } from '../../i18n/i18n';
import { CaseTable } from '../cases/CaseTable';
import { RoomFields, type RoomValues } from './RoomFields';
import {
  createResidentBody,
  ResidentFields,
  residentInitial,
  updateResidentBody,
  type ResidentValues,
} from './ResidentFields';

/**
 * The fields of the drawer's forms, one form open at a time: the room's, a resident's, or the link to a resident
 * (`residentId`, `relation`); each branch of `submit` reads those of its own form.
 */
type DialogValues = RoomValues & ResidentValues & { residentId: string; relation: ResidentRelation };

type Dialog =
  | { kind: 'room' }
  | { kind: 'newResident' }
  | { kind: 'linkResident' }
  | { kind: 'editResident'; resident: Resident }
  | null;

const residentOption = (r: Resident) => ({
  value: r.id,
  label: r.phones.length ? `${r.name}（${r.phones[0]}）` : r.name,
});

export default function RoomDetailPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const manage = can('property.manage');
  const pii = can('residents.pii');
  const [dialog, setDialog] = useState<Dialog>(null);
  const p = endpoints.property;
  const invalidate = useInvalidate(
    p.listRooms,
    p.listResidents,
    p.listCommunities,
    p.listBuildings,
    p.listUnits,
  );

  const room = useQuery({
    queryKey: [endpoints.property.listRooms.path, id],
    queryFn: ({ signal }) => call(endpoints.property.getRoom, { params: { id: id! }, signal }),
  });

  if (room.isLoading) return <Skeleton active />;
  if (!room.data) return <Alert type="error" showIcon title={room.error?.message} />;
  const r = room.data;
  const thisRoom = { value: r.id, label: r.label };

  const loadResident = (residentId: string) =>
    call(endpoints.property.getResident, { params: { id: residentId } });

  const editResident = async (rr: RoomResident) => {
    try {
      setDialog({ kind: 'editResident', resident: await loadResident(rr.id) });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  /** Unlinks the resident from this room only; the person and their other rooms stay. */
  const unlink = async (rr: RoomResident) => {
    try {
      const res = await loadResident(rr.id);
      await call(endpoints.property.updateResident, {
        params: { id: res.id },
        body: {
          version: res.version,
          rooms: res.rooms
            .filter((x) => x.roomId !== r.id)
            .map((x) => ({ roomId: x.roomId, relation: x.relation })),
        },
      });
      message.success(t('room.residentUnlinked'));
      await invalidate();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const deleteRoom = async () => {
    try {
      await call(endpoints.property.deleteRoom, { params: { id: r.id } });
      message.success(t('common.deleted'));
      await invalidate();
      navigate(`/property/communities/${r.communityId}`, { replace: true });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const columns: ColumnsType<RoomResident> = [
    { title: t('resident.name'), dataIndex: 'name' },
    {
      title: t('resident.phones'),
      dataIndex: 'phones',
      render: (phones: string[]) => (phones.length ? phones.join(t('common.enumSep')) : '—'),
    },
    {
      title: t('resident.relation'),
      dataIndex: 'relation',
      render: (v: ResidentRelation) => (
        <Tag color={v === 'owner' ? 'blue' : 'default'}>{label('residentRelation', v)}</Tag>
      ),
    },
  ];
  if (manage)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, rr) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => void editResident(rr)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('room.confirmUnlink', { name: rr.name })}
            okText={t('room.unlink')}
            cancelText={t('common.cancel')}
            onConfirm={() => unlink(rr)}
          >
            <Button type="link" size="small" danger>
              {t('room.unlink')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });

  const submit = async (v: DialogValues) => {
    if (!dialog) return;
    if (dialog.kind === 'room') {
      await call(endpoints.property.updateRoom, {
        params: { id: r.id },
        body: {
          version: r.version,
          unitId: v.unitId,
          number: v.number.trim(),
          area: v.area ?? null,
          status: v.status,
        },
      });
    } else if (dialog.kind === 'newResident') {
      await call(endpoints.property.createResident, {
        body: createResidentBody(v),
      });
    } else if (dialog.kind === 'editResident') {
      await call(endpoints.property.updateResident, {
        params: { id: dialog.resident.id },
        body: updateResidentBody(dialog.resident, v, pii),
      });
    } else {
      const res = await loadResident(v.residentId);
      const others = res.rooms
        .filter((x) => x.roomId !== r.id)
        .map((x) => ({ roomId: x.roomId, relation: x.relation }));
      await call(endpoints.property.updateResident, {
        params: { id: res.id },
        body: {
          version: res.version,
          rooms: [...others, { roomId: r.id, relation: v.relation }],
        },
      });
    }
    await invalidate();
  };

  const initial = (): Partial<DialogValues> => {
    switch (dialog?.kind) {
      case 'room':
        return {
          buildingId: r.buildingId,
          unitId: r.unitId,
          number: r.number,
          area: r.area,
          status: r.status,
        };
      case 'newResident':
        return { phones: [''], rooms: [{ roomId: r.id, relation: 'owner' }] };
      case 'editResident':
        return { ...residentInitial(dialog.resident) };
      case 'linkResident':
        return { relation: 'tenant' };
      default:
        return {};
    }
  };
  const titles = {
    room: t('room.edit'),
    newResident: t('resident.create'),
    linkResident: t('room.linkResident'),
    editResident: t('resident.edit'),
  };

  return (
    <>
      <PageHeader
        back={`/property/communities/${r.communityId}`}
        title={r.label}
        extra={
          manage && (
            <>
              <Button
                icon={<EditOutlined />}
                onClick={() => setDialog({ kind: 'room' })}
                data-testid="room-edit"
              >
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t('common.confirmDelete', { name: r.label })}
                okText={t('common.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={deleteRoom}
              >
                <Button danger icon={<DeleteOutlined />} data-testid="room-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          data-testid="room-detail"
          items={[
            { key: 'c', label: t('room.community'), children: r.communityName },
            { key: 'b', label: t('room.building'), children: r.buildingName },
            { key: 'u', label: t('room.unit'), children: r.unitName },
            { key: 'n', label: t('room.number'), children: r.number },
            { key: 'a', label: t('room.area'), children: r.area === null ? '—' : r.area.toFixed(2) },
            {
              key: 's',
              label: t('room.status'),
              children: (
                <Tag color={r.status === 'occupied' ? 'green' : 'default'}>
                  {label('roomStatus', r.status)}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('room.residents')}
        extra={
          manage && (
            <Space wrap size={4}>
              <Button
                size="small"
                icon={<LinkOutlined />}
                onClick={() => setDialog({ kind: 'linkResident' })}
              >
                {t('room.linkResident')}
              </Button>
              {pii && (
                <Button
                  size="small"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setDialog({ kind: 'newResident' })}
                  data-testid="room-add-resident"
                >
                  {t('resident.create')}
                </Button>
              )}
            </Space>
          )
        }
      >
        <Table<RoomResident>
          rowKey="id"
          size="middle"
          scroll={{ x: 'max-content' }}
          columns={columns}
          dataSource={r.residents}
          pagination={false}
          locale={{ emptyText: t('room.noResidents') }}
          data-testid="room-residents"
        />
      </Card>
      {can('cases.read') && <RoomCases roomId={r.id} />}

      <FormDrawer<DialogValues>
        open={dialog !== null}
        title={dialog ? titles[dialog.kind] : ''}
        onClose={() => setDialog(null)}
        initialValues={initial()}
        onSubmit={submit}
        testId={dialog ? `${dialog.kind}-form` : undefined}
      >
        {dialog?.kind === 'room' && <RoomFields communityId={r.communityId} />}
        {dialog?.kind === 'newResident' && <ResidentFields pii knownRooms={[thisRoom]} />}
        {dialog?.kind === 'editResident' && (
          <ResidentFields
            pii={pii}
            knownRooms={dialog.resident.rooms.map((x) => ({ value: x.roomId, label: x.label }))}
          />
        )}
        {dialog?.kind === 'linkResident' && (
          <>
            <Form.Item name="residentId" label={t('room.chooseResident')} rules={[requiredSelect(t)]}>
              <RemoteSelect endpoint={endpoints.property.listResidents} toOption={residentOption} />
            </Form.Item>
            <Form.Item name="relation" label={t('resident.relation')} rules={[requiredSelect(t)]}>
              <Select
                options={RESIDENT_RELATIONS.map((x) => ({ value: x, label: label('residentRelation', x) }))}
              />
            </Form.Item>
          </>
        )}
      </FormDrawer>
    </>
  );
}

/**
 * The room's history (SEARCH-2): its cases newest first, ten a page, from the case list filtered by the room; the
 * server leaves out the cases the viewer may not see. A table on a wide screen, cards on a phone.
 */
function RoomCases({ roomId }: { roomId: string }) {
  const { t } = useI18n();
  const list = useCaseList({ roomId, sort: 'received' }, { pageSize: 10 });
  return (
    <Card size="small" title={t('room.cases')} style={{ marginTop: 16 }}>
      <CaseTable
        list={list}
        testId="room-cases"
        columns={['number', 'kind', 'state', 'receivedAt']}
        emptyText={t('room.noCases')}
      />
    </Card>
  );
}
