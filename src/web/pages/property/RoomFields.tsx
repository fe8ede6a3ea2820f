import { endpoints } from '../../api/endpoints';
import { Form, Input, InputNumber, Select } from 'antd';
import { useAll } from '../../api/queries';
import { maxLen, required, requiredSelect } from '../../api/rules';
import { ROOM_STATUSES, type RoomStatus } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

export interface RoomValues {
  buildingId?: string;
  unitId: string;
  number: string;
  area?: number | null;
  status: RoomStatus;
}

/** Building → unit → number, area, status. The unit list follows the chosen building. */
export function RoomFields({ communityId }: { communityId: string }) {
  const { t, label } = useI18n();
  const form = Form.useFormInstance<RoomValues>();
  const buildingId = Form.useWatch('buildingId', form);
  const buildings = useAll(endpoints.property.listBuildings, { communityId });
  const units = useAll(endpoints.property.listUnits, { buildingId }, Boolean(buildingId));
  return (
    <>
      <Form.Item name="buildingId" label={t('room.building')} rules={[requiredSelect(t)]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={buildings.isLoading}
          options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
          onChange={() => form.setFieldValue('unitId', undefined)}
          data-testid="room-building"
        />
      </Form.Item>
      <Form.Item name="unitId" label={t('room.unit')} rules={[requiredSelect(t)]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          disabled={!buildingId}
          loading={units.isFetching}
          options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          data-testid="room-unit"
        />
      </Form.Item>
      <Form.Item name="number" label={t('room.number')} rules={[required(t), maxLen(t, 30)]}>
        <Input placeholder={t('room.numberPlaceholder')} data-testid="room-number" />
      </Form.Item>
      <Form.Item
        name="area"
        label={t('room.area')}
        rules={[
          { type: 'number', min: 0, max: 100_000, message: t('validation.range', { min: 0, max: 100000 }) },
        ]}
      >
        <InputNumber min={0} max={100_000} precision={2} style={{ width: '100%' }} suffix="㎡" />
      </Form.Item>
      <Form.Item name="status" label={t('room.status')} rules={[requiredSelect(t)]}>
        <Select options={ROOM_STATUSES.map((s) => ({ value: s, label: label('roomStatus', s) }))} />
      </Form.Item>
    </>
  );
}
