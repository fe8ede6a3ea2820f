import { endpoints } from '../../api/endpoints';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueries, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Skeleton,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import type { DataNode } from 'antd/es/tree';
import { call } from '../../api/client';
import { useAll, useCan, useCursorList } from '../../api/queries';
import { maxLen, required, requiredSelect } from '../../api/rules';
import { ROOM_STATUSES, type Building, type BuildingUnit, type Room, type RoomStatus } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { FormDrawer } from '../../components/FormDrawer';
import { DeleteButton, useInvalidate } from '../../components/crud';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import { CommunityFields, type CommunityValues } from './CommunitiesPage';
import { exportProperty } from './export';
import { RoomFields, type RoomValues } from './RoomFields';

/**
 * The fields of the drawer's forms, one form open at a time: the community's, a building's (`name`), a unit's
 * (`buildingId` when created, `name`) or a new room's; each branch of `submit` reads those of its own form.
 */
type DialogValues = CommunityValues & RoomValues & { buildingId: string };

type Dialog =
  | { kind: 'community' }
  | { kind: 'building'; building?: Building }
  | { kind: 'unit'; unit?: BuildingUnit; buildingId?: string }
  | { kind: 'room' }
  | null;

export default function CommunityDetailPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const manage = can('property.manage');

  const community = useQuery({
    queryKey: [endpoints.property.listCommunities.path, id],
    queryFn: ({ signal }) => call(endpoints.property.getCommunity, { params: { id }, signal }),
  });
  const buildings = useAll(endpoints.property.listBuildings, { communityId: id });
  const [buildingId, setBuildingId] = useState<string | undefined>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [status, setStatus] = useState<RoomStatus | undefined>();
  const [q, setQ] = useState('');
  const [expanded, setExpanded] = useState<string[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [exporting, setExporting] = useState(false);

  const rooms = useCursorList(endpoints.property.listRooms, {
    communityId: id,
    buildingId,
    unitId,
    status,
    q,
  });
  const units = useAll(endpoints.property.listUnits, { buildingId }, Boolean(buildingId));
  const invalidate = useInvalidate(
    endpoints.property.listCommunities,
    endpoints.property.listBuildings,
    endpoints.property.listUnits,
    endpoints.property.listRooms,
  );

  // units of every expanded building, for the tree
  const expandedBuildings = expanded.filter((k) => k.startsWith('b:')).map((k) => k.slice(2));
  const unitQueries = useQueries({
    queries: expandedBuildings.map((b) => ({
      queryKey: [endpoints.property.listUnits.path, 'all', { buildingId: b }],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        call(endpoints.property.listUnits, { query: { buildingId: b, limit: 200 }, signal }),
      staleTime: 30_000,
    })),
  });
  const unitsByBuilding = new Map<string, BuildingUnit[]>();
  expandedBuildings.forEach((b, i) => {
    const items = unitQueries[i]?.data?.items;
    if (items) unitsByBuilding.set(b, items);
  });

  const treeData: DataNode[] = (buildings.data?.items ?? []).map((b) => ({
    key: `b:${b.id}`,
    title: (
      <span>
        {b.name}{' '}
        <Typography.Text type="secondary">{t('tree.roomCount', { count: b.roomCount })}</Typography.Text>
      </span>
    ),
    isLeaf: b.unitCount === 0,
    children: unitsByBuilding.get(b.id)?.map((u) => ({
      key: `u:${u.id}`,
      isLeaf: true,
      title: (
        <span>
          {u.name}{' '}
          <Typography.Text type="secondary">{t('tree.roomCount', { count: u.roomCount })}</Typography.Text>
        </span>
      ),
    })),
  }));

  const selectedBuilding = buildings.data?.items.find((b) => b.id === buildingId);
  const selectedUnit = units.data?.items.find((u) => u.id === unitId);
  const buildingOfUnit = new Map<string, string>();
  for (const [b, us] of unitsByBuilding) for (const u of us) buildingOfUnit.set(u.id, b);

  if (community.isLoading) return <Skeleton active />;
  if (!community.data) return <Alert type="error" showIcon title={community.error?.message} />;
  const c = community.data;

  const selectBuilding = (b: string | undefined) => {
    setBuildingId(b);
    setUnitId(undefined);
  };

  const doExport = async () => {
    setExporting(true);
    try {
      await exportProperty(c.id, `${c.name}.xlsx`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };

  const roomColumns: ColumnsType<Room> = [
    {
      title: t('room.room'),
      key: 'room',
      render: (_, r) => (
        <Link to={`/property/rooms/${r.id}`} data-testid="room-link">
          {r.buildingName} {r.unitName} {r.number}
        </Link>
      ),
    },
    {
      title: t('room.area'),
      dataIndex: 'area',
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
    },
    {
      title: t('room.status'),
      dataIndex: 'status',
      render: (v: RoomStatus) => (
        <Tag color={v === 'occupied' ? 'green' : 'default'}>{label('roomStatus', v)}</Tag>
      ),
    },
    { title: t('room.residentCount'), dataIndex: 'residentCount', align: 'right' },
  ];

  const dialogTitle =
    dialog?.kind === 'community'
      ? t('community.edit')
      : dialog?.kind === 'building'
        ? dialog.building
          ? t('building.rename')
          : t('building.create')
        : dialog?.kind === 'unit'
          ? dialog.unit
            ? t('unit.rename')
            : t('unit.create')
          : t('room.create');

  const submit = async (v: DialogValues) => {
    if (!dialog) return;
    if (dialog.kind === 'community') {
      const address = v.address?.trim() ?? '';
      await call(endpoints.property.updateCommunity, {
        params: { id: c.id },
        body: {
          version: c.version,
          officeId: v.officeId,
          name: v.name.trim(),
          address: address || null,
        },
      });
    } else if (dialog.kind === 'building') {
      const name = v.name.trim();
      if (dialog.building)
        await call(endpoints.property.updateBuilding, {
          params: { id: dialog.building.id },
          body: { version: dialog.building.version, name },
        });
      else await call(endpoints.property.createBuilding, { body: { communityId: c.id, name } });
    } else if (dialog.kind === 'unit') {
      const name = v.name.trim();
      if (dialog.unit)
        await call(endpoints.property.updateUnit, {
          params: { id: dialog.unit.id },
          body: { version: dialog.unit.version, name },
        });
      else await call(endpoints.property.createUnit, { body: { buildingId: v.buildingId, name } });
    } else {
      await call(endpoints.property.createRoom, {
        body: {
          unitId: v.unitId,
          number: v.number.trim(),
          area: v.area ?? null,
          status: v.status,
        },
      });
    }
    await invalidate();
  };

  const dialogInitial = (): Partial<DialogValues> => {
    switch (dialog?.kind) {
      case 'community':
        return { officeId: c.office.id, name: c.name, address: c.address ?? '' };
      case 'building':
        return { name: dialog.building?.name ?? '' };
      case 'unit':
        return { name: dialog.unit?.name ?? '', buildingId: dialog.buildingId ?? buildingId };
      case 'room':
        return { buildingId, unitId, status: 'occupied' };
      default:
        return {};
    }
  };

  return (
    <>
      <PageHeader
        back="/property/communities"
        title={c.name}
        subTitle={[c.office.name, c.address].filter(Boolean).join(' · ')}
        extra={
          <>
            {can('property.export') && (
              <Button
                icon={<DownloadOutlined />}
                loading={exporting}
                onClick={doExport}
                data-testid="export-button"
              >
                {t('export.community')}
              </Button>
            )}
            {manage && (
              <Button
                icon={<EditOutlined />}
                onClick={() => setDialog({ kind: 'community' })}
                data-testid="community-edit"
              >
                {t('common.edit')}
              </Button>
            )}
          </>
        }
      />
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'b', label: t('community.buildings'), children: c.buildingCount },
          { key: 'r', label: t('community.rooms'), children: c.roomCount },
          { key: 'o', label: t('community.occupied'), children: c.occupiedCount },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 7, order: 1 }}>
          <Card
            size="small"
            title={t('tree.title')}
            extra={
              manage && (
                <Button
                  size="small"
                  type="link"
                  icon={<PlusOutlined />}
                  onClick={() => setDialog({ kind: 'building' })}
                  data-testid="building-create"
                >
                  {t('building.create')}
                </Button>
              )
            }
          >
            {buildings.isLoading ? (
              <Skeleton active />
            ) : treeData.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tree.empty')} />
            ) : (
              <Tree
                blockNode
                treeData={treeData}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={unitId ? [`u:${unitId}`] : buildingId ? [`b:${buildingId}`] : []}
                onSelect={(keys) => {
                  const k = keys[0] ? String(keys[0]) : '';
                  if (!k) return selectBuilding(undefined);
                  if (k.startsWith('b:')) return selectBuilding(k.slice(2));
                  const u = k.slice(2);
                  setBuildingId(buildingOfUnit.get(u));
                  setUnitId(u);
                }}
                data-testid="building-tree"
              />
            )}
            {manage && selectedBuilding && (
              <Flex
                gap={4}
                wrap
                style={{ marginTop: 12, borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 8 }}
              >
                <Typography.Text type="secondary" style={{ width: '100%' }}>
                  {selectedUnit ? `${selectedBuilding.name} ${selectedUnit.name}` : selectedBuilding.name}
                </Typography.Text>
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setDialog({ kind: 'unit', buildingId: selectedBuilding.id })}
                  data-testid="unit-create"
                >
                  {t('unit.create')}
                </Button>
                {selectedUnit ? (
                  <>
                    <Button size="small" onClick={() => setDialog({ kind: 'unit', unit: selectedUnit })}>
                      {t('common.rename')}
                    </Button>
                    <DeleteButton
                      endpoint={endpoints.property.deleteUnit}
                      id={selectedUnit.id}
                      name={selectedUnit.name}
                      onDeleted={async () => {
                        setUnitId(undefined);
                        await invalidate();
                      }}
                    />
                  </>
                ) : (
                  <>
                    <Button
                      size="small"
                      onClick={() => setDialog({ kind: 'building', building: selectedBuilding })}
                    >
                      {t('common.rename')}
                    </Button>
                    <DeleteButton
                      endpoint={endpoints.property.deleteBuilding}
                      id={selectedBuilding.id}
                      name={selectedBuilding.name}
                      onDeleted={async () => {
                        selectBuilding(undefined);
                        await invalidate();
                      }}
                    />
                  </>
                )}
              </Flex>
            )}
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 17, order: 2 }} style={{ minWidth: 0 }}>
          <Card
            size="small"
            title={t('community.rooms')}
            extra={
              manage && (
                <Button
                  size="small"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setDialog({ kind: 'room' })}
                  data-testid="room-create"
                >
                  {t('room.create')}
                </Button>
              )
            }
          >
            <Toolbar>
              <Select
                allowClear
                placeholder={t('room.allBuildings')}
                value={buildingId}
                onChange={selectBuilding}
                options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
                style={{ minWidth: 120 }}
                data-testid="rooms-filter-building"
              />
              <Select
                allowClear
                placeholder={t('room.allUnits')}
                value={unitId}
                onChange={setUnitId}
                disabled={!buildingId}
                options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                style={{ minWidth: 110 }}
                data-testid="rooms-filter-unit"
              />
              <Select
                allowClear
                placeholder={t('room.allStatuses')}
                value={status}
                onChange={setStatus}
                options={ROOM_STATUSES.map((s) => ({ value: s, label: label('roomStatus', s) }))}
                style={{ minWidth: 110 }}
                data-testid="rooms-filter-status"
              />
              <Input.Search
                allowClear
                placeholder={t('room.searchPlaceholder')}
                onSearch={setQ}
                style={{ maxWidth: 240 }}
                data-testid="rooms-search"
              />
            </Toolbar>
            <DataTable<Room>
              list={rooms}
              columns={roomColumns}
              testId="rooms-table"
              onRow={(r) => ({ onDoubleClick: () => navigate(`/property/rooms/${r.id}`) })}
            />
          </Card>
        </Col>
      </Row>

      <FormDrawer<DialogValues>
        open={dialog !== null}
        title={dialogTitle}
        onClose={() => setDialog(null)}
        initialValues={dialogInitial()}
        onSubmit={submit}
        testId={dialog ? `${dialog.kind}-form` : undefined}
      >
        {dialog?.kind === 'community' && <CommunityFields />}
        {dialog?.kind === 'building' && (
          <Form.Item name="name" label={t('building.name')} rules={[required(t), maxLen(t, 50)]}>
            <Input placeholder={t('building.namePlaceholder')} data-testid="building-name" />
          </Form.Item>
        )}
        {dialog?.kind === 'unit' && (
          <>
            {!dialog.unit && (
              <Form.Item name="buildingId" label={t('room.building')} rules={[requiredSelect(t)]}>
                <Select
                  options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
                />
              </Form.Item>
            )}
            <Form.Item name="name" label={t('unit.name')} rules={[required(t), maxLen(t, 50)]}>
              <Input placeholder={t('unit.namePlaceholder')} data-testid="unit-name" />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'room' && <RoomFields communityId={c.id} />}
      </FormDrawer>
    </>
  );
}
