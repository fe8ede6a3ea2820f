/** Staff notifications: the bell in the header, pushed live over GET /api/events. */
import { z } from 'zod';
import { ListQuery } from './common';
import { NOTIFICATION_TYPES } from '../domain/notifications/types';

export { NOTIFICATION_TYPES };

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

/** EventSource always sends `Accept: text/event-stream`; a plain request gets a clear 400, not an endless stream. */
export const EventStreamHeaders = z.looseObject({}).superRefine((h, ctx) => {
  if (!String(h.accept ?? '').includes('text/event-stream'))
    ctx.addIssue({ code: 'custom', path: ['accept'], message: 'field.event_stream_accept' });
});
