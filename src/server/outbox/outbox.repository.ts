/**
 * The outbox's SQL (MSG-1, MSG-2; docs/adr/0025-one-outbox.md): the set-based writes that put messages in it,
 * each joined to the company's switches and senders inside its own statement (so a sweep's statement count stays
 * fixed whatever it notifies); the claim of due messages with SKIP LOCKED under a lease; the fenced, set-based
 * record of results; and the reads of the delivery record.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  MESSAGE_TYPES,
  type MessageChannel,
  type MessageStatus,
  type MessageType,
} from '../../domain/messages/types';
import type { Tx } from '../db/client';
import { cappedCount, cursorKey, defineCursor, page } from '../db/paging';

/** The allowed channels of a type as the statements read them: a comma list. */
export const allowedChannels = (type: MessageType) => MESSAGE_TYPES[type].channels.join(',');

/**
 * The join that keeps only the channels a message may go by (MSG-3, src/domain/messages/switches.ts channelsFor):
 * the company's switch of the type on the channel is on, the type allows the channel, an SMS switch names a
 * template code, and the channel's sender is configured (credentials set, unless the development sender — which
 * the settings refuse in production and the sender itself refuses there too). Yields `tc.channel`.
 */
export function switchJoin(companyId: SQL, type: SQL, allowed: SQL): SQL {
  return sql`join message_type_channels tc on tc.company_id = ${companyId} and tc.type = ${type} and tc.enabled
      and tc.channel = any(string_to_array(${allowed}, ','))
      and (tc.channel <> 'sms' or coalesce(tc.template->>'code', '') <> '')
    join message_senders ms on ms.company_id = tc.company_id and ms.channel = tc.channel
      and (ms.provider = 'dev' or ms.secret is not null)`;
}

/** The place a message names: the community's name, at most 20 characters (MSG-7: never the reporter). */
export const placeOf = (communityName: SQL) =>
  sql`case when ${communityName} is not null then jsonb_build_object('place', left(${communityName}, 20)) else '{}'::jsonb end`;

/**
 * The outbox insert's columns and its select over `g` (a subquery yielding one row per message with a fresh id):
 * the idempotency key is the id without dashes, fixed for every attempt (MSG-2).
 */
const INSERT_COLUMNS = sql`insert into outbox_messages (id, company_id, type, channel, recipient_kind, user_id, phone,
    case_id, notification_id, params, idempotency_key, next_attempt_at, expires_at, created_at)`;
const FROM_G = sql`select g.id, g.company_id, g.type, g.channel, g.recipient_kind, g.user_id, g.phone, g.case_id,
    g.notification_id, g.params, replace(g.id::text, '-', ''), g.at, g.expires_at, g.at`;

/**
 * An outbox insert of the rows `select` yields — columns id (a fresh gen_random_uuid(), the key is made from it),
 * company_id, type, channel, recipient_kind, user_id, phone, case_id, notification_id, params, at, expires_at.
 * For a writer that rides in another statement (the batched intake, ADR 0012).
 */
export const outboxInsert = (select: SQL): SQL =>
  sql`${INSERT_COLUMNS} ${FROM_G} from (${select} offset 0) g`;

/**
 * withinDeskHours (src/domain/messages/desk-hours.ts) in SQL, for a statement that decides it per row: `at`'s
 * local time in `timeZone` against "HH:mm" opening and closing; closing at or before opening wraps midnight.
 */
export function withinDeskHoursSql(at: SQL, timeZone: SQL, opens: SQL, closes: SQL): SQL {
  const local = sql`(${at} at time zone ${timeZone})::time`;
  return sql`(case when ${closes}::time > ${opens}::time then ${local} >= ${opens}::time and ${local} < ${closes}::time
    else ${opens}::time = ${closes}::time or ${local} >= ${opens}::time or ${local} < ${closes}::time end)`;
}

export interface NotificationMessage {
  notificationId: string;
  type: MessageType;
  params: Record<string, string>;
  expiresAt: Date;
}

/**
 * The outbox rows of bell notifications just written (notifyMany's second statement): one per notification and
 * channel the switches allow, to the notification's user, about its case.
 */
export function insertOutboxForNotificationsSql(rows: readonly NotificationMessage[], at: Date): SQL {
  return sql`${INSERT_COLUMNS}
    ${FROM_G} from (
      select gen_random_uuid() as id, n.company_id, v.type, tc.channel, 'user' as recipient_kind, n.user_id,
        null::text as phone, n.case_id, n.id as notification_id,
        v.params::jsonb || (case when v.type_place then ${placeOf(sql`cm.name`)} else '{}'::jsonb end) as params,
        ${at.toISOString()}::timestamptz as at, v.expires_at
      from unnest(${sql.param(rows.map((r) => r.notificationId))}::uuid[],
        ${sql.param(rows.map((r) => r.type))}::text[],
        ${sql.param(rows.map((r) => allowedChannels(r.type)))}::text[],
        ${sql.param(rows.map((r) => JSON.stringify(r.params)))}::text[],
        ${sql.param(rows.map((r) => MESSAGE_TYPES[r.type].params.includes('place')))}::boolean[],
        ${sql.param(rows.map((r) => r.expiresAt.toISOString()))}::timestamptz[])
        as v(notification_id, type, allowed, params, type_place, expires_at)
      join notifications n on n.id = v.notification_id
      ${switchJoin(sql`n.company_id`, sql`v.type`, sql`v.allowed`)}
      left join cases c on c.id = n.case_id and c.company_id = n.company_id
      left join communities cm on cm.id = c.community_id
      offset 0
    ) g`;
}

export async function insertOutboxForNotifications(
  tx: Tx,
  rows: readonly NotificationMessage[],
  at: Date,
): Promise<void> {
  if (!rows.length) return;
  await tx.execute(insertOutboxForNotificationsSql(rows, at));
}

/** A message the outbox's own writer takes (an on-call phone, a test send; slice 2's resident codes). */
export interface EnqueueMessage {
  companyId: string;
  type: MessageType;
  to: { kind: 'user'; userId: string } | { kind: 'phone'; phone: string };
  caseId?: string | null;
  params: Record<string, string>;
  expiresAt: Date;
  /**
   * Only these channels, whatever the type's switches (an administrator's test send): the sender must still be
   * configured. Without it, the switches decide.
   */
  channels?: readonly MessageChannel[];
}

/** The insert of enqueue: one statement for any number of messages, switches (or the named channels) applied. */
export function enqueueSql(messages: readonly EnqueueMessage[], at: Date): SQL {
  const col = <T>(f: (m: EnqueueMessage) => T) => sql.param(messages.map(f));
  return sql`${INSERT_COLUMNS}
    ${FROM_G} from (
      select gen_random_uuid() as id, v.company_id, v.type, ch.channel, v.recipient_kind, v.user_id, v.phone,
        v.case_id, null::uuid as notification_id, v.params::jsonb as params,
        ${at.toISOString()}::timestamptz as at, v.expires_at
      from unnest(${col((m) => m.companyId)}::uuid[], ${col((m) => m.type)}::text[],
        ${col((m) => (m.channels ?? MESSAGE_TYPES[m.type].channels).join(','))}::text[],
        ${col((m) => !m.channels)}::boolean[],
        ${col((m) => m.to.kind)}::text[],
        ${col((m) => (m.to.kind === 'user' ? m.to.userId : null))}::uuid[],
        ${col((m) => (m.to.kind === 'phone' ? m.to.phone : null))}::text[],
        ${col((m) => m.caseId ?? null)}::uuid[],
        ${col((m) => JSON.stringify(m.params))}::text[],
        ${col((m) => m.expiresAt.toISOString())}::timestamptz[])
        as v(company_id, type, channels, by_switch, recipient_kind, user_id, phone, case_id, params, expires_at)
      cross join unnest(string_to_array(v.channels, ',')) as ch(channel)
      join message_senders ms on ms.company_id = v.company_id and ms.channel = ch.channel
        and (ms.provider = 'dev' or ms.secret is not null)
      left join message_type_channels tc on tc.company_id = v.company_id and tc.type = v.type and tc.channel = ch.channel
      where not v.by_switch or (coalesce(tc.enabled, false)
        and (ch.channel <> 'sms' or coalesce(tc.template->>'code', '') <> ''))
      offset 0
    ) g
    returning id, channel`;
}

/**
 * The outbox's own writer, inside the caller's transaction (MSG-1): the messages of any companies, one statement.
 * Returns the rows made (none for a message no channel takes).
 */
export async function enqueue(
  tx: Tx,
  messages: readonly EnqueueMessage[],
  at: Date,
): Promise<{ id: string; channel: MessageChannel }[]> {
  if (!messages.length) return [];
  const { rows } = await tx.execute<{ id: string; channel: MessageChannel }>(enqueueSql(messages, at));
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// Delivery: claim, results

export type ClaimedRow = {
  id: string;
  company_id: string;
  type: string;
  channel: MessageChannel;
  recipient_kind: 'user' | 'resident' | 'phone';
  user_id: string | null;
  resident_account_id: string | null;
  phone: string | null;
  case_id: string | null;
  params: Record<string, string>;
  locale: string;
  idempotency_key: string;
  attempts: number;
  expires_at: Date | string;
  created_at: Date | string;
  /** the user's phone and job number, read now (no copy kept) */
  user_phone: string | null;
  user_job_number: string | null;
  template: { code?: string; signName?: string; params?: { name: string; from: string }[] } | null;
  provider: string | null;
  sender_version: number | null;
  sender_settings: Record<string, unknown> | null;
  sender_secret: string | null;
};

/**
 * Claims up to `batch` due messages (pending and due, or sending with an ended lease) in one statement: each
 * becomes `sending` until `now + leaseMs`, its attempts (the fencing token) one more. Two workers never claim one
 * row (SKIP LOCKED); a worker that died leaves its rows to be claimed again when the lease ends (at least once).
 * Time is the app clock's, never the database's.
 */
export function claimSql(now: Date, batch: number, leaseMs: number): SQL {
  return sql`with due as (
      select id from outbox_messages
      where status in ('pending', 'sending') and next_attempt_at <= ${now.toISOString()}::timestamptz
      order by next_attempt_at
      limit ${batch}
      for update skip locked
    ), claimed as (
      update outbox_messages m set status = 'sending', attempts = m.attempts + 1,
        next_attempt_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz,
        last_attempt_at = ${now.toISOString()}::timestamptz
      from due where m.id = due.id
      returning m.*
    )
    select claimed.id, claimed.company_id, claimed.type, claimed.channel, claimed.recipient_kind, claimed.user_id,
      claimed.resident_account_id, claimed.phone, claimed.case_id, claimed.params, claimed.locale,
      claimed.idempotency_key, claimed.attempts, claimed.expires_at, claimed.created_at,
      u.phone as user_phone, u.job_number as user_job_number, tc.template, ms.provider,
      ms.version as sender_version, ms.settings as sender_settings, ms.secret as sender_secret
    from claimed
    left join users u on u.id = claimed.user_id and u.company_id = claimed.company_id
    left join message_type_channels tc on tc.company_id = claimed.company_id and tc.type = claimed.type
      and tc.channel = claimed.channel
    left join message_senders ms on ms.company_id = claimed.company_id and ms.channel = claimed.channel`;
}

export async function claim(db: Tx, now: Date, batch: number, leaseMs: number): Promise<ClaimedRow[]> {
  const { rows } = await db.execute<ClaimedRow>(claimSql(now, batch, leaseMs));
  return rows;
}

export interface AttemptResult {
  id: string;
  companyId: string;
  /** the claim's attempts: the fencing token */
  attempt: number;
  status: Extract<MessageStatus, 'sent' | 'pending' | 'failed' | 'expired'>;
  outcome: 'sent' | 'retry' | 'failed' | 'expired';
  code: string;
  nextAttemptAt: Date | null;
  startedAt: Date;
  finishedAt: Date;
  httpStatus: number | null;
  providerMessageId: string | null;
  detail: string | null;
}

/**
 * Records a round's results in one statement: each message still `sending` under the same claim (attempts
 * unchanged) takes its new status, and its attempt is written; a late worker whose lease another claim took over
 * writes nothing (the fence). Returns the ids recorded.
 */
export function recordResultsSql(results: readonly AttemptResult[]): SQL {
  const col = <T>(f: (r: AttemptResult) => T) => sql.param(results.map(f));
  return sql`with r as (
      select * from unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.companyId)}::uuid[],
        ${col((r) => r.attempt)}::int[], ${col((r) => r.status)}::text[], ${col((r) => r.outcome)}::text[],
        ${col((r) => r.code)}::text[], ${col((r) => r.nextAttemptAt?.toISOString() ?? null)}::timestamptz[],
        ${col((r) => r.startedAt.toISOString())}::timestamptz[],
        ${col((r) => r.finishedAt.toISOString())}::timestamptz[], ${col((r) => r.httpStatus)}::int[],
        ${col((r) => r.providerMessageId)}::text[], ${col((r) => r.detail)}::text[])
        as r(id, company_id, attempt, status, outcome, code, next_attempt_at, started_at, finished_at, http_status,
          provider_message_id, detail)
    ), u as (
      update outbox_messages m set status = r.status, last_code = r.code,
        next_attempt_at = coalesce(r.next_attempt_at, r.finished_at),
        sent_at = case when r.status = 'sent' then r.finished_at else m.sent_at end,
        provider_message_id = coalesce(r.provider_message_id, m.provider_message_id)
      from r
      where m.id = r.id and m.status = 'sending' and m.attempts = r.attempt
      returning m.id
    )
    insert into outbox_attempts (message_id, company_id, attempt, started_at, finished_at, outcome, code,
      http_status, provider_message_id, detail)
    select r.id, r.company_id, r.attempt, r.started_at, r.finished_at, r.outcome, r.code, r.http_status,
      r.provider_message_id, r.detail
    from r join u on u.id = r.id
    returning message_id`;
}

export async function recordResults(db: Tx, results: readonly AttemptResult[]): Promise<string[]> {
  if (!results.length) return [];
  const { rows } = await db.execute<{ message_id: string }>(recordResultsSql(results));
  return rows.map((r) => r.message_id);
}

/** The development sender's store (MSG-9): a deduplicating receiver, one row per idempotency key. */
export function insertDevMessageSql(m: {
  companyId: string;
  messageId: string;
  idempotencyKey: string;
  type: string;
  channel: string;
  recipient: Record<string, unknown>;
  params: Record<string, string>;
  text: Record<string, string>;
  at: Date;
}): SQL {
  return sql`insert into dev_messages (company_id, message_id, idempotency_key, type, channel, recipient, params,
      text, created_at)
    values (${m.companyId}, ${m.messageId}, ${m.idempotencyKey}, ${m.type}, ${m.channel},
      ${JSON.stringify(m.recipient)}::jsonb, ${JSON.stringify(m.params)}::jsonb, ${JSON.stringify(m.text)}::jsonb,
      ${m.at.toISOString()}::timestamptz)
    on conflict (idempotency_key) do nothing`;
}

// ---------------------------------------------------------------------------------------------------------
// The delivery record (outbox.list, outbox.get)

export type MessageListRow = {
  id: string;
  type: string;
  channel: MessageChannel;
  recipient_kind: 'user' | 'resident' | 'phone';
  user_id: string | null;
  user_name: string | null;
  phone: string | null;
  case_id: string | null;
  case_number: string | null;
  status: MessageStatus;
  attempts: number;
  last_code: string | null;
  next_attempt_at: Date | string;
  expires_at: Date | string;
  sent_at: Date | string | null;
  created_at: Date | string;
};

const MESSAGE_CURSOR = defineCursor([cursorKey.time, cursorKey.uuid]);

export interface MessageFilter {
  status?: string;
  type?: string;
  channel?: string;
  caseId?: string;
}

const SELECT_MESSAGE = sql`select m.id, m.type, m.channel, m.recipient_kind, m.user_id, u.name as user_name, m.phone,
    m.case_id, c.number as case_number, m.status, m.attempts, m.last_code, m.next_attempt_at, m.expires_at,
    m.sent_at, m.created_at
  from outbox_messages m
  left join users u on u.id = m.user_id
  left join cases c on c.id = m.case_id`;

export function listMessagesSql(
  companyId: string,
  f: MessageFilter & { limit: number; after: readonly [Date, string] | null },
): { page: SQL; fromWhere: SQL } {
  const conds: SQL[] = [sql`m.company_id = ${companyId}`];
  if (f.status) conds.push(sql`m.status = ${f.status}`);
  if (f.type) conds.push(sql`m.type = ${f.type}`);
  if (f.channel) conds.push(sql`m.channel = ${f.channel}`);
  if (f.caseId) conds.push(sql`m.case_id = ${f.caseId}`);
  const where = sql.join(conds, sql` and `);
  const keyset = f.after
    ? sql` and (m.created_at, m.id) < (${f.after[0]}::timestamptz, ${f.after[1]}::uuid)`
    : sql``;
  return {
    page: sql`${SELECT_MESSAGE} where ${where}${keyset} order by m.created_at desc, m.id desc limit ${f.limit + 1}`,
    fromWhere: sql`from outbox_messages m where ${where}`,
  };
}

export async function listMessages(
  db: Tx,
  companyId: string,
  f: MessageFilter & { limit: number; cursor?: string },
) {
  const after = MESSAGE_CURSOR.decode(f.cursor)?.key ?? null;
  const q = listMessagesSql(companyId, { ...f, after });
  const counted = await cappedCount(db, q.fromWhere);
  const { rows } = await db.execute<MessageListRow>(q.page);
  return page(
    rows,
    f.limit,
    (r) => MESSAGE_CURSOR.encode([new Date(r.created_at).toISOString(), r.id]),
    counted,
  );
}

export async function getMessage(db: Tx, companyId: string, id: string) {
  const { rows } = await db.execute<MessageListRow>(
    sql`${SELECT_MESSAGE} where m.company_id = ${companyId} and m.id = ${id}`,
  );
  if (!rows.length) return undefined;
  const attempts = await db.execute<{
    attempt: number;
    started_at: Date | string;
    finished_at: Date | string;
    outcome: string;
    code: string;
    http_status: number | null;
  }>(sql`select attempt, started_at, finished_at, outcome, code, http_status from outbox_attempts
    where message_id = ${id} and company_id = ${companyId} order by attempt`);
  return { ...rows[0], attemptRows: attempts.rows };
}

/** outbox.retry: a failed or expired message is due again now under the same key, with a fresh lifetime. */
export async function retryMessage(db: Tx, companyId: string, id: string, now: Date) {
  const { rows } = await db.execute<{ id: string; type: string }>(sql`
    update outbox_messages set status = 'pending', next_attempt_at = ${now.toISOString()}::timestamptz,
      expires_at = greatest(expires_at, ${now.toISOString()}::timestamptz + (expires_at - created_at))
    where company_id = ${companyId} and id = ${id} and status in ('failed', 'expired')
    returning id, type`);
  return rows[0];
}

/** The development sender's messages of a company, newest first (GET /api/test/outbox). */
export async function listDevMessages(db: Tx, companyId: string, f: { phone?: string; type?: string }) {
  const { rows } = await db.execute<{
    id: string;
    message_id: string;
    idempotency_key: string;
    type: string;
    channel: string;
    recipient: Record<string, string>;
    params: Record<string, string>;
    text: Record<string, string>;
    created_at: Date | string;
  }>(sql`select id, message_id, idempotency_key, type, channel, recipient, params, text, created_at
    from dev_messages where company_id = ${companyId}
    ${f.type ? sql`and type = ${f.type}` : sql``}
    ${f.phone ? sql`and recipient->>'phone' = ${f.phone}` : sql``}
    order by created_at desc, id desc limit 200`);
  return rows;
}
