import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, Grid, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../i18n/i18n';
import { applyServerError, type ShownError } from './form-errors';

export interface FormDrawerProps<V> {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  initialValues?: Partial<V>;
  /** resolves when saved; a thrown ApiError is shown on the fields and in the alert */
  onSubmit: (values: V) => Promise<unknown>;
  successText?: string;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  testId?: string;
  submitText?: string;
}

/** A drawer with a fresh form each time it opens: client rules first, then the server's field errors. */
export function FormDrawer<V>(props: FormDrawerProps<V>) {
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={props.open}
      title={props.title}
      onClose={props.onClose}
      size={screens.sm ? 520 : '100%'}
      destroyOnHidden
    >
      {props.open && <DrawerForm {...props} />}
    </Drawer>
  );
}

function DrawerForm<V>({
  initialValues,
  onSubmit,
  onClose,
  successText,
  children,
  submitText,
  testId,
}: FormDrawerProps<V>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<ShownError | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (values: V) => {
    setSaving(true);
    setError(null);
    try {
      await onSubmit(values);
      message.success(successText ?? t('common.saved'));
      onClose();
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<V>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={submit}
      scrollToFirstError
      data-testid={testId}
    >
      {error && (
        <FormAlert
          error={error}
          onReload={() => {
            void queryClient.invalidateQueries();
            onClose();
          }}
        />
      )}
      {typeof children === 'function' ? children(form) : children}
      <Flex gap={8} justify="flex-end" style={{ marginTop: 8 }}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="form-submit">
          {submitText ?? t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}

export function FormAlert({ error, onReload }: { error: ShownError; onReload?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={error.message}
      data-testid="form-error"
      description={
        error.extra.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {error.extra.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        ) : error.versionConflict ? (
          t('common.versionConflictHint')
        ) : undefined
      }
      action={
        error.versionConflict && onReload ? (
          <Button size="small" onClick={onReload}>
            {t('common.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}
