/** 合并 — merge into another open (or resolved) case, searched by number or text. */
import { Form } from 'antd';
import { endpoints } from '../../../api/endpoints';
import { requiredSelect } from '../../../api/rules';
import { OPEN_CASE_STATES } from '../../../api/types';
import { RemoteSelect } from '../../../components/RemoteSelect';
import { useI18n } from '../../../i18n/i18n';
import type { ActionFormSpec, Body } from './types';

export type MergeValues = Body<'merge'>;

export const merge: ActionFormSpec<'merge', MergeValues> = {
  toBody: (v) => ({ intoCaseId: v.intoCaseId }),
};

export function MergeFields() {
  const { t } = useI18n();
  return (
    <Form.Item
      name="intoCaseId"
      label={t('form.mergeInto')}
      rules={[requiredSelect(t)]}
      extra={t('form.mergeHint')}
    >
      <RemoteSelect
        endpoint={endpoints.cases.list}
        query={{ state: [...OPEN_CASE_STATES, 'resolved'] }}
        toOption={(x) => ({
          value: x.id,
          label: `${x.number} · ${x.description.slice(0, 30)}`,
        })}
        placeholder={t('form.mergeSearch')}
        data-testid="action-intoCaseId"
      />
    </Form.Item>
  );
}
