/**
 * Aliyun SMS (dysmsapi `SendSms`) behind the outbox's one `Sender` (MSG-1, MSG-2, MSG-3).
 *
 * Why it is built this way:
 * - No SDK retries: `retryOptions` stays unset, so the SDK makes exactly one request per `send`. The outbox owns
 *   retrying: it records every attempt, backs off, honours a rate limit's hint and stops at the type's expiry; a
 *   retry loop hidden in the SDK would send more than one SMS per recorded attempt and hold a worker slot.
 * - At least once, and why an SMS may arrive twice: the message's idempotency key travels as `OutId` on every
 *   attempt, but Aliyun only echoes `OutId` back in delivery receipts — it does not deduplicate by it. When a
 *   request times out after Aliyun accepted it (or the process dies mid-send), the outbox cannot know, retries under
 *   the same key, and the recipient may get the SMS twice. For staff alerts a duplicate is far better than a lost
 *   emergency (MSG-2); a deduplicating receiver (the webhook) is the only channel that can promise once.
 * - One client per sender instance: the SDK client and its keep-alive sockets are reused for every message of the
 *   company; the outbox caches senders per company and settings version.
 * - Nothing the SDK says is passed on raw: it sends every field, the phone included, in the query string of a POST,
 *   and its error messages embed the URL. A result carries a code, the HTTP status and at most the provider's own
 *   message through the log redaction (MSG-7); this module logs nothing.
 * - A business refusal comes back as HTTP 200 with `Code ≠ 'OK'`; HTTP 4xx/5xx are thrown as `ClientError`,
 *   `ServerError` or `ThrottlingError` (`code`, `statusCode`, `retryAfter` in milliseconds from `x-acs-retry-after`).
 *   `classifyAliyun` decides all of them.
 * - The SDK cannot be cancelled: its own read and connect timeouts are the send timeout, and an aborted or timed-out
 *   send returns `retry timeout` at once while the dropped request ends on its socket timeout.
 */
import AliyunSmsModule, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { classifyAliyun, type ProviderAnswer } from '../../../domain/messages/sms';
import type { OutgoingMessage, SendResult, Sender } from '../sender';
import {
  isAborted,
  isPrepared,
  neverThrows,
  prepareSms,
  providerDetail,
  resultOf,
  sendDeadline,
  transportOf,
  untilDeadline,
  type SmsSenderOptions,
} from './sms-call';

// CommonJS: Node's ESM loader (tsx, `npm start`) hands over `module.exports`, whose `default` is the client class;
// Vitest's interop hands over the class itself.
type AliyunClient = InstanceType<typeof AliyunSmsModule>;
const AliyunClientClass: typeof AliyunSmsModule =
  (AliyunSmsModule as unknown as { default?: typeof AliyunSmsModule }).default ?? AliyunSmsModule;

export interface AliyunSettings {
  signName: string;
  /** host[:port]; default `dysmsapi.aliyuncs.com` */
  endpoint?: string;
  protocol?: 'https' | 'http';
  regionId?: string;
}

export interface AliyunCredentials {
  accessKeyId: string;
  accessKeySecret: string;
}

export const ALIYUN_DEFAULT_ENDPOINT = 'dysmsapi.aliyuncs.com';

/** The parts of the SDK's thrown `ClientError` / `ServerError` / `ThrottlingError` that are read. */
interface AliyunError {
  name?: string;
  code?: unknown;
  statusCode?: unknown;
  retryAfter?: unknown;
  data?: { Message?: unknown; message?: unknown } | null;
}

function fromThrown(error: unknown, deadline: AbortSignal, secrets: readonly string[]): SendResult {
  const e = (error ?? {}) as AliyunError;
  if (deadline.aborted || e.name === 'RequestTimeoutError')
    return resultOf(classifyAliyun({ transport: 'timeout' }), {});
  if (typeof e.statusCode === 'number') {
    const answer: ProviderAnswer = {
      httpStatus: e.statusCode,
      code: typeof e.code === 'string' && e.code !== 'undefined' ? e.code : undefined,
      retryAfterMs: typeof e.retryAfter === 'number' ? e.retryAfter : undefined,
    };
    const message = e.data?.Message ?? e.data?.message;
    return resultOf(classifyAliyun(answer), {
      httpStatus: e.statusCode,
      detail: providerDetail(message, secrets),
    });
  }
  const transport = transportOf(error);
  if (transport) return resultOf(classifyAliyun({ transport }), {});
  return { outcome: 'retry', code: 'exception' };
}

export function createAliyunSender(
  settings: AliyunSettings,
  credentials: AliyunCredentials,
  opts: SmsSenderOptions,
): Sender {
  const protocol = settings.protocol ?? 'https';
  const secrets = [credentials.accessKeySecret, credentials.accessKeyId];
  const refusal: SendResult | null =
    protocol === 'http' && opts.production
      ? { outcome: 'retry', code: 'insecure_protocol_refused' }
      : !credentials.accessKeyId || !credentials.accessKeySecret
        ? { outcome: 'retry', code: 'credentials_missing' }
        : null;

  let client: AliyunClient | null = null;
  let configError: SendResult | null = null;
  if (!refusal) {
    try {
      client = new AliyunClientClass(
        new $OpenApiUtil.Config({
          accessKeyId: credentials.accessKeyId,
          accessKeySecret: credentials.accessKeySecret,
          endpoint: settings.endpoint || ALIYUN_DEFAULT_ENDPOINT,
          protocol,
          ...(settings.regionId ? { regionId: settings.regionId } : {}),
          readTimeout: opts.timeoutMs,
          connectTimeout: opts.timeoutMs,
          // no retryOptions: one request per attempt, the outbox retries (MSG-2)
        }),
      );
    } catch {
      configError = { outcome: 'retry', code: 'sender_config_invalid' };
    }
  }

  async function send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
    if (refusal) return refusal;
    if (configError || !client) return configError ?? { outcome: 'retry', code: 'sender_config_invalid' };
    const prepared = prepareSms(message, 'aliyun');
    if (!isPrepared(prepared)) return prepared;

    const deadline = sendDeadline(signal, opts.timeoutMs);
    if (deadline.aborted) return resultOf(classifyAliyun({ transport: 'timeout' }), {});
    try {
      const request = new SendSmsRequest({
        phoneNumbers: prepared.phone,
        signName: prepared.template.signName || settings.signName,
        templateCode: prepared.template.code,
        templateParam: prepared.aliyunTemplateParam,
        outId: message.idempotencyKey,
      });
      const response = await untilDeadline(client.sendSms(request), deadline);
      if (isAborted(response)) return resultOf(classifyAliyun({ transport: 'timeout' }), {});
      const body = response.body;
      const httpStatus = response.statusCode;
      if (!body) return resultOf(classifyAliyun({ transport: 'unreadable' }), { httpStatus });
      return resultOf(classifyAliyun({ httpStatus, code: body.code }), {
        httpStatus,
        providerMessageId: body.bizId,
        detail: providerDetail(body.message, secrets),
      });
    } catch (error) {
      return fromThrown(error, deadline, secrets);
    }
  }

  return { kind: 'aliyun', send: neverThrows(send) };
}
