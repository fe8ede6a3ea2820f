/**
 * 月度投诉汇总 — the monthly complaint summary (REPORT-1, REPORT-4): the internal version (every figure with its formula and
 * a drill-down to the cases behind it), the public version (公示版) with its editable wording, the workflow
 * draft → approved → published, the exports, and the months still unpublished after the 5th.
 */
import { useState, type MouseEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import {
  CheckOutlined,
  FileExcelOutlined,
  PrinterOutlined,
  SendOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api, isApiError } from '../../api/client';
import { useCan, useCursorList } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { applyServerError, type ShownError } from '../../components/form-errors';
import { useI18n } from '../../i18n/i18n';
import type { UiKey } from '../../i18n/dictionaries';
import {
  MONTHLY,
  useMonthly,
  usePublicSummary,
  useSummaryStatus,
  useSummaryWrites,
  type DrillCase,
  type Figure,
  type MonthlySummary,
  type PublicHighlight,
  type PublicText,
  type SummaryCase,
  type SummaryMonthStatus,
} from './reportsApi';
import { OfficeSelect, percent, RateText } from './reportsUi';

const PUBLIC_FIELDS = [
  'intro',
  'notable',
  'unresolved',
  'closing',
] as const satisfies readonly (keyof PublicText)[];

const STATUS_COLOR: Record<string, string> = {
  missing: 'default',
  draft: 'processing',
  approved: 'warning',
  published: 'success',
};

/** What a drill-down asks GET /:id/cases for, and its title. */
interface Drill {
  figure: string;
  value?: string;
  clock?: string;
  communityId?: string;
  title: string;
}

export default function MonthlySummaryPage() {
  const { t, label, dateTime } = useI18n();
  const [officeId, setOfficeId] = useState<string | undefined>(undefined);
  const [ym, setYm] = useState<{ year: number; month: number } | null>(null);
  const [tab, setTab] = useState<'internal' | 'public' | 'status'>('internal');
  const [drill, setDrill] = useState<Drill | null>(null);
  const summary = useMonthly(
    { officeId: officeId || undefined, year: ym?.year, month: ym?.month },
    officeId !== undefined,
  );
  const s = summary.data;

  const monthValue: Dayjs | null = ym
    ? dayjs(new Date(ym.year, ym.month - 1, 1))
    : s
      ? dayjs(new Date(s.year, s.month - 1, 1))
      : null;
  const printVersion = tab === 'internal' ? 'internal' : 'public';
  const { message } = App.useApp();
  // a plain link would be answered in the browser's language: the download sends the UI language instead
  const exportXlsx = (e: MouseEvent, sum: MonthlySummary, version: 'internal' | 'public') => {
    e.preventDefault();
    api
      .download(`${MONTHLY}/${sum.id}/export.xlsx`, { version }, `${sum.year}-${sum.month}-${version}.xlsx`)
      .catch((err: unknown) => message.error(err instanceof Error ? err.message : String(err)));
  };

  return (
    <div data-testid="summary-page">
      <PageHeader
        title={t('nav.reportsMonthly')}
        subTitle={s ? t('reports.periodTitle', { title: s.title, year: s.year, month: s.month }) : undefined}
        extra={
          s && (
            <>
              <Button
                icon={<FileExcelOutlined />}
                href={`${MONTHLY}/${s.id}/export.xlsx`}
                onClick={(e) => exportXlsx(e, s, 'internal')}
                data-testid="summary-export-internal"
              >
                {t('summary.exportInternal')}
              </Button>
              <Button
                icon={<FileExcelOutlined />}
                href={`${MONTHLY}/${s.id}/export.xlsx?version=public`}
                onClick={(e) => exportXlsx(e, s, 'public')}
                data-testid="summary-export-public"
              >
                {t('summary.exportPublic')}
              </Button>
              <Button
                icon={<PrinterOutlined />}
                href={`${MONTHLY}/${s.id}/print?version=${printVersion}`}
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
          onChange={(d) => d && setYm({ year: d.year(), month: d.month() + 1 })}
          disabledDate={(d) => !d.isBefore(dayjs().startOf('month'))}
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
      {s && <WorkflowBar s={s} />}

      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as typeof tab)}
        items={[
          {
            key: 'internal',
            label: t('summary.internal'),
            children: s ? <InternalView s={s} onDrill={setDrill} /> : null,
          },
          { key: 'public', label: t('summary.public'), children: s ? <PublicView s={s} /> : null },
          {
            key: 'status',
            label: t('summary.statusTab'),
            children: (
              <StatusBoard
                officeId={officeId || undefined}
                onOpen={(row) => {
                  setOfficeId(row.officeId);
                  setYm({ year: row.year, month: row.month });
                  setTab('internal');
                }}
              />
            ),
          },
        ]}
      />
      {s && drill && <DrillDrawer s={s} drill={drill} onClose={() => setDrill(null)} />}
      {/* the labels of the lists come from the server in the UI language; dates from the user's locale */}
      {s && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('summary.computedAt', { at: dateTime(s.computedAt) })} · {label('summaryStatus', s.status)}
        </Typography.Text>
      )}
    </div>
  );
}

// ── status and workflow ───────────────────────────────────────────────────────────────────────────

function WorkflowBar({ s }: { s: MonthlySummary }) {
  const { t, label, dateTime } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const writes = useSummaryWrites();
  const [busy, setBusy] = useState<'approve' | 'publish' | null>(null);
  const approver = can('reports.approve');

  const run = async (what: 'approve' | 'publish') => {
    setBusy(what);
    try {
      await writes[what](s);
      message.success(what === 'approve' ? t('summary.approved') : t('summary.published'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex wrap gap={12} align="center" justify="space-between">
        <Space wrap size={8}>
          <Tag color={STATUS_COLOR[s.status]} data-testid="summary-status" data-status={s.status}>
            {label('summaryStatus', s.status)}
          </Tag>
          <Typography.Text type="secondary">
            {t('summary.deadline', { at: dateTime(s.workflow.deadline) })}
          </Typography.Text>
          {s.workflow.overdue && (
            <Tag color="error" icon={<WarningOutlined />}>
              {t('summary.overdue')}
            </Tag>
          )}
          {!s.frozen && undecidedCount(s) > 0 && (
            <Tag color="warning" data-testid="summary-highlights-pending">
              {t('summary.highlights.pending', { count: undecidedCount(s) })}
            </Tag>
          )}
          {s.workflow.approvedBy && (
            <Typography.Text type="secondary">
              {t('summary.approvedBy', {
                name: s.workflow.approvedBy.name,
                at: dateTime(s.workflow.approvedAt),
              })}
            </Typography.Text>
          )}
          {s.workflow.publishedBy && (
            <Typography.Text type="secondary">
              {t('summary.publishedBy', {
                name: s.workflow.publishedBy.name,
                at: dateTime(s.workflow.publishedAt),
              })}
            </Typography.Text>
          )}
        </Space>
        <Space wrap>
          {approver && s.allowedActions.includes('approve') && (
            <Popconfirm title={t('summary.approveConfirm')} onConfirm={() => run('approve')}>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={busy === 'approve'}
                data-testid="summary-approve"
              >
                {t('summary.approve')}
              </Button>
            </Popconfirm>
          )}
          {approver && s.allowedActions.includes('publish') && (
            <Popconfirm title={t('summary.publishConfirm')} onConfirm={() => run('publish')}>
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={busy === 'publish'}
                data-testid="summary-publish"
              >
                {t('summary.publish')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>
    </Card>
  );
}

// ── internal version ──────────────────────────────────────────────────────────────────────────────

function CountLink({ n, onClick, testId }: { n: number; onClick: () => void; testId?: string }) {
  return (
    <Button
      type="link"
      size="small"
      style={{ padding: 0, height: 'auto' }}
      onClick={onClick}
      data-testid={testId}
    >
      {n}
    </Button>
  );
}

function InternalView({ s, onDrill }: { s: MonthlySummary; onDrill: (d: Drill) => void }) {
  const { t, label } = useI18n();
  const f = s.figures;
  const count = (name: string, title: UiKey, n: number, figure?: string): ReactNode => (
    <Col xs={12} sm={8} md={6} key={name}>
      <Card size="small" data-testid={`summary-figure-${name}`}>
        <Typography.Text type="secondary">{t(title)}</Typography.Text>
        <div style={{ fontSize: 22 }}>
          {figure ? <CountLink n={n} onClick={() => onDrill({ figure, title: t(title) })} /> : n}
        </div>
      </Card>
    </Col>
  );

  interface RateRow {
    name: string;
    title: string;
    fig: Figure;
    drillNum?: Drill;
    drillDen?: Drill;
  }
  const rates: RateRow[] = [
    { name: 'onTimeAll', title: t('summary.onTimeAll'), fig: f.onTimeAll },
    {
      name: 'callbackRate',
      title: t('summary.callbackRate'),
      fig: f.callbackRate,
      drillNum: { figure: 'callbackNotDone', title: t('summary.callbackNotDone') },
      drillDen: { figure: 'callbackDue', title: t('summary.callbackDue') },
    },
    {
      name: 'satisfactionRate',
      title: t('summary.satisfactionRate'),
      fig: f.satisfactionRate,
      drillNum: { figure: 'unsatisfied', title: t('summary.unsatisfied') },
      drillDen: { figure: 'answered', title: t('summary.answered') },
    },
    {
      name: 'reopenRate',
      title: t('summary.reopenRate'),
      fig: f.reopenRate,
      drillNum: { figure: 'reopened', title: t('summary.reopened') },
      drillDen: { figure: 'resolved', title: t('summary.resolved') },
    },
    {
      name: 'effectiveComplaintRate',
      title: t('summary.effectiveComplaintRate'),
      fig: f.effectiveComplaintRate,
      drillNum: { figure: 'validComplaints', title: t('summary.validComplaints') },
    },
    ...f.onTime.map((c) => ({
      name: `onTime-${c.clock}`,
      title: t('summary.onTimeClock', { clock: label('clock', c.clock) }),
      fig: c,
      drillNum: {
        figure: 'clockLate',
        clock: c.clock,
        title: `${label('clock', c.clock)} · ${t('summary.late')}`,
      },
      drillDen: {
        figure: 'clockDue',
        clock: c.clock,
        title: `${label('clock', c.clock)} · ${t('summary.due')}`,
      },
    })),
  ];
  const rateColumns: ColumnsType<RateRow> = [
    { title: t('summary.figure'), dataIndex: 'title', key: 'title' },
    {
      title: t('summary.value'),
      key: 'value',
      render: (_, r) => (
        <span data-testid={`summary-figure-${r.name}`} data-value={r.fig.value ?? ''}>
          <RateText {...r.fig} />
        </span>
      ),
    },
    {
      title: t('summary.target'),
      key: 'target',
      render: (_, r) =>
        r.fig.target ? (
          <Space size={4}>
            <span>
              {r.fig.target.op === '>=' ? '≥' : '≤'} {percent(r.fig.target.value)}
            </span>
            {r.fig.meetsTarget !== null && (
              <Tag color={r.fig.meetsTarget ? 'success' : 'error'}>
                {r.fig.meetsTarget ? t('summary.met') : t('summary.missed')}
              </Tag>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('summary.drill'),
      key: 'drill',
      render: (_, r) => (
        <Space size={4} wrap>
          {r.drillDen && (
            <Button size="small" onClick={() => onDrill(r.drillDen!)}>
              {r.drillDen.title.split(' · ').pop()}
            </Button>
          )}
          {r.drillNum && (
            <Button size="small" onClick={() => onDrill(r.drillNum!)}>
              {r.drillNum.title.split(' · ').pop()}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const bucketTable = (
    title: string,
    figure: string,
    rows: { key: string; label: string; count: number }[],
  ) => (
    <Col xs={24} md={12} key={figure}>
      <Card size="small" title={title} data-testid={`summary-by-${figure}`}>
        {rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: t('summary.item'), dataIndex: 'label' },
              {
                title: t('summary.count'),
                dataIndex: 'count',
                align: 'right',
                render: (n: number, r) => (
                  <CountLink
                    n={n}
                    onClick={() => onDrill({ figure, value: r.key, title: `${title} · ${r.label}` })}
                  />
                ),
              },
            ]}
          />
        )}
      </Card>
    </Col>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[12, 12]}>
        {count('received', 'summary.received', f.received, 'received')}
        {count('counted', 'summary.counted', f.counted, 'counted')}
        {count('invalid', 'summary.invalid', f.invalid, 'invalid')}
        {count('merged', 'summary.merged', f.merged, 'merged')}
        {count('validComplaints', 'summary.validComplaints', f.validComplaints, 'validComplaints')}
        {count('occupiedHouseholds', 'summary.occupiedHouseholds', f.occupiedHouseholds)}
      </Row>
      <Card size="small" title={t('summary.rates')}>
        <Table<RateRow>
          size="small"
          rowKey="name"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rates}
          columns={rateColumns}
        />
        <FormulaList />
        <Typography.Text type="secondary">
          {t('summary.satisfactionParts', {
            answered: f.satisfaction.answered,
            satisfied: f.satisfaction.satisfied,
            basically: f.satisfaction.basicallySatisfied,
            unsatisfied: f.satisfaction.unsatisfied,
          })}
        </Typography.Text>
      </Card>
      <Row gutter={[12, 12]}>
        {bucketTable(t('summary.byKind'), 'kind', f.byKind)}
        {bucketTable(t('summary.byCategory'), 'category', f.byCategory)}
        {bucketTable(t('summary.byChannel'), 'channel', f.byChannel)}
        {bucketTable(t('summary.bySeverity'), 'severity', f.bySeverity)}
      </Row>
      <CommunityTable s={s} onDrill={onDrill} />
      <CaseList title={t('summary.notable')} rows={s.notable} testId="summary-notable" />
      <CaseList title={t('summary.unresolved')} rows={s.unresolved} testId="summary-unresolved" />
      {s.listsTruncated && <Alert type="info" showIcon title={t('summary.listsTruncated')} />}
    </Space>
  );
}

/** Every formula in words (principle 10: the help text is readable without hovering, also on a phone). */
function FormulaList() {
  const { t } = useI18n();
  const keys = [
    'formula.on_time',
    'formula.callback_rate',
    'formula.satisfaction_rate',
    'formula.reopen_rate',
    'formula.effective_complaint_rate',
  ] as const satisfies readonly UiKey[];
  return (
    <details style={{ margin: '12px 0' }} data-testid="summary-formulas">
      <summary style={{ cursor: 'pointer' }}>{t('summary.formulas')}</summary>
      {keys.map((k) => (
        <Typography.Paragraph key={k} type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t(k)}
        </Typography.Paragraph>
      ))}
    </details>
  );
}

function CommunityTable({ s, onDrill }: { s: MonthlySummary; onDrill: (d: Drill) => void }) {
  const { t } = useI18n();
  if (!s.communities.length) return null;
  const rate = (f: Figure) => <RateText {...f} />;
  return (
    <Card size="small" title={t('summary.byCommunity')}>
      <Table
        size="small"
        rowKey={(c) => c.communityId ?? 'none'}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={s.communities}
        columns={[
          { title: t('summary.community'), dataIndex: 'name', fixed: 'left' },
          {
            title: t('summary.counted'),
            dataIndex: 'counted',
            render: (n: number, c) => (
              <CountLink
                n={n}
                onClick={() =>
                  onDrill({ figure: 'community', communityId: c.communityId ?? 'none', title: c.name })
                }
              />
            ),
          },
          { title: t('summary.validComplaints'), dataIndex: 'validComplaints' },
          { title: t('summary.onTimeAll'), key: 'onTime', render: (_, c) => rate(c.onTimeAll) },
          { title: t('summary.callbackRate'), key: 'cb', render: (_, c) => rate(c.callbackRate) },
          { title: t('summary.satisfactionRate'), key: 'sat', render: (_, c) => rate(c.satisfactionRate) },
          { title: t('summary.reopenRate'), key: 'reo', render: (_, c) => rate(c.reopenRate) },
          {
            title: t('summary.effectiveComplaintRate'),
            key: 'eff',
            render: (_, c) => rate(c.effectiveComplaintRate),
          },
        ]}
      />
    </Card>
  );
}

function CaseList({ title, rows, testId }: { title: string; rows: SummaryCase[]; testId: string }) {
  const { t, label, dateTime } = useI18n();
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Table<SummaryCase>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        locale={{ emptyText: t('summary.noCases') }}
        columns={[
          {
            title: t('case.number'),
            dataIndex: 'number',
            render: (_, c) => (
              <Link to={`/cases/${c.id}`} style={{ whiteSpace: 'nowrap' }}>
                {c.number}
              </Link>
            ),
          },
          {
            title: t('summary.reason'),
            key: 'reason',
            render: (_, c) => <Tag>{label('summaryReason', c.reason)}</Tag>,
          },
          {
            title: t('case.kind'),
            key: 'kind',
            render: (_, c) => `${label('caseKind', c.kind)} · ${label('severity', c.severity)}`,
          },
          { title: t('case.state'), key: 'state', render: (_, c) => label('caseState', c.state) },
          { title: t('summary.category'), dataIndex: 'category', render: (v: string | null) => v ?? '—' },
          { title: t('summary.community'), dataIndex: 'community', render: (v: string | null) => v ?? '—' },
          { title: t('summary.receivedAt'), key: 'at', render: (_, c) => dateTime(c.receivedAt) },
          {
            title: t('summary.caseSummary'),
            dataIndex: 'summary',
            render: (v: string) => (
              <Typography.Paragraph
                ellipsis={{ rows: 2, expandable: true }}
                style={{ maxWidth: 320, margin: 0 }}
              >
                {v}
              </Typography.Paragraph>
            ),
          },
          {
            title: t('summary.action'),
            dataIndex: 'action',
            render: (v: string | null) => (
              <Typography.Paragraph
                ellipsis={{ rows: 2, expandable: true }}
                style={{ maxWidth: 320, margin: 0 }}
              >
                {v ?? '—'}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
    </Card>
  );
}

function DrillDrawer({ s, drill, onClose }: { s: MonthlySummary; drill: Drill; onClose: () => void }) {
  const { t, label, dateTime } = useI18n();
  const list = useCursorList<DrillCase>(
    `${MONTHLY}/${s.id}/cases`,
    { figure: drill.figure, value: drill.value, clock: drill.clock, communityId: drill.communityId },
    { pageSize: 20 },
  );
  return (
    <Drawer open onClose={onClose} title={drill.title} size={640} data-testid="summary-drill">
      <DataTable<DrillCase>
        list={list}
        testId="summary-drill-table"
        columns={[
          {
            title: t('case.number'),
            dataIndex: 'number',
            render: (_, c) => (
              <Link to={`/cases/${c.id}`} style={{ whiteSpace: 'nowrap' }}>
                {c.number}
              </Link>
            ),
          },
          {
            title: t('case.kind'),
            key: 'kind',
            render: (_, c) => `${label('caseKind', c.kind)} · ${label('severity', c.severity)}`,
          },
          { title: t('case.state'), key: 'state', render: (_, c) => label('caseState', c.state) },
          { title: t('summary.category'), dataIndex: 'category', render: (v: string | null) => v ?? '—' },
          { title: t('summary.community'), dataIndex: 'community', render: (v: string | null) => v ?? '—' },
          { title: t('summary.receivedAt'), key: 'at', render: (_, c) => dateTime(c.receivedAt) },
        ]}
      />
    </Drawer>
  );
}

// ── public version ────────────────────────────────────────────────────────────────────────────────

function PublicView({ s }: { s: MonthlySummary }) {
  const { t, dateTime } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const writes = useSummaryWrites();
  const pub = usePublicSummary(s.id, s.version);
  const [form] = Form.useForm<{ text: PublicText }>();
  const [error, setError] = useState<ShownError | null>(null);
  const [saving, setSaving] = useState(false);
  const editable = can('reports.approve') && s.allowedActions.includes('editPublic');
  const p = pub.data ?? s.publicVersion;

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await writes.putPublic(s, values.text);
      message.success(t('summary.publicSaved'));
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      setSaving(false);
    }
  };

  const f = p.figures;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {s.status === 'draft' && <Alert type="warning" showIcon title={t('summary.draftBanner')} />}
      <Card size="small" title={t('reports.periodTitle', { title: p.title, year: p.year, month: p.month })}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            { key: 'counted', label: t('summary.counted'), children: f.counted },
            { key: 'valid', label: t('summary.validComplaints'), children: f.validComplaints },
            { key: 'invalid', label: t('summary.invalid'), children: f.invalid },
            { key: 'ontime', label: t('summary.onTimeAll'), children: percent(f.onTimeAll.value) },
            { key: 'cb', label: t('summary.callbackRate'), children: percent(f.callbackRate.value) },
            { key: 'sat', label: t('summary.satisfactionRate'), children: percent(f.satisfactionRate.value) },
            { key: 'reo', label: t('summary.reopenRate'), children: percent(f.reopenRate.value) },
            {
              key: 'eff',
              label: t('summary.effectiveComplaintRate'),
              children: percent(f.effectiveComplaintRate.value),
            },
            ...(p.approvedAt
              ? [{ key: 'approvedAt', label: t('summary.approvedAt'), children: dateTime(p.approvedAt) }]
              : []),
            ...(p.publishedAt
              ? [{ key: 'publishedAt', label: t('summary.publishedAt'), children: dateTime(p.publishedAt) }]
              : []),
          ]}
        />
        <Typography.Text type="secondary">{t('summary.minGroup', { n: p.minGroupSize })}</Typography.Text>
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          {(
            [
              ['summary.byKind', p.byKind],
              ['summary.byCategory', p.byCategory],
              ['summary.byCommunity', p.byCommunity],
            ] as const
          ).map(([title, rows]) => (
            <Col xs={24} md={8} key={title}>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                title={() => t(title)}
                dataSource={rows}
                columns={[
                  { title: t('summary.item'), dataIndex: 'label' },
                  { title: t('summary.count'), dataIndex: 'count', align: 'right' },
                ]}
              />
            </Col>
          ))}
        </Row>
      </Card>
      {s.publicHighlights.length > 0 && <HighlightReview s={s} text={p.text} />}
      <Card
        size="small"
        title={t('summary.publicText')}
        extra={
          s.publicTextEdited ? <Tag>{t('summary.textEdited')}</Tag> : <Tag>{t('summary.textDrafted')}</Tag>
        }
      >
        {error && (
          <Alert
            type="error"
            showIcon
            title={error.versionConflict ? t('summary.versionConflict') : error.message}
            description={error.extra.length ? error.extra.join('；') : undefined}
            style={{ marginBottom: 12 }}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ text: p.text }}
          key={`${s.id}-${s.version}`}
          disabled={!editable}
        >
          {PUBLIC_FIELDS.map((field) => (
            <Form.Item key={field} name={['text', field]} label={t(`summary.text.${field}`)}>
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 12 }}
                maxLength={5000}
                data-testid={`summary-public-text-${field}`}
              />
            </Form.Item>
          ))}
        </Form>
        {editable ? (
          <Button
            type="primary"
            onClick={() => void save()}
            loading={saving}
            data-testid="summary-save-public"
          >
            {t('common.save')}
          </Button>
        ) : (
          <Typography.Text type="secondary">
            {s.frozen ? t('summary.frozen') : t('summary.readOnly')}
          </Typography.Text>
        )}
      </Card>
    </Space>
  );
}

const undecidedCount = (s: MonthlySummary) => s.publicHighlights.filter((h) => !h.choice).length;

/**
 * The words of the public wording the anonymiser is unsure of (001 通知 二.2; 002 篇4 4.2.2.2): each shown in its sentence, marked, with
 * why it is asked and the director's redact / keep buttons; approval waits until every one is decided.
 */
function HighlightReview({ s, text }: { s: MonthlySummary; text: PublicText }) {
  const { t, dateTime } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const writes = useSummaryWrites();
  const [busy, setBusy] = useState<string | null>(null);
  const editable = can('reports.approve') && s.allowedActions.includes('editPublic');

  const decide = async (h: PublicHighlight, choice: 'redact' | 'keep') => {
    setBusy(`${h.id}:${choice}`);
    try {
      await writes.decideHighlight(s, h, choice);
      message.success(t('summary.highlights.saved'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  // the sentence around the word, so the director judges it in context
  const context = (h: PublicHighlight) => {
    const all = text[h.field] ?? '';
    const from = Math.max(0, h.start - 20);
    const to = Math.min(all.length, h.end + 20);
    return (
      <Typography.Text>
        {from > 0 && '…'}
        {all.slice(from, h.start)}
        <Typography.Text mark strong>
          {all.slice(h.start, h.end)}
        </Typography.Text>
        {all.slice(h.end, to)}
        {to < all.length && '…'}
      </Typography.Text>
    );
  };

  return (
    <Card
      size="small"
      title={t('summary.highlights.title', { count: s.publicHighlights.length })}
      data-testid="summary-highlights"
    >
      <Alert type="info" showIcon title={t('summary.highlights.why')} style={{ marginBottom: 12 }} />
      <Table<PublicHighlight>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={s.publicHighlights}
        columns={[
          {
            title: t('summary.highlights.undecided'),
            key: 'word',
            render: (_, h) => (
              <Space orientation="vertical" size={2}>
                <Space size={4}>
                  <Tag>{t(`summary.text.${h.field}`)}</Tag>
                  <Tag color={h.kind === 'person_name' ? 'purple' : 'blue'}>
                    {t(`summary.highlights.kind.${h.kind}`)}
                  </Tag>
                  <Typography.Text mark data-testid="summary-highlight-word">
                    {h.text}
                  </Typography.Text>
                </Space>
                {context(h)}
              </Space>
            ),
          },
          {
            title: t('summary.statusCol'),
            key: 'choice',
            render: (_, h) => (
              <Space orientation="vertical" size={2}>
                <Tag
                  color={!h.choice ? 'warning' : h.choice === 'redact' ? 'success' : 'default'}
                  data-testid="summary-highlight-choice"
                  data-choice={h.choice ?? 'none'}
                >
                  {!h.choice
                    ? t('summary.highlights.undecided')
                    : h.choice === 'redact'
                      ? t('summary.highlights.redacted')
                      : t('summary.highlights.kept')}
                </Tag>
                {h.decidedBy && (
                  <Typography.Text type="secondary">
                    {t('summary.highlights.decidedBy', { name: h.decidedBy.name, at: dateTime(h.decidedAt) })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, h: PublicHighlight) => (
                    <Space>
                      <Button
                        size="small"
                        type={h.choice === 'redact' ? 'primary' : 'default'}
                        loading={busy === `${h.id}:redact`}
                        onClick={() => void decide(h, 'redact')}
                        data-testid="summary-highlight-redact"
                      >
                        {t('summary.highlights.redact')}
                      </Button>
                      <Button
                        size="small"
                        type={h.choice === 'keep' ? 'primary' : 'default'}
                        loading={busy === `${h.id}:keep`}
                        onClick={() => void decide(h, 'keep')}
                        data-testid="summary-highlight-keep"
                      >
                        {t('summary.highlights.keep')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

// ── months not published by the 5th ───────────────────────────────────────────────────────────────

function StatusBoard({
  officeId,
  onOpen,
}: {
  officeId: string | undefined;
  onOpen: (row: SummaryMonthStatus) => void;
}) {
  const { t, label, dateTime } = useI18n();
  const status = useSummaryStatus(officeId);
  if (status.isLoading) return <Spin />;
  if (status.error)
    return <Result status="error" title={t('error.loadFailed')} subTitle={status.error.message} />;
  const data = status.data!;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Tag
        color={data.overdueCount ? 'error' : 'success'}
        icon={data.overdueCount ? <WarningOutlined /> : <CheckOutlined />}
        data-testid="summary-overdue"
        data-count={data.overdueCount}
      >
        {data.overdueCount
          ? t('summary.overdueCount', { count: data.overdueCount })
          : t('summary.noneOverdue')}
      </Tag>
      <Table<SummaryMonthStatus>
        size="small"
        rowKey={(r) => `${r.officeId}-${r.year}-${r.month}`}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data.items}
        columns={[
          { title: t('reports.office'), dataIndex: 'officeName' },
          {
            title: t('reports.month'),
            key: 'month',
            render: (_, r) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(r)}>
                {t('reports.yearMonth', { year: r.year, month: r.month })}
              </Button>
            ),
          },
          {
            title: t('summary.statusCol'),
            key: 'status',
            render: (_, r) => (
              <Space size={4}>
                <Tag color={STATUS_COLOR[r.status]}>{label('summaryStatus', r.status)}</Tag>
                {r.overdue && (
                  <Tag color="error" icon={<WarningOutlined />}>
                    {t('summary.overdue')}
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: t('summary.deadlineCol'), key: 'deadline', render: (_, r) => dateTime(r.deadline) },
        ]}
      />
    </Space>
  );
}
