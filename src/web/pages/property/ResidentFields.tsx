import { Button, Flex, Form, Input, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { maxLen, phoneRule, required, requiredSelect } from '../../api/rules';
import {
  MAX_RESIDENT_PHONES,
  RESIDENT_RELATIONS,
  type CreateResidentBody,
  type Resident,
  type ResidentRelation,
  type UpdateResidentBody,
} from '../../api/types';
import { RoomSelect, type Option } from '../../components/RemoteSelect';
import { useI18n } from '../../i18n/i18n';

export interface ResidentValues {
  name: string;
  phones: string[];
  rooms: { roomId: string; relation: ResidentRelation }[];
  note?: string;
}

export const residentInitial = (r: Resident): ResidentValues => ({
  name: r.name,
  phones: r.phones.length ? r.phones : [''],
  rooms: r.rooms.map((x) => ({ roomId: x.roomId, relation: x.relation })),
  note: r.note ?? '',
});

const cleanPhones = (phones: string[] | undefined) =>
  (phones ?? []).map((p) => (p ?? '').trim()).filter(Boolean);

export function createResidentBody(v: ResidentValues): CreateResidentBody {
  const note = v.note?.trim();
  return {
    name: v.name.trim(),
    phones: cleanPhones(v.phones),
    rooms: v.rooms ?? [],
    ...(note ? { note } : {}),
  };
}

/**
 * Without `residents.pii` the name, phones and note arrive masked: they are shown read-only and never sent back,
 * so a masked value can never overwrite the real one.
 */
export function updateResidentBody(r: Resident, v: ResidentValues, pii: boolean): UpdateResidentBody {
  const body: UpdateResidentBody = { version: r.version, rooms: v.rooms ?? [] };
  if (pii) {
    body.name = v.name.trim();
    body.phones = cleanPhones(v.phones);
    body.note = v.note?.trim() ? v.note.trim() : null;
  }
  return body;
}

export function ResidentFields({ pii, knownRooms = [] }: { pii: boolean; knownRooms?: Option[] }) {
  const { t, label } = useI18n();
  const relationOptions = RESIDENT_RELATIONS.map((r) => ({ value: r, label: label('residentRelation', r) }));
  return (
    <>
      <Form.Item name="name" label={t('resident.name')} rules={pii ? [required(t), maxLen(t, 50)] : []}>
        <Input disabled={!pii} data-testid="resident-name" />
      </Form.Item>

      <Form.Item
        label={t('resident.phones')}
        extra={!pii ? t('resident.maskedHelp') : undefined}
        required={false}
      >
        <Form.List name="phones">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item
                    name={field.name}
                    rules={pii ? [maxLen(t, 40), phoneRule(t)] : []}
                    style={{ flex: 1, marginBottom: 0 }}
                  >
                    <Input
                      inputMode="tel"
                      disabled={!pii}
                      placeholder={t('resident.phonePlaceholder')}
                      data-testid={`resident-phone-${index}`}
                    />
                  </Form.Item>
                  {pii && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('common.remove')}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Flex>
              ))}
              {pii && fields.length < MAX_RESIDENT_PHONES && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add('')}
                  data-testid="resident-add-phone"
                >
                  {t('resident.addPhone')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
      </Form.Item>

      <Form.Item label={t('resident.rooms')}>
        <Form.List name="rooms">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="flex-start" wrap>
                  <Form.Item
                    name={[field.name, 'roomId']}
                    rules={[requiredSelect(t)]}
                    style={{ flex: '1 1 140px', minWidth: 0, marginBottom: 0 }}
                  >
                    <RoomSelect
                      known={knownRooms}
                      placeholder={t('resident.chooseRoom')}
                      data-testid={`resident-room-${index}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'relation']}
                    rules={[requiredSelect(t)]}
                    style={{ width: 88, marginBottom: 0 }}
                  >
                    <Select options={relationOptions} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('common.remove')}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ relation: 'owner' })}
                data-testid="resident-add-room"
              >
                {t('resident.addRoom')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>

      <Form.Item name="note" label={t('resident.note')} rules={pii ? [maxLen(t, 500)] : []}>
        <Input.TextArea disabled={!pii} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </>
  );
}
