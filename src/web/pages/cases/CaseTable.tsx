import { endpoints } from '../../api/endpoints';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { Button, Checkbox, Input, Segmented, Select, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import type { CaseQuery } from '../../api/cases';
import { useAll, type CursorList } from '../../api/queries';
import {
  CASE_KINDS,
  CASE_STATES,
  OPEN_CASE_STATES,
  SEVERITIES,
  type Case,
  type CaseKind,
  type CaseState,
  type Severity,
} from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { Toolbar } from '../../components/PageHeader';
import { usePhone } from '../../components/usePhone';
import { useI18n } from '../../i18n/i18n';
import { CaseCards } from './CaseCards';
import { NearestClockChip, placeOf, SeverityTag, StateTag, TierBadge } from './caseUi';

/** The columns of a case table, by key: a page may show some of them (the room page's history). */
export type CaseColumnKey =
  | 'number'
  | 'state'
  | 'clock'
  | 'kind'
  | 'severity'
  | 'summary'
  | 'room'
  | 'firstResponder'
  | 'handler'
  | 'receivedAt';

export function useCaseColumns(): ColumnsType<Case> {
  const { t, label, dateTime } = useI18n();
  return useMemo(
    () => [
      {
        title: t('case.number'),
        key: 'number',
        dataIndex: 'number',
        fixed: 'left',
        render: (_, c) => (
          <Link to={`/cases/${c.id}`} data-testid="case-link" style={{ whiteSpace: 'nowrap' }}>
            {c.number}
          </Link>
        ),
      },
      {
        title: t('case.state'),
        key: 'state',
        dataIndex: 'state',
        render: (_, c) => (
          <>
            <StateTag state={c.state} />
            <TierBadge tier={c.escalationTier} />
          </>
        ),
      },
      { title: t('case.clock'), key: 'clock', render: (_, c) => <NearestClockChip c={c} /> },
      { title: t('case.kind'), key: 'kind', dataIndex: 'kind', render: (_, c) => label('caseKind', c.kind) },
      {
        title: t('case.severity'),
        key: 'severity',
        dataIndex: 'severity',
        render: (_, c) => <SeverityTag severity={c.severity} />,
      },
      {
        title: t('case.summary'),
        key: 'summary',
        dataIndex: 'description',
        width: 260,
        render: (_, c) => (
          <Typography.Text ellipsis={{ tooltip: c.description }} style={{ maxWidth: 260 }}>
            {c.category ? `【${c.category.name}】` : ''}
            {c.description}
          </Typography.Text>
        ),
      },
      { title: t('case.room'), key: 'room', render: (_, c) => placeOf(c) },
      {
        title: t('case.firstResponder'),
        key: 'firstResponder',
        render: (_, c) => c.firstResponder?.name ?? '—',
      },
      {
        title: t('case.handler'),
        key: 'handler',
        render: (_, c) => c.handler?.name ?? c.target?.name ?? '—',
      },
      {
        title: t('case.receivedAt'),
        key: 'receivedAt',
        dataIndex: 'receivedAt',
        render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{dateTime(c.receivedAt)}</span>,
      },
    ],
    [t, label, dateTime],
  );
}

/**
 * A case list: a table on a wide screen, cards on a phone (CaseCards: number, state, clock, room, the first line of
 * the matter; a tap opens the case). `columns` keeps only those columns of the table.
 */
export function CaseTable({
  list,
  testId,
  columns: keys,
  emptyText,
}: {
  list: CursorList<Case>;
  testId?: string;
  columns?: CaseColumnKey[];
  emptyText?: string;
}) {
  const all = useCaseColumns();
  const phone = usePhone();
  const columns = keys ? all.filter((c) => keys.includes(c.key as CaseColumnKey)) : all;
  if (phone) return <CaseCards list={list} testId={testId} emptyText={emptyText} />;
  return (
    <DataTable<Case>
      list={list}
      testId={testId}
      columns={columns}
      locale={emptyText ? { emptyText } : undefined}
      onRow={(c) => ({ 'data-testid': `case-row-${c.number}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}

// ── filters in the header, remembered per user (UI-5: saved filters) ──────────────────────

export interface CaseFilters {
  state: CaseState[];
  kind: CaseKind[];
  severity: Severity[];
  communityId?: string;
  overdue: boolean;
  q: string;
  sort: 'nextDue' | 'received';
}

export function filtersToQuery(f: CaseFilters): CaseQuery {
  return {
    state: f.state,
    kind: f.kind,
    severity: f.severity,
    communityId: f.communityId,
    overdue: f.overdue ? 'true' : undefined,
    q: f.q.trim() || undefined,
    sort: f.sort,
  };
}

/** Filters kept in localStorage under the user and the list, so each queue opens as it was left. */
export function useSavedFilters(storageKey: string, defaults: CaseFilters) {
  const [filters, setFilters] = useState<CaseFilters>(() => {
    try {
      const raw = localStorage.getItem(storageKey);
      if (raw) return { ...defaults, ...(JSON.parse(raw) as Partial<CaseFilters>) };
    } catch {
      // unreadable: start from the defaults
    }
    return defaults;
  });
  useEffect(() => {
    try {
      localStorage.setItem(storageKey, JSON.stringify(filters));
    } catch {
      // private mode: filters last for this visit
    }
  }, [storageKey, filters]);
  return [filters, setFilters, () => setFilters(defaults)] as const;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

export function CaseFilterBar({
  filters,
  onChange,
  onReset,
  hide = [],
}: {
  filters: CaseFilters;
  onChange: (f: CaseFilters) => void;
  onReset: () => void;
  hide?: (keyof CaseFilters)[];
}) {
  const { t, label } = useI18n();
  const communities = useAll(endpoints.property.listCommunities);
  /** one short tag for a multiple choice: the value itself, a name for a preset, or "状态 3 项" */
  const summary = <T extends string>(values: T[], name: (v: T) => string, what: string, preset?: string) =>
    preset ?? (values.length === 1 ? name(values[0]) : t('caseList.nChosen', { what, count: values.length }));
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  const set = (patch: Partial<CaseFilters>) => onChange({ ...filters, ...patch });
  const shown = (k: keyof CaseFilters) => !hide.includes(k);
  const wide = { minWidth: 150, maxWidth: '100%' };
  return (
    <Toolbar>
      {shown('q') && (
        <Input.Search
          allowClear
          placeholder={t('caseList.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => set({ q: v })}
          style={{ width: 300, maxWidth: '100%' }}
          data-testid="case-filter-q"
        />
      )}
      {shown('state') && (
        <Select<CaseState[]>
          mode="multiple"
          allowClear
          maxTagCount={0}
          maxTagPlaceholder={() =>
            summary(
              filters.state,
              (v) => label('caseState', v),
              t('case.state'),
              sameSet(filters.state, OPEN_CASE_STATES) ? t('caseList.openStates') : undefined,
            )
          }
          placeholder={t('caseList.allStates')}
          value={filters.state}
          onChange={(state) => set({ state })}
          options={CASE_STATES.map((s) => ({ value: s, label: label('caseState', s) }))}
          style={wide}
          data-testid="case-filter-state"
        />
      )}
      {shown('kind') && (
        <Select<CaseKind[]>
          mode="multiple"
          allowClear
          maxTagCount={0}
          maxTagPlaceholder={() => summary(filters.kind, (v) => label('caseKind', v), t('case.kind'))}
          placeholder={t('caseList.allKinds')}
          value={filters.kind}
          onChange={(kind) => set({ kind })}
          options={CASE_KINDS.map((k) => ({ value: k, label: label('caseKind', k) }))}
          style={wide}
          data-testid="case-filter-kind"
        />
      )}
      {shown('severity') && (
        <Select<Severity[]>
          mode="multiple"
          allowClear
          maxTagCount={0}
          maxTagPlaceholder={() => summary(filters.severity, (v) => label('severity', v), t('case.severity'))}
          placeholder={t('caseList.allSeverities')}
          value={filters.severity}
          onChange={(severity) => set({ severity })}
          options={SEVERITIES.map((s) => ({ value: s, label: label('severity', s) }))}
          style={wide}
          data-testid="case-filter-severity"
        />
      )}
      {shown('communityId') && (
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('caseList.allCommunities')}
          value={filters.communityId}
          onChange={(communityId) => set({ communityId })}
          options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          style={wide}
          data-testid="case-filter-community"
        />
      )}
      {shown('overdue') && (
        <Checkbox
          checked={filters.overdue}
          onChange={(e) => set({ overdue: e.target.checked })}
          data-testid="case-filter-overdue"
          style={{ alignSelf: 'center' }}
        >
          {t('caseList.overdueOnly')}
        </Checkbox>
      )}
      {shown('sort') && (
        <Segmented<CaseFilters['sort']>
          value={filters.sort}
          onChange={(sort) => set({ sort })}
          options={[
            { value: 'nextDue', label: t('caseList.sortNextDue') },
            { value: 'received', label: t('caseList.sortReceived') },
          ]}
          data-testid="case-filter-sort"
        />
      )}
      <Button icon={<ReloadOutlined />} onClick={onReset} data-testid="case-filter-reset">
        {t('caseList.resetFilters')}
      </Button>
    </Toolbar>
  );
}
