/**
 * A resident signs in to the H5 with their phone and a one-time code (RESIDENT-1, RESIDENT-2): what a code is, how
 * long it lives, how often one may be sent, and what a wrong guess costs. Pure: times are arguments.
 */

/** A resident stays signed in for 30 days, or until 14 days without a visit (RESIDENT-1). */
export const RESIDENT_SESSION = { absoluteMs: 30 * 86_400_000, idleMs: 14 * 86_400_000 } as const;

/** 6 digits, 5 minutes, 5 tries: the 5th wrong try burns the code (RESIDENT-1). */
export const LOGIN_CODE = { digits: 6, ttlMs: 5 * 60_000, maxAttempts: 5 } as const;

/** How often a code may be sent (RESIDENT-2); the company's policy may tighten them. */
export interface SendLimits {
  /** one send per phone in this window */
  phoneGapMs: number;
  /** sends per phone in any 24 hours */
  phonePerDay: number;
  /** sends per requesting address in any hour */
  addressPerHour: number;
}

export const DEFAULT_SEND_LIMITS: SendLimits = { phoneGapMs: 60_000, phonePerDay: 10, addressPerHour: 30 };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The earliest moment a send becomes possible again, given the latest `limit` sends in a window; null: allowed. */
function windowFull(sends: readonly Date[], limit: number, windowMs: number, now: Date): Date | null {
  const inWindow = sends
    .map((d) => d.getTime())
    .filter((t) => t > now.getTime() - windowMs && t <= now.getTime())
    .sort((a, b) => b - a);
  if (inWindow.length < limit) return null;
  // the send that must leave the window first is the limit-th newest
  return new Date(inWindow[limit - 1] + windowMs);
}

/**
 * Whether another code may be sent now: null when it may, else how long to wait (`Retry-After`). `phoneSends` are
 * the phone's sends of the last day, `addressSends` the address's of the last hour — each limit counts sends, not
 * successful sign-ins, so a code that was never used still counts.
 */
export function sendRefusal(
  history: { phoneSends: readonly Date[]; addressSends: readonly Date[] },
  now: Date,
  limits: SendLimits = DEFAULT_SEND_LIMITS,
): { reason: 'phone_gap' | 'phone_day' | 'address_hour'; retryAfterMs: number } | null {
  const waits = [
    ['phone_gap', windowFull(history.phoneSends, 1, limits.phoneGapMs, now)],
    ['phone_day', windowFull(history.phoneSends, limits.phonePerDay, DAY_MS, now)],
    ['address_hour', windowFull(history.addressSends, limits.addressPerHour, HOUR_MS, now)],
  ] as const;
  let worst: { reason: (typeof waits)[number][0]; retryAfterMs: number } | null = null;
  for (const [reason, until] of waits) {
    if (!until) continue;
    const retryAfterMs = Math.max(1000, until.getTime() - now.getTime());
    if (!worst || retryAfterMs > worst.retryAfterMs) worst = { reason, retryAfterMs };
  }
  return worst;
}

/** A code as stored: its end, the wrong tries so far, and whether it was used or burnt. */
export interface StoredCode {
  expiresAt: Date;
  attempts: number;
  finishedAt: Date | null;
}

/**
 * One try of a code (RESIDENT-1). `matches` says whether the digits were right. A used, burnt or expired code, or
 * none, is `unusable`; a wrong try counts, and the try that reaches the limit burns the code. The caller answers
 * every failure with the same message, so a guess learns nothing about which it was.
 */
export function tryCode(
  code: StoredCode | null,
  matches: boolean,
  now: Date,
):
  | { outcome: 'signed_in' }
  | { outcome: 'wrong'; attempts: number; burnt: boolean }
  | { outcome: 'unusable' } {
  if (!code || code.finishedAt || code.expiresAt.getTime() <= now.getTime()) return { outcome: 'unusable' };
  if (code.attempts >= LOGIN_CODE.maxAttempts) return { outcome: 'unusable' };
  if (matches) return { outcome: 'signed_in' };
  const attempts = code.attempts + 1;
  return { outcome: 'wrong', attempts, burnt: attempts >= LOGIN_CODE.maxAttempts };
}

/** What a code looks like on the wire: exactly the digits. */
export const LOGIN_CODE_PATTERN = /^\d{6}$/;

/**
 * A company's code in its H5 address `/h5/<code>` and every printed QR: lower-case letters, digits and inner
 * hyphens, 2 to 32 characters (URL-safe, no escaping, no confusion of case).
 */
export const COMPANY_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,30}[a-z0-9]$/;
