/**
 * What an SMS provider's answer means for a message, and what the provider is sent (MSG-2, MSG-3, MSG-7). Pure: the
 * senders of `src/server/outbox/senders/` turn the SDK's answer or thrown error into the plain `ProviderAnswer` below
 * and act on the verdict; nothing here reads a clock or the network.
 *
 * - `classifyAliyun`, `classifyTencent`: `sent`, `retry` (the message stays queued under the same key) or `failed`
 *   (a permanent refusal: the number, the template or the sign name is wrong and no retry can fix it). An account or
 *   credential error is a `retry`: the sender is down until an admin fixes it, and nothing is lost (MSG-2). A code
 *   not listed is a `retry` too — a new provider code must not end a message. A rate limit gives a hint: the wait
 *   the provider asked for, at least its window (30 s for Tencent's 30-second limit, 1 h for hour, day and month
 *   limits); the backoff raises its delay to the hint and caps it.
 * - `smsPayload`: the template's parameters from the message's named values, Aliyun's `TemplateParam` JSON and
 *   Tencent's ordered `TemplateParamSet`; a value is cut to 20 characters (both providers' limit for a variable).
 * - `providerPhone`: a mainland mobile only (REGISTER-4's canonical form), bare 11 digits for Aliyun, `+86…` for
 *   Tencent; a landline or a service number cannot receive an SMS and fails before any call.
 */
import { redactFreeText, redactIdentifiers } from '../privacy/log-redaction';
import { parsePhone } from '../property/phone';

export type SmsProvider = 'aliyun' | 'tencent';

export type SmsVerdict = { outcome: 'sent' | 'retry' | 'failed'; code: string; hintMs?: number };

/** A provider's answer or thrown error, reduced to plain values by the sender. */
export interface ProviderAnswer {
  /** the HTTP status, when an answer came */
  httpStatus?: number;
  /** Aliyun: the body's `Code` or the error's `code`; Tencent: `Response.Error.Code` or `SendStatusSet[0].Code` */
  code?: string;
  /** the wait the provider asked for, in milliseconds (Aliyun `x-acs-retry-after`, a Retry-After header) */
  retryAfterMs?: number;
  /** no answer: the request timed out (or was aborted), the connection failed, or the answer could not be read */
  transport?: 'timeout' | 'network' | 'unreadable';
}

export const SECOND_MS = 1000;
export const HOUR_MS = 3600 * SECOND_MS;

/** Aliyun codes that no retry can fix: the number, template, sign name or content is refused. */
export const ALIYUN_FAILED = [
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.INVALID_PARAMETERS',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.SMS_CONTENT_ILLEGAL',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.SMS_SIGN_ILLEGAL',
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL',
  'isv.MOBILE_COUNT_OVER_LIMIT',
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
] as const;

/** Aliyun rate limits and their least wait: per-number minute/hour limits, the day's and the month's quota. */
export const ALIYUN_LIMITS: Readonly<Record<string, number>> = {
  'isv.BUSINESS_LIMIT_CONTROL': HOUR_MS,
  'isv.DAY_LIMIT_CONTROL': HOUR_MS,
  'isv.MONTH_LIMIT_CONTROL': HOUR_MS,
};

/**
 * Aliyun codes that leave the message queued, listed so a reader sees them decided (any other code is a retry
 * too): the service down or throttled, the account out of money, and account or credential errors an admin fixes.
 */
export const ALIYUN_RETRY = [
  'isv.OUT_OF_SERVICE',
  'isv.AMOUNT_NOT_ENOUGH',
  'ServiceUnavailable',
  'InvalidAccessKeyId.NotFound',
  'SignatureDoesNotMatch',
  'isp.RAM_PERMISSION_DENY',
  'isv.ACCOUNT_NOT_EXISTS',
  'isv.PRODUCT_UN_SUBSCRIPT',
  'isv.SIGN_STATE_ILLEGAL',
  'isv.DENY_IP_RANGE',
] as const;

/** Tencent codes that no retry can fix. */
export const TENCENT_FAILED = [
  'InvalidParameterValue.IncorrectPhoneNumber',
  'InvalidParameterValue.TemplateParameterFormatError',
  'InvalidParameterValue.TemplateParameterLengthLimit',
  'FailedOperation.TemplateIncorrectOrUnapproved',
  'FailedOperation.SignatureIncorrectOrUnapproved',
  'FailedOperation.PhoneNumberInBlacklist',
  'FailedOperation.ContainSensitiveWord',
] as const;
/** Tencent code families that no retry can fix: a parameter missing, an operation the account cannot do. */
export const TENCENT_FAILED_FAMILIES = ['MissingParameter.', 'UnsupportedOperation.'] as const;

/** Tencent rate limits and their least wait (`LimitExceeded.*` not listed are retried without a hint). */
export const TENCENT_LIMITS: Readonly<Record<string, number>> = {
  'LimitExceeded.PhoneNumberThirtySecondLimit': 30 * SECOND_MS,
  'LimitExceeded.PhoneNumberOneHourLimit': HOUR_MS,
  'LimitExceeded.PhoneNumberDailyLimit': HOUR_MS,
  'LimitExceeded.PhoneNumberSameContentDailyLimit': HOUR_MS,
  'LimitExceeded.AppDailyLimit': HOUR_MS,
};

/** Tencent codes and families that leave the message queued, for the reader (any other code is a retry too). */
export const TENCENT_RETRY = [
  'LimitExceeded.',
  'InternalError.',
  'RequestLimitExceeded',
  'FailedOperation.InsufficientBalanceInSmsPackage',
  'AuthFailure.',
  'UnauthorizedOperation.',
] as const;

/**
 * A provider's code as it may be stored and shown: the codes both providers document are dotted identifiers; any
 * other text (a stand-in's or a proxy's answer could echo a number) becomes `unrecognised_code`.
 */
export function providerCode(code: string | undefined): string | undefined {
  if (code === undefined || code === '') return undefined;
  if (!/^[A-Za-z][A-Za-z0-9_.]{0,79}$/.test(code) || redactIdentifiers(code) !== code)
    return 'unrecognised_code';
  return code;
}

/** The provider's message as an attempt may keep it: through the log redaction, at most 200 characters. */
export function smsDetail(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  return redactFreeText(text).slice(0, 200);
}

function hint(minimumMs: number | undefined, retryAfterMs: number | undefined): number | undefined {
  const asked =
    retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : 0;
  const least = Math.max(minimumMs ?? 0, asked);
  return least > 0 ? least : undefined;
}

function retry(code: string, hintMs?: number): SmsVerdict {
  return hintMs === undefined ? { outcome: 'retry', code } : { outcome: 'retry', code, hintMs };
}

/** No answer, or an answer without a code: by transport, then by HTTP status. */
function withoutCode(answer: ProviderAnswer): SmsVerdict {
  if (answer.transport)
    return retry(answer.transport === 'unreadable' ? 'answer_unreadable' : answer.transport);
  if (answer.httpStatus !== undefined)
    return retry(`http_${answer.httpStatus}`, hint(undefined, answer.retryAfterMs));
  return retry('answer_unreadable');
}

const isSuccessStatus = (status: number | undefined) =>
  status === undefined || (status >= 200 && status < 300);

export function classifyAliyun(answer: ProviderAnswer): SmsVerdict {
  if (answer.transport) return withoutCode(answer);
  const code = providerCode(answer.code);
  if (code === undefined) return withoutCode(answer);
  if (code === 'OK' && isSuccessStatus(answer.httpStatus)) return { outcome: 'sent', code };
  if ((ALIYUN_FAILED as readonly string[]).includes(code)) return { outcome: 'failed', code };
  if (code in ALIYUN_LIMITS) return retry(code, hint(ALIYUN_LIMITS[code], answer.retryAfterMs));
  // Throttling*, isp.*, 5xx, account errors and any code not listed
  return retry(code, hint(undefined, answer.retryAfterMs));
}

export function classifyTencent(answer: ProviderAnswer): SmsVerdict {
  if (answer.transport) return withoutCode(answer);
  const code = providerCode(answer.code);
  if (code === undefined) return withoutCode(answer);
  if (code === 'Ok' && isSuccessStatus(answer.httpStatus)) return { outcome: 'sent', code };
  if (
    (TENCENT_FAILED as readonly string[]).includes(code) ||
    TENCENT_FAILED_FAMILIES.some((family) => code.startsWith(family))
  )
    return { outcome: 'failed', code };
  if (code in TENCENT_LIMITS) return retry(code, hint(TENCENT_LIMITS[code], answer.retryAfterMs));
  return retry(code, hint(undefined, answer.retryAfterMs));
}

/** An SMS template as the provider approved it (MSG-3): `name` is the provider's variable, `from` our parameter. */
export interface SmsTemplateShape {
  code: string;
  signName?: string;
  params: readonly { name: string; from: string }[];
}

/** Both providers refuse a variable longer than this many characters. */
export const SMS_PARAM_MAX_CHARS = 20;

export type SmsPayload =
  | { ok: true; aliyunTemplateParam: string; tencentTemplateParamSet: string[] }
  | { ok: false; verdict: SmsVerdict & { outcome: 'failed' }; missing: string };

/** A value cut to the variable limit by characters (code points), never inside a surrogate pair. */
const capped = (value: string) => Array.from(value).slice(0, SMS_PARAM_MAX_CHARS).join('');

export function smsPayload(template: SmsTemplateShape, params: Readonly<Record<string, string>>): SmsPayload {
  const byName: Record<string, string> = {};
  const ordered: string[] = [];
  for (const { name, from } of template.params) {
    const value = Object.hasOwn(params, from) ? params[from] : undefined;
    if (typeof value !== 'string' || value.trim() === '')
      return { ok: false, verdict: { outcome: 'failed', code: 'template_param_missing' }, missing: from };
    byName[name] = capped(value);
    ordered.push(capped(value));
  }
  return { ok: true, aliyunTemplateParam: JSON.stringify(byName), tencentTemplateParamSet: ordered };
}

export type ProviderPhone =
  { ok: true; phone: string } | { ok: false; verdict: SmsVerdict & { outcome: 'failed' } };

/** The number as the provider takes it, or `phone_not_mobile` for anything but a mainland mobile. */
export function providerPhone(phone: string | null | undefined, provider: SmsProvider): ProviderPhone {
  const parsed = phone ? parsePhone(phone) : null;
  if (!parsed || !parsed.ok || parsed.kind !== 'mobile')
    return { ok: false, verdict: { outcome: 'failed', code: 'phone_not_mobile' } };
  return { ok: true, phone: provider === 'aliyun' ? parsed.canonical : `+86${parsed.canonical}` };
}
