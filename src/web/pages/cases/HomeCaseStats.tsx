/**
 * The 工作台's case counters (UI-11: my due-soon and overdue cases, callbacks I owe): real numbers from the list
 * API. "Mine" is a case I handle or first received (首问责任人 follows it up until it is closed).
 */
import { Link } from 'react-router';
import { Card, Col, Row, Statistic } from 'antd';
import { useCasePage, useCaseTotal } from '../../api/cases';
import { useMe } from '../../api/queries';
import { OPEN_CASE_STATES, type Case, type ListResult } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

const DUE_SOON_MS = 4 * 3600_000;
const PAGE = 100;

export function HomeCaseStats() {
  const { t } = useI18n();
  const me = useMe();
  const userId = me.data?.user.id ?? '';
  const enabled = Boolean(userId);
  const open = [...OPEN_CASE_STATES];
  const handling = useCaseTotal({ handlerId: userId, state: open }, enabled);
  const received = useCaseTotal({ firstResponderId: userId, state: open }, enabled);
  const callbacks = useCaseTotal({ callbackAssigneeId: userId }, enabled);
  // nearest due first: the first page holds everything overdue or due soon unless a queue is very long
  const asHandler = useCasePage(
    { handlerId: userId, state: open, sort: 'nextDue' },
    { enabled, limit: PAGE },
  );
  const asFirst = useCasePage(
    { firstResponderId: userId, state: open, sort: 'nextDue' },
    { enabled, limit: PAGE },
  );
  const mine = new Map<string, Case>();
  for (const c of [...(asHandler.data?.items ?? []), ...(asFirst.data?.items ?? [])]) mine.set(c.id, c);
  const now = Date.now();
  let overdue = 0;
  let dueSoon = 0;
  for (const c of mine.values()) {
    if (!c.nextDueAt) continue;
    const left = Date.parse(c.nextDueAt) - now;
    if (left < 0 || c.clocks.some((k) => k.breachedAt && !k.metAt)) overdue++;
    else if (left <= DUE_SOON_MS) dueSoon++;
  }
  const capped = (asHandler.data?.nextCursor ?? asFirst.data?.nextCursor) ? '+' : '';
  const pagesLoading = asHandler.isLoading || asFirst.isLoading;

  const total = (q: { data?: ListResult<unknown>; isError: boolean }) =>
    q.data ? (q.data.totalCapped ? `${q.data.total}+` : q.data.total) : q.isError ? '—' : 0;

  const stat = (
    title: string,
    value: number | string,
    loading: boolean,
    to: string,
    testId: string,
    color?: string,
  ) => (
    <Col xs={12} md={8} xl={{ flex: '20%' }}>
      <Card size="small">
        <Link to={to} data-testid={testId}>
          <Statistic
            title={title}
            value={value}
            loading={loading}
            styles={{ content: color ? { color } : undefined }}
          />
        </Link>
      </Card>
    </Col>
  );

  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="home-case-stats">
      {stat(
        t('home.overdue'),
        `${overdue}${capped}`,
        pagesLoading,
        '/cases/overdue',
        'home-overdue',
        overdue ? '#cf1322' : undefined,
      )}
      {stat(
        t('home.dueSoon'),
        `${dueSoon}${capped}`,
        pagesLoading,
        '/cases/overdue',
        'home-due-soon',
        dueSoon ? '#d48806' : undefined,
      )}
      {stat(
        t('home.callbacksOwed'),
        total(callbacks),
        callbacks.isLoading,
        '/cases/callbacks',
        'home-callbacks',
      )}
      {stat(t('home.myOpen'), total(handling), handling.isLoading, '/cases/mine', 'home-my-open')}
      {stat(t('home.myReceived'), total(received), received.isLoading, '/cases/mine', 'home-my-received')}
    </Row>
  );
}
