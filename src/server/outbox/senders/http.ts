/**
 * The company's signed webhook (MSG-8): POST of one JSON body — the same bytes on every attempt — with
 * `Idempotency-Key` and `X-Huiyin-Signature` (t per attempt), a timeout by AbortSignal. 2xx sent; 408/425/429/5xx,
 * a timeout or a network error retried (Retry-After honoured); any other 4xx failed (src/domain/messages/classify.ts).
 * Plain http is refused in production. Never logs the URL or the body.
 */
import { classifyWebhook } from '../../../domain/messages/classify';
import { SIGNATURE_HEADER, sign } from '../../../domain/messages/webhook-signature';
import type { Env } from '../../../domain/messages/switches';
import type { Clock } from '../../platform/clock';
import type { OutgoingMessage, SendResult, Sender } from '../sender';

export interface HttpSettings {
  url: string;
}

/** Whether `url` may receive webhooks: http(s) only, https in production. */
export function webhookUrlProblem(url: unknown, env: Env): 'invalid_url' | 'insecure_url' | null {
  if (typeof url !== 'string') return 'invalid_url';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'invalid_url';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'invalid_url';
  if (env === 'production' && u.protocol !== 'https:') return 'insecure_url';
  return null;
}

/**
 * The body of a message's webhook: built from the stored message alone, keys in a fixed order, so every attempt
 * sends the same bytes under the same key. A user is named by id and 工号, never by phone; a bare phone (the
 * on-call phone) is the recipient itself.
 */
export function webhookBody(m: OutgoingMessage): string {
  const recipient: Record<string, string> = { kind: m.to.kind };
  if (m.to.userId) recipient.userId = m.to.userId;
  if (m.to.jobNumber) recipient.jobNumber = m.to.jobNumber;
  if (m.to.residentAccountId) recipient.residentAccountId = m.to.residentAccountId;
  if (m.to.kind === 'phone' && m.to.phone) recipient.phone = m.to.phone;
  return JSON.stringify({
    id: m.id,
    type: m.type,
    channel: m.channel,
    createdAt: m.createdAt.toISOString(),
    recipient,
    ...(m.caseId ? { caseId: m.caseId } : {}),
    params: m.params,
    text: m.text,
  });
}

export function createHttpSender(
  settings: HttpSettings,
  credentials: { secret: string },
  opts: { env: Env; clock: Clock; fetch?: typeof fetch },
): Sender {
  const doFetch = opts.fetch ?? fetch;
  return {
    kind: 'http',
    async send(m: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
      const problem = webhookUrlProblem(settings.url, opts.env);
      // a misconfigured sender is "down" until an administrator fixes it: nothing is lost
      if (problem) return { outcome: 'retry', code: problem };
      const body = webhookBody(m);
      const t = Math.floor(opts.clock.now().getTime() / 1000);
      let res: Response;
      try {
        res = await doFetch(settings.url, {
          method: 'POST',
          body,
          redirect: 'manual',
          signal,
          headers: {
            'Content-Type': 'application/json',
            'Idempotency-Key': m.idempotencyKey,
            [SIGNATURE_HEADER]: sign(credentials.secret, t, body),
          },
        });
      } catch {
        return classifyWebhook({ error: signal.aborted ? 'timeout' : 'network' }, opts.clock.now());
      }
      await res.body?.cancel().catch(() => {});
      return classifyWebhook(
        { status: res.status, retryAfter: res.headers.get('retry-after') },
        opts.clock.now(),
      );
    },
  };
}
