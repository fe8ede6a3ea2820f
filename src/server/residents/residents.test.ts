/**
 * The residents' sign-in and bindings over HTTP (RESIDENT-1…3), on a real PostgreSQL: codes through the outbox,
 * send limits, sessions kept apart from staff sessions, the bindings inbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { drainOutbox } from '../outbox/delivery';
import { createSenderFactory } from '../outbox/senders/factory';

let t: TestApp;
let s: SeededCompany;
let companyCode: string;
let room: { id: string; unitId: string; buildingId: string; communityId: string };
let otherRoom: { id: string };
let foreignRoom: { id: string };
const REGISTER_PHONE = '13800001111';
let address = 0;

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  companyCode = `hy-${s.company.id.slice(0, 8)}`;
  await t.database.db.execute(sql`update companies set code = ${companyCode} where id = ${s.company.id}`);
  const community = await t.make.community({
    companyId: s.company.id,
    officeId: s.office.id,
    name: '翠湖花园',
  });
  const building = await t.make.building({ communityId: community.id, name: '2号楼' });
  const unit = await t.make.unit({ buildingId: building.id, name: '1单元' });
  const r = await t.make.room({ unitId: unit.id, number: '301' });
  room = { id: r.id, unitId: unit.id, buildingId: building.id, communityId: community.id };
  otherRoom = await t.make.room({ unitId: unit.id, number: '302' });
  await t.make.resident({
    companyId: s.company.id,
    name: '孙丽',
    phones: [REGISTER_PHONE],
    rooms: [{ roomId: r.id }],
  });
  foreignRoom = await t.make.room();
  await t.make.messageSettings(s.company.id, {
    types: [
      {
        type: 'login_code',
        channel: 'sms',
        template: { code: 'SMS_LOGIN', params: [{ name: 'code', from: 'code' }] },
      },
    ],
  });
});
afterAll(() => t.close());

/** Each call from its own address unless one is given: the per-address limit is tested on its own. */
const post = (url: string, payload: object, opts: { cookie?: string; ip?: string; origin?: string } = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    payload,
    remoteAddress: opts.ip ?? `10.0.${Math.floor(++address / 250)}.${address % 250}`,
    headers: {
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.origin ? { origin: opts.origin } : {}),
    },
  });

async function lastCode(phone: string): Promise<string> {
  const { rows } = await t.database.db.execute<{ code: string }>(
    sql`select params->>'code' as code from outbox_messages where type = 'login_code' and phone = ${phone}
      order by created_at desc limit 1`,
  );
  return rows[0].code;
}

async function signIn(phone: string) {
  const sent = await post('/api/resident/auth/code', { companyCode, phone });
  expect(sent.statusCode, sent.body).toBe(204);
  const res = await post('/api/resident/auth/verify', { companyCode, phone, code: await lastCode(phone) });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'hy_resident')!;
  return { me: res.json(), cookie: `hy_resident=${cookie.value}` };
}

const asResident = (cookie: string) => (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie } });

describe('RESIDENT-1 sign-in by phone and one-time code', () => {
  it('RESIDENT-1 RESIDENT-3 a phone the register lists signs in and is bound to its rooms at once; the code travels through the outbox', async () => {
    const { me, cookie } = await signIn(REGISTER_PHONE);
    expect(me.resident.phone).toBe('138****1111');
    expect(me.company.code).toBe(companyCode);
    expect(me.rooms).toEqual([
      { roomId: room.id, label: '翠湖花园 2号楼1单元301', communityId: room.communityId },
    ]);
    const again = await asResident(cookie)('GET', '/api/resident/me');
    expect(again.statusCode).toBe(200);
    expect(again.json().rooms).toHaveLength(1);
    // the code was an SMS of type login_code to the bare phone (MSG-1)
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from outbox_messages where type = 'login_code' and recipient_kind = 'phone'
        and phone = ${REGISTER_PHONE} and channel = 'sms'`,
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('RESIDENT-1 a resident session is worth nothing on staff endpoints, nor a staff session on resident ones', async () => {
    const { cookie } = await signIn('13900002222');
    expect((await asResident(cookie)('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await asResident(cookie)('GET', '/api/cases')).statusCode).toBe(401);
    expect((await s.as('admin')({ method: 'GET', url: '/api/resident/me' })).statusCode).toBe(401);
    // both cookies at once: each side reads only its own
    const both = await t.app.inject({
      method: 'GET',
      url: '/api/resident/me',
      headers: { cookie: `${s.cookies.admin}; ${cookie}` },
    });
    expect(both.statusCode).toBe(200);
    expect(both.json().resident.phone).toBe('139****2222');
  });

  it('RESIDENT-1 a wrong, expired or burnt code reads the same; the 5th wrong try burns the code', async () => {
    const phone = '13900003333';
    expect((await post('/api/resident/auth/code', { companyCode, phone })).statusCode).toBe(204);
    const code = await lastCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await post('/api/resident/auth/verify', { companyCode, phone, code: wrong }));
    for (const a of answers) {
      expect(a.statusCode).toBe(400);
      expect(a.json().error.fields).toEqual({ code: '验证码不正确或已失效，请重新获取' });
    }
    const burnt = await post('/api/resident/auth/verify', { companyCode, phone, code });
    expect(burnt.statusCode).toBe(400);
    expect(burnt.json().error.fields).toEqual(answers[0].json().error.fields);

    const later = '13900004444';
    expect((await post('/api/resident/auth/code', { companyCode, phone: later })).statusCode).toBe(204);
    const fresh = await lastCode(later);
    t.clock.advance(5 * 60_000);
    const expired = await post('/api/resident/auth/verify', { companyCode, phone: later, code: fresh });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.fields).toEqual(answers[0].json().error.fields);
    // a used code cannot be replayed
    t.clock.advance(61_000);
    const { cookie } = await signIn(later);
    expect(cookie).toMatch(/^hy_resident=/);
    const replay = await post('/api/resident/auth/verify', {
      companyCode,
      phone: later,
      code: await lastCode(later),
    });
    expect(replay.statusCode).toBe(400);
  });

  it('RESIDENT-1 bad input: an unknown company, a landline, a code of letters', async () => {
    const unknown = await post('/api/resident/auth/code', {
      companyCode: 'no-such-co',
      phone: '13900005555',
    });
    expect(unknown.statusCode).toBe(400);
    expect(Object.keys(unknown.json().error.fields)).toEqual(['companyCode']);
    const landline = await post('/api/resident/auth/code', { companyCode, phone: '0755-12345678' });
    expect(landline.statusCode).toBe(400);
    expect(Object.keys(landline.json().error.fields)).toEqual(['phone']);
    const letters = await post('/api/resident/auth/verify', {
      companyCode,
      phone: '13900005555',
      code: 'abcdef',
    });
    expect(letters.statusCode).toBe(400);
    const upper = await post('/api/resident/auth/code', {
      companyCode: companyCode.toUpperCase(),
      phone: '13900005556',
    });
    expect(upper.statusCode).toBe(204);
  });

  it('RESIDENT-1 signing in from another site is refused (login forgery)', async () => {
    const res = await post(
      '/api/resident/auth/verify',
      { companyCode, phone: REGISTER_PHONE, code: '123456' },
      { origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details).toEqual({ reason: 'cross_origin' });
  });

  it('RESIDENT-1 a resident cookie sent by another site changes nothing', async () => {
    const { cookie } = await signIn('13900008888');
    const forged = await t.app.inject({
      method: 'DELETE',
      url: '/api/resident/account',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(forged.statusCode).toBe(403);
    expect((await asResident(cookie)('GET', '/api/resident/me')).statusCode).toBe(200);
  });

  it('MSG-3 a company without SMS sign-in set up says so instead of sending nothing', async () => {
    const other = await t.make.company({ code: 'no-sms-co' });
    const res = await post('/api/resident/auth/code', { companyCode: 'no-sms-co', phone: '13900006666' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual({ rule: 'login_code_channel' });
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from resident_login_codes where company_id = ${other.id}`,
    );
    expect(rows[0].n).toBe(0);
  });
});

describe('MSG-7 the sign-in code leaves no trace once sent', () => {
  it('MSG-7 the development sender receives the code; the outbox row keeps no code after it is sent', async () => {
    const phone = '13900007777';
    expect((await post('/api/resident/auth/code', { companyCode, phone })).statusCode).toBe(204);
    const lines: string[] = [];
    const keep = (o: object) => void lines.push(JSON.stringify(o));
    const log = { info: keep, warn: keep, error: keep };
    const senders = createSenderFactory({
      db: t.database.db,
      clock: t.clock,
      env: 'test',
      secretKey: undefined,
      sendTimeoutMs: 5_000,
      log,
    });
    const drained = await drainOutbox({
      db: t.database.db,
      clock: t.clock,
      outbox: t.config.outbox,
      senders,
      log,
    });
    expect(drained.sent).toBeGreaterThanOrEqual(1);
    const { rows } = await t.database.db.execute<{ status: string; params: object }>(
      sql`select status, params from outbox_messages where type = 'login_code' and phone = ${phone}`,
    );
    expect(rows).toEqual([{ status: 'sent', params: {} }]);
    const dev = await t.database.db.execute<{ text: Record<string, string> }>(
      sql`select text from dev_messages where type = 'login_code' and recipient->>'phone' = ${phone}`,
    );
    expect(dev.rows[0].text['zh-CN']).toMatch(/您的登录验证码为 \d{6}，5分钟内有效/);
    expect(lines.join('\n')).not.toContain(phone);
  });
});

describe('RESIDENT-2 send limits', () => {
  it('RESIDENT-2 once a minute and 10 a day per phone, with Retry-After', async () => {
    const phone = '13700007777';
    expect((await post('/api/resident/auth/code', { companyCode, phone })).statusCode).toBe(204);
    const soon = await post('/api/resident/auth/code', { companyCode, phone });
    expect(soon.statusCode).toBe(429);
    expect(Number(soon.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(soon.headers['retry-after'])).toBeLessThanOrEqual(60);
    for (let i = 1; i < 10; i++) {
      t.clock.advance(61_000);
      expect((await post('/api/resident/auth/code', { companyCode, phone })).statusCode).toBe(204);
    }
    t.clock.advance(61_000);
    const eleventh = await post('/api/resident/auth/code', { companyCode, phone });
    expect(eleventh.statusCode).toBe(429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(3600);
  });

  it('RESIDENT-2 30 an hour from one address, whatever the phones', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 30; i++)
      expect(
        (
          await post(
            '/api/resident/auth/code',
            { companyCode, phone: `1360000${String(i).padStart(4, '0')}` },
            { ip },
          )
        ).statusCode,
      ).toBe(204);
    const refused = await post('/api/resident/auth/code', { companyCode, phone: '13600009999' }, { ip });
    expect(refused.statusCode).toBe(429);
    expect((await post('/api/resident/auth/code', { companyCode, phone: '13600009999' })).statusCode).toBe(
      204,
    );
  });
});

describe('RESIDENT-3 bindings', () => {
  it('RESIDENT-3 an unknown phone picks a room, asks, is declined with a reason, asks again and is approved', async () => {
    const { me, cookie } = await signIn('13500008888');
    expect(me.rooms).toEqual([]);
    const r = asResident(cookie);
    const communities = (await r('GET', '/api/resident/places')).json();
    expect(communities.level).toBe('community');
    expect(communities.items.map((c: { name: string }) => c.name)).toContain('翠湖花园');
    const buildings = (await r('GET', `/api/resident/places?communityId=${room.communityId}`)).json();
    expect(buildings).toEqual({ level: 'building', items: [{ id: room.buildingId, name: '2号楼' }] });
    const units = (await r('GET', `/api/resident/places?buildingId=${room.buildingId}`)).json();
    expect(units.items).toEqual([{ id: room.unitId, name: '1单元' }]);
    const rooms = (await r('GET', `/api/resident/rooms?unitId=${room.unitId}`)).json();
    expect(rooms.items.map((x: { label: string }) => x.label)).toEqual(['301', '302']);

    const asked = await r('POST', '/api/resident/bindings', { roomId: otherRoom.id });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({
      status: 'pending',
      source: 'request',
      label: '翠湖花园 2号楼1单元302',
    });
    const twice = await r('POST', '/api/resident/bindings', { roomId: otherRoom.id });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.details).toEqual({ rule: 'already_requested' });

    const inbox = await s.as('agent')({ method: 'GET', url: '/api/resident-bindings' });
    expect(inbox.statusCode).toBe(200);
    const request = inbox.json().items.find((b: { room: { id: string } }) => b.room.id === otherRoom.id);
    expect(request).toMatchObject({ status: 'pending', phone: '13500008888', officeId: s.office.id });

    const noReason = await s.as('agent')({
      method: 'POST',
      url: `/api/resident-bindings/${request.id}/decline`,
      payload: { version: request.version, reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    const declined = await s.as('agent')({
      method: 'POST',
      url: `/api/resident-bindings/${request.id}/decline`,
      payload: { version: request.version, reason: '房号与登记不符，请携带房产证到管理处' },
    });
    expect(declined.statusCode, declined.body).toBe(200);
    const stale = await s.as('agent')({
      method: 'POST',
      url: `/api/resident-bindings/${request.id}/approve`,
      payload: { version: request.version },
    });
    expect(stale.statusCode).toBe(409);
    const afterDecline = (await r('GET', '/api/resident/me')).json();
    expect(afterDecline.declinedBindings[0]).toMatchObject({
      status: 'declined',
      reason: '房号与登记不符，请携带房产证到管理处',
    });

    const again = (await r('POST', '/api/resident/bindings', { roomId: otherRoom.id })).json();
    const current = (await s.as('supervisor')({ method: 'GET', url: '/api/resident-bindings' })).json();
    const pending = current.items.find((b: { id: string }) => b.id === again.id);
    const approved = await s.as('supervisor')({
      method: 'POST',
      url: `/api/resident-bindings/${again.id}/approve`,
      payload: { version: pending.version },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().decidedBy.id).toBe(s.users.supervisor.id);
    expect(
      (await r('GET', '/api/resident/me')).json().rooms.map((x: { roomId: string }) => x.roomId),
    ).toEqual([otherRoom.id]);
    const decidedTwice = await s.as('supervisor')({
      method: 'POST',
      url: `/api/resident-bindings/${again.id}/decline`,
      payload: { version: approved.json().version, reason: 'x' },
    });
    expect(decidedTwice.statusCode).toBe(422);
    expect(decidedTwice.json().error.details).toEqual({ rule: 'not_pending' });
  });

  it('RESIDENT-3 another company is not found: its rooms, places and binding requests', async () => {
    const { cookie } = await signIn('13500009999');
    const r = asResident(cookie);
    expect((await r('POST', '/api/resident/bindings', { roomId: foreignRoom.id })).statusCode).toBe(404);
    const [f] = (
      await t.database.db.execute<{ unit_id: string; community_id: string }>(
        sql`select unit_id, community_id from rooms where id = ${foreignRoom.id}`,
      )
    ).rows;
    expect((await r('GET', `/api/resident/rooms?unitId=${f.unit_id}`)).statusCode).toBe(404);
    expect((await r('GET', `/api/resident/places?communityId=${f.community_id}`)).statusCode).toBe(404);
    // a request of this company is not found from another company's staff
    const mine = (await r('POST', '/api/resident/bindings', { roomId: room.id })).json();
    const stranger = await t.seedCompany();
    const probe = await stranger.as('admin')({
      method: 'POST',
      url: `/api/resident-bindings/${mine.id}/approve`,
      payload: { version: 1 },
    });
    expect(probe.statusCode).toBe(404);
    // the auditor reads but never decides; a technician has no inbox
    expect((await s.as('technician')({ method: 'GET', url: '/api/resident-bindings' })).statusCode).toBe(403);
  });

  it('RESIDENT-3 a resident unbinds a register room and it is not bound again at the next sign-in; deleting the account ends the session', async () => {
    const first = await signIn(REGISTER_PHONE);
    const r = asResident(first.cookie);
    expect((await r('DELETE', `/api/resident/bindings/${room.id}`)).statusCode).toBe(200);
    expect((await r('DELETE', `/api/resident/bindings/${room.id}`)).statusCode).toBe(404);
    t.clock.advance(61_000);
    const second = await signIn(REGISTER_PHONE);
    expect(second.me.rooms).toEqual([]);
    const r2 = asResident(second.cookie);
    expect((await r2('DELETE', '/api/resident/account')).statusCode).toBe(200);
    expect((await r2('GET', '/api/resident/me')).statusCode).toBe(401);
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from resident_accounts where phone = ${REGISTER_PHONE}`,
    );
    expect(rows[0].n).toBe(0);
  });
});
