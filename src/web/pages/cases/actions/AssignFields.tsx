/** 指派 — assign: the handler, from the case's department when it has one. */
import { Form } from 'antd';
import { requiredSelect } from '../../../api/rules';
import type { Case } from '../../../api/types';
import { UserSelect } from '../../../components/RemoteSelect';
import { useI18n } from '../../../i18n/i18n';
import type { ActionFormSpec, Body } from './types';

export type AssignValues = Body<'assign'>;

export const assign = (c: Case): ActionFormSpec<'assign', AssignValues> => ({
  initialValues: { handlerId: c.handler?.id },
  toBody: (v) => ({ handlerId: v.handlerId }),
});

export function AssignFields({ c }: { c: Case }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="handlerId"
      label={t('case.handler')}
      rules={[requiredSelect(t)]}
      extra={c.department ? t('form.handlerOfDepartment', { department: c.department.name }) : undefined}
    >
      <UserSelect
        query={c.department ? { departmentId: c.department.id } : undefined}
        known={c.handler ? [{ value: c.handler.id, label: c.handler.name }] : []}
        data-testid="action-handlerId"
      />
    </Form.Item>
  );
}
