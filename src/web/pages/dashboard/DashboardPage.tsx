/**
 * 数据看板 (REPORT-7): today's open, overdue and due-soon cases, the monthly trend, the Pareto of this month's
 * complaints by category and this month's rates against targets, for the offices in the user's scope — filtered
 * by office and community. Every chart has its table (UI-10) with a CSV export of that table.
 */
import { endpoints } from '../../api/endpoints';
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { DownloadOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { call } from '../../api/client';
import { useAll } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import type { UiKey } from '../../i18n/dictionaries';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { translate } from '../../../contracts/messages';
import type { DashboardRates, ParetoItem, TrendPoint } from '../../../contracts/dashboard';
import type { Figure } from '../../../contracts/reports';
import { EChart, type ChartOption } from './EChart';
import { downloadCsv, toCsv } from './csv';

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

const RATE_ORDER: { key: keyof DashboardRates; label: UiKey }[] = [
  { key: 'onTime', label: 'dash.rate.onTime' },
  { key: 'callback', label: 'dash.rate.callback' },
  { key: 'satisfaction', label: 'dash.rate.satisfaction' },
  { key: 'reopen', label: 'dash.rate.reopen' },
  { key: 'effectiveComplaint', label: 'dash.rate.effectiveComplaint' },
];

/** A titled section: the chart (if any), its table, and the export of that table. */
function Section({
  title,
  help,
  onExport,
  children,
}: {
  title: string;
  help?: string;
  onExport: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={<span style={{ whiteSpace: 'normal' }}>{title}</span>}
      extra={
        <Button
          size="small"
          icon={<DownloadOutlined />}
          onClick={onExport}
          aria-label={t('dash.exportLabel', { title })}
        >
          {t('dash.export')}
        </Button>
      }
      style={{ marginBottom: 16, minWidth: 0 }}
    >
      {help && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {help}
        </Typography.Paragraph>
      )}
      {children}
    </Card>
  );
}

export default function DashboardPage() {
  const { t, locale } = useI18n();
  const [officeId, setOfficeId] = useState<string | undefined>();
  const [communityId, setCommunityId] = useState<string | undefined>();
  const offices = useAll(endpoints.org.listOffices);
  const communities = useAll(endpoints.property.listCommunities, officeId ? { officeId } : {});
  const params = { officeId, communityId, months: 12 };
  const q = useQuery({
    queryKey: [endpoints.reports.dashboard.path, params],
    queryFn: ({ signal }) => call(endpoints.reports.dashboard, { query: params, signal }),
    retry: false,
  });
  const d = q.data;

  const trendTitle = t('dash.trend', { months: d?.trend.length ?? 12 });
  const paretoTitle = t('dash.pareto');
  const ratesTitle = t('dash.rates');
  const month = d ? d.paretoPeriod.month : '';
  const stamp = (name: string) => `${name}-${month || dayjs().format('YYYY-MM')}.csv`;

  const trendOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: d?.trend.map((p) => p.month) ?? [] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('dash.received'), type: 'line', data: d?.trend.map((p) => p.received) ?? [] },
        { name: t('dash.resolved'), type: 'line', data: d?.trend.map((p) => p.resolved) ?? [] },
        { name: t('dash.complaints'), type: 'line', data: d?.trend.map((p) => p.complaints) ?? [] },
      ],
    }),
    [d, t],
  );

  const paretoOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: d?.pareto.map((p) => p.name) ?? [],
        axisLabel: { interval: 0, rotate: 30, width: 80, overflow: 'truncate' },
      },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('dash.count'), type: 'bar', data: d?.pareto.map((p) => p.count) ?? [] },
        {
          name: t('dash.cumulative'),
          type: 'line',
          yAxisIndex: 1,
          data: d?.pareto.map((p) => Math.round(p.cumulativeShare * 1000) / 10) ?? [],
        },
      ],
    }),
    [d, t],
  );

  const rateRows = d
    ? RATE_ORDER.map(({ key, label }) => ({ key, name: t(label), figure: d.rates[key] as Figure }))
    : [];
  const targetText = (f: Figure) =>
    f.target ? `${f.target.op === '>=' ? '≥' : '≤'} ${percent(f.target.value)}` : t('dash.noTarget');
  const meetsText = (f: Figure) =>
    f.meetsTarget === null ? '—' : f.meetsTarget ? t('dash.meets.yes') : t('dash.meets.no');

  const stat = (title: string, value: number | undefined, to: string, testId: string, danger = false) => (
    <Col xs={24} sm={8}>
      <Card size="small">
        <Link to={to} data-testid={testId}>
          <Statistic
            title={title}
            value={value ?? 0}
            loading={q.isLoading}
            styles={{ content: danger && value ? { color: '#cf1322' } : undefined }}
          />
        </Link>
      </Card>
    </Col>
  );

  return (
    <div data-testid="dashboard" style={{ minWidth: 0, overflowX: 'hidden' }}>
      <PageHeader
        title={t('dash.title')}
        subTitle={d ? t('dash.subtitle', { time: dayjs(d.now).format(t('format.dateTime')) }) : undefined}
      />
      <Toolbar>
        <Select
          data-testid="dashboard-office"
          aria-label={t('dash.office')}
          allowClear
          placeholder={t('dash.allOffices')}
          value={officeId}
          onChange={(v?: string) => {
            setOfficeId(v);
            setCommunityId(undefined);
          }}
          options={(offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          style={{ width: 200, maxWidth: '100%' }}
        />
        <Select
          data-testid="dashboard-community"
          aria-label={t('dash.community')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('dash.allCommunities')}
          value={communityId}
          onChange={(v?: string) => setCommunityId(v)}
          options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          style={{ width: 200, maxWidth: '100%' }}
        />
      </Toolbar>

      {q.isError && (
        <Alert
          type="error"
          showIcon
          title={t('dash.loadFailed')}
          description={q.error.message}
          style={{ marginBottom: 16 }}
        />
      )}

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {stat(t('dash.open'), d?.today.open, '/cases/all', 'dash-open')}
        {stat(t('dash.overdue'), d?.today.overdue, '/cases/overdue', 'dash-overdue', true)}
        {stat(t('dash.dueSoon'), d?.today.dueSoon, '/cases/all', 'dash-due-soon')}
      </Row>

      {d && d.summaryStatus.overdueCount > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('dash.summaryOverdue', { count: d.summaryStatus.overdueCount })}
          style={{ marginBottom: 16 }}
        />
      )}

      <Section
        title={trendTitle}
        onExport={() =>
          downloadCsv(
            stamp('trend'),
            toCsv(
              [t('dash.month'), t('dash.received'), t('dash.resolved'), t('dash.complaints')],
              (d?.trend ?? []).map((p) => [p.month, p.received, p.resolved, p.complaints]),
            ),
          )
        }
      >
        <EChart
          option={trendOption}
          label={t('dash.chartLabel', { title: trendTitle })}
          testId="dash-trend-chart"
        />
        <Table<TrendPoint>
          data-testid="dash-trend-table"
          size="small"
          rowKey="month"
          loading={q.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={d?.trend ?? []}
          columns={[
            { title: t('dash.month'), dataIndex: 'month' },
            { title: t('dash.received'), dataIndex: 'received', align: 'right' },
            { title: t('dash.resolved'), dataIndex: 'resolved', align: 'right' },
            { title: t('dash.complaints'), dataIndex: 'complaints', align: 'right' },
          ]}
        />
      </Section>

      <Section
        title={paretoTitle}
        help={month ? t('dash.paretoHelp', { month }) : undefined}
        onExport={() =>
          downloadCsv(
            stamp('pareto'),
            toCsv(
              [t('dash.category'), t('dash.count'), t('dash.cumulative')],
              (d?.pareto ?? []).map((p) => [p.name, p.count, percent(p.cumulativeShare)]),
            ),
          )
        }
      >
        <EChart
          option={paretoOption}
          label={t('dash.chartLabel', { title: paretoTitle })}
          testId="dash-pareto-chart"
        />
        <Table<ParetoItem>
          data-testid="dash-pareto-table"
          size="small"
          rowKey={(p) => p.categoryId ?? 'none'}
          loading={q.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={d?.pareto ?? []}
          columns={[
            { title: t('dash.category'), dataIndex: 'name' },
            { title: t('dash.count'), dataIndex: 'count', align: 'right' },
            {
              title: t('dash.cumulative'),
              dataIndex: 'cumulativeShare',
              align: 'right',
              render: (v: number) => percent(v),
            },
          ]}
        />
      </Section>

      <Section
        title={ratesTitle}
        help={month ? t('dash.ratesHelp', { month }) : undefined}
        onExport={() =>
          downloadCsv(
            stamp('rates'),
            toCsv(
              [t('dash.rate'), t('dash.value'), t('dash.parts'), t('dash.target'), t('dash.meets')],
              rateRows.map((r) => [
                r.name,
                percent(r.figure.value),
                `${r.figure.numerator} ÷ ${r.figure.denominator}`,
                targetText(r.figure),
                meetsText(r.figure),
              ]),
            ),
          )
        }
      >
        <Table
          data-testid="dash-rates-table"
          size="small"
          rowKey="key"
          loading={q.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rateRows}
          columns={[
            {
              title: t('dash.rate'),
              dataIndex: 'name',
              render: (name: string, r) => {
                const formula = translate(locale, r.figure.formulaKey);
                return (
                  <Space size={4}>
                    {name}
                    <Tooltip title={formula}>
                      <QuestionCircleOutlined
                        aria-label={formula}
                        tabIndex={0}
                        style={{ color: 'rgba(0,0,0,0.45)' }}
                      />
                    </Tooltip>
                  </Space>
                );
              },
            },
            {
              title: t('dash.value'),
              key: 'value',
              align: 'right',
              render: (_, r) => <Typography.Text strong>{percent(r.figure.value)}</Typography.Text>,
            },
            {
              title: t('dash.parts'),
              key: 'parts',
              align: 'right',
              render: (_, r) => `${r.figure.numerator} ÷ ${r.figure.denominator}`,
            },
            { title: t('dash.target'), key: 'target', render: (_, r) => targetText(r.figure) },
            {
              title: t('dash.meets'),
              key: 'meets',
              // colour is never the only signal: the tag carries the words
              render: (_, r) =>
                r.figure.meetsTarget === null ? (
                  '—'
                ) : (
                  <Tag color={r.figure.meetsTarget ? 'green' : 'red'}>{meetsText(r.figure)}</Tag>
                ),
            },
          ]}
        />
      </Section>
    </div>
  );
}
