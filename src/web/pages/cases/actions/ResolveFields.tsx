/** 办结 — the result, what was done to make good, an optional corrective action with its due time, photos. */
import dayjs, { type Dayjs } from 'dayjs';
import { DatePicker, Form, Input, Switch } from 'antd';
import { maxLen, required, requiredSelect } from '../../../api/rules';
import { useI18n } from '../../../i18n/i18n';
import { AttachmentUpload } from '../AttachmentUpload';
import { trimmed, type ActionFormSpec, type Body } from './types';

type Corrective = NonNullable<Body<'resolve'>['corrective']>;
export type ResolveValues = Omit<Body<'resolve'>, 'corrective'> & {
  /** the corrective fields are shown, and sent, only when this is on */
  correctiveOn?: boolean;
  corrective?: Omit<Corrective, 'dueAt'> & { dueAt: Dayjs };
};

export const resolve: ActionFormSpec<'resolve', ResolveValues> = {
  toBody: (v) => ({
    result: v.result.trim(),
    remedial: trimmed(v.remedial),
    materials: trimmed(v.materials),
    corrective:
      v.correctiveOn && v.corrective
        ? { action: v.corrective.action.trim(), dueAt: v.corrective.dueAt.toISOString() }
        : undefined,
    attachmentIds: v.attachmentIds?.length ? v.attachmentIds : undefined,
  }),
};

export function ResolveFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="result" label={t('form.result')} rules={[required(t), maxLen(t, 2000)]}>
        <Input.TextArea rows={3} autoFocus data-testid="action-result" />
      </Form.Item>
      <Form.Item
        name="remedial"
        label={t('form.remedial')}
        rules={[maxLen(t, 2000)]}
        extra={t('form.remedialHelp')}
      >
        <Input.TextArea rows={2} data-testid="action-remedial" />
      </Form.Item>
      <Form.Item
        name="correctiveOn"
        valuePropName="checked"
        label={t('form.corrective')}
        extra={t('form.correctiveHelp')}
      >
        <Switch data-testid="action-corrective-on" />
      </Form.Item>
      <Form.Item
        noStyle
        shouldUpdate={(a: ResolveValues, b: ResolveValues) => a.correctiveOn !== b.correctiveOn}
      >
        {({ getFieldValue }) =>
          getFieldValue('correctiveOn') ? (
            <>
              <Form.Item
                name={['corrective', 'action']}
                label={t('form.correctiveAction')}
                rules={[required(t), maxLen(t, 1000)]}
              >
                <Input.TextArea rows={2} data-testid="action-corrective-action" />
              </Form.Item>
              <Form.Item
                name={['corrective', 'dueAt']}
                label={t('form.correctiveDue')}
                rules={[requiredSelect(t)]}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format={t('format.dateTime')}
                  disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                  style={{ width: '100%' }}
                  data-testid="action-corrective-due"
                />
              </Form.Item>
            </>
          ) : null
        }
      </Form.Item>
      <Form.Item name="materials" label={t('form.materials')} rules={[maxLen(t, 1000)]}>
        <Input.TextArea
          rows={2}
          placeholder={t('form.materialsPlaceholder')}
          data-testid="action-materials"
        />
      </Form.Item>
      <Form.Item name="attachmentIds" label={t('form.photos')}>
        <AttachmentUpload testId="action-attachments" />
      </Form.Item>
    </>
  );
}
