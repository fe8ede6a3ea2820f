/**
 * What the 首问负责制度登记表 screen and its print view share (FORM-2, 004 第九条, 附表二): the register of a
 * department and month as the server reads it, the department picker (departments in the reader's scope) and the
 * texts of the 处理情况 and 业主意见 columns.
 */
import { useEffect, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { endpoints } from '../../api/endpoints';
import { call } from '../../api/client';
import { useCan, useDepartments, useMe } from '../../api/queries';
import { useI18n, type I18n } from '../../i18n/i18n';
import type { FirstAskRegisterRow } from '../../../contracts/accountability';
import { useCompanyWide } from './reportsUi';

export const FIRST_ASK_REGISTER = endpoints.accountability.firstAskRegister.path;

export interface RegisterQuery {
  departmentId: string;
  year?: number;
  month?: number;
}

/** The register of a department and month (the server's current month when none is given). */
export function useFirstAskRegister(q: RegisterQuery | null) {
  return useQuery({
    queryKey: [FIRST_ASK_REGISTER, q],
    queryFn: ({ signal }) => call(endpoints.accountability.firstAskRegister, { query: q!, signal }),
    enabled: q !== null,
    retry: false,
  });
}

/** 处理情况: the case's state, then the result once resolved. */
export const handlingText = (r: FirstAskRegisterRow, label: I18n['label']) =>
  [label('caseState', r.state), r.result].filter(Boolean).join('：');

/** 业主意见: the latest callback's answer, blank before any. */
export const opinionText = (r: FirstAskRegisterRow, label: I18n['label']) =>
  r.satisfaction ? label('satisfaction', r.satisfaction) : '';

/** The register's query as the print view's address carries it. */
export function printPath(q: RegisterQuery): string {
  const params = new URLSearchParams({ departmentId: q.departmentId });
  if (q.year) params.set('year', String(q.year));
  if (q.month) params.set('month', String(q.month));
  return `/reports/first-ask-register/print?${params.toString()}`;
}

/**
 * The departments the reader may read the register of: every one for company-wide roles, else the company
 * departments and those of the reader's offices (the server answers 404 for the others, LEDGER-3). Picks the
 * reader's own department by default, else the first.
 */
export function DepartmentSelect({
  value,
  onChange,
  testId,
}: {
  value: string | undefined;
  onChange: (v: string) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const me = useMe();
  const can = useCan();
  const companyWide = useCompanyWide();
  const departments = useDepartments(can('org.read'));
  const own = me.data?.user.departmentId ?? null;
  const options = useMemo(() => {
    const mine = me.data?.user.officeIds ?? [];
    const opts = (departments.data?.items ?? [])
      .filter((d) => companyWide || !d.office || mine.includes(d.office.id))
      .map((d) => ({ value: d.id, label: d.office ? `${d.office.name} · ${d.name}` : d.name }));
    // without org.read the register of departments is closed: the reader's own department still is theirs
    if (own && !opts.some((o) => o.value === own))
      opts.unshift({ value: own, label: t('firstAsk.ownDepartment') });
    return opts;
  }, [departments.data, companyWide, me.data, own, t]);

  useEffect(() => {
    if (value !== undefined || !options.length) return;
    onChange(options.find((o) => o.value === own)?.value ?? options[0].value);
  }, [value, options, own, onChange]);

  return (
    <Select
      value={value}
      onChange={onChange}
      options={options}
      loading={departments.isLoading}
      style={{ minWidth: 220, maxWidth: '100%' }}
      placeholder={t('firstAsk.department')}
      aria-label={t('firstAsk.department')}
      data-testid={testId}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}
