import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAliyunSender } from './aliyun';
import { closedPort, json, smsMessage, startStandIn, type StandIn } from './stand-in.test-support';

const credentials = { accessKeyId: 'LTAI5tStandInKeyId', accessKeySecret: 'StandInAccessKeySecretValue' };
const TIMEOUT_MS = 400;
const open = new AbortController().signal;

let provider: StandIn;
beforeAll(async () => {
  provider = await startStandIn();
});
afterAll(() => provider.close());
beforeEach(() => provider.reset());

const sender = (over: { endpoint?: string; timeoutMs?: number; production?: boolean } = {}) =>
  createAliyunSender(
    { signName: '回音物业', endpoint: over.endpoint ?? provider.host, protocol: 'http' },
    credentials,
    { timeoutMs: over.timeoutMs ?? TIMEOUT_MS, production: over.production ?? false },
  );

const ok = { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'F655A8D5-B967-440B-8683' };

describe('Aliyun sender against a stand-in dysmsapi (MSG-2, MSG-3)', () => {
  it('sends SendSms with the mobile, sign name, template, parameters and the key as OutId; OK is sent', async () => {
    provider.answer((_req, res) => json(res, 200, ok));
    const message = smsMessage();
    const result = await sender().send(message, open);

    expect(result).toEqual({ outcome: 'sent', code: 'OK', httpStatus: 200, providerMessageId: ok.BizId });
    expect(provider.received).toHaveLength(1);
    const [request] = provider.received;
    expect(request.method).toBe('POST');
    expect(request.headers['x-acs-action']).toBe('SendSms');
    expect(request.headers['x-acs-version']).toBe('2017-05-25');
    const query = request.url.searchParams;
    expect(query.get('PhoneNumbers')).toBe('13812345678');
    expect(query.get('SignName')).toBe('回音物业');
    expect(query.get('TemplateCode')).toBe('SMS_000001');
    expect(JSON.parse(query.get('TemplateParam') ?? '')).toEqual({
      no: 'TS-2026-0042',
      kind: '紧急',
      place: '阳光花园 3 栋',
    });
    expect(query.get('OutId')).toBe(message.idempotencyKey);
    // signed with the access key, which is sent as its id only
    expect(String(request.headers.authorization)).toContain(credentials.accessKeyId);
    expect(JSON.stringify(request)).not.toContain(credentials.accessKeySecret);
  });

  it("a canonical +86 number is sent as 11 digits, and the template's sign name wins over the sender's", async () => {
    provider.answer((_req, res) => json(res, 200, ok));
    const base = smsMessage();
    const message = smsMessage({
      to: { kind: 'phone', phone: '+86 139-0000-1111' },
      template: { ...base.template!, signName: '阳光物业' },
    });
    expect((await sender().send(message, open)).outcome).toBe('sent');
    const query = provider.received[0].url.searchParams;
    expect(query.get('PhoneNumbers')).toBe('13900001111');
    expect(query.get('SignName')).toBe('阳光物业');
  });

  it("its messages share a kept-alive connection (the SDK's agent, none made per request)", async () => {
    provider.answer((_req, res) => json(res, 200, ok));
    const s = sender();
    for (let i = 0; i < 3; i++) expect((await s.send(smsMessage(), open)).outcome).toBe('sent');
    expect(provider.received).toHaveLength(3);
    expect(new Set(provider.received.map((r) => r.remotePort)).size).toBe(1);
  });

  it('the same message sent twice carries the same OutId both times (MSG-2)', async () => {
    provider.answer((_req, res) => json(res, 500, { Code: 'ServiceUnavailable', Message: 'busy' }));
    const s = sender();
    const message = smsMessage();
    await s.send(message, open);
    await s.send(message, open);
    expect(provider.received.map((r) => r.url.searchParams.get('OutId'))).toEqual([
      message.idempotencyKey,
      message.idempotencyKey,
    ]);
  });

  it('HTTP 500 is retried, once per attempt: the SDK does not retry by itself', async () => {
    provider.answer((_req, res) =>
      json(res, 500, { Code: 'ServiceUnavailable', Message: 'The service is busy' }),
    );
    const result = await sender().send(smsMessage(), open);
    expect(result).toMatchObject({ outcome: 'retry', code: 'ServiceUnavailable', httpStatus: 500 });
    expect(provider.received).toHaveLength(1);
  });

  it('HTTP 500 with a body that is not JSON is retried', async () => {
    provider.answer((_req, res) =>
      res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>502 Bad Gateway</h1>'),
    );
    const result = await sender().send(smsMessage(), open);
    expect(result).toMatchObject({ outcome: 'retry', code: 'answer_unreadable' });
  });

  it('no answer within the timeout is retried as timeout, promptly', async () => {
    provider.answer(() => {
      // never answers
    });
    const started = Date.now();
    const result = await sender().send(smsMessage(), open);
    expect(result).toEqual({ outcome: 'retry', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2000);
    expect(provider.received).toHaveLength(1);
  });

  it("the worker's abort ends the send as a timeout before the sender's own", async () => {
    provider.answer(() => {
      // never answers
    });
    const worker = new AbortController();
    const started = Date.now();
    const pending = sender({ timeoutMs: 10_000 }).send(smsMessage(), worker.signal);
    setTimeout(() => worker.abort(), 100);
    expect(await pending).toEqual({ outcome: 'retry', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('an already aborted send calls nobody', async () => {
    provider.answer((_req, res) => json(res, 200, ok));
    expect(await sender().send(smsMessage(), AbortSignal.abort())).toEqual({
      outcome: 'retry',
      code: 'timeout',
    });
    expect(provider.received).toHaveLength(0);
  });

  it('a provider that is down (connection refused) is retried as network', async () => {
    const result = await sender({ endpoint: await closedPort() }).send(smsMessage(), open);
    expect(result).toEqual({ outcome: 'retry', code: 'network' });
  });

  it('HTTP 200 isv.BUSINESS_LIMIT_CONTROL is retried no sooner than an hour', async () => {
    provider.answer((_req, res) =>
      json(res, 200, {
        Code: 'isv.BUSINESS_LIMIT_CONTROL',
        Message: '触发小时级流控Permits:5',
        RequestId: 'R1',
      }),
    );
    const result = await sender().send(smsMessage(), open);
    expect(result).toMatchObject({ outcome: 'retry', code: 'isv.BUSINESS_LIMIT_CONTROL', httpStatus: 200 });
    expect(result.outcome !== 'sent' && result.hintMs).toBeGreaterThanOrEqual(3600_000);
  });

  it("a throttled request carries the provider's wait as the hint", async () => {
    provider.answer((_req, res) =>
      json(
        res,
        400,
        { Code: 'Throttling.User', Message: 'Request was denied due to user flow control.' },
        {
          'x-acs-retry-after': '2500',
        },
      ),
    );
    const result = await sender().send(smsMessage(), open);
    expect(result).toMatchObject({
      outcome: 'retry',
      code: 'Throttling.User',
      httpStatus: 400,
      hintMs: 2500,
    });
  });

  it('HTTP 200 isv.MOBILE_NUMBER_ILLEGAL fails for good, the provider message redacted (MSG-7)', async () => {
    provider.answer((_req, res) =>
      json(res, 200, {
        Code: 'isv.MOBILE_NUMBER_ILLEGAL',
        Message: 'invalid mobile 13812345678',
        RequestId: 'R2',
      }),
    );
    const result = await sender().send(smsMessage(), open);
    expect(result).toEqual({
      outcome: 'failed',
      code: 'isv.MOBILE_NUMBER_ILLEGAL',
      httpStatus: 200,
      detail: 'invalid mobile [number]',
    });
  });

  it('a bad access key is retried: the sender is down until an admin fixes it (MSG-2)', async () => {
    provider.answer((_req, res) =>
      json(res, 404, { Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' }),
    );
    const result = await sender().send(smsMessage(), open);
    expect(result).toMatchObject({ outcome: 'retry', code: 'InvalidAccessKeyId.NotFound', httpStatus: 404 });
  });

  it.each([['0755-12345678'], ['95598']])(
    'a landline or service number (%s) fails as phone_not_mobile and the provider receives nothing',
    async (phone) => {
      provider.answer((_req, res) => json(res, 200, ok));
      const result = await sender().send(smsMessage({ to: { kind: 'phone', phone } }), open);
      expect(result).toEqual({ outcome: 'failed', code: 'phone_not_mobile' });
      expect(provider.received).toHaveLength(0);
    },
  );

  it('a missing template parameter fails before any call (MSG-3)', async () => {
    provider.answer((_req, res) => json(res, 200, ok));
    const result = await sender().send(smsMessage({ params: { number: 'TS-1', kind: '紧急' } }), open);
    expect(result).toEqual({ outcome: 'failed', code: 'template_param_missing' });
    expect(provider.received).toHaveLength(0);
  });

  it('no template leaves the message queued as the sender misconfigured (MSG-2)', async () => {
    const result = await sender().send(smsMessage({ template: undefined }), open);
    expect(result).toEqual({ outcome: 'retry', code: 'template_missing' });
    expect(provider.received).toHaveLength(0);
  });

  it('a message it cannot even read is retry exception, never a throw', async () => {
    const broken = smsMessage({ params: null as unknown as Record<string, string> });
    expect(await sender().send(broken, open)).toEqual({ outcome: 'retry', code: 'exception' });
    expect(provider.received).toHaveLength(0);
  });

  it('plain HTTP is refused in production, without a call', async () => {
    provider.answer((_req, res) => json(res, 200, ok));
    const result = await sender({ production: true }).send(smsMessage(), open);
    expect(result).toEqual({ outcome: 'retry', code: 'insecure_protocol_refused' });
    expect(provider.received).toHaveLength(0);
  });

  it('missing credentials are refused without a call', async () => {
    const s = createAliyunSender(
      { signName: '回音物业', endpoint: provider.host, protocol: 'http' },
      { accessKeyId: '', accessKeySecret: '' },
      { timeoutMs: TIMEOUT_MS, production: false },
    );
    expect(await s.send(smsMessage(), open)).toEqual({ outcome: 'retry', code: 'credentials_missing' });
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
        (res: ServerResponse) => json(res, 200, ok),
        (res: ServerResponse) =>
          json(res, 400, {
            Code: 'isv.INVALID_PARAMETERS',
            Message: `bad ${credentials.accessKeySecret} 13812345678`,
          }),
        (res: ServerResponse) => json(res, 500, { Code: 'isp.SYSTEM_ERROR' }),
        (res: ServerResponse) => res.writeHead(500).end('13812345678 not json'),
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
    expect(results).toHaveLength(5);
    expect(everything).not.toContain(credentials.accessKeySecret);
    expect(everything).not.toContain('13812345678');
    expect(everything).not.toContain('PhoneNumbers');
    expect(everything).not.toContain(provider.host);
  });
});
