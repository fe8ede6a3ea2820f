/**
 * The signature of an outgoing webhook (MSG-8): `X-Huiyin-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">` under the company's webhook secret. `t` is taken per attempt while the body bytes stay the same,
 * and a receiver refuses a `t` more than five minutes off. Exported for tests and the bench receiver.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Huiyin-Signature';
export const SIGNATURE_TOLERANCE_S = 300;

export function signature(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
}

/** The header value for `body` signed at unix second `t`. */
export function sign(secret: string, t: number, body: string): string {
  return `t=${t},v1=${signature(secret, t, body)}`;
}

export type Verdict = { ok: true; t: number } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

export function verify(
  header: string | null | undefined,
  body: string,
  secret: string,
  now: Date,
  toleranceS = SIGNATURE_TOLERANCE_S,
): Verdict {
  if (!header) return { ok: false, reason: 'malformed' };
  const fields = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const k = part.slice(0, i).trim();
    fields.set(k, [...(fields.get(k) ?? []), part.slice(i + 1).trim()]);
  }
  const tText = fields.get('t')?.[0];
  const v1s = fields.get('v1') ?? [];
  if (!tText || !/^\d+$/.test(tText) || !v1s.length) return { ok: false, reason: 'malformed' };
  const t = Number(tText);
  if (Math.abs(Math.floor(now.getTime() / 1000) - t) > toleranceS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signature(secret, t, body), 'hex');
  const match = v1s.some((v) => {
    if (!/^[0-9a-f]{64}$/i.test(v)) return false;
    return timingSafeEqual(expected, Buffer.from(v, 'hex'));
  });
  return match ? { ok: true, t } : { ok: false, reason: 'mismatch' };
}
