/**
 * Case lists on a phone (UI-6): a card per case instead of a table's row — the number, the state, the running
 * clock's time left or over, the room and the first line of the matter — and a tap anywhere on the card opens the
 * case. The pager is the table's.
 */
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import type { CursorList } from '../../api/queries';
import type { Case } from '../../api/types';
import { Pager } from '../../components/DataTable';
import { useI18n } from '../../i18n/i18n';
import { NearestClockChip, placeOf, StateTag, TierBadge } from './caseUi';

/** The first non-blank line of the matter as recorded. */
export const firstLine = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find(Boolean) ?? '';

export function CaseCards({
  list,
  testId,
  emptyText,
  extra,
}: {
  list: CursorList<Case>;
  testId?: string;
  emptyText?: string;
  /** what a queue adds under a card (the callback button): its taps stay its own */
  extra?: (c: Case) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div data-testid={testId} data-view="cards" style={{ minWidth: 0 }}>
      {list.error && (
        <Alert
          type="error"
          showIcon
          title={list.error.message}
          style={{ marginBottom: 12 }}
          action={
            <Button size="small" onClick={list.refetch}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      {list.isLoading || (list.isFetching && !list.items.length) ? (
        <Skeleton active />
      ) : list.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
      ) : (
        <Flex vertical gap={8}>
          {list.items.map((c) => (
            <CaseCard key={c.id} c={c} extra={extra?.(c)} />
          ))}
        </Flex>
      )}
      <Pager list={list} />
    </div>
  );
}

export function CaseCard({ c, extra }: { c: Case; extra?: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Card
      size="small"
      hoverable
      onClick={() => navigate(`/cases/${c.id}`)}
      style={{ cursor: 'pointer' }}
      data-testid={`case-card-${c.number}`}
      data-case-number={c.number}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        {/* the number is the card's link for the keyboard and screen readers; a tap elsewhere does the same */}
        <Link
          to={`/cases/${c.id}`}
          onClick={(e) => e.stopPropagation()}
          style={{ fontWeight: 600, whiteSpace: 'nowrap' }}
          data-testid="case-link"
        >
          {c.number}
        </Link>
        <span>
          <StateTag state={c.state} />
          <TierBadge tier={c.escalationTier} />
        </span>
      </Flex>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ margin: '6px 0' }}>
        <span data-testid="case-card-clock">
          <NearestClockChip c={c} />
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="case-card-room">
          {placeOf(c)}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ margin: 0 }} data-testid="case-card-matter">
        {firstLine(c.description)}
      </Typography.Paragraph>
      {extra && (
        <div onClick={(e) => e.stopPropagation()} style={{ marginTop: 8 }}>
          {extra}
        </div>
      )}
    </Card>
  );
}
