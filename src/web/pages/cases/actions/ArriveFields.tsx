/**
 * 到场 — the handler is on site (EMERGENCY-2): when (empty means now), which also takes the case in hand; for an
 * emergency the resident is then kept told of the progress (EMERGENCY-3).
 */
import dayjs, { type Dayjs } from 'dayjs';
import { DatePicker, Form } from 'antd';
import type { Case } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { iso, type ActionFormSpec, type Body } from './types';

export type ArriveValues = Omit<Body<'arrive'>, 'at'> & { at?: Dayjs | null };

export const arrive: ActionFormSpec<'arrive', ArriveValues> = {
  // left empty, the server takes the time it receives the action
  toBody: (v) => ({ at: iso(v.at) }),
};

export function ArriveFields({ c }: { c: Case }) {
  const { t } = useI18n();
  // not in the future, not before the matter was received (the server checks both again)
  const received = dayjs(c.receivedAt);
  return (
    <Form.Item
      name="at"
      label={t('form.arrivedAt')}
      extra={t('form.arriveHelp')}
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
        disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(received, 'day')}
        style={{ width: '100%' }}
        data-testid="action-at"
      />
    </Form.Item>
  );
}
