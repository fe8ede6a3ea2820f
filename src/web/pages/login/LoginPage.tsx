import { useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { call } from '../../api/client';
import { meKey } from '../../api/queries';
import { LangSwitch } from '../../components/AppLayout';
import { landingPath } from '../../components/landing';
import { applyServerError } from '../../components/form-errors';
import { useI18n } from '../../i18n/i18n';

interface LoginValues {
  username: string;
  password: string;
}

/** Only same-site paths are followed after sign-in (never an open redirect); none: the role's own page (UI-11). */
function safeNext(next: string | null, landing: string): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : landing;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const [form] = Form.useForm<LoginValues>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: LoginValues) => {
    setBusy(true);
    setError(null);
    try {
      const me = await call(endpoints.auth.login, {
        body: {
          username: values.username.trim(),
          password: values.password,
        },
      });
      queryClient.setQueryData(meKey, me);
      navigate(
        safeNext(params.get('next'), landingPath({ roles: me.user.roles, permissions: me.permissions })),
        { replace: true },
      );
    } catch (e) {
      setError(applyServerError(form, e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', padding: 12, background: token.colorBgLayout, boxSizing: 'border-box' }}
    >
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 380 }}>
        <LangSwitch />
      </Flex>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4, color: token.colorPrimary }}>
          {t('app.brand')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('auth.subtitle')}</Typography.Paragraph>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form<LoginValues> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              size="large"
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
              data-testid="login-password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={busy}
            data-testid="login-submit"
          >
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
