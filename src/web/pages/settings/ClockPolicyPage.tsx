/**
 * 时限与回访 — the company's clock policy (CLOCK-1) and the kinds answered on the spot that need no callback
 * (INTAKE-11): each clock of the table with its built-in value beside the company's own (a duration, or off), the
 * clocks due at a time given when they start shown as such, the rules by kind, severity and category listed (they
 * go back unchanged), the exempt kinds, never a complaint, and the case-number prefixes (INTAKE-8), each kind's own
 * or the built-in one. Admins change it (PUT /api/policies with the version read).
 */
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
  Input,
  InputNumber,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import type { ClockDuration, ClockRules, Policy } from '../../../contracts/policies';
import { call, isApiError } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { CASE_KINDS, CLOCK_NAMES, SEVERITIES, type ClockName } from '../../api/types';
import { FormAlert } from '../../components/FormDrawer';
import { applyServerError, type ShownError } from '../../components/form-errors';
import { PageHeader } from '../../components/PageHeader';
import { useI18n, type I18n } from '../../i18n/i18n';
import type { UiKey } from '../../i18n/zh-CN';
import {
  clashingPrefixKinds,
  CLOCKS_DUE_AT_GIVEN_TIME,
  DURATION_UNITS,
  durationText,
  normalisePrefix,
  PREFIX_PATTERN,
  startingDuration,
  toBody,
  toForm,
  unitLabel,
  type ClockMode,
  type DurationUnit,
  type PolicyForm,
} from './clockPolicyForm';

const PATH = endpoints.settings.policy.path;

/** What each clock is for, under its name. */
const PURPOSE: Record<ClockName, UiKey> = {
  dispatch: 'clockPolicy.purpose.dispatch',
  contact: 'clockPolicy.purpose.contact',
  route: 'clockPolicy.purpose.route',
  verify: 'clockPolicy.purpose.verify',
  reply: 'clockPolicy.purpose.reply',
  resolve: 'clockPolicy.purpose.resolve',
  callback: 'clockPolicy.purpose.callback',
  corrective: 'clockPolicy.purpose.corrective',
  onsite: 'clockPolicy.purpose.onsite',
  progress: 'clockPolicy.purpose.progress',
  appointment: 'clockPolicy.purpose.appointment',
  followUp: 'clockPolicy.purpose.followUp',
  homeVisit: 'clockPolicy.purpose.homeVisit',
};

/** `答复 12小时、办结 不计时` for one level of the table. */
function rulesText(i18n: I18n, rules: ClockRules | undefined): string {
  return (Object.entries(rules ?? {}) as [ClockName, ClockDuration | null | undefined][])
    .filter(([, d]) => d !== undefined)
    .map(([name, d]) => `${i18n.label('clock', name)} ${durationText(i18n.t, d)}`)
    .join(i18n.t('common.enumSep'));
}

export default function ClockPolicyPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PolicyForm>();
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const policy = useQuery({
    queryKey: [PATH],
    queryFn: ({ signal }) => call(endpoints.settings.policy, { signal }),
  });

  if (policy.isLoading) return <Skeleton active />;
  if (!policy.data) return <Alert type="error" showIcon title={policy.error?.message} />;
  const p = policy.data;

  const submit = async (v: PolicyForm) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await call(endpoints.settings.putPolicy, { body: toBody(p, v) });
      queryClient.setQueryData([PATH], saved);
      form.setFieldsValue(toForm(saved));
      message.success(t('common.saved'));
    } catch (e) {
      const shown = applyServerError(form, e);
      // the server's "two kinds share a prefix" is about the list: put it on the kinds that clash
      const shared = isApiError(e) ? e.fields.numberPrefixes : undefined;
      const clash = shared ? clashingPrefixKinds(form.getFieldValue('numberPrefixes') ?? {}) : [];
      if (shared && clash.length) {
        form.setFields(clash.map((k) => ({ name: ['numberPrefixes', k], errors: [shared] })));
        shown.extra = shown.extra.filter((m) => m !== shared);
      }
      setError(shown);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="clock-policy-page">
      <PageHeader title={t('nav.clockPolicy')} />
      <Typography.Paragraph type="secondary">{t('clockPolicy.help')}</Typography.Paragraph>
      <Form<PolicyForm>
        form={form}
        layout="vertical"
        initialValues={toForm(p)}
        onFinish={submit}
        scrollToFirstError
        data-testid="clock-policy-form"
      >
        {error && (
          <FormAlert
            error={error}
            onReload={() => {
              setError(null);
              void policy.refetch().then((r) => r.data && form.setFieldsValue(toForm(r.data)));
            }}
          />
        )}
        <Card title={t('clockPolicy.clocks')} style={{ maxWidth: 760, marginBottom: 16 }}>
          {CLOCK_NAMES.map((name) => (
            <ClockField key={name} name={name} p={p} />
          ))}
        </Card>
        <SpecificRules p={p} />
        <Card title={t('clockPolicy.callback')} style={{ maxWidth: 760, marginBottom: 16 }}>
          <ExemptKindsField p={p} />
        </Card>
        <NumberPrefixes p={p} />
        <Button type="primary" htmlType="submit" loading={busy} data-testid="clock-policy-save">
          {t('common.save')}
        </Button>
      </Form>
    </div>
  );
}

/** One clock: its built-in value, and the company's own — the built-in one, a duration, or off. */
function ClockField({ name, p }: { name: ClockName; p: Policy }) {
  const { t, label } = useI18n();
  const form = Form.useFormInstance<PolicyForm>();
  const mode = Form.useWatch(['modes', name], form) as ClockMode | undefined;
  const unit = Form.useWatch(['clockPolicy', 'defaults', name, 'unit'], form) as DurationUnit | undefined;
  const builtIn = p.defaults.clocks[name];
  const help = (
    <Space orientation="vertical" size={0}>
      <span>{t(PURPOSE[name])}</span>
      {!CLOCKS_DUE_AT_GIVEN_TIME.includes(name) && (
        <span data-testid={`clock-policy-default-${name}`}>
          {t('clockPolicy.builtIn', { value: durationText(t, builtIn) })}
        </span>
      )}
    </Space>
  );
  if (CLOCKS_DUE_AT_GIVEN_TIME.includes(name))
    return (
      <Form.Item label={label('clock', name)} extra={help}>
        <Typography.Text data-testid={`clock-policy-given-${name}`}>
          {t('clockPolicy.givenTime')}
        </Typography.Text>
      </Form.Item>
    );
  return (
    <Form.Item label={label('clock', name)} extra={help} style={{ marginBottom: 20 }}>
      <Flex wrap gap={8} data-testid={`clock-policy-${name}`}>
        <Form.Item name={['modes', name]} noStyle>
          <Select<ClockMode>
            style={{ width: 160 }}
            options={[
              { value: 'default', label: t('clockPolicy.mode.default') },
              { value: 'duration', label: t('clockPolicy.mode.duration') },
              { value: 'off', label: t('clockPolicy.mode.off') },
            ]}
            onChange={(next) => {
              // a clock the company turns on starts from the built-in value, or the suggested one when that is off
              if (next === 'duration' && !form.getFieldValue(['clockPolicy', 'defaults', name, 'unit']))
                form.setFieldValue(['clockPolicy', 'defaults', name], startingDuration(p, name));
            }}
            data-testid={`clock-policy-mode-${name}`}
          />
        </Form.Item>
        {mode === 'duration' && (
          <Space.Compact>
            {unit !== 'same_day' && (
              <Form.Item
                name={['clockPolicy', 'defaults', name, 'amount']}
                noStyle
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <InputNumber
                  min={unit === 'minutes' || unit === 'hours' ? 1 : 0}
                  precision={0}
                  style={{ width: 100 }}
                  data-testid={`clock-policy-amount-${name}`}
                />
              </Form.Item>
            )}
            <Form.Item name={['clockPolicy', 'defaults', name, 'unit']} noStyle>
              <Select<DurationUnit>
                style={{ width: 120 }}
                options={DURATION_UNITS.map((u) => ({ value: u, label: unitLabel(t, u) }))}
                data-testid={`clock-policy-unit-${name}`}
              />
            </Form.Item>
          </Space.Compact>
        )}
      </Flex>
    </Form.Item>
  );
}

/** The rules by kind, severity and category: listed, kept as they are. */
function SpecificRules({ p }: { p: Policy }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const { byKind, bySeverity, byCategory } = p.clockPolicy;
  const items = [
    ...CASE_KINDS.filter((k) => rulesText(i18n, byKind?.[k])).map((k) => ({
      key: `kind-${k}`,
      label: label('caseKind', k),
      children: rulesText(i18n, byKind?.[k]),
    })),
    ...SEVERITIES.filter((s) => rulesText(i18n, bySeverity?.[s])).map((s) => ({
      key: `severity-${s}`,
      label: label('severity', s),
      children: rulesText(i18n, bySeverity?.[s]),
    })),
  ];
  const categories = Object.keys(byCategory ?? {}).length;
  return (
    <Card title={t('clockPolicy.specific')} style={{ maxWidth: 760, marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('clockPolicy.specificHelp')}</Typography.Paragraph>
      {items.length > 0 && (
        <Descriptions column={1} size="small" items={items} data-testid="clock-policy-specific" />
      )}
      {categories > 0 && (
        <Typography.Paragraph>{t('clockPolicy.byCategory', { n: categories })}</Typography.Paragraph>
      )}
      {!items.length && !categories && (
        <Typography.Text type="secondary">{t('clockPolicy.noSpecific')}</Typography.Text>
      )}
    </Card>
  );
}

/** 当场办结免回访的类型: never a complaint, which is always called back. */
function ExemptKindsField({ p }: { p: Policy }) {
  const { t, label } = useI18n();
  const builtIn = p.defaults.callbackExemptKinds.map((k) => label('caseKind', k)).join(t('common.enumSep'));
  return (
    <Form.Item
      name="callbackExemptKinds"
      label={t('clockPolicy.exemptKinds')}
      extra={
        <Space orientation="vertical" size={0}>
          <span>{t('clockPolicy.exemptKindsHelp')}</span>
          <span data-testid="clock-policy-exempt-complaint">
            {t('clockPolicy.complaintAlwaysCalledBack')}
          </span>
          <span>{t('clockPolicy.builtIn', { value: builtIn || t('clockPolicy.none') })}</span>
        </Space>
      }
    >
      <Select
        mode="multiple"
        allowClear
        placeholder={t('clockPolicy.none')}
        options={CASE_KINDS.map((k) => ({
          value: k,
          label: label('caseKind', k),
          disabled: k === 'complaint',
        }))}
        data-testid="clock-policy-exempt-kinds"
      />
    </Form.Item>
  );
}

/** 工单编号前缀 (INTAKE-8): each kind's own prefix, or blank for the built-in one shown beside it. */
function NumberPrefixes({ p }: { p: Policy }) {
  const { t, label } = useI18n();
  const year = new Date().getFullYear();
  return (
    <Card
      title={t('clockPolicy.prefixes')}
      style={{ maxWidth: 760, marginBottom: 16 }}
      data-testid="clock-policy-prefixes"
    >
      <Typography.Paragraph type="secondary">{t('clockPolicy.prefixesHelp')}</Typography.Paragraph>
      {CASE_KINDS.map((kind) => {
        const builtIn = p.defaults.numberPrefixes[kind] ?? '';
        return (
          <Form.Item
            key={kind}
            name={['numberPrefixes', kind]}
            label={label('caseKind', kind)}
            normalize={(v: string) => v.toUpperCase()}
            dependencies={CASE_KINDS.filter((k) => k !== kind).map((k) => ['numberPrefixes', k])}
            extra={t('clockPolicy.prefixBuiltIn', { prefix: builtIn, year })}
            rules={[
              {
                validator: (_, v: string | undefined) =>
                  !normalisePrefix(v) || PREFIX_PATTERN.test(normalisePrefix(v))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('clockPolicy.prefixFormat'))),
              },
              ({ getFieldValue }) => ({
                validator: () =>
                  clashingPrefixKinds(getFieldValue('numberPrefixes') ?? {}).includes(kind)
                    ? Promise.reject(new Error(t('clockPolicy.prefixShared')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input
              placeholder={builtIn}
              maxLength={4}
              style={{ width: 120 }}
              aria-label={t('clockPolicy.prefixOf', { kind: label('caseKind', kind) })}
              data-testid={`clock-policy-prefix-${kind}`}
            />
          </Form.Item>
        );
      })}
    </Card>
  );
}
