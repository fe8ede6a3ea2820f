/** 延期 — move a running clock's due time, with the reason and the resident's agreement. */
import dayjs, { type Dayjs } from 'dayjs';
import { Checkbox, DatePicker, Form, Input, Select, Typography } from 'antd';
import { maxLen, required, requiredSelect } from '../../../api/rules';
import type { Case } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { liveClocks } from '../caseUi';
import type { ActionFormSpec, Body } from './types';

export type ExtendValues = Omit<Body<'extend'>, 'dueAt'> & { dueAt: Dayjs };

export const extend: ActionFormSpec<'extend', ExtendValues> = {
  toBody: (v) => ({
    clock: v.clock,
    dueAt: v.dueAt.toISOString(),
    reason: v.reason.trim(),
    // the checkbox's rule lets the form through only when ticked
    residentAgreed: v.residentAgreed,
  }),
};

export function ExtendFields({ c }: { c: Case }) {
  const { t, label, dateTime } = useI18n();
  const clocks = liveClocks(c, Date.now()).filter((k) => !k.paused);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('form.extendHint')}</Typography.Paragraph>
      <Form.Item
        name="clock"
        label={t('form.clock')}
        rules={[requiredSelect(t)]}
        initialValue={clocks[0]?.name}
      >
        <Select
          options={clocks.map((k) => ({
            value: k.name,
            label: `${label('clock', k.name)}（${t('clockChip.due', { at: dateTime(k.dueAt) })}）`,
          }))}
          data-testid="action-clock"
        />
      </Form.Item>
      <Form.Item name="dueAt" label={t('form.newDueAt')} rules={[requiredSelect(t)]}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format={t('format.dateTime')}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          style={{ width: '100%' }}
          data-testid="action-dueAt"
        />
      </Form.Item>
      <Form.Item name="reason" label={t('form.extendReason')} rules={[required(t), maxLen(t, 1000)]}>
        <Input.TextArea rows={3} data-testid="action-reason" />
      </Form.Item>
      <Form.Item
        name="residentAgreed"
        valuePropName="checked"
        rules={[
          {
            validator: (_, v) =>
              v === true ? Promise.resolve() : Promise.reject(new Error(t('form.residentAgreedRequired'))),
          },
        ]}
      >
        <Checkbox data-testid="action-residentAgreed">{t('form.residentAgreed')}</Checkbox>
      </Form.Item>
    </>
  );
}
