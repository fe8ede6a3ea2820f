/**
 * 安排领导接待 — a resident's reasonable request to speak to a leader, arranged (HANDLE-6): who receives them and
 * when (later than now); the leader is told.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { DatePicker, Form, Input, Typography } from 'antd';
import { maxLen, requiredSelect } from '../../../api/rules';
import { UserSelect } from '../../../components/RemoteSelect';
import { useI18n } from '../../../i18n/i18n';
import { trimmed, type ActionFormSpec, type Body } from './types';

export type ArrangeLeaderMeetingValues = Omit<Body<'arrangeLeaderMeeting'>, 'at'> & { at: Dayjs };

export const arrangeLeaderMeeting: ActionFormSpec<'arrangeLeaderMeeting', ArrangeLeaderMeetingValues> = {
  toBody: (v) => ({ leaderId: v.leaderId, at: v.at.toISOString(), note: trimmed(v.note) }),
};

export function ArrangeLeaderMeetingFields() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('form.meetingHint')}</Typography.Paragraph>
      <Form.Item name="leaderId" label={t('form.meetingLeader')} rules={[requiredSelect(t)]}>
        <UserSelect activeStaff data-testid="action-leaderId" />
      </Form.Item>
      <Form.Item
        name="at"
        label={t('form.meetingAt')}
        rules={[
          requiredSelect(t),
          {
            // later than now (the server checks again: field.must_be_future)
            validator: (_, v: Dayjs | null | undefined) =>
              v && !v.isAfter(dayjs())
                ? Promise.reject(new Error(t('validation.mustBeFuture')))
                : Promise.resolve(),
          },
        ]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 15 }}
          format={t('format.dateTime')}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          style={{ width: '100%' }}
          data-testid="action-at"
        />
      </Form.Item>
      <Form.Item name="note" label={t('form.note')} rules={[maxLen(t, 1000)]}>
        <Input.TextArea rows={2} placeholder={t('form.meetingNotePlaceholder')} data-testid="action-note" />
      </Form.Item>
    </>
  );
}
