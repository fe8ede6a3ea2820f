/**
 * 逾期看板: overdue cases and those due soon, nearest first, with countdowns that tick every second and the
 * escalation tier; below them, for those who read reports, the other deadlines past due from the one overdue view
 * (a monthly summary not published by the 5th, a quarterly report's step). Live: a `case` event refreshes the
 * board (api/events.ts); a minute's poll backs it up.
 */
import { Link } from 'react-router';
import { Alert, Badge, Card, Col, Empty, Flex, List, Row, Skeleton, Typography } from 'antd';
import { useOverdueDeadlines } from '../../api/deadlines';
import { useCan } from '../../api/queries';
import { useCasePage } from '../../api/cases';
import { OPEN_CASE_STATES, type Case, type OverdueDeadline } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import { deadlineDueText } from '../../components/due-day';
import { ClockChip, liveClocks, placeOf, SeverityTag, StateTag, TierBadge, useNow } from './caseUi';

/** "Due soon": the nearest clock falls due within this window, or has passed 80 % already. */
export const DUE_SOON_MS = 4 * 3600_000;

export default function OverdueBoardPage() {
  const { t } = useI18n();
  const now = useNow();
  const overdue = useCasePage({ overdue: 'true', state: [...OPEN_CASE_STATES, 'resolved'], sort: 'nextDue' });
  const upcoming = useCasePage({
    overdue: 'false',
    state: [...OPEN_CASE_STATES, 'resolved'],
    sort: 'nextDue',
  });
  const soon = (upcoming.data?.items ?? []).filter((c) => {
    const k = liveClocks(c, now)[0];
    return k && !k.paused && (Date.parse(k.dueAt) - now <= DUE_SOON_MS || k.warnedAt);
  });
  const overdueItems = overdue.data?.items ?? [];
  const can = useCan();
  const readsReports = can('reports.read');
  // case clocks are on the cards above; the rest of the one overdue view is listed here
  const deadlines = useOverdueDeadlines({
    kinds: ['monthly_summary', 'quarterly_report'],
    enabled: readsReports,
  });
  const others = deadlines.data?.items ?? [];

  return (
    <>
      <PageHeader title={t('nav.casesOverdue')} subTitle={t('board.subtitle')} />
      {(overdue.error || upcoming.error) && (
        <Alert
          type="error"
          showIcon
          title={(overdue.error ?? upcoming.error)?.message}
          style={{ marginBottom: 12 }}
        />
      )}
      <Section
        title={t('board.overdue')}
        count={overdue.data ? (overdue.data.totalCapped ? `${overdue.data.total}+` : overdue.data.total) : 0}
        color="red"
        loading={overdue.isLoading}
        items={overdueItems}
        testId="board-overdue"
        empty={t('board.noOverdue')}
      />
      <Section
        title={t('board.dueSoon')}
        count={soon.length}
        color="orange"
        loading={upcoming.isLoading}
        items={soon}
        testId="board-due-soon"
        empty={t('board.noDueSoon')}
      />
      {readsReports && (
        <OtherDeadlines items={others} total={deadlines.data?.total ?? 0} loading={deadlines.isLoading} />
      )}
    </>
  );
}

const REPORT_PAGE: Record<string, string> = {
  monthly_summary: '/reports/monthly',
  quarterly_report: '/reports/quarterly',
};

function OtherDeadlines({
  items,
  total,
  loading,
}: {
  items: OverdueDeadline[];
  total: number;
  loading: boolean;
}) {
  const i18n = useI18n();
  const { t, label } = i18n;
  return (
    <section data-testid="board-other-deadlines" style={{ marginBottom: 24 }}>
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('board.otherDeadlines')}
        </Typography.Title>
        <Badge count={total} color="red" showZero overflowCount={9999} />
      </Flex>
      {loading ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.noOtherDeadlines')} />
      ) : (
        <List
          size="small"
          bordered
          dataSource={items}
          renderItem={(d) => (
            <List.Item data-testid={`deadline-${d.kind}-${d.name}`}>
              <Flex justify="space-between" wrap gap={8} style={{ width: '100%' }}>
                <Link to={REPORT_PAGE[d.kind] ?? '/'}>
                  {label('deadlineKind', d.kind)} {d.subject.label} · {label('deadlineName', d.name)}
                </Link>
                <Typography.Text type="secondary">
                  {d.office?.name ?? ''} · {t('board.wasDue')} {deadlineDueText(i18n, d.kind, d.dueAt)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </section>
  );
}

function Section({
  title,
  count,
  color,
  loading,
  items,
  testId,
  empty,
}: {
  title: string;
  count: number | string;
  color: string;
  loading: boolean;
  items: Case[];
  testId: string;
  empty: string;
}) {
  return (
    <section data-testid={testId} style={{ marginBottom: 24 }}>
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Badge count={count} color={color} showZero overflowCount={9999} data-testid={`${testId}-count`} />
      </Flex>
      {loading ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <Row gutter={[12, 12]}>
          {items.map((c) => (
            <Col key={c.id} xs={24} md={12} xl={8}>
              <BoardCard c={c} />
            </Col>
          ))}
        </Row>
      )}
    </section>
  );
}

function BoardCard({ c }: { c: Case }) {
  const { t, label } = useI18n();
  const now = useNow();
  const clocks = liveClocks(c, now).slice(0, 2);
  return (
    <Card size="small" data-testid={`board-card-${c.number}`}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Link to={`/cases/${c.id}`} style={{ fontWeight: 600 }}>
          {c.number}
        </Link>
        <span>
          <StateTag state={c.state} />
          <TierBadge tier={c.escalationTier} />
        </span>
      </Flex>
      <div style={{ margin: '8px 0' }}>
        {clocks.map((k) => (
          <ClockChip key={k.name} clock={k} state={c.state} />
        ))}
      </div>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>
        <SeverityTag severity={c.severity} />
        {label('caseKind', c.kind)} · {c.description}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {placeOf(c)} · {t('case.firstResponder')} {c.firstResponder?.name ?? '—'} · {t('case.handler')}{' '}
        {c.handler?.name ?? c.target?.name ?? '—'}
      </Typography.Text>
    </Card>
  );
}
