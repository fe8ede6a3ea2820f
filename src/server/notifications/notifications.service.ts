/**
 * Staff notifications (the bell): stored rows, pushed live through the event bus when the writing transaction
 * commits, and copied to the outbox for external channels (SMS, WeChat) when a sender is configured.
 */
import { notFound } from '../../domain/errors';
import type {
  NotificationListQuery,
  NotificationList,
  NotificationType,
} from '../../contracts/notifications';
import type { AppDeps } from '../platform/deps';
import type { Tx } from '../db/client';
import { publishEvents } from '../events/event-bus';
import type { RequestActor } from '../http/types';
import { caseActorOf } from '../access/case-access.repository';
import * as repo from './notifications.repository';

/** External channels a sender drains from notification_outbox (none is configured yet). */
export type OutboxChannel = 'sms' | 'wechat';

/**
 * notify() for many notifications at once, in three statements whatever their number (the sweep, problem
 * detection): the rows, their outbox rows for `channels`, and their live events when the transaction commits.
 * Returns the notifications made.
 */
export async function notifyMany(
  tx: Tx,
  rows: Parameters<typeof repo.insertNotificationRows>[1],
  at: Date,
  opts: { channels?: readonly OutboxChannel[] } = {},
) {
  const made = await repo.insertNotificationRows(tx, rows, at);
  await repo.insertOutbox(
    tx,
    made.map((m) => m.id),
    opts.channels ?? [],
    at,
  );
  await publishEvents(
    tx,
    made.map((m) => ({
      type: 'notification',
      companyId: m.companyId,
      userId: m.userId,
      notificationId: m.id,
      notificationType: m.type,
      caseId: m.caseId,
    })),
  );
  return made;
}

export interface NotifyInput {
  companyId: string;
  /** recipients; ids that are not active users of the company are skipped */
  userIds: readonly string[];
  type: NotificationType;
  caseId?: string | null;
  /** small: ids, clock names, times — the payload of the bell entry */
  data?: Record<string, unknown>;
  /** when it happened: the app clock's now (tests move it), never the database's */
  at: Date;
}

/**
 * Notifies users inside the caller's transaction: one row each, outbox rows for `channels` (none by default),
 * and a live `notification` event per user, sent when the transaction commits (notifyMany). Returns the
 * notifications made.
 */
export async function notify(
  tx: Tx,
  input: NotifyInput,
  opts: { channels?: readonly OutboxChannel[] } = {},
): Promise<{ id: string; userId: string }[]> {
  const rows = [...new Set(input.userIds)].map((userId) => ({
    companyId: input.companyId,
    userId,
    type: input.type,
    caseId: input.caseId ?? null,
    data: input.data ?? {},
  }));
  const made = await notifyMany(tx, rows, input.at, opts);
  return made;
}

export function notificationsService({ db, clock }: AppDeps) {
  return {
    async list(actor: RequestActor, q: NotificationListQuery): Promise<NotificationList> {
      const [list, unreadCount] = await Promise.all([
        repo.listNotifications(db, actor.companyId, await caseActorOf(db, actor), {
          limit: q.limit,
          cursor: q.cursor,
          unread: q.unread === 'true',
        }),
        repo.unreadCount(db, actor.companyId, actor.userId),
      ]);
      return { ...list, unreadCount };
    },

    async read(actor: RequestActor, id: string) {
      const n = await repo.markRead(db, actor.companyId, await caseActorOf(db, actor), id, clock.now());
      if (!n) throw notFound();
      return n;
    },

    async readAll(actor: RequestActor) {
      return { updated: await repo.markAllRead(db, actor.companyId, actor.userId, clock.now()) };
    },
  };
}
