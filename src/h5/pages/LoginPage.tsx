/**
 * 登录: the phone, 获取验证码 (then a 60 s countdown before the next, or the wait a 429 names), the 6-digit code,
 * 登录. The server judges the phone (a mainland mobile, RESIDENT-1) and the code (RESIDENT-2); its messages,
 * already in the H5's language, stand under the field they concern, or above the button.
 */
import { useEffect, useState } from 'react';
import { Button, Input, List, Toast } from 'antd-mobile';
import { call, H5ApiError, type ResidentMe } from '../api';
import { useI18n } from '../i18n';

/** seconds before another code may be asked for */
export const RESEND_SECONDS = 60;

type Fields = { phone?: string; code?: string };

export function LoginPage({
  companyCode,
  onSignedIn,
}: {
  companyCode: string;
  onSignedIn: (me: ResidentMe) => void;
}) {
  const { t } = useI18n();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [countdown, setCountdown] = useState(0);
  const [fields, setFields] = useState<Fields>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [verifying, setVerifying] = useState(false);

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  const showError = (e: unknown) => {
    if (e instanceof H5ApiError) {
      const f: Fields = { phone: e.fields.phone, code: e.fields.code };
      setFields(f);
      setMessage(f.phone || f.code ? null : e.message);
      if (e.retryAfterSeconds) setCountdown(e.retryAfterSeconds);
    } else setMessage(e instanceof Error ? e.message : String(e));
  };

  const sendCode = async () => {
    setMessage(null);
    if (!phone.trim()) return setFields({ phone: t('login.phoneRequired') });
    setFields({});
    setSending(true);
    try {
      await call('sendCode', { body: { companyCode, phone: phone.trim() } });
      setCountdown(RESEND_SECONDS);
      Toast.show({ content: t('login.codeSent') });
    } catch (e) {
      showError(e);
    } finally {
      setSending(false);
    }
  };

  const verify = async () => {
    setMessage(null);
    const f: Fields = {};
    if (!phone.trim()) f.phone = t('login.phoneRequired');
    if (!/^\d{6}$/.test(code.trim())) f.code = t('login.codeInvalid');
    setFields(f);
    if (f.phone || f.code) return;
    setVerifying(true);
    try {
      const me = await call('verify', { body: { companyCode, phone: phone.trim(), code: code.trim() } });
      onSignedIn(me);
    } catch (e) {
      showError(e);
      setVerifying(false);
    }
  };

  return (
    <div className="h5-login">
      <h1 className="h5-title">{t('login.title')}</h1>
      <p className="h5-subtitle">{t('login.subtitle')}</p>
      <List mode="card">
        <List.Item title={t('login.phone')}>
          <Input
            data-testid="h5-phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            maxLength={20}
            clearable
            placeholder={t('login.phonePlaceholder')}
            value={phone}
            onChange={setPhone}
          />
        </List.Item>
        {fields.phone && (
          <div className="h5-field-error" role="alert" data-testid="h5-phone-error">
            {fields.phone}
          </div>
        )}
        <List.Item
          title={t('login.code')}
          extra={
            <Button
              size="small"
              color="primary"
              fill="none"
              data-testid="h5-send-code"
              disabled={countdown > 0 || sending}
              loading={sending}
              onClick={() => void sendCode()}
            >
              {countdown > 0 ? t('login.resend', { seconds: countdown }) : t('login.sendCode')}
            </Button>
          }
        >
          <Input
            data-testid="h5-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder={t('login.codePlaceholder')}
            value={code}
            onChange={(v) => setCode(v.replace(/\D/g, ''))}
          />
        </List.Item>
        {fields.code && (
          <div className="h5-field-error" role="alert" data-testid="h5-code-error">
            {fields.code}
          </div>
        )}
      </List>
      {message && (
        <div className="h5-error" role="alert" data-testid="h5-login-error">
          {message}
        </div>
      )}
      <div className="h5-actions">
        <Button
          block
          color="primary"
          size="large"
          data-testid="h5-login"
          loading={verifying}
          onClick={() => void verify()}
        >
          {t('login.submit')}
        </Button>
      </div>
    </div>
  );
}
