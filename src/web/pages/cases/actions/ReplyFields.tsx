/** 答复业主 — the reply: how it reaches the resident and what it says; the server's warnings about the wording. */
import { Alert, Form, Input, Radio, Typography } from 'antd';
import { maxLen, required, requiredSelect } from '../../../api/rules';
import { REPLY_VIAS, type Case } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { warningText, type ReplyWarningShape } from '../CaseTimeline';
import { trimmed, type ActionFormSpec, type Body } from './types';

export type ReplyValues = Body<'reply'>;

export const reply = (c: Case): ActionFormSpec<'reply', ReplyValues> => ({
  // a case the 12345 hotline passed on is answered through the hotline (ROUTE-2)
  initialValues: { via: c.channel === 'hotline' ? 'hotline' : 'phone' },
  toBody: (v) => ({
    message: v.message.trim(),
    via: v.via,
    warningOverrideReason: trimmed(v.warningOverrideReason),
  }),
});

export function ReplyFields() {
  const { t, label } = useI18n();
  return (
    <>
      <Form.Item name="via" label={t('form.replyVia')} rules={[requiredSelect(t)]}>
        <Radio.Group
          optionType="button"
          options={REPLY_VIAS.map((v) => ({ value: v, label: label('replyVia', v) }))}
          data-testid="action-via"
        />
      </Form.Item>
      <Form.Item
        name="message"
        label={t('form.message')}
        rules={[required(t), maxLen(t, 2000)]}
        extra={t('reply.help')}
      >
        <Input.TextArea rows={5} autoFocus data-testid="action-message" />
      </Form.Item>
    </>
  );
}

/** The server's warnings about a reply (deflections, a missing apology): edit it, or give a reason and send. */
export function ReplyWarnings({ warnings }: { warnings: ReplyWarningShape[] }) {
  const { t } = useI18n();
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('reply.warningsTitle')}
        data-testid="reply-warnings"
        description={
          <>
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {warnings.map((w, i) => (
                <li key={i}>{warningText(w, t)}</li>
              ))}
            </ul>
            <Typography.Text type="secondary">{t('reply.warningsHint')}</Typography.Text>
          </>
        }
      />
      <Form.Item
        name="warningOverrideReason"
        label={t('form.warningOverrideReason')}
        rules={[maxLen(t, 500)]}
        extra={t('reply.overrideHelp')}
      >
        <Input.TextArea rows={2} data-testid="reply-override-reason" />
      </Form.Item>
    </>
  );
}
