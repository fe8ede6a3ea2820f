/**
 * What the Aliyun and Tencent senders share: the checks made before any call (a template, a mobile number, every
 * template parameter — MSG-3), the one deadline of a send (the worker's signal or the sender's own timeout,
 * whichever ends first), and the reading of a thrown error that carries no provider code.
 */
import {
  providerPhone,
  smsDetail,
  smsPayload,
  type SmsProvider,
  type SmsTemplateShape,
  type SmsVerdict,
} from '../../../domain/messages/sms';
import type { OutgoingMessage, SendResult } from '../sender';

export interface SmsSenderOptions {
  /** one attempt's limit: connect plus answer */
  timeoutMs: number;
  /** plain HTTP is refused in production */
  production: boolean;
}

export interface PreparedSms {
  phone: string;
  template: SmsTemplateShape;
  aliyunTemplateParam: string;
  tencentTemplateParamSet: string[];
}

/** The request's parts, or the result that ends the attempt before any call. */
export function prepareSms(message: OutgoingMessage, provider: SmsProvider): PreparedSms | SendResult {
  const template = message.template;
  // the switches let no SMS type on without a template (MSG-3); one removed since is the sender misconfigured,
  // which keeps the message queued (MSG-2)
  if (!template || !template.code) return { outcome: 'retry', code: 'template_missing' };
  const phone = providerPhone(message.to.phone, provider);
  if (!phone.ok) return phone.verdict;
  const payload = smsPayload(template, message.params);
  if (!payload.ok) return payload.verdict;
  return {
    phone: phone.phone,
    template,
    aliyunTemplateParam: payload.aliyunTemplateParam,
    tencentTemplateParamSet: payload.tencentTemplateParamSet,
  };
}

export const isPrepared = (value: PreparedSms | SendResult): value is PreparedSms => 'phone' in value;

/** A send that answers `retry exception` for whatever its own code throws, as the `Sender` contract asks. */
export function neverThrows(
  send: (message: OutgoingMessage, signal: AbortSignal) => Promise<SendResult>,
): (message: OutgoingMessage, signal: AbortSignal) => Promise<SendResult> {
  return async (message, signal) => {
    try {
      return await send(message, signal);
    } catch {
      return { outcome: 'retry', code: 'exception' };
    }
  };
}

/** The signal a send stops on: the worker's, or this sender's own timeout. */
export function sendDeadline(signal: AbortSignal, timeoutMs: number): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
}

const ABORTED = Symbol('aborted');

/**
 * The call's result, or `ABORTED` as soon as the deadline passes. A call the SDK cannot cancel runs on until its
 * own socket timeout; its late result or error is dropped here, never left as an unhandled rejection.
 */
export function untilDeadline<T>(call: Promise<T>, deadline: AbortSignal): Promise<T | typeof ABORTED> {
  call.catch(() => undefined);
  if (deadline.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    deadline.addEventListener('abort', onAbort, { once: true });
    call.then(
      (value) => {
        deadline.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        deadline.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export const isAborted = (value: unknown): value is typeof ABORTED => value === ABORTED;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
]);

/** A thrown error that is not a provider's answer: the connection failed, or the answer was not JSON. */
export function transportOf(error: unknown): 'network' | 'unreadable' | undefined {
  if (error instanceof SyntaxError) return 'unreadable';
  const code = (error as { code?: unknown } | null)?.code;
  const errno = (error as { errno?: unknown } | null)?.errno;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return 'network';
  if (typeof errno === 'string' && NETWORK_CODES.has(errno)) return 'network';
  if (error instanceof Error && /socket hang up/i.test(error.message)) return 'network';
  return undefined;
}

/**
 * The provider's message with any of the given secrets cut out, then through the log redaction (MSG-4, MSG-7):
 * no provider echoes a key, but a proxy or a misconfigured endpoint might, and the redaction keeps ASCII words.
 */
export function providerDetail(message: unknown, secrets: readonly string[]): string | undefined {
  if (typeof message !== 'string') return undefined;
  let text = message;
  for (const secret of secrets) if (secret) text = text.split(secret).join('[secret]');
  return smsDetail(text);
}

/** Both providers' message ids (BizId, SerialNo) are short runs of letters, digits and dashes. */
const PROVIDER_ID = /^[A-Za-z0-9_.:^-]{1,128}$/;

/** A verdict as the worker records it, with the status and the redacted provider message when there are any. */
export function resultOf(
  verdict: SmsVerdict,
  extra: { httpStatus?: number; providerMessageId?: string; detail?: string },
): SendResult {
  const httpStatus = extra.httpStatus !== undefined ? { httpStatus: extra.httpStatus } : {};
  if (verdict.outcome === 'sent')
    return {
      outcome: 'sent',
      code: verdict.code,
      ...httpStatus,
      ...(extra.providerMessageId && PROVIDER_ID.test(extra.providerMessageId)
        ? { providerMessageId: extra.providerMessageId }
        : {}),
    };
  return {
    outcome: verdict.outcome,
    code: verdict.code,
    ...httpStatus,
    ...(verdict.hintMs !== undefined ? { hintMs: verdict.hintMs } : {}),
    ...(extra.detail ? { detail: extra.detail } : {}),
  };
}
