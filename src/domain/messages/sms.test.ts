import { describe, expect, it } from 'vitest';
import {
  HOUR_MS,
  classifyAliyun,
  classifyTencent,
  providerCode,
  providerPhone,
  smsDetail,
  smsPayload,
  type ProviderAnswer,
} from './sms';

describe('Aliyun answers (MSG-2: retried under the same key unless permanently refused)', () => {
  it('HTTP 200 with Code OK is sent', () => {
    expect(classifyAliyun({ httpStatus: 200, code: 'OK' })).toEqual({ outcome: 'sent', code: 'OK' });
  });

  // written out rather than read from the module's list, so dropping a code from it fails here
  it.each([
    ['isv.MOBILE_NUMBER_ILLEGAL'],
    ['isv.SMS_TEMPLATE_ILLEGAL'],
    ['isv.SMS_SIGNATURE_ILLEGAL'],
    ['isv.TEMPLATE_MISSING_PARAMETERS'],
    ['isv.INVALID_PARAMETERS'],
    ['isv.PARAM_LENGTH_LIMIT'],
    ['isv.SMS_CONTENT_ILLEGAL'],
    ['isv.BLACK_KEY_CONTROL_LIMIT'],
    ['isv.SMS_SIGN_ILLEGAL'],
    ['isv.SMS_SIGNATURE_SCENE_ILLEGAL'],
    ['isv.MOBILE_COUNT_OVER_LIMIT'],
    ['isv.DOMESTIC_NUMBER_NOT_SUPPORTED'],
  ])('%s is a permanent refusal', (code) => {
    expect(classifyAliyun({ httpStatus: 200, code })).toEqual({ outcome: 'failed', code });
  });

  it.each([
    ['isv.BUSINESS_LIMIT_CONTROL', undefined, HOUR_MS],
    ['isv.DAY_LIMIT_CONTROL', undefined, HOUR_MS],
    ['isv.MONTH_LIMIT_CONTROL', undefined, HOUR_MS],
    // the provider's own wait counts when it is longer than the window
    ['isv.BUSINESS_LIMIT_CONTROL', 2 * HOUR_MS, 2 * HOUR_MS],
  ])('rate limit %s (asked %s ms) is retried after at least %s ms', (code, retryAfterMs, hintMs) => {
    expect(classifyAliyun({ httpStatus: 200, code, retryAfterMs })).toEqual({
      outcome: 'retry',
      code,
      hintMs,
    });
  });

  it.each<[ProviderAnswer, string, number | undefined]>([
    [{ httpStatus: 200, code: 'isv.OUT_OF_SERVICE' }, 'isv.OUT_OF_SERVICE', undefined],
    [{ httpStatus: 200, code: 'isv.AMOUNT_NOT_ENOUGH' }, 'isv.AMOUNT_NOT_ENOUGH', undefined],
    [{ httpStatus: 500, code: 'isp.SYSTEM_ERROR' }, 'isp.SYSTEM_ERROR', undefined],
    [{ httpStatus: 503, code: 'ServiceUnavailable' }, 'ServiceUnavailable', undefined],
    [{ httpStatus: 400, code: 'Throttling.User', retryAfterMs: 1500 }, 'Throttling.User', 1500],
    [{ httpStatus: 400, code: 'Throttling.User' }, 'Throttling.User', undefined],
    // account and credential errors: the sender is down until an admin fixes it, nothing is lost
    [{ httpStatus: 404, code: 'InvalidAccessKeyId.NotFound' }, 'InvalidAccessKeyId.NotFound', undefined],
    [{ httpStatus: 400, code: 'SignatureDoesNotMatch' }, 'SignatureDoesNotMatch', undefined],
    [{ httpStatus: 200, code: 'isp.RAM_PERMISSION_DENY' }, 'isp.RAM_PERMISSION_DENY', undefined],
    [{ httpStatus: 200, code: 'isv.ACCOUNT_NOT_EXISTS' }, 'isv.ACCOUNT_NOT_EXISTS', undefined],
    [{ httpStatus: 200, code: 'isv.PRODUCT_UN_SUBSCRIPT' }, 'isv.PRODUCT_UN_SUBSCRIPT', undefined],
    [{ httpStatus: 200, code: 'isv.SIGN_STATE_ILLEGAL' }, 'isv.SIGN_STATE_ILLEGAL', undefined],
    [{ httpStatus: 200, code: 'isv.DENY_IP_RANGE' }, 'isv.DENY_IP_RANGE', undefined],
    // a code nobody listed must not end a message
    [{ httpStatus: 200, code: 'isv.SOMETHING_NEW' }, 'isv.SOMETHING_NEW', undefined],
    // OK on an error status is not a success
    [{ httpStatus: 500, code: 'OK' }, 'OK', undefined],
    [{ httpStatus: 500 }, 'http_500', undefined],
    [{ httpStatus: 429, retryAfterMs: 5000 }, 'http_429', 5000],
    [{ transport: 'timeout' }, 'timeout', undefined],
    [{ transport: 'network' }, 'network', undefined],
    [{ transport: 'unreadable', httpStatus: 502 }, 'answer_unreadable', undefined],
    [{}, 'answer_unreadable', undefined],
  ])('%j is retried as %s (hint %s)', (answer, code, hintMs) => {
    const expected = hintMs === undefined ? { outcome: 'retry', code } : { outcome: 'retry', code, hintMs };
    expect(classifyAliyun(answer)).toEqual(expected);
  });

  it('a timeout wins over a code read before it', () => {
    expect(classifyAliyun({ transport: 'timeout', code: 'OK' })).toEqual({
      outcome: 'retry',
      code: 'timeout',
    });
  });

  it('a negative or non-finite wait is no hint', () => {
    expect(classifyAliyun({ httpStatus: 400, code: 'Throttling', retryAfterMs: -5 })).toEqual({
      outcome: 'retry',
      code: 'Throttling',
    });
    expect(classifyAliyun({ httpStatus: 400, code: 'Throttling', retryAfterMs: Number.NaN })).toEqual({
      outcome: 'retry',
      code: 'Throttling',
    });
  });
});

describe('Tencent answers (MSG-2)', () => {
  it("SendStatusSet[0].Code 'Ok' is sent", () => {
    expect(classifyTencent({ httpStatus: 200, code: 'Ok' })).toEqual({ outcome: 'sent', code: 'Ok' });
  });

  it("Aliyun's OK is not Tencent's Ok", () => {
    expect(classifyTencent({ httpStatus: 200, code: 'OK' }).outcome).toBe('retry');
    expect(classifyAliyun({ httpStatus: 200, code: 'Ok' }).outcome).toBe('retry');
  });

  it.each([
    ['InvalidParameterValue.IncorrectPhoneNumber'],
    ['InvalidParameterValue.TemplateParameterFormatError'],
    ['InvalidParameterValue.TemplateParameterLengthLimit'],
    ['FailedOperation.TemplateIncorrectOrUnapproved'],
    ['FailedOperation.SignatureIncorrectOrUnapproved'],
    ['FailedOperation.PhoneNumberInBlacklist'],
    ['FailedOperation.ContainSensitiveWord'],
    ['MissingParameter.EmptyPhoneNumberSet'],
    ['UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber'],
  ])('%s is a permanent refusal', (code) => {
    expect(classifyTencent({ httpStatus: 200, code })).toEqual({ outcome: 'failed', code });
  });

  it.each([
    ['LimitExceeded.PhoneNumberThirtySecondLimit', 30_000],
    ['LimitExceeded.PhoneNumberOneHourLimit', HOUR_MS],
    ['LimitExceeded.PhoneNumberDailyLimit', HOUR_MS],
    ['LimitExceeded.PhoneNumberSameContentDailyLimit', HOUR_MS],
    ['LimitExceeded.AppDailyLimit', HOUR_MS],
  ])('rate limit %s is retried after at least %s ms', (code, hintMs) => {
    expect(classifyTencent({ httpStatus: 200, code })).toEqual({ outcome: 'retry', code, hintMs });
  });

  it.each<[ProviderAnswer, string]>([
    [
      { httpStatus: 200, code: 'LimitExceeded.DeliveryFrequencyLimit' },
      'LimitExceeded.DeliveryFrequencyLimit',
    ],
    [{ httpStatus: 200, code: 'InternalError.Timeout' }, 'InternalError.Timeout'],
    [{ httpStatus: 200, code: 'RequestLimitExceeded' }, 'RequestLimitExceeded'],
    [
      { httpStatus: 200, code: 'FailedOperation.InsufficientBalanceInSmsPackage' },
      'FailedOperation.InsufficientBalanceInSmsPackage',
    ],
    [{ httpStatus: 200, code: 'AuthFailure.SignatureFailure' }, 'AuthFailure.SignatureFailure'],
    [
      { httpStatus: 200, code: 'UnauthorizedOperation.SmsSdkAppIdVerifyFail' },
      'UnauthorizedOperation.SmsSdkAppIdVerifyFail',
    ],
    [{ httpStatus: 200, code: 'FailedOperation.SomethingNew' }, 'FailedOperation.SomethingNew'],
    [{ httpStatus: 500 }, 'http_500'],
    [{ httpStatus: 404 }, 'http_404'],
    [{ transport: 'timeout' }, 'timeout'],
    [{ transport: 'network' }, 'network'],
  ])('%j is retried as %s', (answer, code) => {
    expect(classifyTencent(answer)).toEqual({ outcome: 'retry', code });
  });

  it('a code that is not a dotted identifier is not stored as given (MSG-7)', () => {
    expect(classifyTencent({ httpStatus: 200, code: 'Failed 13812345678' })).toEqual({
      outcome: 'retry',
      code: 'unrecognised_code',
    });
    expect(providerCode('isv13812345678')).toBe('unrecognised_code');
    expect(providerCode('isv.MOBILE_NUMBER_ILLEGAL')).toBe('isv.MOBILE_NUMBER_ILLEGAL');
    expect(providerCode('')).toBeUndefined();
  });
});

describe('provider message kept on an attempt (MSG-7)', () => {
  it('goes through the log redaction and is at most 200 characters', () => {
    expect(smsDetail('check mobile 13812345678 failed')).toBe('check mobile [number] failed');
    expect(smsDetail('手机号码格式错误')).toBe('[text]');
    expect(smsDetail('x'.repeat(500))).toHaveLength(200);
    expect(smsDetail(undefined)).toBeUndefined();
  });
});

describe('template parameters (MSG-3, MSG-7)', () => {
  const template = {
    code: 'SMS_123',
    params: [
      { name: 'no', from: 'number' },
      { name: 'where', from: 'place' },
      { name: 'kind', from: 'kind' },
    ],
  };

  it("gives Aliyun a JSON object by the provider's names and Tencent an array in the template's order", () => {
    const payload = smsPayload(template, {
      kind: '紧急',
      place: '阳光花园 3 栋',
      number: 'TS-2026-0001',
      extra: 'x',
    });
    expect(payload).toEqual({
      ok: true,
      aliyunTemplateParam: JSON.stringify({ no: 'TS-2026-0001', where: '阳光花园 3 栋', kind: '紧急' }),
      tencentTemplateParamSet: ['TS-2026-0001', '阳光花园 3 栋', '紧急'],
    });
  });

  it('cuts a value to 20 characters, counting Chinese characters as one each', () => {
    const long = '一二三四五六七八九十一二三四五六七八九十廿二';
    const payload = smsPayload({ code: 'T', params: [{ name: 'p', from: 'place' }] }, { place: long });
    expect(payload.ok && payload.tencentTemplateParamSet[0]).toBe(long.slice(0, 20));
    expect(payload.ok && JSON.parse(payload.aliyunTemplateParam).p).toBe(long.slice(0, 20));
  });

  it('does not cut inside a character outside the basic plane', () => {
    const payload = smsPayload({ code: 'T', params: [{ name: 'p', from: 'p' }] }, { p: '𠀀'.repeat(25) });
    expect(payload.ok && payload.tencentTemplateParamSet[0]).toBe('𠀀'.repeat(20));
  });

  it.each([
    [{ number: 'TS-1', kind: '紧急' }, 'place'],
    [{ number: 'TS-1', kind: '紧急', place: '  ' }, 'place'],
    [{ number: 'TS-1', place: 'P' }, 'kind'],
  ])('%j lacks %s: failed template_param_missing before any call', (params, missing) => {
    expect(smsPayload(template, params)).toEqual({
      ok: false,
      verdict: { outcome: 'failed', code: 'template_param_missing' },
      missing,
    });
  });

  it('an inherited property is not a parameter', () => {
    const payload = smsPayload({ code: 'T', params: [{ name: 'p', from: 'constructor' }] }, {});
    expect(payload).toMatchObject({ ok: false, missing: 'constructor' });
  });

  it('a template without parameters sends an empty object and an empty array', () => {
    expect(smsPayload({ code: 'T', params: [] }, {})).toEqual({
      ok: true,
      aliyunTemplateParam: '{}',
      tencentTemplateParamSet: [],
    });
  });
});

describe('the number the provider is given (REGISTER-4)', () => {
  it.each([
    ['13812345678', '13812345678', '+8613812345678'],
    ['+86 138-1234-5678', '13812345678', '+8613812345678'],
    ['008613812345678', '13812345678', '+8613812345678'],
    ['19912345678', '19912345678', '+8619912345678'],
    // an extension means nothing to a mobile: the SMS goes to the mobile
    ['13812345678转801', '13812345678', '+8613812345678'],
  ])('%s → Aliyun %s, Tencent %s', (raw, aliyun, tencent) => {
    expect(providerPhone(raw, 'aliyun')).toEqual({ ok: true, phone: aliyun });
    expect(providerPhone(raw, 'tencent')).toEqual({ ok: true, phone: tencent });
  });

  it.each([
    ['0755-12345678'],
    ['0755-12345678-801'],
    ['01012345678'],
    ['95598'],
    ['400-123-4567'],
    ['12812345678'],
    ['+1 415 555 1234'],
    [''],
    [null],
    [undefined],
  ])('%s cannot receive an SMS: failed phone_not_mobile', (raw) => {
    for (const provider of ['aliyun', 'tencent'] as const)
      expect(providerPhone(raw, provider)).toEqual({
        ok: false,
        verdict: { outcome: 'failed', code: 'phone_not_mobile' },
      });
  });
});
