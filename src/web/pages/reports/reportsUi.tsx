/** Pieces the report screens share: the office picker (scope as the server applies it) and rates as percentages. */
import { useEffect, useMemo } from 'react';
import { Select, Space, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useCan, useMe, useOffices } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { isUiKey } from '../../i18n/dictionaries';

/** Admins and managers see every office (and the company-wide summary); the others their own offices. */
export function useCompanyWide(): boolean {
  const me = useMe();
  return Boolean(me.data?.user.roles.some((r) => r === 'admin' || r === 'manager'));
}

/**
 * The office to report on. `allowAll`: an "all offices" choice (value '') for company-wide users. Picks the
 * user's only office by default.
 */
export function OfficeSelect({
  value,
  onChange,
  allowAll,
  testId,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  allowAll: boolean;
  testId: string;
}) {
  const { t } = useI18n();
  const me = useMe();
  const can = useCan();
  const companyWide = useCompanyWide();
  const offices = useOffices(can('org.read'));
  const mine = useMemo(() => me.data?.user.officeIds ?? [], [me.data]);
  const options = useMemo(() => {
    const list = (offices.data?.items ?? []).filter((o) => companyWide || mine.includes(o.id));
    const opts = list.map((o) => ({ value: o.id, label: o.name }));
    // an office of the user's the register did not return (no org.read): still selectable by id
    for (const id of mine)
      if (!opts.some((o) => o.value === id)) opts.push({ value: id, label: id.slice(0, 8) });
    return allowAll && companyWide ? [{ value: '', label: t('reports.allOffices') }, ...opts] : opts;
  }, [offices.data, companyWide, mine, allowAll, t]);

  useEffect(() => {
    if (value !== undefined) return;
    if (allowAll && companyWide) onChange('');
    else if (options.length) onChange(options[0].value);
  }, [value, allowAll, companyWide, options, onChange]);

  return (
    <Select
      value={value}
      onChange={onChange}
      options={options}
      loading={offices.isLoading}
      style={{ minWidth: 180, maxWidth: '100%' }}
      placeholder={t('reports.office')}
      aria-label={t('reports.office')}
      data-testid={testId}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}

/** 0.8 → 80.0%; null (nothing to divide by) → — */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

/** A rate with its parts and its formula as help text. */
export function RateText({
  value,
  numerator,
  denominator,
  formulaKey,
  testId,
}: {
  value: number | null;
  numerator: number;
  denominator: number;
  formulaKey?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const formula = formulaKey && isUiKey(formulaKey) ? t(formulaKey) : undefined;
  return (
    <Space size={4} data-testid={testId}>
      <Typography.Text strong>{percent(value)}</Typography.Text>
      <Typography.Text type="secondary">
        ({numerator}/{denominator})
      </Typography.Text>
      {formula && (
        <Tooltip title={formula}>
          <QuestionCircleOutlined aria-label={formula} tabIndex={0} style={{ color: 'rgba(0,0,0,0.45)' }} />
        </Tooltip>
      )}
    </Space>
  );
}
