/**
 * What the agent should tell the caller before recording: an open recurring problem (问题) the case would join,
 * already under a cross-department review, the caller's open cases the duplicate rule holds likely the same, and
 * the room's cases of the same category closed recently, which the new case may be linked to (INTAKE-12).
 */
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Flex, List, Tag, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import type { CallerLookup, CallerOpenCase } from '../../../api/types';
import type { Problem } from '../../../../contracts/problems';
import { useI18n } from '../../../i18n/i18n';

export function ProblemHint({ problems }: { problems: Pick<Problem, 'id' | 'title' | 'caseCount'>[] }) {
  const { t } = useI18n();
  if (problems.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="intake-problem"
      title={t('intake.problemTitle')}
      description={problems.map((p) => (
        <div key={p.id}>
          {p.title}（{t('intake.problemCases', { count: p.caseCount })}）
        </div>
      ))}
    />
  );
}

export function DuplicateHint({ duplicates }: { duplicates: CallerOpenCase[] }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  if (duplicates.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="intake-duplicate"
      title={t('intake.duplicateTitle')}
      description={
        <List
          size="small"
          dataSource={duplicates}
          renderItem={(d) => (
            <List.Item
              actions={[
                <Button
                  key="open"
                  size="small"
                  onClick={() => navigate(`/cases/${d.id}`)}
                  data-testid="intake-open-duplicate"
                >
                  {t('intake.openDuplicate')}
                </Button>,
              ]}
            >
              <span>
                <strong>{d.number}</strong> {label('caseState', d.state)} · {d.summary}
              </span>
            </List.Item>
          )}
        />
      }
    />
  );
}

type RecentlyClosed = CallerLookup['recentlyClosed'][number];

/**
 * The room's cases of the same category closed within the repeat window (the lookup's `recentlyClosed`): the
 * resident is likely calling about the same matter again. The agent may link the new case to one (关联此工单:
 * sent as `relatedCaseId`, and the office's supervisors are told and may reopen it), and undo that before submitting.
 */
export function RepeatHint({
  recentlyClosed,
  categoryName,
  relatedCaseId,
  onLink,
}: {
  recentlyClosed: RecentlyClosed[];
  categoryName: (id: string | null) => string | undefined;
  relatedCaseId?: string;
  onLink: (id: string | undefined) => void;
}) {
  const { t, label, date } = useI18n();
  if (recentlyClosed.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="intake-repeat"
      title={t('intake.repeatTitle')}
      description={
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('intake.repeatHelp')}
          </Typography.Text>
          {recentlyClosed.map((rc) => {
            const linked = rc.id === relatedCaseId;
            const category = categoryName(rc.categoryId);
            return (
              <Flex
                key={rc.id}
                justify="space-between"
                align="center"
                gap={8}
                wrap
                style={{ padding: '8px 0', borderTop: '1px solid rgba(0, 0, 0, 0.06)' }}
                data-testid="intake-repeat-case"
                data-case-id={rc.id}
                data-linked={linked}
              >
                <div style={{ minWidth: 0, flex: '1 1 240px' }}>
                  {/* a new tab: the call and the form it is being recorded in stay open */}
                  <Link
                    to={`/cases/${rc.id}`}
                    target="_blank"
                    rel="noopener"
                    data-testid="intake-repeat-number"
                  >
                    <strong>{rc.number}</strong>
                  </Link>{' '}
                  <Tag>{label('caseKind', rc.kind)}</Tag>
                  {category && <Tag>{category}</Tag>}
                  <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                    {t('intake.repeatClosedOn', { date: date(rc.closedAt) })}
                  </Typography.Text>
                  {linked && (
                    <Tag color="blue" icon={<LinkOutlined />} style={{ marginInlineStart: 8 }}>
                      {t('intake.repeatLinked')}
                    </Tag>
                  )}
                  <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ margin: 0, fontSize: 13 }}>
                    {rc.summary}
                  </Typography.Paragraph>
                </div>
                {linked ? (
                  <Button size="small" onClick={() => onLink(undefined)} data-testid="intake-repeat-unlink">
                    {t('intake.repeatUnlink')}
                  </Button>
                ) : (
                  <Button
                    size="small"
                    icon={<LinkOutlined />}
                    onClick={() => onLink(rc.id)}
                    data-testid="intake-repeat-link"
                  >
                    {t('intake.repeatLink')}
                  </Button>
                )}
              </Flex>
            );
          })}
        </>
      }
    />
  );
}
