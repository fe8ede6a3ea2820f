/**
 * 报表与问责政策 — the company's report policy (src/contracts/report-policy.ts): the duty ledger's amounts, recurring
 * problem detection and the public summary's smallest group. Each value shows beside its default; an empty field
 * takes the default. Whoever sees reports reads it; admins change it.
 */
import { endpoints } from '../../api/endpoints';
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  InputNumber,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { call } from '../../api/client';
import { useCan } from '../../api/queries';
import { CASE_KINDS, type CaseKind } from '../../api/types';
import type { ReportPolicySettings, ReportPolicyValues } from '../../../contracts/report-policy';
import { FormAlert } from '../../components/FormDrawer';
import { applyServerError, type ShownError } from '../../components/form-errors';
import { PageHeader } from '../../components/PageHeader';
import { useI18n, type I18n } from '../../i18n/i18n';
import type { UiKey } from '../../i18n/zh-CN';

const PATH = endpoints.settings.reportPolicy.path;

type Key = keyof ReportPolicySettings;
type NumberKey = Exclude<Key, 'problemKinds'>;

interface NumberField {
  key: NumberKey;
  min: number;
  max: number;
  step?: number;
  precision: number;
  unit?: 'reportPolicy.yuan' | 'reportPolicy.days' | 'reportPolicy.cases';
}

/** The limits repeat the contract's (the server checks them again and names the field when one is exceeded). */
const SECTIONS: { title: UiKey; fields: (NumberField | { key: 'problemKinds' })[] }[] = [
  {
    title: 'reportPolicy.ledger',
    fields: [
      { key: 'firstResponderAmount', min: 0, max: 100_000, precision: 0, unit: 'reportPolicy.yuan' },
      { key: 'departmentAmount', min: 0, max: 100_000, precision: 0, unit: 'reportPolicy.yuan' },
    ],
  },
  {
    title: 'reportPolicy.problems',
    fields: [
      { key: 'problemWindowDays', min: 1, max: 366, precision: 0, unit: 'reportPolicy.days' },
      { key: 'problemMinCases', min: 2, max: 1000, precision: 0, unit: 'reportPolicy.cases' },
      { key: 'similarityThreshold', min: 0.1, max: 1, step: 0.05, precision: 2 },
      { key: 'problemKinds' },
    ],
  },
  {
    title: 'reportPolicy.publicSummary',
    fields: [{ key: 'publicMinGroupSize', min: 1, max: 100, precision: 0, unit: 'reportPolicy.cases' }],
  },
];

const HELP: Partial<Record<Key, UiKey>> = {
  firstResponderAmount: 'reportPolicy.firstResponderAmountHelp',
  departmentAmount: 'reportPolicy.departmentAmountHelp',
  problemWindowDays: 'reportPolicy.problemWindowDaysHelp',
  problemMinCases: 'reportPolicy.problemMinCasesHelp',
  similarityThreshold: 'reportPolicy.similarityThresholdHelp',
  publicMinGroupSize: 'reportPolicy.publicMinGroupSizeHelp',
};

/** A value as it reads: `50 元`, `0.6`, `投诉、报修` (a list in the reader's language). */
function shown(i18n: I18n, key: Key, value: ReportPolicySettings[Key], unit?: UiKey): string {
  if (Array.isArray(value)) return value.map((k) => i18n.label('caseKind', k)).join(i18n.t('common.enumSep'));
  return unit ? `${value} ${i18n.t(unit)}` : String(value);
}

const sameValue = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && [...a].sort().join() === [...b].sort().join()
    : a === b;

interface FormValues {
  values: Partial<Record<NumberKey, number | null>> & { problemKinds?: CaseKind[] };
}

/** Form → body: empty fields left out (they take the default). */
function toValues(form: FormValues['values'] | undefined): ReportPolicyValues {
  const v = form ?? {};
  const out: ReportPolicyValues = {};
  for (const { key } of SECTIONS.flatMap((s) => s.fields)) {
    if (key === 'problemKinds') {
      if (v.problemKinds?.length) out.problemKinds = v.problemKinds;
    } else {
      const x = v[key];
      if (x !== null && x !== undefined) out[key] = x;
    }
  }
  return out;
}

export default function ReportPolicyPage() {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const policy = useQuery({
    queryKey: [PATH],
    queryFn: ({ signal }) => call(endpoints.settings.reportPolicy, { signal }),
  });
  const editable = can('settings.manage');

  if (policy.isLoading) return <Skeleton active />;
  if (!policy.data) return <Alert type="error" showIcon title={policy.error?.message} />;
  const p = policy.data;

  const submit = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await call(endpoints.settings.putReportPolicy, {
        body: { version: p.version, values: toValues(v.values) },
      });
      queryClient.setQueryData([PATH], saved);
      form.setFieldsValue({ values: saved.values });
      message.success(t('common.saved'));
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      setBusy(false);
    }
  };

  const changed = (key: Key) => p.values[key] !== undefined && !sameValue(p.values[key], p.defaults[key]);
  const unitOf = (key: Key) => SECTIONS.flatMap((s) => s.fields).find((f) => f.key === key) as NumberField;
  const defaultText = (key: Key) =>
    t('reportPolicy.default', { value: shown(i18n, key, p.defaults[key], unitOf(key).unit) });
  const help = (key: Key) => (
    <Space orientation="vertical" size={0}>
      {HELP[key] && <span>{t(HELP[key])}</span>}
      <span data-testid={`report-policy-default-${key}`}>{defaultText(key)}</span>
    </Space>
  );
  const lastChanged = (
    <Typography.Paragraph type="secondary" data-testid="report-policy-last-changed">
      {p.updatedAt
        ? t('reportPolicy.lastChanged', { name: p.updatedBy?.name ?? '—', time: dateTime(p.updatedAt) })
        : t('reportPolicy.neverChanged')}
    </Typography.Paragraph>
  );

  return (
    <div data-testid="report-policy-page">
      <PageHeader title={t('nav.reportPolicy')} />
      <Typography.Paragraph type="secondary">{t('reportPolicy.help')}</Typography.Paragraph>
      {lastChanged}
      {!editable ? (
        <>
          <Alert type="info" showIcon title={t('reportPolicy.readOnly')} style={{ marginBottom: 16 }} />
          {SECTIONS.map((section) => (
            <Card key={section.title} title={t(section.title)} style={{ maxWidth: 760, marginBottom: 16 }}>
              <Descriptions
                column={1}
                data-testid="report-policy-view"
                items={section.fields.map((f) => ({
                  key: f.key,
                  label: t(`reportPolicy.${f.key}` as UiKey),
                  children: (
                    <Flex wrap gap={8} align="center">
                      <Typography.Text strong data-testid={`report-policy-value-${f.key}`}>
                        {shown(i18n, f.key, p.effective[f.key], unitOf(f.key).unit)}
                      </Typography.Text>
                      {changed(f.key) ? (
                        <Tag color="blue">{t('reportPolicy.changed')}</Tag>
                      ) : (
                        <Tag>{t('reportPolicy.usesDefault')}</Tag>
                      )}
                      <Typography.Text type="secondary">{defaultText(f.key)}</Typography.Text>
                    </Flex>
                  ),
                }))}
              />
            </Card>
          ))}
        </>
      ) : (
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{ values: p.values }}
          onFinish={submit}
          data-testid="report-policy-form"
        >
          {error && (
            <FormAlert
              error={error}
              onReload={() => {
                setError(null);
                void policy.refetch().then((r) => r.data && form.setFieldsValue({ values: r.data.values }));
              }}
            />
          )}
          {SECTIONS.map((section) => (
            <Card key={section.title} title={t(section.title)} style={{ maxWidth: 760, marginBottom: 16 }}>
              {section.fields.map((f) =>
                f.key === 'problemKinds' ? (
                  <Form.Item
                    key={f.key}
                    name={['values', f.key]}
                    label={t('reportPolicy.problemKinds')}
                    extra={help(f.key)}
                  >
                    <Select
                      mode="multiple"
                      allowClear
                      placeholder={shown(i18n, f.key, p.defaults.problemKinds)}
                      options={CASE_KINDS.map((k) => ({ value: k, label: i18n.label('caseKind', k) }))}
                      data-testid="report-policy-problemKinds"
                    />
                  </Form.Item>
                ) : (
                  <Form.Item
                    key={f.key}
                    name={['values', f.key]}
                    label={t(`reportPolicy.${f.key}` as UiKey)}
                    extra={help(f.key)}
                  >
                    <InputNumber
                      min={f.min}
                      max={f.max}
                      step={f.step ?? 1}
                      precision={f.precision}
                      placeholder={String(p.defaults[f.key])}
                      suffix={f.unit ? t(f.unit) : undefined}
                      style={{ width: 200, maxWidth: '100%' }}
                      data-testid={`report-policy-${f.key}`}
                    />
                  </Form.Item>
                ),
              )}
            </Card>
          ))}
          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="report-policy-save">
              {t('common.save')}
            </Button>
            <Button
              onClick={() => {
                for (const f of SECTIONS.flatMap((s) => s.fields))
                  form.setFieldValue(['values', f.key], f.key === 'problemKinds' ? [] : null);
              }}
              data-testid="report-policy-reset"
              disabled={busy}
            >
              {t('reportPolicy.resetAll')}
            </Button>
          </Flex>
        </Form>
      )}
    </div>
  );
}
