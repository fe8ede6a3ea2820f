/**
 * Tencent Cloud SMS (`sms.v20210111` `SendSms`) behind the outbox's one `Sender` (MSG-1, MSG-2, MSG-3).
 *
 * Why it is built this way:
 * - No SDK retries: the Tencent SDK makes one request per call and has no retry of its own; the outbox owns
 *   retrying (it records every attempt, backs off, honours a rate limit's hint, stops at the type's expiry).
 * - At least once, and why an SMS may arrive twice: the message's idempotency key travels as `SessionContext` on
 *   every attempt, but Tencent only echoes it back (in the answer and in delivery receipts) — it does not deduplicate
 *   by it. When a request times out after Tencent accepted it (or the process dies mid-send), the outbox retries under
 *   the same key and the recipient may get the SMS twice: for staff alerts a duplicate is far better than a lost
 *   emergency (MSG-2).
 * - One client per sender instance, with its own keep-alive agent: sockets are reused for every message of the
 *   company (the outbox caches senders per company and settings version), and a process-wide `http_proxy` is not
 *   picked up behind the company's back (the SDK would route through it when no agent is given).
 * - The send is cancellable: the worker's signal and this sender's timeout, whichever ends first, abort the request
 *   (`request('SendSms', …, { signal })`, the SDK's own entry point that takes one); both are `retry timeout`.
 * - A request-level error (`Response.Error`, or a status other than 200) is thrown as `TencentCloudSDKHttpException`
 *   (`code`, `httpCode`); a per-number refusal is not thrown but read from `SendStatusSet[0].Code` ('Ok' = sent).
 *   `classifyTencent` decides all of them; a result carries a code, the status and at most the provider's message
 *   with the keys cut out and redacted (MSG-7). This module logs nothing.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import * as TencentSmsModule from 'tencentcloud-sdk-nodejs-sms';
import type {
  SendSmsRequest,
  SendSmsResponse,
} from 'tencentcloud-sdk-nodejs-sms/tencentcloud/services/sms/v20210111/sms_models';
import { classifyTencent, type ProviderAnswer } from '../../../domain/messages/sms';
import type { OutgoingMessage, SendResult, Sender } from '../sender';
import {
  isPrepared,
  neverThrows,
  prepareSms,
  providerDetail,
  resultOf,
  sendDeadline,
  transportOf,
  untilDeadline,
  isAborted,
  type SmsSenderOptions,
} from './sms-call';

// CommonJS: Node's ESM loader and Vitest both expose `sms` on the namespace today; `default` is the fallback when
// an interop hands over `module.exports` alone.
const tencentcloud: typeof TencentSmsModule =
  (TencentSmsModule as { sms?: unknown }).sms !== undefined
    ? TencentSmsModule
    : (TencentSmsModule as unknown as { default: typeof TencentSmsModule }).default;
const TencentClient = tencentcloud.sms.v20210111.Client;
type TencentClient = InstanceType<typeof TencentClient>;

export interface TencentSettings {
  signName: string;
  sdkAppId: string;
  /** default `ap-guangzhou` */
  region?: string;
  /** host[:port]; default `sms.tencentcloudapi.com` */
  endpoint?: string;
  /** as the SDK takes it, scheme and `://` */
  protocol?: 'https://' | 'http://';
}

export interface TencentCredentials {
  secretId: string;
  secretKey: string;
}

export const TENCENT_DEFAULT_ENDPOINT = 'sms.tencentcloudapi.com';
export const TENCENT_DEFAULT_REGION = 'ap-guangzhou';

/** The parts of the SDK's thrown `TencentCloudSDKHttpException` that are read. */
interface TencentError {
  code?: unknown;
  httpCode?: unknown;
  message?: unknown;
}

function fromThrown(error: unknown, deadline: AbortSignal, secrets: readonly string[]): SendResult {
  const e = (error ?? {}) as TencentError;
  if (deadline.aborted) return resultOf(classifyTencent({ transport: 'timeout' }), {});
  if (typeof e.code === 'string' && e.code !== '') {
    // Response.Error: the answer was HTTP 200 with a request-level error code
    return resultOf(classifyTencent({ httpStatus: 200, code: e.code }), {
      httpStatus: 200,
      detail: providerDetail(e.message, secrets),
    });
  }
  if (typeof e.httpCode === 'number')
    return resultOf(classifyTencent({ httpStatus: e.httpCode }), { httpStatus: e.httpCode });
  // the SDK wraps a failed fetch in its exception with the fetch error's message only
  const message = typeof e.message === 'string' ? e.message : '';
  if (/timeout/i.test(message)) return resultOf(classifyTencent({ transport: 'timeout' }), {});
  if (/invalid json|unexpected token|unexpected end of json/i.test(message))
    return resultOf(classifyTencent({ transport: 'unreadable' }), {});
  if (/ECONN|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|socket hang up|request to .* failed/i.test(message))
    return resultOf(classifyTencent({ transport: 'network' }), {});
  const transport = transportOf(error);
  if (transport) return resultOf(classifyTencent({ transport }), {});
  return { outcome: 'retry', code: 'exception' };
}

export function createTencentSender(
  settings: TencentSettings,
  credentials: TencentCredentials,
  opts: SmsSenderOptions,
): Sender {
  const protocol = settings.protocol ?? 'https://';
  const secrets = [credentials.secretKey, credentials.secretId];
  const refusal: SendResult | null =
    protocol === 'http://' && opts.production
      ? { outcome: 'retry', code: 'insecure_protocol_refused' }
      : !credentials.secretId || !credentials.secretKey
        ? { outcome: 'retry', code: 'credentials_missing' }
        : !settings.sdkAppId
          ? { outcome: 'retry', code: 'sender_config_invalid' }
          : null;

  let client: TencentClient | null = null;
  if (!refusal) {
    try {
      client = new TencentClient({
        credential: { secretId: credentials.secretId, secretKey: credentials.secretKey },
        region: settings.region || TENCENT_DEFAULT_REGION,
        profile: {
          httpProfile: {
            endpoint: settings.endpoint || TENCENT_DEFAULT_ENDPOINT,
            protocol,
            // seconds; a little past the send timeout so the abort below, not the SDK, ends a slow send
            reqTimeout: (opts.timeoutMs + 1000) / 1000,
            agent:
              protocol === 'http://'
                ? new HttpAgent({ keepAlive: true })
                : new HttpsAgent({ keepAlive: true }),
          },
        },
      });
    } catch {
      client = null;
    }
  }

  async function send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
    if (refusal) return refusal;
    if (!client) return { outcome: 'retry', code: 'sender_config_invalid' };
    const prepared = prepareSms(message, 'tencent');
    if (!isPrepared(prepared)) return prepared;

    const deadline = sendDeadline(signal, opts.timeoutMs);
    if (deadline.aborted) return resultOf(classifyTencent({ transport: 'timeout' }), {});
    const request: SendSmsRequest = {
      PhoneNumberSet: [prepared.phone],
      SmsSdkAppId: settings.sdkAppId,
      SignName: prepared.template.signName || settings.signName,
      TemplateId: prepared.template.code,
      TemplateParamSet: prepared.tencentTemplateParamSet,
      SessionContext: message.idempotencyKey,
    };
    try {
      const answer = await untilDeadline(
        client.request('SendSms', request, { signal: deadline }) as Promise<SendSmsResponse>,
        deadline,
      );
      if (isAborted(answer)) return resultOf(classifyTencent({ transport: 'timeout' }), {});
      const status = answer?.SendStatusSet?.[0];
      if (!status) return resultOf(classifyTencent({ transport: 'unreadable' }), { httpStatus: 200 });
      const verdict = classifyTencent({ httpStatus: 200, code: status.Code } satisfies ProviderAnswer);
      return resultOf(verdict, {
        httpStatus: 200,
        providerMessageId: status.SerialNo,
        detail: providerDetail(status.Message, secrets),
      });
    } catch (error) {
      return fromThrown(error, deadline, secrets);
    }
  }

  return { kind: 'tencent', send: neverThrows(send) };
}
