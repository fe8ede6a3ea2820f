/**
 * 工单列表: 我的工单 (as first responder / as handler), 部门工单 (my department), 全部工单 (everything in my scope).
 * Work queues sort by the nearest due time by default (UI-2); filters sit in the header and are
 * remembered per user.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useCaseList, useMyUser } from '../../api/cases';
import { useCan, useMe, useOffices } from '../../api/queries';
import { DAILY_RESULTS_FILTER, OPEN_CASE_STATES } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import { CaseFilterBar, CaseTable, filtersToQuery, useSavedFilters, type CaseFilters } from './CaseTable';

export type CaseListScope = 'mine' | 'department' | 'all';

const QUEUE_DEFAULTS: CaseFilters = {
  state: [...OPEN_CASE_STATES],
  kind: [],
  severity: [],
  overdue: false,
  q: '',
  sort: 'nextDue',
};
const ALL_DEFAULTS: CaseFilters = { ...QUEUE_DEFAULTS, state: [], sort: 'received' };

export default function CaseListPage({ scope }: { scope: CaseListScope }) {
  const { t, date } = useI18n();
  const me = useMe();
  const can = useCan();
  const userId = me.data?.user.id ?? '';
  const [filters, setFilters, reset] = useSavedFilters(
    `huiyin.caseFilters.${userId}.${scope}`,
    scope === 'all' ? ALL_DEFAULTS : QUEUE_DEFAULTS,
  );
  const [role, setRole] = useState<'handler' | 'firstResponder'>('handler');
  const myUser = useMyUser();
  const departmentId = myUser.data?.departmentId ?? null;

  // the bell's daily results (CALLBACK-8): an office's general matters resolved on a day, shown as they are
  const [search] = useSearchParams();
  const resultsOf =
    scope === 'all' && search.get('officeId') && search.get('resolvedOn')
      ? { officeId: search.get('officeId')!, day: search.get('resolvedOn')! }
      : null;
  const offices = useOffices(Boolean(resultsOf) && can('org.read'));
  const officeName = offices.data?.items.find((o) => o.id === resultsOf?.officeId)?.name;

  const base = resultsOf
    ? {
        ...filtersToQuery({ ...ALL_DEFAULTS, q: filters.q }),
        kind: [...DAILY_RESULTS_FILTER.kinds],
        severity: [...DAILY_RESULTS_FILTER.severities],
        officeId: [resultsOf.officeId],
        resolvedOn: resultsOf.day,
      }
    : filtersToQuery(filters);
  const params =
    scope === 'mine'
      ? role === 'handler'
        ? { ...base, handlerId: userId }
        : { ...base, firstResponderId: userId }
      : scope === 'department'
        ? { ...base, departmentId: departmentId ?? undefined }
        : base;
  const enabled = Boolean(userId) && (scope !== 'department' || Boolean(departmentId));
  const list = useCaseList(params, { enabled });

  const title =
    scope === 'mine'
      ? t('nav.casesMine')
      : scope === 'department'
        ? t('nav.casesDepartment')
        : t('nav.casesAll');
  const subTitle =
    scope === 'department' && myUser.data?.departmentName
      ? myUser.data.departmentName
      : scope === 'all'
        ? t('caseList.allHint')
        : undefined;

  return (
    <>
      <PageHeader
        title={title}
        subTitle={subTitle}
        extra={
          can('cases.create') && (
            <Link to="/cases/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="case-new">
                {t('nav.caseNew')}
              </Button>
            </Link>
          )
        }
      />
      {scope === 'mine' && (
        <Tabs
          activeKey={role}
          onChange={(k) => setRole(k as typeof role)}
          items={[
            { key: 'handler', label: <span data-testid="tab-handler">{t('caseList.asHandler')}</span> },
            {
              key: 'firstResponder',
              label: <span data-testid="tab-first-responder">{t('caseList.asFirstResponder')}</span>,
            },
          ]}
        />
      )}
      {scope === 'department' && !departmentId && !myUser.isLoading && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('caseList.noDepartment')}
          data-testid="no-department"
        />
      )}
      {resultsOf ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="daily-results-filter"
          title={t('caseList.dailyResults', {
            day: date(resultsOf.day),
            office: officeName ?? t('caseList.dailyResultsOffice'),
          })}
          action={
            <Link to="/cases/all" data-testid="daily-results-clear">
              {t('caseList.dailyResultsClear')}
            </Link>
          }
        />
      ) : (
        <CaseFilterBar filters={filters} onChange={setFilters} onReset={reset} />
      )}
      <CaseTable list={list} testId={`cases-table-${scope}`} />
    </>
  );
}
