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
import { useCan, type Permission } from '../../api/queries';
import {
  DEADLINE_STEPS,
  type DeadlineStep,
  type StoredDeadlineKind,
} from '../../../contracts/values/deadlines';
import type { Notification } from '../../api/types';
import { useI18n, type I18n } from '../../i18n/i18n';
import { dueByDayText } from '../../components/due-day';

/** The subject kind of a deadline notice (`data.reason` is `<kind>_due`), or null for a case's or a problem's. */
export function deadlineKindOf(n: Notification): StoredDeadlineKind | null {
  const reason = (n.data as Record<string, unknown>).reason;
  if (typeof reason !== 'string' || !reason.endsWith('_due')) return null;
  const kind = reason.slice(0, -'_due'.length);
  return Object.hasOwn(DEADLINE_STEPS, kind) ? (kind as StoredDeadlineKind) : null;
}

const isStep = (kind: StoredDeadlineKind, step: unknown): step is DeadlineStep =>
  (DEADLINE_STEPS[kind] as readonly unknown[]).includes(step);

/** A deadline notice of the deadlines table: which report, which step, when due, and the tier it went to. */
function deadlineText(n: Notification, kind: StoredDeadlineKind, i18n: I18n): string {
  const { t } = i18n;
  const d = n.data as Record<string, unknown>;
  const vars = {
    kind: t(`deadlineKind.${kind}`),
    // notices sent before the engine kept a label carry the year and quarter
    label: typeof d.label === 'string' ? d.label : `${String(d.year ?? '')}-Q${String(d.quarter ?? '')}`,
    name: isStep(kind, d.step) ? t(`deadlineName.${d.step}`) : t('deadlineName.unknown'),
    // set by a day (CLOCK-10): "12月5日前", not the instant it falls due
    due: dueByDayText(i18n, typeof d.dueAt === 'string' ? d.dueAt : null),
  };
  // a kind's chain is its own (the summary's first tier is the manager): the notice names the role it reached
  if (n.type === 'escalated')
    return t('notification.deadline.escalated', {
      ...vars,
      tier: typeof d.role === 'string' ? i18n.label('role', d.role) : t('notification.nextTier'),
    });
  if (n.type === 'breach') return t('notification.deadline.breach', vars);
  return t(d.overdue === true ? 'notification.deadline.overdue' : 'notification.deadline.warning', vars);
}

/** Where a deadline notice opens: its report's page. */
const DEADLINE_PAGES: Record<StoredDeadlineKind, string> = {
  monthly_summary: '/reports/monthly',
  quarterly_report: '/reports/quarterly',
};

/**
 * The text of a bell entry. Every type has its own (an entry never reads as a bare number or an empty template);
 * a case's entry names the case by number, the clock by its name.
 */
export function notificationText(n: Notification, i18n: I18n): string {
  const { t, label, dateTime, date } = i18n;
  const d = n.data as Record<string, unknown>;
  const deadline = deadlineKindOf(n);
  if (deadline) return deadlineText(n, deadline, i18n);
  const number = n.caseNumber ?? String(d.number ?? '');
  const clock = typeof d.clock === 'string' ? label('clock', d.clock) : t('notification.someClock');
  const type = n.type;
  switch (type) {
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
      return t(`notification.${type}`, { number });
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
          typeof d.tier === 'number'
            ? t(`tierName.${Math.min(3, Math.max(1, d.tier))}` as 'tierName.1')
            : t('notification.nextTier'),
      });
    case 'problem_raised':
    case 'problem_assigned':
    case 'problem_overdue':
      return t(`notification.${type}`, {
        title: String(d.title ?? ''),
        // an array of names; notifications stored before it was one carry the names joined with 、
        departments: Array.isArray(d.departments)
          ? d.departments.map(String).join(t('common.enumSep'))
          : String(d.departments ?? ''),
      });
    default: {
      // a new type without its text fails tsc here
      const missing: never = type;
      return String(missing);
    }
  }
}

/**
 * Where a bell entry opens, or null when this user has no page for it: the case; a report's page for a report's
 * deadline; the problem; the day's results of the office for the daily list (CALLBACK-8).
 */
export function notificationTarget(n: Notification, can: (p: Permission) => boolean): string | null {
  const d = n.data as Record<string, unknown>;
  if (n.caseId) return can('cases.read') ? `/cases/${n.caseId}` : null;
  const deadline = deadlineKindOf(n);
  if (deadline) return can('reports.read') ? DEADLINE_PAGES[deadline] : null;
  // A review department's member without problems.read (a technician) is told, but has no page to open.
  if (typeof d.problemId === 'string')
    return can('problems.read') ? `/reports/problems?id=${encodeURIComponent(d.problemId)}` : null;
  if (n.type === 'daily_results' && typeof d.day === 'string' && typeof d.officeId === 'string')
    return can('cases.read') ? dailyResultsPath(d.officeId, d.day) : null;
  return null;
}

/** The case list of an office's general matters resolved on a local day (CaseListPage reads these). */
export function dailyResultsPath(officeId: string, day: string): string {
  return `/cases/all?${new URLSearchParams({ officeId, resolvedOn: day }).toString()}`;
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
    const to = notificationTarget(n, can);
    if (to) navigate(to);
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
