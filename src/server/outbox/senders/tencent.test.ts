import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTencentSender } from './tencent';
import { closedPort, json, smsMessage, startStandIn, type StandIn } from './stand-in.test-support';

const credentials = { secretId: 'AKIDStandInSecretId', secretKey: 'StandInTencentSecretKeyValue' };
const TIMEOUT_MS = 400;
const open = new AbortController().signal;

let provider: StandIn;
beforeAll(async () => {
  provider = await startStandIn();
});
afterAll(() => provider.close());
beforeEach(() => provider.reset());

const sender = (over: { endpoint?: string; timeoutMs?: number; production?: boolean } = {}) =>
  createTencentSender(
    {
      signName: '回音物业',
      sdkAppId: '1400000042',
      endpoint: over.endpoint ?? provider.host,
      protocol: 'http://',
    },
    credentials,
    { timeoutMs: over.timeoutMs ?? TIMEOUT_MS, production: over.production ?? false },
  );

const status = (code: string, message = 'send success') => ({
  SerialNo: '2640:327838364816599451516466339',
  PhoneNumber: '+8613812345678',
  Fee: 1,
  SessionContext: '0190a0c411117000800000000000abcd',
  Code: code,
  Message: message,
  IsoCode: 'CN',
});
const answerWith = (res: ServerResponse, set: unknown[]) =>
  json(res, 200, { Response: { SendStatusSet: set, RequestId: 'a0aabda6-cf91-4f3e-a2b0-8b1c4e6b1234' } });
const requestError = (res: ServerResponse, code: string, message: string) =>
  json(res, 200, { Response: { Error: { Code: code, Message: message }, RequestId: 'b1' } });

describe('Tencent sender against a stand-in SMS API (MSG-2, MSG-3)', () => {
  it("sends SendSms as JSON with +86 number, app, sign, template, ordered parameters and the key; 'Ok' is sent", async () => {
    provider.answer((_req, res) => answerWith(res, [status('Ok')]));
    const message = smsMessage();
    const result = await sender().send(message, open);

    expect(result).toEqual({
      outcome: 'sent',
      code: 'Ok',
      httpStatus: 200,
      providerMessageId: '2640:327838364816599451516466339',
    });
    expect(provider.received).toHaveLength(1);
    const [request] = provider.received;
    expect(request.method).toBe('POST');
    expect(request.headers['x-tc-action']).toBe('SendSms');
    expect(request.headers['x-tc-version']).toBe('2021-01-11');
    expect(request.headers['x-tc-region']).toBe('ap-guangzhou');
    expect(request.headers['content-type']).toContain('application/json');
    expect(JSON.parse(request.body)).toEqual({
      PhoneNumberSet: ['+8613812345678'],
      SmsSdkAppId: '1400000042',
      SignName: '回音物业',
      TemplateId: 'SMS_000001',
      // the template's order, not the message's
      TemplateParamSet: ['TS-2026-0042', '紧急', '阳光花园 3 栋'],
      SessionContext: message.idempotencyKey,
    });
    expect(String(request.headers.authorization)).toContain(credentials.secretId);
    expect(JSON.stringify(request)).not.toContain(credentials.secretKey);
  });

  it("the template's order decides the array, and its sign name wins over the sender's", async () => {
    provider.answer((_req, res) => answerWith(res, [status('Ok')]));
    const message = smsMessage({
      template: {
        code: '1234567',
        signName: '阳光物业',
        params: [
          { name: '1', from: 'place' },
          { name: '2', from: 'number' },
        ],
      },
    });
    expect((await sender().send(message, open)).outcome).toBe('sent');
    const body = JSON.parse(provider.received[0].body);
    expect(body.TemplateParamSet).toEqual(['阳光花园 3 栋', 'TS-2026-0042']);
    expect(body.SignName).toBe('阳光物业');
    expect(body.TemplateId).toBe('1234567');
  });

  it('one sender keeps one client: its messages share a kept-alive connection', async () => {
    provider.answer((_req, res) => answerWith(res, [status('Ok')]));
    const s = sender();
    for (let i = 0; i < 3; i++) expect((await s.send(smsMessage(), open)).outcome).toBe('sent');
    expect(provider.received).toHaveLength(3);
    expect(new Set(provider.received.map((r) => r.remotePort)).size).toBe(1);
  });

  it('Response.Error LimitExceeded.PhoneNumberDailyLimit is retried with an hour hint', async () => {
    provider.answer((_req, res) =>
      requestError(res, 'LimitExceeded.PhoneNumberDailyLimit', '单个手机号日下发短信条数超过设定的上限'),
    );
    const result = await sender().send(smsMessage(), open);
    expect(result).toMatchObject({
      outcome: 'retry',
      code: 'LimitExceeded.PhoneNumberDailyLimit',
      httpStatus: 200,
    });
    expect(result.outcome !== 'sent' && result.hintMs).toBeGreaterThanOrEqual(3600_000);
  });

  it('the 30-second limit is retried no sooner than 30 s', async () => {
    provider.answer((_req, res) =>
      answerWith(res, [status('LimitExceeded.PhoneNumberThirtySecondLimit', 'limit')]),
    );
    const result = await sender().send(smsMessage(), open);
    expect(result).toMatchObject({
      outcome: 'retry',
      code: 'LimitExceeded.PhoneNumberThirtySecondLimit',
      hintMs: 30_000,
    });
  });

  it('SendStatusSet[0].Code FailedOperation.PhoneNumberInBlacklist fails for good, the message redacted (MSG-7)', async () => {
    provider.answer((_req, res) =>
      answerWith(res, [
        status('FailedOperation.PhoneNumberInBlacklist', 'phone +8613812345678 is in blacklist'),
      ]),
    );
    const result = await sender().send(smsMessage(), open);
    expect(result).toEqual({
      outcome: 'failed',
      code: 'FailedOperation.PhoneNumberInBlacklist',
      httpStatus: 200,
      detail: 'phone [number] is in blacklist',
    });
  });

  it('HTTP 500 is retried, once per attempt', async () => {
    provider.answer((_req, res) => json(res, 500, { message: 'internal' }));
    const result = await sender().send(smsMessage(), open);
    expect(result).toEqual({ outcome: 'retry', code: 'http_500', httpStatus: 500 });
    expect(provider.received).toHaveLength(1);
  });

  it('an authentication failure is retried: the sender is down until an admin fixes it (MSG-2)', async () => {
    provider.answer((_req, res) =>
      requestError(res, 'AuthFailure.SecretIdNotFound', 'The SecretId is not found'),
    );
    const result = await sender().send(smsMessage(), open);
    expect(result).toMatchObject({ outcome: 'retry', code: 'AuthFailure.SecretIdNotFound', httpStatus: 200 });
  });

  it('an answer without a status for the number is retried as unreadable', async () => {
    provider.answer((_req, res) => answerWith(res, []));
    expect(await sender().send(smsMessage(), open)).toEqual({
      outcome: 'retry',
      code: 'answer_unreadable',
      httpStatus: 200,
    });
  });

  it('HTTP 200 with a body that is not JSON is retried', async () => {
    provider.answer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>gateway</html>'),
    );
    expect(await sender().send(smsMessage(), open)).toMatchObject({
      outcome: 'retry',
      code: 'answer_unreadable',
    });
  });

  it('no answer within the timeout is retried as timeout, promptly', async () => {
    provider.answer(() => {
      // never answers
    });
    const started = Date.now();
    expect(await sender().send(smsMessage(), open)).toEqual({ outcome: 'retry', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2000);
  });

  it("the worker's abort cancels the request and counts as a timeout", async () => {
    let closed = false;
    provider.answer((req, res) => {
      res.on('close', () => (closed = true));
      void req;
    });
    const worker = new AbortController();
    const pending = sender({ timeoutMs: 10_000 }).send(smsMessage(), worker.signal);
    setTimeout(() => worker.abort(), 100);
    expect(await pending).toEqual({ outcome: 'retry', code: 'timeout' });
    // the request was really cancelled: the provider saw its connection go
    await expect.poll(() => closed, { timeout: 2000 }).toBe(true);
  });

  it('a provider that is down (connection refused) is retried as network', async () => {
    expect(await sender({ endpoint: await closedPort() }).send(smsMessage(), open)).toEqual({
      outcome: 'retry',
      code: 'network',
    });
  });

  it.each([['0755-12345678'], ['400-123-4567']])(
    'a landline or service number (%s) fails as phone_not_mobile and the provider receives nothing',
    async (phone) => {
      provider.answer((_req, res) => answerWith(res, [status('Ok')]));
      const result = await sender().send(smsMessage({ to: { kind: 'phone', phone } }), open);
      expect(result).toEqual({ outcome: 'failed', code: 'phone_not_mobile' });
      expect(provider.received).toHaveLength(0);
    },
  );

  it('a message it cannot even read is retry exception, never a throw', async () => {
    const broken = smsMessage({ params: null as unknown as Record<string, string> });
    expect(await sender().send(broken, open)).toEqual({ outcome: 'retry', code: 'exception' });
    expect(provider.received).toHaveLength(0);
  });

  it('plain HTTP is refused in production, without a call', async () => {
    provider.answer((_req, res) => answerWith(res, [status('Ok')]));
    expect(await sender({ production: true }).send(smsMessage(), open)).toEqual({
      outcome: 'retry',
      code: 'insecure_protocol_refused',
    });
    expect(provider.received).toHaveLength(0);
  });

  it('neither the secret nor the phone nor the URL reaches anything the sender returns or prints (MSG-4, MSG-7)', async () => {
    const printed: string[] = [];
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      printed.push(String(chunk));
      return out(chunk, ...rest);
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      printed.push(String(chunk));
      return err(chunk, ...rest);
    }) as typeof process.stderr.write;
    const results: unknown[] = [];
    try {
      const answers = [
        (res: ServerResponse) => answerWith(res, [status('Ok')]),
        (res: ServerResponse) =>
          requestError(res, 'InvalidParameter.Whatever', `key ${credentials.secretKey} for 13812345678`),
        (res: ServerResponse) =>
          answerWith(res, [status('FailedOperation.ContainSensitiveWord', `echo ${credentials.secretKey}`)]),
        (res: ServerResponse) => json(res, 503, { Response: { Error: { Message: '13812345678' } } }),
        (res: ServerResponse) => res.writeHead(200).end('13812345678 not json'),
      ];
      for (const answer of answers) {
        provider.answer((_req, res) => answer(res));
        results.push(await sender().send(smsMessage(), open));
      }
      results.push(await sender({ endpoint: await closedPort() }).send(smsMessage(), open));
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
    const everything = JSON.stringify(results) + printed.join('');
    expect(results).toHaveLength(6);
    expect(everything).not.toContain(credentials.secretKey);
    expect(everything).not.toContain('13812345678');
    expect(everything).not.toContain('127.0.0.1');
  });
});
