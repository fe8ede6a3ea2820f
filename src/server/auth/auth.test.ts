import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type SeededCompany, type TestApp } from '../../../test/test-app';

let t: TestApp;
let s: SeededCompany;
beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
});
afterAll(() => t.close());

const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

describe('login and sessions (issue 2 §4)', () => {
  it('logs in with an httpOnly SameSite=Lax cookie and returns the user with permissions', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: s.users.director.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const body = res.json();
    expect(body.user.roles).toEqual(['director']);
    expect(body.user.officeIds).toEqual([s.office.id]);
    expect(body.permissions).toContain('property.import');
    expect(body.permissions).not.toContain('users.manage');
  });

  it('usernames are case-insensitive and the password is not', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: s.users.agent.username.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: s.users.agent.username, password: TEST_PASSWORD.toUpperCase() },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('unauthenticated');
    expect(bad.json().error.message).toBe('用户名或密码错误');
  });

  it('a new session id at every login; logout ends the session', async () => {
    const a = await t.login(s.users.supervisor.username);
    const b = await t.login(s.users.supervisor.username);
    expect(a).not.toBe(b);
    expect((await me(a)).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: a } });
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(200);
  });

  it('expires after 2 h idle and after 12 h absolute even when active', async () => {
    const cookie = await t.login(s.users.technician.username);
    t.clock.advance(119 * 60_000);
    expect((await me(cookie)).statusCode).toBe(200);
    t.clock.advance(119 * 60_000);
    expect((await me(cookie)).statusCode).toBe(200);
    t.clock.advance(121 * 60_000);
    expect((await me(cookie)).statusCode).toBe(401);

    const active = await t.login(s.users.technician.username);
    for (let h = 0; h < 12; h++) {
      t.clock.advance(60 * 60_000);
      const res = await me(active);
      if (h < 11) expect(res.statusCode, `hour ${h + 1}`).toBe(200);
      else expect(res.statusCode).toBe(401);
    }
  });

  it('an unauthenticated request is 401 in the request language', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { 'accept-language': 'en-US' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/sign in/);
  });
});

describe('lock-out (issue 2 §4: 5 failures in 15 min lock for 15 min, kept in PostgreSQL)', () => {
  it('locks the username after 5 failures with 429 and Retry-After, and survives a restart', async () => {
    const u = await t.make.user({ companyId: s.company.id, roles: ['agent'] });
    const attempt = (app = t.app, password = 'wrong-password') =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password },
        remoteAddress: '10.0.0.7',
      });
    for (let i = 0; i < 5; i++) expect((await attempt()).statusCode).toBe(401);
    const locked = await attempt(t.app, TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);

    // A restarted instance (new app, same database) still refuses.
    const restarted = await t.rebuild();
    expect((await attempt(restarted, TEST_PASSWORD)).statusCode).toBe(429);

    t.clock.advance(15 * 60_000 + 1000);
    expect((await attempt(restarted, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('limits one IP to 50 attempts in 15 minutes across usernames', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 50; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `nobody${i}`, password: 'x' },
        remoteAddress: ip,
      });
      expect(res.statusCode).toBe(401);
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: s.users.admin.username, password: TEST_PASSWORD },
      remoteAddress: ip,
    });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });
});

describe('password change', () => {
  it('needs the current password, rejects short ones, and ends other sessions', async () => {
    const u = await t.make.user({ companyId: s.company.id, roles: ['agent'] });
    const one = await t.login(u.username);
    const two = await t.login(u.username);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: one },
      payload: { currentPassword: 'nope', newPassword: 'another-password-1' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.currentPassword).toBe('当前密码不正确');
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: one },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields.newPassword).toBe('密码至少 10 个字符');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: one },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'another-password-1' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await me(one)).statusCode).toBe(200);
    expect((await me(two)).statusCode).toBe(401);
    await t.login(u.username, 'another-password-1');
  });
});

describe('API tokens (issue 2 §4)', () => {
  beforeAll(() => s.relogin());
  it('are shown once, act as their user, are stored hashed, and stop working when revoked', async () => {
    const service = await t.make.user({
      companyId: s.company.id,
      roles: ['agent'],
      isService: true,
      officeIds: [s.office.id],
    });
    const created = await s.as('admin')({
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: '呼叫中心', userId: service.id },
    });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^hy_/);
    const list = await s.as('admin')({ method: 'GET', url: '/api/auth/tokens' });
    expect(JSON.stringify(list.json())).not.toContain(token);
    const { rows } = await t.database.pool.query('select token_hash from api_tokens where id = $1', [
      apiToken.id,
    ]);
    expect(rows[0].token_hash).not.toContain(token.slice(3));

    const asToken = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(asToken.statusCode).toBe(200);
    expect(asToken.json().user.id).toBe(service.id);

    // a service user cannot sign in with a password
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: service.username, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(401);

    expect(
      (await s.as('admin')({ method: 'DELETE', url: `/api/auth/tokens/${apiToken.id}` })).statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('only admins manage tokens', async () => {
    const res = await s.as('manager')({
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: 'x', userId: s.users.agent.id },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });
});
