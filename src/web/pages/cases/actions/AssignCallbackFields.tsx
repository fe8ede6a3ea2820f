/** 指派回访 — who calls the resident back, from the case's office. */
import { Form, Input } from 'antd';
import { maxLen, requiredSelect } from '../../../api/rules';
import type { Case } from '../../../api/types';
import { UserSelect } from '../../../components/RemoteSelect';
import { useI18n } from '../../../i18n/i18n';
import { trimmed, type ActionFormSpec, type Body } from './types';

export type AssignCallbackValues = Body<'assignCallback'>;

export const assignCallback = (c: Case): ActionFormSpec<'assignCallback', AssignCallbackValues> => ({
  initialValues: { assigneeId: c.callbackAssignee?.id },
  toBody: (v) => ({ assigneeId: v.assigneeId, note: trimmed(v.note) }),
});

export function AssignCallbackFields({ c }: { c: Case }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="assigneeId"
        label={t('form.callbackAssignee')}
        rules={[requiredSelect(t)]}
        extra={t('form.callbackAssigneeHint')}
      >
        <UserSelect
          query={c.office ? { officeId: c.office.id } : undefined}
          known={c.callbackAssignee ? [{ value: c.callbackAssignee.id, label: c.callbackAssignee.name }] : []}
          data-testid="action-assigneeId"
        />
      </Form.Item>
      <Form.Item name="note" label={t('form.assignCallbackNote')} rules={[maxLen(t, 500)]}>
        <Input.TextArea rows={2} data-testid="action-note" />
      </Form.Item>
    </>
  );
}
