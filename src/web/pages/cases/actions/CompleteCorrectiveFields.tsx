/**
 * 完成纠正措施 — the corrective action recorded at resolution is done (HANDLE-3): what was done, with photos; its
 * own clock is met, whatever the state of the case.
 */
import { Form, Input, Typography } from 'antd';
import { maxLen, required } from '../../../api/rules';
import type { Case } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { AttachmentUpload } from '../AttachmentUpload';
import type { ActionFormSpec, Body } from './types';

export type CompleteCorrectiveValues = Body<'completeCorrective'>;

export const completeCorrective: ActionFormSpec<'completeCorrective', CompleteCorrectiveValues> = {
  toBody: (v) => ({
    result: v.result.trim(),
    attachmentIds: v.attachmentIds?.length ? v.attachmentIds : undefined,
  }),
};

export function CompleteCorrectiveFields({ c }: { c: Case }) {
  const { t, dateTime } = useI18n();
  const clock = c.clocks.find((k) => k.name === 'corrective' && !k.metAt && !k.stoppedAt);
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('form.completeCorrectiveHint')}
        {clock && <> {t('clockChip.due', { at: dateTime(clock.dueAt) })}</>}
      </Typography.Paragraph>
      <Form.Item name="result" label={t('form.correctiveResult')} rules={[required(t), maxLen(t, 2000)]}>
        <Input.TextArea rows={4} autoFocus data-testid="action-result" />
      </Form.Item>
      <Form.Item name="attachmentIds" label={t('form.photos')}>
        <AttachmentUpload testId="action-attachments" />
      </Form.Item>
    </>
  );
}
