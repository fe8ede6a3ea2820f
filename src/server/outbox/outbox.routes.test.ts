/**
 * The outbox's endpoints over HTTP (MSG-1…4, MSG-9; ACCESS-1, TENANT-1): settings that never answer a secret,
 * the refusals (403, 404, 409, 400, 422), a test send read back from the development store, the delivery record
 * and a retry.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { createSenderFactory } from './senders/factory';
import { drainOutbox } from './delivery';
import { outboxService } from './outbox.service';

let t: TestApp;
let s: SeededCompany;
const HEX_KEY = 'ab'.repeat(32);
const ACCESS_SECRET = 'ALIYUN-SECRET-do-not-show-9f8e7d';
const WEBHOOK_SECRET = 'whsec-do-not-show-0123456789';

beforeAll(async () => {
  t = await createTestApp({ HUIYIN_SECRET_KEY: HEX_KEY });
  s = await t.seedCompany();
  await t.database.db.execute(sql`update users set phone = '13812345678' where id = ${s.users.admin.id}`);
});
afterAll(async () => {
  await t.close();
});

const admin = () => s.as('admin');
const getSettings = async () => {
  const res = await admin()({ method: 'GET', url: '/api/message-settings' });
  expect(res.statusCode, res.body).toBe(200);
  return res;
};
const put = async (body: object) => {
  const version = (await getSettings()).json().version;
  return admin()({ method: 'PUT', url: '/api/message-settings', payload: { version, ...body } });
};
const ALIYUN = { provider: 'aliyun', settings: { signName: '回音物业' } };
const EMERGENCY_SMS = {
  type: 'emergency',
  channel: 'sms',
  enabled: true,
  template: { code: 'SMS_123', params: [{ name: 'no', from: 'number' }] },
};

describe('message settings (MSG-3, MSG-4)', () => {
  it('only settings.manage reads or writes them (403)', async () => {
    for (const role of ['agent', 'director', 'manager'] as const) {
      expect((await s.as(role)({ method: 'GET', url: '/api/message-settings' })).statusCode, role).toBe(403);
      expect(
        (
          await s.as(role)({
            method: 'PUT',
            url: '/api/message-settings',
            payload: { version: 1, senders: { sms: null, webhook: null }, types: [] },
          })
        ).statusCode,
      ).toBe(403);
    }
  });

  it('every type is listed with its allowed channels; nothing configured at first', async () => {
    const body = (await getSettings()).json();
    expect(body.senders).toEqual({ sms: null, webhook: null });
    expect(body.types.find((x: { type: string }) => x.type === 'emergency')).toMatchObject({
      allowed: ['sms', 'webhook'],
      channels: [],
    });
    expect(body.types.find((x: { type: string }) => x.type === 'assigned').allowed).toEqual(['webhook']);
  });

  it('refuses a channel switched on without a configured sender (422), SMS on a webhook-only type (422), a template without code (400)', async () => {
    const noSender = await put({ senders: { sms: null, webhook: null }, types: [EMERGENCY_SMS] });
    expect(noSender.statusCode).toBe(422);
    expect(noSender.json().error.details.rule).toBe('sender_not_configured');
    // a provider whose credentials are not set yet is not configured either
    const noCredentials = await put({ senders: { sms: ALIYUN, webhook: null }, types: [EMERGENCY_SMS] });
    expect(noCredentials.json().error.details.rule).toBe('sender_not_configured');
    const webhookOnly = await put({
      senders: { sms: { provider: 'dev', settings: {} }, webhook: null },
      types: [{ ...EMERGENCY_SMS, type: 'assigned' }],
    });
    expect(webhookOnly.statusCode).toBe(422);
    expect(webhookOnly.json().error.details.rule).toBe('channel_not_allowed');
    const noCode = await put({
      senders: { sms: { provider: 'dev', settings: {} }, webhook: null },
      types: [{ type: 'emergency', channel: 'sms', enabled: true, template: null }],
    });
    expect(noCode.statusCode).toBe(400);
    const badParam = await put({
      senders: { sms: { provider: 'dev', settings: {} }, webhook: null },
      types: [
        { ...EMERGENCY_SMS, template: { code: 'SMS_1', params: [{ name: 'x', from: 'reporterPhone' }] } },
      ],
    });
    expect(badParam.statusCode).toBe(400);
  });

  it('saves credentials sealed and never answers them; then the switch may go on; a stale version is 409', async () => {
    expect((await put({ senders: { sms: ALIYUN, webhook: null }, types: [] })).statusCode).toBe(200);
    const creds = await admin()({
      method: 'PUT',
      url: '/api/message-settings/credentials/sms',
      payload: { accessKeyId: 'LTAI-key-id', accessKeySecret: ACCESS_SECRET },
    });
    expect(creds.statusCode, creds.body).toBe(200);
    // the wrong shape for the provider: 400
    const wrong = await admin()({
      method: 'PUT',
      url: '/api/message-settings/credentials/sms',
      payload: { secretId: 'x', secretKey: 'y' },
    });
    expect(wrong.statusCode).toBe(400);
    const read = await getSettings();
    expect(read.json().senders.sms).toEqual({ ...ALIYUN, credentialsSet: true });
    for (const secret of [ACCESS_SECRET, 'LTAI-key-id', 'test:']) expect(read.body).not.toContain(secret);
    const { rows } = await t.database.db.execute<{ secret: string }>(
      sql`select secret from message_senders where company_id = ${s.company.id} and channel = 'sms'`,
    );
    expect(rows[0].secret).not.toContain(ACCESS_SECRET);

    const stale = read.json().version;
    const on = await put({ senders: { sms: ALIYUN, webhook: null }, types: [EMERGENCY_SMS] });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.body).not.toContain(ACCESS_SECRET);
    expect(on.json().types.find((x: { type: string }) => x.type === 'emergency').channels).toEqual([
      { channel: 'sms', enabled: true, template: EMERGENCY_SMS.template },
    ]);
    const conflict = await admin()({
      method: 'PUT',
      url: '/api/message-settings',
      payload: { version: stale, senders: { sms: ALIYUN, webhook: null }, types: [] },
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('version_conflict');

    // another provider drops the credentials (their shape is the provider's)
    const tencent = await put({
      senders: {
        sms: { provider: 'tencent', settings: { signName: '回音', sdkAppId: '1400000000' } },
        webhook: null,
      },
      types: [],
    });
    expect(tencent.json().senders.sms.credentialsSet).toBe(false);
    // deleting credentials
    await put({ senders: { sms: ALIYUN, webhook: null }, types: [] });
    await admin()({
      method: 'PUT',
      url: '/api/message-settings/credentials/sms',
      payload: { accessKeyId: 'id', accessKeySecret: ACCESS_SECRET },
    });
    expect(
      (await admin()({ method: 'DELETE', url: '/api/message-settings/credentials/sms' })).statusCode,
    ).toBe(200);
    expect((await getSettings()).json().senders.sms.credentialsSet).toBe(false);

    // a webhook's signing secret, likewise write-only
    await put({
      senders: {
        sms: null,
        webhook: { provider: 'http', settings: { url: 'https://hooks.example.com/huiyin' } },
      },
      types: [],
    });
    const hook = await admin()({
      method: 'PUT',
      url: '/api/message-settings/credentials/webhook',
      payload: { secret: WEBHOOK_SECRET },
    });
    expect(hook.statusCode, hook.body).toBe(200);
    const after = await getSettings();
    expect(after.json().senders.webhook.credentialsSet).toBe(true);
    expect(after.body).not.toContain(WEBHOOK_SECRET);
  });

  it('MSG-4 without a secret key credentials are refused: 422 secret_key_missing', async () => {
    const noKey = outboxService({
      db: t.database.db,
      clock: t.clock,
      config: { ...t.config, secretKey: undefined },
    });
    await expect(
      noKey.putCredentials(actorOf('admin'), 'sms', { accessKeyId: 'a', accessKeySecret: 'b' }),
    ).rejects.toMatchObject({ code: 'rule_violation' });
  });

  it('production refuses the development sender and plain http (422)', async () => {
    const prod = outboxService({
      db: t.database.db,
      clock: t.clock,
      config: { ...t.config, env: 'production' },
    });
    const version = (await getSettings()).json().version;
    await expect(
      prod.putSettings(actorOf('admin'), {
        version,
        senders: { sms: { provider: 'dev', settings: {} }, webhook: null },
        types: [],
      }),
    ).rejects.toMatchObject({ messageKey: 'rule.dev_sender_in_production' });
    await expect(
      prod.putSettings(actorOf('admin'), {
        version,
        senders: {
          sms: null,
          webhook: { provider: 'http', settings: { url: 'http://hooks.example.com/x' } },
        },
        types: [],
      }),
    ).rejects.toMatchObject({ messageKey: 'rule.insecure_url' });
  });
});

function actorOf(role: 'admin') {
  return { companyId: s.company.id, userId: s.users[role].id, roles: [role] } as never;
}

describe('test send, the development store and the delivery record (MSG-1, MSG-9)', () => {
  it('a test webhook by the development sender, read back at GET /api/test/outbox; the record lists it sent', async () => {
    await put({
      senders: { sms: { provider: 'dev', settings: {} }, webhook: { provider: 'dev', settings: {} } },
      types: [],
    });
    const sent = await admin()({
      method: 'POST',
      url: '/api/message-settings/test',
      payload: { channel: 'webhook' },
      headers: { 'idempotency-key': 'test-send-1' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const { messageId } = sent.json();
    const senders = createSenderFactory({
      db: t.database.db,
      clock: t.clock,
      env: 'test',
      sendTimeoutMs: 1000,
      log: { info: () => {}, warn: () => {}, error: () => {} },
    });
    await drainOutbox({
      db: t.database.db,
      clock: t.clock,
      outbox: { ...t.config.outbox },
      senders,
      log: { info: () => {}, warn: () => {}, error: () => {} },
    });
    const store = await admin()({ method: 'GET', url: '/api/test/outbox?type=test' });
    expect(store.statusCode, store.body).toBe(200);
    expect(store.json().items[0]).toMatchObject({ messageId, type: 'test', channel: 'webhook' });
    expect((await s.as('agent')({ method: 'GET', url: '/api/test/outbox' })).statusCode).toBe(403);

    const list = await s.as('manager')({ method: 'GET', url: '/api/outbox?channel=webhook' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({
      id: messageId,
      status: 'sent',
      attempts: 1,
      recipient: { kind: 'user', user: { id: s.users.admin.id } },
    });
    const one = await admin()({ method: 'GET', url: `/api/outbox/${messageId}` });
    expect(one.json().attemptLog).toMatchObject([{ attempt: 1, outcome: 'sent', code: 'dev_stored' }]);
    expect((await s.as('agent')({ method: 'GET', url: '/api/outbox' })).statusCode).toBe(403);

    // a sent message is not retried
    const notFinished = await admin()({ method: 'POST', url: `/api/outbox/${messageId}/retry` });
    expect(notFinished.statusCode).toBe(422);
    expect(notFinished.json().error.details.rule).toBe('message_not_finished');
    await t.database.db.execute(sql`update outbox_messages set status = 'failed' where id = ${messageId}`);
    const retried = await admin()({ method: 'POST', url: `/api/outbox/${messageId}/retry` });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id: messageId, status: 'pending' });
  });

  it('a test SMS needs the `test` template (422) and the employee’s phone', async () => {
    const res = await admin()({
      method: 'POST',
      url: '/api/message-settings/test',
      payload: { channel: 'sms' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule).toBe('template_missing');
    const noSender = await put({ senders: { sms: null, webhook: null }, types: [] });
    expect(noSender.statusCode).toBe(200);
    const refused = await admin()({
      method: 'POST',
      url: '/api/message-settings/test',
      payload: { channel: 'webhook' },
    });
    expect(refused.json().error.details.rule).toBe('sender_not_configured');
  });

  it('office desk hours and on-call phone on the office update (MSG-6)', async () => {
    const office = (await admin()({ method: 'GET', url: `/api/offices/${s.office.id}` })).json();
    expect(office).toMatchObject({ deskHours: { opens: '08:00', closes: '20:00' }, onCallPhone: null });
    const bad = await admin()({
      method: 'PATCH',
      url: `/api/offices/${s.office.id}`,
      payload: { version: office.version, deskHours: { opens: '8:00', closes: '20:00' } },
    });
    expect(bad.statusCode).toBe(400);
    const landline = await admin()({
      method: 'PATCH',
      url: `/api/offices/${s.office.id}`,
      payload: { version: office.version, onCallPhone: '0755-12345678' },
    });
    expect(landline.statusCode).toBe(400);
    const ok = await admin()({
      method: 'PATCH',
      url: `/api/offices/${s.office.id}`,
      payload: {
        version: office.version,
        deskHours: { opens: '20:00', closes: '08:00' },
        onCallPhone: '+86 139-0000-1111',
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      deskHours: { opens: '20:00', closes: '08:00' },
      onCallPhone: '13900001111',
    });
  });
});

describe('GET /api/test/outbox only with the fake clock (MSG-9)', () => {
  it('is absent without HUIYIN_FAKE_CLOCK', async () => {
    const plain = await createTestApp({ HUIYIN_FAKE_CLOCK: '0' });
    try {
      const routes = plain.app.registeredRoutes.map((r) => r.url);
      expect(routes).not.toContain('/api/test/outbox');
    } finally {
      await plain.close();
    }
  });
});
