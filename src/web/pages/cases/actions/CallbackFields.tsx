/**
 * 回访 — the callback: how the resident was called, whether they were reached, how satisfied they are; an
 * unsatisfied resident's reason is required, and an agreed appointment may be noted.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, DatePicker, Form, Input, Radio } from 'antd';
import { maxLen, required, requiredSelect } from '../../../api/rules';
import { CALLBACK_METHODS, SATISFACTIONS } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { iso, trimmed, type ActionFormSpec, type Body } from './types';

export type CallbackValues = Omit<Body<'callback'>, 'appointmentAt'> & { appointmentAt?: Dayjs | null };

export const callback: ActionFormSpec<'callback', CallbackValues> = {
  initialValues: { method: 'phone', reached: true },
  toBody: (v) => ({
    method: v.method,
    reached: v.reached,
    // a satisfaction picked before the resident turned out unreached is not theirs
    satisfaction: v.reached ? v.satisfaction : undefined,
    reason: trimmed(v.reason),
    appointmentAt: iso(v.appointmentAt),
  }),
};

export function CallbackFields() {
  const { t, label } = useI18n();
  return (
    <>
      <Form.Item name="method" label={t('form.callbackMethod')} rules={[requiredSelect(t)]}>
        <Radio.Group
          optionType="button"
          options={CALLBACK_METHODS.map((v) => ({ value: v, label: label('callbackMethod', v) }))}
          data-testid="callback-method"
        />
      </Form.Item>
      <Form.Item name="reached" label={t('form.reached')} rules={[requiredSelect(t)]}>
        <Radio.Group
          optionType="button"
          options={[
            { value: true, label: t('form.reachedYes') },
            { value: false, label: t('form.reachedNo') },
          ]}
          data-testid="callback-reached"
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => {
          const reached = getFieldValue('reached') as CallbackValues['reached'] | undefined;
          const satisfaction = getFieldValue('satisfaction') as CallbackValues['satisfaction'];
          const unsatisfied = reached && satisfaction === 'unsatisfied';
          return (
            <>
              {reached && (
                <Form.Item name="satisfaction" label={t('case.satisfaction')} rules={[requiredSelect(t)]}>
                  <Radio.Group
                    options={SATISFACTIONS.map((v) => ({ value: v, label: label('satisfaction', v) }))}
                    data-testid="callback-satisfaction"
                  />
                </Form.Item>
              )}
              {unsatisfied && (
                <Alert
                  type="warning"
                  showIcon
                  title={t('form.unsatisfiedHint')}
                  style={{ marginBottom: 16 }}
                />
              )}
              <Form.Item
                name="reason"
                label={unsatisfied ? t('form.unsatisfiedReason') : t('form.callbackNote')}
                rules={unsatisfied ? [required(t), maxLen(t, 1000)] : [maxLen(t, 1000)]}
              >
                <Input.TextArea rows={2} data-testid="callback-reason" />
              </Form.Item>
              <Form.Item
                name="appointmentAt"
                label={t('form.appointmentAt')}
                extra={t('form.appointmentHelp')}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format={t('format.dateTime')}
                  disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                  style={{ width: '100%' }}
                  data-testid="callback-appointment"
                />
              </Form.Item>
            </>
          );
        }}
      </Form.Item>
    </>
  );
}
