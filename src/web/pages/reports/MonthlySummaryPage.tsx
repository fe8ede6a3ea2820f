/**
 * 月度投诉汇总 — the monthly complaint summary (REPORT-1, REPORT-4): the internal version (every figure with its formula and a
 * drill-down to the cases behind it), the public version (公示版) with its editable wording, the workflow
 * draft → approved → published, the exports, and the months still unpublished after the 5th. The month in progress
 * shows its figures so far, marked as such, with no workflow, drill-down, export or public version. The page's state is
 * in monthly/useMonthlySummary, the writes in monthly/useSummaryActions, each view in its own file in monthly/.
 */
import { Alert, Button, DatePicker, Spin, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { isApiError, urlOf } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import { DrillDrawer } from './monthly/DrillDrawer';
import { InternalView } from './monthly/InternalView';
import { PublicView } from './monthly/PublicView';
import { StatusBoard } from './monthly/StatusBoard';
import { useMonthlySummary, type SummaryTab } from './monthly/useMonthlySummary';
import { WorkflowBar } from './monthly/WorkflowBar';
import { OfficeSelect } from './reportsUi';

export default function MonthlySummaryPage() {
  const { t, label, dateTime } = useI18n();
  const {
    officeId,
    setOfficeId,
    pickMonth,
    monthValue,
    tab,
    setTab,
    drill,
    setDrill,
    summary,
    s,
    printVersion,
    exportXlsx,
    openMonth,
  } = useMonthlySummary();

  return (
    <div data-testid="summary-page">
      <PageHeader
        title={t('nav.reportsMonthly')}
        subTitle={s ? t('reports.periodTitle', { title: s.title, year: s.year, month: s.month }) : undefined}
        extra={
          s &&
          !s.inProgress && (
            <>
              <Button
                icon={<FileExcelOutlined />}
                href={urlOf(endpoints.reports.monthly.exportXlsx, { id: s.id })}
                onClick={(e) => exportXlsx(e, s, 'internal')}
                data-testid="summary-export-internal"
              >
                {t('summary.exportInternal')}
              </Button>
              <Button
                icon={<FileExcelOutlined />}
                href={urlOf(endpoints.reports.monthly.exportXlsx, { id: s.id }, { version: 'public' })}
                onClick={(e) => exportXlsx(e, s, 'public')}
                data-testid="summary-export-public"
              >
                {t('summary.exportPublic')}
              </Button>
              <Button
                icon={<PrinterOutlined />}
                href={urlOf(endpoints.reports.monthly.print, { id: s.id }, { version: printVersion })}
                target="_blank"
                rel="noopener"
                data-testid="summary-print"
              >
                {printVersion === 'internal' ? t('summary.printInternal') : t('summary.printPublic')}
              </Button>
            </>
          )
        }
      />
      <Toolbar>
        <OfficeSelect value={officeId} onChange={setOfficeId} allowAll testId="summary-office" />
        <DatePicker
          picker="month"
          value={monthValue}
          allowClear={false}
          onChange={(d) => d && pickMonth(d)}
          disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          format={t('format.month')}
          aria-label={t('reports.month')}
          data-testid="summary-month"
        />
      </Toolbar>

      {summary.isLoading && <Spin style={{ display: 'block', margin: 48 }} />}
      {summary.error && (
        <Alert
          type="error"
          showIcon
          title={summary.error.message}
          description={isApiError(summary.error) ? Object.values(summary.error.fields).join('；') : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      {s && !s.inProgress && <WorkflowBar s={s} />}
      {s?.inProgress && (
        <Alert
          type="info"
          showIcon
          title={t('summary.inProgress', { at: dateTime(s.computedAt) })}
          style={{ marginBottom: 12 }}
          data-testid="summary-in-progress"
        />
      )}

      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as SummaryTab)}
        items={[
          {
            key: 'internal',
            label: t('summary.internal'),
            children: s ? <InternalView s={s} onDrill={s.inProgress ? undefined : setDrill} /> : null,
          },
          ...(s?.inProgress
            ? []
            : [{ key: 'public', label: t('summary.public'), children: s ? <PublicView s={s} /> : null }]),
          {
            key: 'status',
            label: t('summary.statusTab'),
            children: <StatusBoard officeId={officeId || undefined} onOpen={openMonth} />,
          },
        ]}
      />
      {s && drill && <DrillDrawer s={s} drill={drill} onClose={() => setDrill(null)} />}
      {/* the labels of the lists come from the server in the UI language; dates from the user's locale */}
      {s && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('summary.computedAt', { at: dateTime(s.computedAt) })} ·{' '}
          {s.inProgress ? t('summary.inProgressStatus') : label('summaryStatus', s.status)}
        </Typography.Text>
      )}
    </div>
  );
}
