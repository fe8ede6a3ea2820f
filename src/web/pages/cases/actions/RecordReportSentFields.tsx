/**
 * 书面报告已送达 — the written report 《业主投诉书面报告》 handed to a sister unit (ROUTE-3): to which unit, how many
 * copies (two by default), who received it, and when (empty means now).
 */
import dayjs, { type Dayjs } from 'dayjs';
import { DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import { usePartnerUnits } from '../../../api/cases';
import { maxLen, required, requiredSelect } from '../../../api/rules';
import type { Case } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { iso, type ActionFormSpec, type Body } from './types';

export type RecordReportSentValues = Omit<Body<'recordReportSent'>, 'at'> & { at?: Dayjs | null };

/** Copies handed over: 004 附表一 asks for two; the contract takes 1 to 10. */
const COPIES = { default: 2, min: 1, max: 10 };

export const recordReportSent = (c: Case): ActionFormSpec<'recordReportSent', RecordReportSentValues> => ({
  initialValues: {
    // the sister unit the case was routed to, when it went to one
    unitId: c.target?.type === 'sisterUnit' ? c.target.id : undefined,
    copies: COPIES.default,
  },
  // left empty, the server takes the time it receives the action
  toBody: (v) => ({ unitId: v.unitId, copies: v.copies, receiver: v.receiver.trim(), at: iso(v.at) }),
});

export function RecordReportSentFields() {
  const { t, label } = useI18n();
  const units = usePartnerUnits();
  const sisters = (units.data?.items ?? []).filter((u) => u.relation === 'sister');
  return (
    <>
      <Typography.Paragraph type="secondary">{t('form.reportSentHint')}</Typography.Paragraph>
      <Form.Item name="unitId" label={t('form.reportUnit')} rules={[requiredSelect(t)]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={units.isLoading}
          options={sisters.map((u) => ({
            value: u.id,
            label: `${u.name}（${label('partnerService', u.service)}）`,
          }))}
          data-testid="action-unitId"
        />
      </Form.Item>
      <Form.Item
        name="copies"
        label={t('form.reportCopies')}
        rules={[
          requiredSelect(t),
          {
            type: 'integer',
            min: COPIES.min,
            max: COPIES.max,
            message: t('validation.range', { min: COPIES.min, max: COPIES.max }),
          },
        ]}
      >
        <InputNumber min={COPIES.min} max={COPIES.max} precision={0} data-testid="action-copies" />
      </Form.Item>
      <Form.Item name="receiver" label={t('form.reportReceiver')} rules={[required(t), maxLen(t, 50)]}>
        <Input data-testid="action-receiver" />
      </Form.Item>
      <Form.Item
        name="at"
        label={t('form.reportAt')}
        rules={[
          {
            validator: (_, v: Dayjs | null | undefined) =>
              v && v.isAfter(dayjs())
                ? Promise.reject(new Error(t('validation.notInFuture')))
                : Promise.resolve(),
          },
        ]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format={t('format.dateTime')}
          placeholder={t('form.now')}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          style={{ width: '100%' }}
          data-testid="action-at"
        />
      </Form.Item>
    </>
  );
}
