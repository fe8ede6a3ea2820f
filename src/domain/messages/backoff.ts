/**
 * When a message is tried again (MSG-2): a growing delay with a little jitter, raised by what the provider asked
 * for, and the step a send's result takes the message to — with expiry when the next attempt would come too late.
 */
import { createHash } from 'node:crypto';
import type { MessageStatus } from './types';

/** 5 s, 30 s, 2 min, 10 min, 30 min, then 1 h each (HUIYIN_OUTBOX_BACKOFF_MS overrides it). */
export const DEFAULT_BACKOFF_MS: readonly number[] = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];
export const MAX_DELAY_MS = 3_600_000;
export const JITTER = 0.1;

/** A number in [-1, 1) from the message and the attempt: the same on every computation, different across rows. */
function unitJitter(id: string, attempt: number): number {
  const h = createHash('sha256').update(`${id}:${attempt}`).digest();
  return (h.readUInt32BE(0) / 0x1_0000_0000) * 2 - 1;
}

/**
 * The wait after failed attempt `attempt` (1-based) of message `id`: the schedule's step ±10 %; a hint (the
 * provider's Retry-After or rate-limit window) raises it; never over an hour (or the schedule's own last step, if longer).
 */
export function nextDelayMs(
  id: string,
  attempt: number,
  hintMs?: number,
  schedule: readonly number[] = DEFAULT_BACKOFF_MS,
): number {
  const steps = schedule.length ? schedule : DEFAULT_BACKOFF_MS;
  const base = steps[Math.min(Math.max(attempt, 1), steps.length) - 1];
  const jittered = Math.round(base * (1 + JITTER * unitJitter(id, attempt)));
  const cap = Math.max(MAX_DELAY_MS, steps[steps.length - 1]);
  return Math.min(Math.max(jittered, hintMs ?? 0), cap);
}

export interface DeliveryResult {
  outcome: 'sent' | 'retry' | 'failed';
  code: string;
  hintMs?: number;
}

export interface DeliveryStep {
  status: Extract<MessageStatus, 'sent' | 'pending' | 'failed' | 'expired'>;
  /** the attempt's own outcome as recorded in outbox_attempts */
  outcome: 'sent' | 'retry' | 'failed' | 'expired';
  nextAttemptAt: Date | null;
}

/**
 * Where a message goes after attempt `attempts` ended with `result` at `now`: sent, failed, or pending again after
 * its delay — expired instead when that would pass its `expiresAt`.
 */
export function deliveryStep(
  msg: { id: string; attempts: number; expiresAt: Date },
  result: DeliveryResult,
  now: Date,
  schedule?: readonly number[],
): DeliveryStep {
  if (result.outcome === 'sent') return { status: 'sent', outcome: 'sent', nextAttemptAt: null };
  if (result.outcome === 'failed') return { status: 'failed', outcome: 'failed', nextAttemptAt: null };
  const next = new Date(now.getTime() + nextDelayMs(msg.id, msg.attempts, result.hintMs, schedule));
  if (next.getTime() > msg.expiresAt.getTime())
    return { status: 'expired', outcome: 'expired', nextAttemptAt: null };
  return { status: 'pending', outcome: 'retry', nextAttemptAt: next };
}
