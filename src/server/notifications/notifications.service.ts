/**
 * Staff notifications (the bell): stored rows, pushed live through the event bus when the writing transaction
 * commits, and copied to the outbox (MSG-1) for each external channel the company switched on for the message's
 * type (SMS, webhook) — the switches read inside the outbox's own insert.
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
import { insertOutboxForNotifications } from '../outbox/outbox.repository';
import { expiresAt, messageParams, type MessageType } from '../../domain/messages/types';

export type NotifyRow = Parameters<typeof repo.insertNotificationRows>[1][number] & {
  /** the outbox message it goes out as (MSG-5: `repair_dispatched` for an `assigned` repair); default its type */
  messageType?: MessageType;
  /** values for the message only, beside the bell's data (a repair's kind) */
  messageData?: Record<string, unknown>;
};

/**
 * The outbox messages of the bell rows made: each made row is matched to the first unused input row of the same
 * company, user, type and case, whose message type and data it carries (MSG-7: only the type's parameters).
 */
function messagesOf(
  rows: readonly NotifyRow[],
  made: Awaited<ReturnType<typeof repo.insertNotificationRows>>,
  at: Date,
) {
  const key = (r: { companyId: string; userId: string; type: string; caseId: string | null }) =>
    `${r.companyId}|${r.userId}|${r.type}|${r.caseId ?? ''}`;
  const unused = new Map<string, NotifyRow[]>();
  for (const r of rows) unused.set(key(r), [...(unused.get(key(r)) ?? []), r]);
  return made.flatMap((m) => {
    const given = unused.get(key(m))?.shift();
    if (!given) return [];
    const type: MessageType = given.messageType ?? m.type;
    return [
      {
        notificationId: m.id,
        type,
        params: messageParams(type, { ...given.data, ...given.messageData }),
        expiresAt: expiresAt(type, at),
      },
    ];
  });
}

/**
 * notify() for many notifications at once, in three statements whatever their number (the sweep, problem
 * detection): the rows, their outbox rows (one statement, joined to the switches), and their live events when
 * the transaction commits. Returns the notifications made.
 */
export async function notifyMany(tx: Tx, rows: readonly NotifyRow[], at: Date) {
  const made = await repo.insertNotificationRows(tx, rows, at);
  await insertOutboxForNotifications(tx, messagesOf(rows, made, at), at);
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
  /** the outbox message type (default the bell type): `repair_dispatched`, `breach_escalated` (MSG-5) */
  messageType?: MessageType;
  /** values for the message only, beside the bell's data */
  messageData?: Record<string, unknown>;
}

/**
 * Notifies users inside the caller's transaction: one row each, outbox rows for the channels the company
 * switched on for the message type, and a live `notification` event per user, sent when the transaction commits
 * (notifyMany). Returns the notifications made.
 */
export async function notify(tx: Tx, input: NotifyInput): Promise<{ id: string; userId: string }[]> {
  const rows = [...new Set(input.userIds)].map((userId) => ({
    companyId: input.companyId,
    userId,
    type: input.type,
    caseId: input.caseId ?? null,
    data: input.data ?? {},
    messageType: input.messageType,
    messageData: input.messageData,
  }));
  const made = await notifyMany(tx, rows, input.at);
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
