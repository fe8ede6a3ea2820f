/**
 * The bell in the header: the unread count, the latest notifications, mark one or all read. Live: the layout's
 * event stream (api/events.ts) refreshes it on every `notification` event; a slow poll backs it up.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, Flex, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { endpoints } from '../../api/endpoints';
import { call } from '../../api/client';
import { NOTIFICATIONS } from '../../api/cases';
import { useCan } from '../../api/queries';
import type { Notification } from '../../api/types';
import { useI18n, type I18n } from '../../i18n/i18n';
import { dueByDayText } from '../../components/due-day';

/** The subject kind of a deadline notice (`data.reason` is `<kind>_due`), or null for a case's or a problem's. */
export function deadlineKindOf(n: Notification): 'monthly_summary' | 'quarterly_report' | null {
  const reason = (n.data as Record<string, unknown>).reason;
  return reason === 'monthly_summary_due' || reason === 'quarterly_report_due'
    ? (reason.slice(0, -'_due'.length) as 'monthly_summary' | 'quarterly_report')
    : null;
}

/** A deadline notice of the deadlines table: which report, which step, when due, and the tier it went to. */
function deadlineText(n: Notification, kind: 'monthly_summary' | 'quarterly_report', i18n: I18n): string {
  const { t } = i18n;
  const d = n.data as Record<string, unknown>;
  const step = String(d.step ?? '');
  const vars = {
    kind: t(`deadlineKind.${kind}`),
    // notices sent before the engine kept a label carry the year and quarter
    label: typeof d.label === 'string' ? d.label : `${String(d.year ?? '')}-Q${String(d.quarter ?? '')}`,
    name: ['publication', 'service', 'finance', 'publish'].includes(step)
      ? t(`deadlineName.${step}` as 'deadlineName.publication')
      : step,
    // set by a day (CLOCK-10): "12月5日前", not the instant it falls due
    due: dueByDayText(i18n, typeof d.dueAt === 'string' ? d.dueAt : null),
  };
  // a kind's chain is its own (the summary's first tier is the manager): the notice names the role it reached
  if (n.type === 'escalated')
    return t('notification.deadline.escalated', {
      ...vars,
      tier: typeof d.role === 'string' ? i18n.label('role', d.role) : '',
    });
  if (n.type === 'breach') return t('notification.deadline.breach', vars);
  return t(d.overdue === true ? 'notification.deadline.overdue' : 'notification.deadline.warning', vars);
}

/** Where a deadline notice opens: its report's page. */
const DEADLINE_PAGES = {
  monthly_summary: '/reports/monthly',
  quarterly_report: '/reports/quarterly',
} as const;

export function notificationText(n: Notification, i18n: I18n): string {
  const { t, label, dateTime, date } = i18n;
  const d = n.data as Record<string, unknown>;
  const deadline = deadlineKindOf(n);
  if (deadline) return deadlineText(n, deadline, i18n);
  const number = n.caseNumber ?? String(d.number ?? '');
  const clock = label('clock', typeof d.clock === 'string' ? d.clock : null);
  switch (n.type) {
    case 'queued':
      return t('notification.queued', { number });
    case 'assigned':
      return t('notification.assigned', { number });
    case 'warning':
      return t('notification.warning', { number, clock });
    case 'breach':
      return t('notification.breach', { number, clock });
    case 'callback_due':
      return t('notification.callback_due', { number });
    case 'callback_result':
      return t('notification.callback_result', {
        number,
        satisfaction: label('satisfaction', typeof d.satisfaction === 'string' ? d.satisfaction : null),
      });
    case 'emergency':
      return t('notification.emergency', {
        number,
        kind: label('caseKind', typeof d.kind === 'string' ? d.kind : null),
      });
    case 'verified':
      return t('notification.verified', { number });
    case 'referred':
    case 'special_incident':
    case 'resolved':
      return t(`notification.${n.type}`, { number });
    case 'leader_meeting':
      return t('notification.leader_meeting', {
        number,
        at: dateTime(typeof d.at === 'string' ? d.at : null),
      });
    case 'repeat':
      return t('notification.repeat', { number, relatedNumber: String(d.relatedNumber ?? '') });
    case 'daily_results':
      // the office's other results of a day, no case (CALLBACK-8)
      return t('notification.daily_results', {
        day: date(typeof d.day === 'string' ? d.day : null),
        count: typeof d.count === 'number' ? d.count : 0,
      });
    case 'escalated':
      return t('notification.escalated', {
        number,
        tier:
          typeof d.tier === 'number' ? t(`tierName.${Math.min(3, Math.max(1, d.tier))}` as 'tierName.1') : '',
      });
    case 'problem_raised':
    case 'problem_assigned':
    case 'problem_overdue':
      return t(`notification.${n.type}`, {
        title: String(d.title ?? ''),
        // an array of names; notifications stored before it was one carry the names joined with 、
        departments: Array.isArray(d.departments)
          ? d.departments.map(String).join(t('common.enumSep'))
          : String(d.departments ?? ''),
      });
    default:
      return number;
  }
}

export function NotificationBell() {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const navigate = useNavigate();
  const can = useCan();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: [NOTIFICATIONS, 'bell'],
    queryFn: ({ signal }) => call(endpoints.notifications.list, { query: { limit: 15 }, signal }),
    refetchInterval: 5 * 60_000,
  });
  const unread = list.data?.unreadCount ?? 0;
  const refresh = () => queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS] });

  const openOne = async (n: Notification) => {
    setOpen(false);
    if (!n.readAt) {
      try {
        await call(endpoints.notifications.read, { params: { id: n.id } });
        void refresh();
      } catch {
        // still take the user to the case
      }
    }
    const deadline = deadlineKindOf(n);
    if (n.caseId) navigate(`/cases/${n.caseId}`);
    else if (deadline && can('reports.read')) navigate(DEADLINE_PAGES[deadline]);
    // A review department's member without problems.read (a technician) is told, but has no page to open.
    else if (typeof n.data.problemId === 'string' && can('problems.read'))
      navigate(`/reports/problems?id=${encodeURIComponent(n.data.problemId)}`);
  };
  const readAll = async () => {
    try {
      await call(endpoints.notifications.readAll);
      await refresh();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const content = (
    <div style={{ width: 'min(360px, calc(100vw - 32px))' }} data-testid="bell-list">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('bell.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={!unread}
          onClick={() => void readAll()}
          data-testid="bell-read-all"
        >
          {t('bell.readAll')}
        </Button>
      </Flex>
      {list.data?.items.length ? (
        <div style={{ maxHeight: 420, overflowY: 'auto' }} role="list">
          {list.data.items.map((n) => (
            <button
              key={n.id}
              type="button"
              role="listitem"
              onClick={() => void openOne(n)}
              data-testid="bell-item"
              data-read={n.readAt ? 'true' : 'false'}
              style={{
                display: 'flex',
                gap: 8,
                width: '100%',
                padding: '8px 4px',
                border: 0,
                borderBottom: '1px solid rgba(5,5,5,0.06)',
                background: 'none',
                textAlign: 'left',
                cursor: 'pointer',
                font: 'inherit',
                fontWeight: n.readAt ? 400 : 600,
              }}
            >
              <Badge status={n.readAt ? 'default' : 'processing'} />
              <span style={{ minWidth: 0 }}>
                <span style={{ display: 'block' }}>{notificationText(n, i18n)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
                  {dateTime(n.createdAt)}
                </Typography.Text>
              </span>
            </button>
          ))}
        </div>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bell.empty')} />
      )}
    </div>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Button
        type="text"
        aria-label={t('bell.aria', { count: unread })}
        data-testid="bell"
        style={{ paddingInline: 6 }}
        icon={
          <Badge count={unread} size="small" overflowCount={99} data-testid="bell-count">
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
