/**
 * A webhook receiver's answer as a send result (MSG-2): 2xx sent; 408, 425, 429, 5xx, a timeout or a network
 * error retried (honouring Retry-After); any other 4xx a permanent refusal. The SMS providers' codes are
 * classified by their senders (src/domain/messages/sms.ts).
 */
export type Classified =
  | { outcome: 'sent'; code: string; httpStatus?: number }
  | { outcome: 'retry' | 'failed'; code: string; httpStatus?: number; hintMs?: number };

const RETRY_STATUSES = new Set([408, 425, 429]);

/** Retry-After as delta-seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

export function classifyWebhook(
  answer: { status: number; retryAfter?: string | null } | { error: 'timeout' | 'network' },
  now: Date,
): Classified {
  if ('error' in answer) return { outcome: 'retry', code: answer.error };
  const s = answer.status;
  if (s >= 200 && s < 300) return { outcome: 'sent', code: `http_${s}`, httpStatus: s };
  const hintMs = retryAfterMs(answer.retryAfter, now);
  if (RETRY_STATUSES.has(s) || s >= 500)
    return {
      outcome: 'retry',
      code: `http_${s}`,
      httpStatus: s,
      ...(hintMs !== undefined ? { hintMs } : {}),
    };
  if (s >= 400) return { outcome: 'failed', code: `http_${s}`, httpStatus: s };
  // 1xx/3xx (fetch follows redirects): not an acceptance — try again later
  return { outcome: 'retry', code: `http_${s}`, httpStatus: s };
}
