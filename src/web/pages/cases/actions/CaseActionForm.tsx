/**
 * The frame of every action form: the alert for what the server refused (with a reload when the case moved on),
 * the action's own fields, the reply's warnings when the server raised them, and cancel / submit.
 */
import type { ReactNode } from 'react';
import { Button, Flex, Form } from 'antd';
import type { Case } from '../../../api/types';
import { FormAlert } from '../../../components/FormDrawer';
import { useI18n } from '../../../i18n/i18n';
import { ReplyWarnings } from './ReplyFields';
import type { ActionFormSpec, FormAction } from './types';
import { useCaseAction } from './useCaseAction';

export function CaseActionForm<A extends FormAction, V>({
  c,
  action,
  spec,
  onClose,
  children,
}: {
  c: Case;
  action: A;
  spec: ActionFormSpec<A, V>;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t, label } = useI18n();
  const { form, submit, saving, error, stale, warnings, reload } = useCaseAction(
    c,
    action,
    spec.toBody,
    onClose,
  );
  return (
    <Form<V>
      form={form}
      layout="vertical"
      onFinish={submit}
      scrollToFirstError
      initialValues={spec.initialValues}
      data-testid={`action-form-${action}`}
    >
      {error && (
        <FormAlert error={{ ...error, versionConflict: error.versionConflict || stale }} onReload={reload} />
      )}
      {children}
      {action === 'reply' && warnings && <ReplyWarnings warnings={warnings} />}
      <Flex gap={8} justify="flex-end" style={{ marginTop: 8 }}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={saving}
          danger={action === 'close' || action === 'invalidate'}
          data-testid={action === 'callback' ? 'callback-submit' : 'action-form-submit'}
        >
          {label('action', action)}
        </Button>
      </Flex>
    </Form>
  );
}
