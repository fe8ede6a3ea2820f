/**
 * The delivery worker (MSG-2; docs/adr/0025-one-outbox.md): claims a batch of due messages under a lease, sends
 * each through its company's sender for the channel — at most `concurrency` at once, each within the send
 * timeout — and records the round's results in one fenced statement. A message past its expiry is finished
 * `expired` without being sent. At least once: a worker killed mid-send leaves its rows `sending` until their
 * lease ends, when they are claimed again under the same idempotency key. Log lines name only the message id and
 * type (MSG-7): never a phone, a parameter, a URL or a provider's answer.
 */
import { translate, type Locale } from '../../contracts/messages';
import { deliveryStep } from '../../domain/messages/backoff';
import { isMessageType, MESSAGE_TYPES } from '../../domain/messages/types';
import { parsePhone } from '../../domain/property/phone';
import type { Db } from '../db/client';
import type { Clock } from '../platform/clock';
import type { OutboxConfig } from '../platform/config';
import * as repo from './outbox.repository';
import type { OutgoingMessage, SendResult, SmsTemplate } from './sender';
import type { OutboxLog } from './senders/dev';
import type { SenderFactory } from './senders/factory';

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  outbox: OutboxConfig;
  senders: SenderFactory;
  log: OutboxLog;
}

export interface DrainResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  expired: number;
  /** results a later claim had taken over (the fence) */
  discarded: number;
}

const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];

/** Our own text of a message in each language (the webhook's body, the development store). */
export function messageText(type: string, params: Record<string, string>): Record<Locale, string> {
  const names = isMessageType(type) ? MESSAGE_TYPES[type].params : [];
  const filled: Record<string, string> = Object.fromEntries(names.map((n) => [n, params[n] ?? '']));
  return Object.fromEntries(
    LOCALES.map((l) => [l, translate(l, `outbox.${type}`, filled).replace(/\s+/g, ' ').trim()]),
  ) as Record<Locale, string>;
}

type Prepared = { message: OutgoingMessage } | { result: SendResult };

/** The message to send from a claimed row, or the result that ends it without a send (no phone, no template). */
function prepare(row: repo.ClaimedRow): Prepared {
  const to: OutgoingMessage['to'] = { kind: row.recipient_kind };
  if (row.user_id) to.userId = row.user_id;
  if (row.user_job_number) to.jobNumber = row.user_job_number;
  if (row.resident_account_id) to.residentAccountId = row.resident_account_id;
  if (row.channel === 'sms' || row.recipient_kind === 'phone') {
    const raw = row.recipient_kind === 'phone' ? row.phone : row.user_phone;
    const parsed = raw ? parsePhone(raw) : null;
    if (parsed?.ok && parsed.kind === 'mobile') to.phone = parsed.canonical;
    else if (row.channel === 'sms')
      return { result: { outcome: 'failed', code: raw ? 'phone_not_mobile' : 'phone_missing' } };
  }
  let template: SmsTemplate | undefined;
  if (row.channel === 'sms') {
    // a template removed since the message was written: the sender is misconfigured, the message waits (MSG-2)
    if (!row.template?.code) return { result: { outcome: 'retry', code: 'template_missing' } };
    template = {
      code: row.template.code,
      ...(row.template.signName ? { signName: row.template.signName } : {}),
      params: row.template.params ?? [],
    };
  }
  const params = row.params ?? {};
  return {
    message: {
      id: row.id,
      idempotencyKey: row.idempotency_key,
      companyId: row.company_id,
      type: row.type,
      channel: row.channel,
      params,
      to,
      text: messageText(row.type, params),
      ...(template ? { template } : {}),
      caseId: row.case_id,
      createdAt: new Date(row.created_at),
    },
  };
}

/** One send within the timeout: the signal aborts it, and a sender that ignores the signal is not waited for. */
async function sendWithin(deps: DeliveryDeps, row: repo.ClaimedRow, m: OutgoingMessage): Promise<SendResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<SendResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ outcome: 'retry', code: 'timeout' });
    }, deps.outbox.sendTimeoutMs);
  });
  try {
    const sender = deps.senders({
      companyId: row.company_id,
      channel: row.channel,
      provider: row.provider,
      version: row.sender_version,
      settings: row.sender_settings,
      secret: row.sender_secret,
    });
    return await Promise.race([sender.send(m, controller.signal), timeout]);
  } catch {
    // never the error itself: an SDK's error carries its request URL, the phone in its query string
    return { outcome: 'retry', code: 'exception' };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `work` over `items` with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

/** One round: claim, send, record. Returns how many were claimed and how they ended. */
export async function deliverBatch(deps: DeliveryDeps): Promise<DrainResult> {
  const claimedAt = deps.clock.now();
  const rows = await repo.claim(deps.db, claimedAt, deps.outbox.batch, deps.outbox.leaseMs);
  const results: repo.AttemptResult[] = [];
  await pool(rows, deps.outbox.concurrency, async (row) => {
    const startedAt = deps.clock.now();
    const expiresAt = new Date(row.expires_at);
    let result: SendResult | { outcome: 'expired'; code: string };
    if (expiresAt.getTime() <= startedAt.getTime()) result = { outcome: 'expired', code: 'expired' };
    else {
      const prepared = prepare(row);
      result = 'result' in prepared ? prepared.result : await sendWithin(deps, row, prepared.message);
    }
    const finishedAt = deps.clock.now();
    const step =
      result.outcome === 'expired'
        ? { status: 'expired' as const, outcome: 'expired' as const, nextAttemptAt: null }
        : deliveryStep(
            { id: row.id, attempts: row.attempts, expiresAt },
            result,
            finishedAt,
            deps.outbox.backoffMs,
          );
    results.push({
      id: row.id,
      companyId: row.company_id,
      attempt: row.attempts,
      status: step.status,
      outcome: step.outcome,
      code: result.code,
      nextAttemptAt: step.nextAttemptAt,
      startedAt,
      finishedAt,
      httpStatus: 'httpStatus' in result ? (result.httpStatus ?? null) : null,
      providerMessageId: result.outcome === 'sent' ? (result.providerMessageId ?? null) : null,
      detail: 'detail' in result && result.detail ? result.detail.slice(0, 200) : null,
    });
    deps.log.info(
      { messageId: row.id, type: row.type, outcome: step.outcome, code: result.code },
      'outbox attempt',
    );
  });
  const recorded = new Set(await repo.recordResults(deps.db, results));
  const count = (s: string) => results.filter((r) => recorded.has(r.id) && r.status === s).length;
  return {
    claimed: rows.length,
    sent: count('sent'),
    retried: count('pending'),
    failed: count('failed'),
    expired: count('expired'),
    discarded: results.length - recorded.size,
  };
}

/** Delivers until a claim finds nothing due or `maxMs` passed (the schedule's run; tests call it directly). */
export async function drainOutbox(deps: DeliveryDeps, opts: { maxMs?: number } = {}): Promise<DrainResult> {
  const total: DrainResult = { claimed: 0, sent: 0, retried: 0, failed: 0, expired: 0, discarded: 0 };
  const started = Date.now();
  for (;;) {
    const r = await deliverBatch(deps);
    for (const k of Object.keys(total) as (keyof DrainResult)[]) total[k] += r[k];
    if (r.claimed === 0 || Date.now() - started >= (opts.maxMs ?? 10_000)) return total;
  }
}
