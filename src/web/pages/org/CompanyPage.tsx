import { useMemo, useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Skeleton, Typography } from 'antd';
import { call } from '../../api/client';
import { meKey, useCan } from '../../api/queries';
import { maxLen, required } from '../../api/rules';
import { FormAlert } from '../../components/FormDrawer';
import { applyServerError, type ShownError } from '../../components/form-errors';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import type { UiKey } from '../../i18n/dictionaries';

interface Values {
  name: string;
  shortName: string;
  timeZone: string;
}

/** The zones a company here is in, named as people say them (a zone id is never shown). */
const ZONES = [
  ['Asia/Shanghai', 'company.zone.beijing'],
  ['Asia/Hong_Kong', 'company.zone.hongKong'],
  ['Asia/Macau', 'company.zone.macau'],
  ['Asia/Taipei', 'company.zone.taipei'],
  ['Asia/Urumqi', 'company.zone.urumqi'],
  ['UTC', 'company.zone.utc'],
] as const satisfies readonly (readonly [string, UiKey])[];

/** A zone's name in the UI: ours, or the browser's name of it with its offset for any other zone. */
export function zoneLabel(zone: string, locale: string, t: (key: UiKey) => string): string {
  const ours = ZONES.find(([id]) => id === zone);
  if (ours) return t(ours[1]);
  try {
    const part = (style: 'longGeneric' | 'longOffset') =>
      new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style })
        .formatToParts(new Date())
        .find((p) => p.type === 'timeZoneName')?.value ?? '';
    return `${part('longGeneric')} (${part('longOffset')})`;
  } catch {
    return zone;
  }
}

export default function CompanyPage() {
  const { t, locale } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const company = useQuery({
    queryKey: [endpoints.org.getCompany.path],
    queryFn: ({ signal }) => call(endpoints.org.getCompany, { signal }),
  });
  const zones = useMemo(() => {
    const ids: string[] = ZONES.map(([id]) => id);
    const stored = company.data?.timeZone;
    return (stored && !ids.includes(stored) ? [...ids, stored] : ids).map((z) => ({
      value: z,
      label: zoneLabel(z, locale, t),
    }));
  }, [company.data?.timeZone, locale, t]);
  const shortName = Form.useWatch('shortName', form);
  const editable = can('company.manage');

  if (company.isLoading) return <Skeleton active />;
  if (!company.data) return <Alert type="error" showIcon title={company.error?.message} />;
  const c = company.data;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await call(endpoints.org.updateCompany, {
        body: {
          version: c.version,
          name: v.name.trim(),
          shortName: v.shortName.trim(),
          timeZone: v.timeZone,
        },
      });
      queryClient.setQueryData([endpoints.org.getCompany.path], saved);
      void queryClient.invalidateQueries({ queryKey: meKey });
      message.success(t('common.saved'));
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      setBusy(false);
    }
  };

  const greeting = (
    <Typography.Text strong data-testid="greeting-preview">
      {t('company.greeting', { shortName: (editable ? shortName : c.shortName) ?? c.shortName })}
    </Typography.Text>
  );

  return (
    <>
      <PageHeader title={t('nav.company')} />
      <Card style={{ maxWidth: 640 }}>
        {!editable ? (
          <Descriptions
            column={1}
            items={[
              { key: 'name', label: t('company.name'), children: c.name },
              { key: 'shortName', label: t('company.shortName'), children: c.shortName },
              { key: 'greeting', label: t('company.greetingPreview'), children: greeting },
              { key: 'tz', label: t('company.timeZone'), children: zoneLabel(c.timeZone, locale, t) },
            ]}
          />
        ) : (
          <>
            {error && (
              <FormAlert
                error={error}
                onReload={() => {
                  setError(null);
                  void company.refetch().then((r) => r.data && form.setFieldsValue(r.data));
                }}
              />
            )}
            <Form<Values>
              form={form}
              layout="vertical"
              initialValues={{ name: c.name, shortName: c.shortName, timeZone: c.timeZone }}
              onFinish={submit}
              data-testid="company-form"
            >
              <Form.Item name="name" label={t('company.name')} rules={[required(t), maxLen(t, 100)]}>
                <Input />
              </Form.Item>
              <Form.Item
                name="shortName"
                label={t('company.shortName')}
                extra={t('company.shortNameHelp')}
                rules={[required(t), maxLen(t, 20)]}
              >
                <Input data-testid="company-short-name" />
              </Form.Item>
              <Form.Item label={t('company.greetingPreview')}>{greeting}</Form.Item>
              <Form.Item
                name="timeZone"
                label={t('company.timeZone')}
                extra={t('company.timeZoneHelp')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <Select showSearch={{ optionFilterProp: 'label' }} options={zones} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="company-save">
                {t('common.save')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </>
  );
}
