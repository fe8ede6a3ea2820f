/**
 * 记录联系 — who at the sister or external unit was contacted, and how; what the unit was given about the resident:
 * the matter always, their name, address or contact only with their agreement (ROUTE-3; PIPL 第二十三条).
 */
import { Checkbox, Form, Input, Select, Typography } from 'antd';
import { usePartnerUnits } from '../../../api/cases';
import { maxLen, required, requiredSelect } from '../../../api/rules';
import { PASSED_DATA, type Case, type PassedData } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { trimmed, type ActionFormSpec, type Body } from './types';

export type RecordContactValues = Body<'recordContact'>;

/** The resident's personal data: passed on only with their agreement. */
const personal = (passed: readonly PassedData[] | undefined) => (passed ?? []).some((p) => p !== 'matter');

export const recordContact = (c: Case): ActionFormSpec<'recordContact', RecordContactValues> => ({
  // the unit the case was routed to, when it went to one; the unit is given the matter by default
  initialValues: {
    unitId:
      c.target && (c.target.type === 'sisterUnit' || c.target.type === 'externalUnit')
        ? c.target.id
        : undefined,
    via: undefined,
    passed: ['matter'],
  },
  toBody: (v) => ({
    unitId: v.unitId,
    contactPerson: v.contactPerson.trim(),
    via: v.via.trim(),
    note: trimmed(v.note),
    // the matter is always passed on, in the contract's order
    passed: PASSED_DATA.filter((p) => p === 'matter' || v.passed?.includes(p)),
    // the checkbox's rule lets the form through with personal data only when ticked
    residentAgreed: personal(v.passed) ? v.residentAgreed : undefined,
  }),
});

export function RecordContactFields() {
  const { t, label } = useI18n();
  const units = usePartnerUnits();
  const form = Form.useFormInstance<RecordContactValues>();
  const passed = Form.useWatch('passed', form);
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
      <Form.Item name="passed" label={t('form.passed')} extra={t('form.passedHelp')}>
        <Checkbox.Group
          // the matter is what the unit is contacted about: always given, never unticked
          options={PASSED_DATA.map((p) => ({
            value: p,
            label: label('passedData', p),
            disabled: p === 'matter',
          }))}
          data-testid="action-passed"
        />
      </Form.Item>
      {personal(passed) && (
        <Form.Item
          name="residentAgreed"
          valuePropName="checked"
          rules={[
            {
              validator: (_, v) =>
                v === true ? Promise.resolve() : Promise.reject(new Error(t('form.passedAgreedRequired'))),
            },
          ]}
        >
          <Checkbox data-testid="action-residentAgreed">{t('form.passedAgreed')}</Checkbox>
        </Form.Item>
      )}
      <Form.Item name="note" label={t('form.note')} rules={[maxLen(t, 1000)]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}
