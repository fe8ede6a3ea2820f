/**
 * The internal version: the counts, every rate with its target and formula and a drill-down to its numerator and
 * denominator, the breakdowns, the communities and the listed cases. The month in progress has no drill-down (it is
 * stored nowhere until drafted): `onDrill` absent, the counts are plain numbers and the drill column is left out.
 */
import { Alert, Button, Card, Col, Empty, Row, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../../../i18n/i18n';
import type { UiKey } from '../../../i18n/dictionaries';
import type { Figure, MonthlySummary } from '../reportsApi';
import { percent, RateText } from '../reportsUi';
import { CaseList } from './CaseList';
import { CommunityTable } from './CommunityTable';
import { CountLink, type Drill } from './summaryUi';

export function InternalView({ s, onDrill }: { s: MonthlySummary; onDrill?: (d: Drill) => void }) {
  const { t, label } = useI18n();
  const f = s.figures;
  const count = (name: string, title: UiKey, n: number, figure?: Drill['figure']): ReactNode => (
    <Col xs={12} sm={8} md={6} key={name}>
      <Card size="small" data-testid={`summary-figure-${name}`}>
        <Typography.Text type="secondary">{t(title)}</Typography.Text>
        <div style={{ fontSize: 22 }}>
          {figure && onDrill ? <CountLink n={n} onClick={() => onDrill({ figure, title: t(title) })} /> : n}
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
    // REPORT-8: absent from summaries approved before it was counted
    ...(f.paidRepairCallbackRate
      ? [
          {
            name: 'paidRepairCallbackRate',
            title: t('summary.paidRepairCallbackRate'),
            fig: f.paidRepairCallbackRate,
            drillNum: { figure: 'paidRepairNotCalledBack', title: t('summary.paidRepairNotCalledBack') },
            drillDen: { figure: 'paidRepairResolved', title: t('summary.paidRepairResolved') },
          } satisfies RateRow,
        ]
      : []),
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
    ...f.onTime.map((c): RateRow => ({
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
  ];
  if (onDrill)
    rateColumns.push({
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
    });

  const bucketTable = (
    title: string,
    figure: Drill['figure'],
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
                    onClick={
                      onDrill && (() => onDrill({ figure, value: r.key, title: `${title} · ${r.label}` }))
                    }
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
    'formula.paid_repair_callback_rate',
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
