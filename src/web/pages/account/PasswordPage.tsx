import { useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { App, Button, Card, Form, Input } from 'antd';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormDrawer';
import { applyServerError, type ShownError } from '../../components/form-errors';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import { PASSWORD_MIN } from '../../api/rules';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function PasswordPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await call(endpoints.auth.changePassword, {
        body: {
          currentPassword: v.currentPassword,
          newPassword: v.newPassword,
        },
      });
      message.success(t('password.changed'));
      form.resetFields();
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('nav.changePassword')} />
      <Card style={{ maxWidth: 480 }}>
        {error && <FormAlert error={error} />}
        <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="password-form">
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('password.rule', { min: PASSWORD_MIN })}
            rules={[
              { required: true, message: t('validation.required') },
              { min: PASSWORD_MIN, message: t('validation.minLength', { min: PASSWORD_MIN }) },
              { max: 200, message: t('validation.maxLength', { max: 200 }) },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('newPassword') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
