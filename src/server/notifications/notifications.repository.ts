import { sql, type SQL } from 'drizzle-orm';
import type { Notification, NotificationType } from '../../contracts/notifications';
import type { CaseActor } from '../../domain/case/case';
import { caseVisibleTo } from '../access/case-access.repository';
import type { Tx } from '../db/client';
import { cappedCount, cursorKey, defineCursor, page } from '../db/paging';

type NotificationRow = {
  id: string;
  type: NotificationType;
  case_id: string | null;
  case_number: string | null;
  data: Record<string, unknown>;
  created_at: Date | string;
  read_at: Date | string | null;
  case_visible: boolean;
};

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * A notification of a case its reader may no longer see (re-routed away from them, handed to another handler)
 * keeps its type and time but not the case: no id, number or case details (every read path applies
 * canSeeCase to the case itself).
 */
const toNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  type: r.type,
  caseId: r.case_visible ? r.case_id : null,
  caseNumber: r.case_visible ? r.case_number : null,
  data: r.case_visible ? (r.data ?? {}) : {},
  createdAt: iso(r.created_at),
  readAt: r.read_at ? iso(r.read_at) : null,
});

/** The notifications as `reader` sees them: `case_visible` is the case rule (caseVisibleTo) on the linked case. */
const selectFor = (reader: CaseActor) => sql`select n.id, n.type, n.case_id, c.number as case_number, n.data,
    n.created_at, n.read_at, (n.case_id is null or (c.id is not null and ${caseVisibleTo(reader)})) as case_visible
  from notifications n left join cases c on c.id = n.case_id and c.company_id = n.company_id`;

/**
 * Inserts notifications of any companies, users, types and cases in one statement; a row whose user is not an
 * active user of its company is skipped. Returns the rows written.
 */
export async function insertNotificationRows(
  tx: Tx,
  rows: readonly {
    companyId: string;
    userId: string;
    type: NotificationType;
    caseId: string | null;
    data: Record<string, unknown>;
  }[],
  at: Date,
): Promise<
  { id: string; companyId: string; userId: string; type: NotificationType; caseId: string | null }[]
> {
  if (!rows.length) return [];
  const { rows: made } = await tx.execute<{
    id: string;
    company_id: string;
    user_id: string;
    type: NotificationType;
    case_id: string | null;
  }>(insertNotificationRowsSql(rows, at));
  return made.map((r) => ({
    id: r.id,
    companyId: r.company_id,
    userId: r.user_id,
    type: r.type,
    caseId: r.case_id,
  }));
}

/** The one statement of insertNotificationRows: the rows as arrays, one text for any number of rows. */
export function insertNotificationRowsSql(
  rows: readonly {
    companyId: string;
    userId: string;
    type: NotificationType;
    caseId: string | null;
    data: Record<string, unknown>;
  }[],
  at: Date,
): SQL {
  return sql`
    insert into notifications (company_id, user_id, type, case_id, data, created_at)
    select v.company_id, v.user_id, v.type, v.case_id, v.data::jsonb, ${at.toISOString()}::timestamptz
    from unnest(${sql.param(rows.map((r) => r.companyId))}::uuid[], ${sql.param(rows.map((r) => r.userId))}::uuid[],
      ${sql.param(rows.map((r) => r.type))}::text[], ${sql.param(rows.map((r) => r.caseId))}::uuid[],
      ${sql.param(rows.map((r) => JSON.stringify(r.data)))}::text[]) as v(company_id, user_id, type, case_id, data)
    join users u on u.id = v.user_id and u.company_id = v.company_id and u.active
    returning id, company_id, user_id, type, case_id`;
}

/** The list is ordered by (created_at, id), newest first. */
const NOTIFICATION_CURSOR = defineCursor([cursorKey.time, cursorKey.uuid]);

export async function listNotifications(
  db: Tx,
  companyId: string,
  reader: CaseActor,
  f: { limit: number; cursor?: string; unread: boolean },
) {
  const after = NOTIFICATION_CURSOR.decode(f.cursor)?.key ?? null;
  const q = listNotificationsSql(companyId, reader, { ...f, after });
  const counted = await cappedCount(db, q.fromWhere);
  const { rows } = await db.execute<NotificationRow>(q.page);
  return page(
    rows.map(toNotification),
    f.limit,
    (n) => NOTIFICATION_CURSOR.encode([n.createdAt, n.id]),
    counted,
  );
}

/**
 * A page of listNotifications after the (created_at, id) of the previous page's last row, and the FROM … WHERE
 * its capped count is taken over.
 */
export function listNotificationsSql(
  companyId: string,
  reader: CaseActor,
  f: { limit: number; unread: boolean; after: readonly [Date, string] | null },
): { page: SQL; fromWhere: SQL } {
  const conds: SQL[] = [sql`n.company_id = ${companyId}`, sql`n.user_id = ${reader.userId}`];
  if (f.unread) conds.push(sql`n.read_at is null`);
  const where = sql.join(conds, sql` and `);
  const keyset = f.after
    ? sql` and (n.created_at, n.id) < (${f.after[0]}::timestamptz, ${f.after[1]}::uuid)`
    : sql``;
  return {
    page: sql`${selectFor(reader)} where ${where}${keyset} order by n.created_at desc, n.id desc limit ${f.limit + 1}`,
    fromWhere: sql`from notifications n where ${where}`,
  };
}

export async function unreadCount(db: Tx, companyId: string, userId: string): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from notifications where company_id = ${companyId} and user_id = ${userId} and read_at is null`,
  );
  return rows[0].n;
}

/** Marks it read (the first reading time is kept); undefined when it is not this user's. */
export async function markRead(db: Tx, companyId: string, reader: CaseActor, id: string, at: Date) {
  const userId = reader.userId;
  const { rows } = await db.execute<{ id: string }>(sql`
    update notifications set read_at = coalesce(read_at, ${at})
    where company_id = ${companyId} and user_id = ${userId} and id = ${id} returning id`);
  if (!rows.length) return undefined;
  const found = await db.execute<NotificationRow>(sql`${selectFor(reader)} where n.id = ${id}`);
  return toNotification(found.rows[0]);
}

export async function markAllRead(db: Tx, companyId: string, userId: string, at: Date): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`
    with updated as (
      update notifications set read_at = ${at}
      where company_id = ${companyId} and user_id = ${userId} and read_at is null returning 1)
    select count(*)::int as n from updated`);
  return rows[0].n;
}
