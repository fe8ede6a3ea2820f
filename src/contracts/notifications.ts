/** Staff notifications: the bell in the header, pushed live over GET /api/events. */
import { z } from 'zod';
import { ListQuery } from './common';

export const NOTIFICATION_TYPES = [
  /** a case waits in the user's queue */
  'queued',
  /** the user became the handler */
  'assigned',
  /** a clock reached 80% (domain.md §4) */
  'warning',
  /** a clock was breached */
  'breach',
  'callback_due',
  'callback_result',
  /** a breached case escalated to the user's tier */
  'escalated',
  /**
   * Recurring problems (issue 4 §3): raised (to the office director), assigned to a review (to the review
   * departments' people and the director; `data.departments`: their names), due without measures (to the review's
   * people). No case: `data` carries `problemId` and `title`, and the bell links to the problem.
   */
  'problem_raised',
  'problem_assigned',
  'problem_overdue',
] as const;
export const NotificationType = z.enum(NOTIFICATION_TYPES);
export type NotificationType = z.infer<typeof NotificationType>;

export const Notification = z.object({
  id: z.string(),
  type: NotificationType,
  caseId: z.string().nullable(),
  /** the case's number, to show without loading the case */
  caseNumber: z.string().nullable(),
  /** what the type needs to be shown (clock name, due time …); ids and short values only */
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = ListQuery.extend({
  unread: z.enum(['true', 'false']).optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationList = z.object({
  items: z.array(Notification),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
  totalCapped: z.boolean(),
  /** the bell's number, whatever the filter */
  unreadCount: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const ReadAllResult = z.object({ updated: z.number().int() });
export type ReadAllResult = z.infer<typeof ReadAllResult>;
