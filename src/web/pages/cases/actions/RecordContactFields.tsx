/** 记录联系 — who at the sister or external unit was contacted, and how. */
import { Form, Input, Select, Typography } from 'antd';
import { usePartnerUnits } from '../../../api/cases';
import { maxLen, required, requiredSelect } from '../../../api/rules';
import type { Case } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { trimmed, type ActionFormSpec, type Body } from './types';

export type RecordContactValues = Body<'recordContact'>;

export const recordContact = (c: Case): ActionFormSpec<'recordContact', RecordContactValues> => ({
  // the unit the case was routed to, when it went to one
  initialValues: {
    unitId:
      c.target && (c.target.type === 'sisterUnit' || c.target.type === 'externalUnit')
        ? c.target.id
        : undefined,
    via: undefined,
  },
  toBody: (v) => ({
    unitId: v.unitId,
    contactPerson: v.contactPerson.trim(),
    via: v.via.trim(),
    note: trimmed(v.note),
  }),
});

export function RecordContactFields() {
  const { t, label } = useI18n();
  const units = usePartnerUnits();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('form.contactHint')}</Typography.Paragraph>
      <Form.Item name="unitId" label={t('form.unit')} rules={[requiredSelect(t)]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={(units.data?.items ?? []).map((u) => ({
            value: u.id,
            label: `${u.name}（${label('partnerRelation', u.relation)}）`,
          }))}
          data-testid="action-unitId"
        />
      </Form.Item>
      <Form.Item name="contactPerson" label={t('form.contactPerson')} rules={[required(t), maxLen(t, 50)]}>
        <Input data-testid="action-contactPerson" />
      </Form.Item>
      <Form.Item name="via" label={t('form.contactVia')} rules={[required(t), maxLen(t, 50)]}>
        <Input placeholder={t('form.contactViaPlaceholder')} data-testid="action-via" />
      </Form.Item>
      <Form.Item name="note" label={t('form.note')} rules={[maxLen(t, 1000)]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}
