import { Form, Input } from 'antd';
import { maxLen, required } from '../../../api/rules';
import type { UiKey } from '../../../i18n/dictionaries';
import { useI18n } from '../../../i18n/i18n';

/** The one required text of an action's body (reason, explanation, comment), focused when the drawer opens. */
export function TextField({ name, labelKey, max = 1000 }: { name: string; labelKey: UiKey; max?: number }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={t(labelKey)} rules={[required(t), maxLen(t, max)]}>
      <Input.TextArea rows={3} autoFocus data-testid={`action-${name}`} />
    </Form.Item>
  );
}
