/**
 * The delivery worker against real PostgreSQL and a node:http receiver standing in for a company's webhook
 * (MSG-1, MSG-2, MSG-7, MSG-8, MSG-9): at least once, one key per message, retries until the receiver is up,
 * two workers at once, the lease and its fence, expiry, and log lines without a phone or a parameter.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { verify } from '../../domain/messages/webhook-signature';
import { outboxAttempts, outboxMessages } from '../db/schema';
import { drainOutbox, type DeliveryDeps } from './delivery';
import * as repo from './outbox.repository';
import { sealSecret } from '../platform/secret-box';
import { createSenderFactory } from './senders/factory';
import { json, startStandIn } from './senders/stand-in.test-support';

let t: TestApp;
let s: SeededCompany;
const KEY = Buffer.alloc(32, 1);
const WEBHOOK_SECRET = 'whsec-test-0123456789';

interface Received {
  key: string;
  body: string;
  signature: string;
}
let received: Received[] = [];
/** what the receiver answers next; `down` closes the connection without an answer, `hang` never answers */
let answers: (number | 'down' | 'hang')[] = [];
let server: http.Server;
let url: string;
let logLines: object[] = [];
const log = {
  info: (o: object) => logLines.push(o),
  warn: (o: object) => logLines.push(o),
  error: (o: object) => logLines.push(o),
};

const config = { batch: 50, concurrency: 8, sendTimeoutMs: 2_000, leaseMs: 60_000 };
function deps(over: Partial<DeliveryDeps['outbox']> = {}): DeliveryDeps {
  return {
    db: t.database.db,
    clock: t.clock,
    outbox: { ...config, ...over },
    log,
    senders: createSenderFactory({
      db: t.database.db,
      clock: t.clock,
      env: 'test',
      secretKey: KEY,
      sendTimeoutMs: config.sendTimeoutMs,
      log,
    }),
  };
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = answers.shift() ?? 200;
      if (answer === 'down') {
        req.socket.destroy();
        return;
      }
      if (answer === 'hang') {
        setTimeout(() => res.writeHead(200).end(), 3_000).unref();
        return;
      }
      received.push({
        key: String(req.headers['idempotency-key']),
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(req.headers['x-huiyin-signature']),
      });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  t = await createTestApp();
  s = await t.seedCompany();
  await t.database.db.execute(
    sql`update users set phone = '13812345678' where id = ${s.users.technician.id}`,
  );
  await t.make.messageSettings(s.company.id, {
    senders: [
      {
        channel: 'webhook',
        provider: 'http',
        settings: { url },
        secret: sealSecret(KEY, { companyId: s.company.id, channel: 'webhook' }, { secret: WEBHOOK_SECRET }),
      },
      { channel: 'sms', provider: 'dev' },
    ],
  });
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.close();
});
beforeEach(async () => {
  // whatever an earlier test left due is finished first, so each test counts only its own
  await t.database.db.execute(
    sql`update outbox_messages set status = 'cancelled' where status in ('pending', 'sending')`,
  );
  received = [];
  answers = [];
  logLines = [];
});
afterEach(() => {
  // MSG-7: whatever happened, no log line names a phone, a parameter value, the URL or the secret
  const text = JSON.stringify(logLines);
  for (const secret of ['13812345678', 'TS-2026', '127.0.0.1', WEBHOOK_SECRET])
    expect(text).not.toContain(secret);
  for (const line of logLines)
    expect(['code', 'messageId', 'outcome', 'type']).toEqual(expect.arrayContaining(Object.keys(line)));
});

const MIN = 60_000;

async function webhookTo(userId: string, n = 1) {
  const rows = await t.database.db.transaction((tx) =>
    repo.enqueue(
      tx,
      Array.from({ length: n }, (_, i) => ({
        companyId: s.company.id,
        type: 'test' as const,
        to: { kind: 'user' as const, userId },
        params: { number: `TS-2026-${String(i).padStart(6, '0')}` },
        expiresAt: new Date(t.clock.now().getTime() + 60 * MIN),
        channels: ['webhook' as const],
      })),
      t.clock.now(),
    ),
  );
  return rows.map((r) => r.id);
}

const messageRow = async (id: string) =>
  (await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0];
const attemptsOf = async (id: string) =>
  t.database.db
    .select()
    .from(outboxAttempts)
    .where(eq(outboxAttempts.messageId, id))
    .orderBy(outboxAttempts.attempt);

describe('the delivery worker (MSG-2, MSG-8)', () => {
  it('sends a signed webhook once: Idempotency-Key is the message’s key, the signature verifies', async () => {
    const [id] = await webhookTo(s.users.technician.id);
    const r = await drainOutbox(deps());
    expect(r).toMatchObject({ claimed: 1, sent: 1 });
    expect(received).toHaveLength(1);
    const row = await messageRow(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastCode: 'http_200' });
    expect(received[0].key).toBe(row.idempotencyKey);
    expect(received[0].key).toBe(id.replace(/-/g, ''));
    expect(verify(received[0].signature, received[0].body, WEBHOOK_SECRET, t.clock.now())).toMatchObject({
      ok: true,
    });
    const body = JSON.parse(received[0].body);
    expect(body).toMatchObject({
      id,
      type: 'test',
      channel: 'webhook',
      recipient: { kind: 'user', userId: s.users.technician.id },
      params: { number: 'TS-2026-000000' },
    });
    // a user is named by id, never by phone
    expect(received[0].body).not.toContain('13812345678');
    expect(await attemptsOf(id)).toMatchObject([
      { attempt: 1, outcome: 'sent', code: 'http_200', httpStatus: 200 },
    ]);
    // nothing left due
    expect((await drainOutbox(deps())).claimed).toBe(0);
  });

  it('500, then 200 after the backoff: two attempts, the same body and key, a fresh signature time', async () => {
    const [id] = await webhookTo(s.users.technician.id);
    answers = [500];
    expect(await drainOutbox(deps())).toMatchObject({ claimed: 1, retried: 1 });
    expect(await messageRow(id)).toMatchObject({ status: 'pending', lastCode: 'http_500' });
    // not due before its backoff
    expect((await drainOutbox(deps())).claimed).toBe(0);
    t.clock.advance(MIN);
    expect(await drainOutbox(deps())).toMatchObject({ claimed: 1, sent: 1 });
    expect(received).toHaveLength(2);
    expect(received[1].body).toBe(received[0].body);
    expect(received[1].key).toBe(received[0].key);
    expect(received[1].signature).not.toBe(received[0].signature);
    expect(verify(received[1].signature, received[1].body, WEBHOOK_SECRET, t.clock.now()).ok).toBe(true);
    expect((await attemptsOf(id)).map((a) => [a.attempt, a.outcome, a.httpStatus])).toEqual([
      [1, 'retry', 500],
      [2, 'sent', 200],
    ]);
  });

  it('a 4xx other than 408/425/429 ends the message failed; 429 honours Retry-After', async () => {
    const [bad] = await webhookTo(s.users.technician.id);
    answers = [404];
    await drainOutbox(deps());
    expect(await messageRow(bad)).toMatchObject({ status: 'failed', lastCode: 'http_404' });
  });

  it('a receiver that does not answer within the send timeout: retried `timeout`, the send aborted', async () => {
    const [id] = await webhookTo(s.users.technician.id);
    answers = ['hang'];
    const started = Date.now();
    const r = await drainOutbox({ ...deps({ sendTimeoutMs: 300 }) });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(r).toMatchObject({ claimed: 1, retried: 1 });
    expect(await messageRow(id)).toMatchObject({ status: 'pending', lastCode: 'timeout' });
  });

  it('a receiver down for several rounds: nothing lost, then received once', async () => {
    const ids = await webhookTo(s.users.technician.id, 3);
    for (let round = 0; round < 4; round++) {
      answers = ['down', 'down', 'down'];
      const r = await drainOutbox(deps({ backoffMs: [1_000] }));
      expect(r).toMatchObject({ claimed: 3, retried: 3 });
      expect(await drainOutbox(deps())).toMatchObject({ claimed: 0 });
      t.clock.advance(2_000);
    }
    answers = [];
    expect(await drainOutbox(deps())).toMatchObject({ sent: 3 });
    expect(received.map((r) => r.key).sort()).toEqual(ids.map((i) => i.replace(/-/g, '')).sort());
    for (const id of ids)
      expect((await attemptsOf(id)).map((a) => a.outcome)).toEqual([
        'retry',
        'retry',
        'retry',
        'retry',
        'sent',
      ]);
  });

  it('two workers draining at once send each message once', async () => {
    const ids = await webhookTo(s.users.technician.id, 40);
    const [a, b] = await Promise.all([drainOutbox(deps({ batch: 7 })), drainOutbox(deps({ batch: 7 }))]);
    expect(a.sent + b.sent).toBe(40);
    expect(received).toHaveLength(40);
    expect(new Set(received.map((r) => r.key)).size).toBe(40);
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from outbox_messages where status = 'sent' and attempts = 1 and id = any(${sql.param(ids)}::uuid[])`,
    );
    expect(rows[0].n).toBe(40);
  });

  it('a claim abandoned mid-send is claimed again after its lease; the late result is discarded (the fence)', async () => {
    const [id] = await webhookTo(s.users.technician.id);
    // a worker claims it and dies (kill -9): the row stays `sending` under its lease
    const [claimed] = await repo.claim(t.database.db, t.clock.now(), 10, 60_000);
    expect(claimed.id).toBe(id);
    expect(await messageRow(id)).toMatchObject({ status: 'sending', attempts: 1 });
    expect((await drainOutbox(deps())).claimed).toBe(0);
    t.clock.advance(61_000);
    expect(await drainOutbox(deps())).toMatchObject({ claimed: 1, sent: 1 });
    expect(await messageRow(id)).toMatchObject({ status: 'sent', attempts: 2 });
    // the first worker's result arrives late: nothing written
    const late = await repo.recordResults(t.database.db, [
      {
        id,
        companyId: s.company.id,
        attempt: 1,
        status: 'failed',
        outcome: 'failed',
        code: 'http_400',
        nextAttemptAt: null,
        startedAt: t.clock.now(),
        finishedAt: t.clock.now(),
        httpStatus: 400,
        providerMessageId: null,
        detail: null,
      },
    ]);
    expect(late).toEqual([]);
    expect(await messageRow(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await attemptsOf(id)).map((a) => [a.attempt, a.outcome])).toEqual([[2, 'sent']]);
    expect(received).toHaveLength(1);
  });

  it('expires a message whose next attempt would pass its expiry, and one claimed after it', async () => {
    const [id] = await webhookTo(s.users.technician.id);
    answers = ['down'];
    await drainOutbox(deps({ backoffMs: [90 * MIN] }));
    // the next attempt (1 h cap) would come after the 60 min expiry
    expect(await messageRow(id)).toMatchObject({ status: 'expired' });
    const [late] = await webhookTo(s.users.technician.id);
    t.clock.advance(61 * MIN);
    expect(await drainOutbox(deps())).toMatchObject({ claimed: 1, expired: 1 });
    expect(await messageRow(late)).toMatchObject({ status: 'expired', lastCode: 'expired' });
    expect(received).toHaveLength(0);
  });

  it('an SMS by the development sender: stored once per key, the phone read from the register at send time (MSG-9)', async () => {
    await t.make.messageSettings(s.company.id, {
      types: [{ type: 'test', channel: 'sms', template: { code: 'SMS_TEST', params: [] } }],
    });
    const [id] = await t.database.db.transaction((tx) =>
      repo.enqueue(
        tx,
        [
          {
            companyId: s.company.id,
            type: 'test',
            to: { kind: 'user', userId: s.users.technician.id },
            params: { number: 'TS-2026-000077' },
            expiresAt: new Date(t.clock.now().getTime() + 60 * MIN),
            channels: ['sms'],
          },
        ],
        t.clock.now(),
      ),
    );
    expect(await drainOutbox(deps())).toMatchObject({ sent: 1 });
    // sent again (a retry after a lost answer): the development store keeps one
    await t.database.db.execute(sql`update outbox_messages set status = 'pending' where id = ${id.id}`);
    await drainOutbox(deps());
    const { rows } = await t.database.db.execute<{ recipient: { phone: string }; params: object }>(
      sql`select recipient, params from dev_messages where message_id = ${id.id}`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].recipient.phone).toBe('13812345678');
    expect(rows[0].params).toEqual({ number: 'TS-2026-000077' });
    // a user without a mobile: failed at once, the provider never asked
    const noPhone = await t.make.user({ companyId: s.company.id });
    const [m] = await t.database.db.transaction((tx) =>
      repo.enqueue(
        tx,
        [
          {
            companyId: s.company.id,
            type: 'test',
            to: { kind: 'user', userId: noPhone.id },
            params: {},
            expiresAt: new Date(t.clock.now().getTime() + 60 * MIN),
            channels: ['sms'],
          },
        ],
        t.clock.now(),
      ),
    );
    await drainOutbox(deps());
    expect(await messageRow(m.id)).toMatchObject({ status: 'failed', lastCode: 'phone_missing' });
  });

  it('credentials that do not open (another key, another company’s ciphertext) wait, retried, never lost', async () => {
    const b = await t.make.company();
    const bUser = await t.make.user({ companyId: b.id });
    await t.make.messageSettings(b.id, {
      senders: [
        {
          channel: 'webhook',
          provider: 'http',
          settings: { url },
          // company A's ciphertext copied to company B
          secret: sealSecret(KEY, { companyId: s.company.id, channel: 'webhook' }, { secret: 'x' }),
        },
      ],
      types: [],
    });
    const [m] = await t.database.db.transaction((tx) =>
      repo.enqueue(
        tx,
        [
          {
            companyId: b.id,
            type: 'test',
            to: { kind: 'user', userId: bUser.id },
            params: {},
            expiresAt: new Date(t.clock.now().getTime() + 60 * MIN),
            channels: ['webhook'],
          },
        ],
        t.clock.now(),
      ),
    );
    await drainOutbox(deps());
    expect(await messageRow(m.id)).toMatchObject({ status: 'pending', lastCode: 'credentials_unreadable' });
    expect(received).toHaveLength(0);
  });
});

describe('SMS through a provider (MSG-2, MSG-4)', () => {
  it('MSG-2 an Aliyun sender built from the company’s sealed credentials sends under the message’s key (OutId)', async () => {
    const provider = await startStandIn();
    try {
      const c = await t.make.company();
      const office = await t.make.office({ companyId: c.id });
      const user = await t.make.user({ companyId: c.id, roles: ['technician'], officeIds: [office.id] });
      await t.database.db.execute(sql`update users set phone = '13812345678' where id = ${user.id}`);
      await t.make.messageSettings(c.id, {
        senders: [
          {
            channel: 'sms',
            provider: 'aliyun',
            settings: { signName: '回音物业', endpoint: provider.host, protocol: 'http' },
            secret: sealSecret(
              KEY,
              { companyId: c.id, channel: 'sms' },
              {
                accessKeyId: 'LTAI-test',
                accessKeySecret: 'aliyun-secret-0123',
              },
            ),
          },
        ],
        types: [
          {
            type: 'test',
            channel: 'sms',
            template: { code: 'SMS_TEST', params: [{ name: 'number', from: 'number' }] },
          },
        ],
      });
      provider.answer((_req, res) =>
        json(res, 200, { Code: 'OK', Message: 'OK', BizId: 'biz-42', RequestId: 'r' }),
      );
      const [m] = await t.database.db.transaction((tx) =>
        repo.enqueue(
          tx,
          [
            {
              companyId: c.id,
              type: 'test',
              to: { kind: 'user', userId: user.id },
              params: { number: 'TS-2026-000042' },
              expiresAt: new Date(t.clock.now().getTime() + 60 * MIN),
              channels: ['sms'],
            },
          ],
          t.clock.now(),
        ),
      );
      await drainOutbox(deps());
      const row = await messageRow(m.id);
      expect(row).toMatchObject({ status: 'sent', providerMessageId: 'biz-42' });
      expect(provider.received).toHaveLength(1);
      const q = provider.received[0].url.searchParams;
      expect(q.get('OutId')).toBe(row.idempotencyKey);
      expect(q.get('PhoneNumbers')).toBe('13812345678');
      expect(q.get('TemplateCode')).toBe('SMS_TEST');
      expect(JSON.parse(q.get('TemplateParam')!)).toEqual({ number: 'TS-2026-000042' });
      expect(JSON.stringify(row)).not.toContain('aliyun-secret-0123');
    } finally {
      await provider.close();
    }
  });
});

describe('webhook addresses (MSG-8)', () => {
  it('http(s) only; production requires https', async () => {
    const { webhookUrlProblem } = await import('./senders/http');
    expect(webhookUrlProblem('https://hooks.example.com/x', 'production')).toBeNull();
    expect(webhookUrlProblem('http://hooks.example.com/x', 'production')).toBe('insecure_url');
    expect(webhookUrlProblem('http://127.0.0.1:8080/x', 'development')).toBeNull();
    expect(webhookUrlProblem('ftp://hooks.example.com', 'development')).toBe('invalid_url');
    expect(webhookUrlProblem('not a url', 'development')).toBe('invalid_url');
  });
});
