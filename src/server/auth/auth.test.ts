import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type SeededCompany, type TestApp } from '../../../test/test-app';
import { seedDemo } from '../seed/demo';
import { demoAccountsWarning } from './auth.service';

let t: TestApp;
let s: SeededCompany;
beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
});
afterAll(() => t.close());

const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

describe('login and sessions (ACCESS-4)', () => {
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

describe('lock-out (ACCESS-3: 5 failures in 15 min lock for 15 min, kept in PostgreSQL)', () => {
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

describe('lock-out under concurrency (login lock-out counted before the password check: the attempt is reserved before the password check)', () => {
  const loginAt = (username: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  const attemptRows = async (column: 'username' | 'ip', value: string) =>
    (
      await t.database.pool.query(`select count(*)::int as n from login_attempts where ${column} = $1`, [
        value,
      ])
    ).rows[0].n as number;

  it('30 concurrent attempts with the right password among them check at most 5 passwords, and the lock refuses the right one', async () => {
    const u = await t.make.user({ companyId: s.company.id, roles: ['agent'] });
    const right = 15;
    const res = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        loginAt(u.username, i === right ? TEST_PASSWORD : `wrong-password-${i}`, '10.4.0.1'),
      ),
    );
    const codes = res.map((r) => r.statusCode);
    // A checked password answers 401 (wrong) or 200 (right); an attempt refused by the lock answers 429 unchecked.
    const checked = codes.filter((c) => c === 401 || c === 200).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(30 - checked);
    expect(await attemptRows('username', u.username.toLowerCase())).toBe(checked);
    expect(codes[right]).toBe(429);
    expect(codes).not.toContain(200);
    // Once locked, the right password is refused too.
    expect((await loginAt(u.username, TEST_PASSWORD, '10.4.0.2')).statusCode).toBe(429);
  });

  it('60 concurrent attempts from one address check at most 50 passwords (per-IP limit)', async () => {
    const ip = '10.4.1.1';
    const res = await Promise.all(
      Array.from({ length: 60 }, (_, i) => loginAt(`nobody-burst-${i}`, 'wrong-password', ip)),
    );
    const codes = res.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(50);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(10);
    expect(await attemptRows('ip', ip)).toBeLessThanOrEqual(50);
    expect((await loginAt(s.users.admin.username, TEST_PASSWORD, ip)).statusCode).toBe(429);
  });

  it('an admin sees the lock on the users list and unlocks; the unlock is recorded and lets the user in', async () => {
    await s.relogin();
    const u = await t.make.user({ companyId: s.company.id, roles: ['agent'], officeIds: [s.office.id] });
    for (let i = 0; i < 5; i++)
      expect((await loginAt(u.username, 'wrong-password', '10.4.2.1')).statusCode).toBe(401);
    expect((await loginAt(u.username, TEST_PASSWORD, '10.4.2.1')).statusCode).toBe(429);

    const listed = await s.as('admin')({ method: 'GET', url: `/api/users?q=${u.username}` });
    expect(listed.statusCode).toBe(200);
    const [row] = listed.json().items;
    expect(row.id).toBe(u.id);
    // 15 minutes from the fifth failure (the harness's clock runs on while the test does).
    const lockedFor = new Date(row.lockedUntil).getTime() - t.clock.now().getTime();
    expect(lockedFor).toBeGreaterThan(14 * 60_000);
    expect(lockedFor).toBeLessThanOrEqual(15 * 60_000);
    const notLocked = await s.as('admin')({ method: 'GET', url: `/api/users/${s.users.agent.id}` });
    expect(notLocked.json().lockedUntil).toBeNull();

    // Another company's admin cannot see or unlock the user; a manager may not manage users.
    const other = await t.make.company();
    const otherAdmin = await t.make.user({ companyId: other.id, roles: ['admin'] });
    const otherCookie = await t.login(otherAdmin.username);
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/users/${u.id}/unlock`,
      headers: { cookie: otherCookie },
    });
    expect(foreign.statusCode).toBe(404);
    expect((await s.as('manager')({ method: 'POST', url: `/api/users/${u.id}/unlock` })).statusCode).toBe(
      403,
    );
    expect((await loginAt(u.username, TEST_PASSWORD, '10.4.2.1')).statusCode).toBe(429);

    const unlocked = await s.as('admin')({ method: 'POST', url: `/api/users/${u.id}/unlock` });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().lockedUntil).toBeNull();
    const { rows } = await t.database.pool.query(
      'select user_id, company_id, unlocked_by, username, at from login_unlocks where user_id = $1',
      [u.id],
    );
    expect(rows).toEqual([
      {
        user_id: u.id,
        company_id: s.company.id,
        unlocked_by: s.users.admin.id,
        username: u.username.toLowerCase(),
        at: expect.any(Date),
      },
    ]);
    expect((await loginAt(u.username, TEST_PASSWORD, '10.4.2.1')).statusCode).toBe(200);
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

describe('API tokens (ACCESS-4)', () => {
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

describe('production refuses the demo accounts and the demo password (no demo password in production)', () => {
  let p: TestApp;
  beforeAll(async () => {
    // NODE_ENV=production refuses a fake clock in the configuration; the harness still drives its own.
    p = await createTestApp({ NODE_ENV: 'production', HUIYIN_FAKE_CLOCK: '' });
    // Seeded before the switch to production: the same database restarted with NODE_ENV=production.
    expect(await seedDemo(p.database.db, { password: 'huiyin-demo', mode: 'minimal' })).toMatchObject({
      mode: 'minimal',
    });
  });
  afterAll(() => p.close());

  const login = (username: string, password: string, lang = 'zh-CN') =>
    p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      headers: { 'accept-language': lang },
      remoteAddress: '10.5.0.1',
    });

  it('the demo seed flags its accounts; agent2 / huiyin-demo is refused 403 with rule demo_password', async () => {
    const { rows } = await p.database.pool.query('select username from users where not demo');
    expect(rows).toEqual([]);
    const res = await login('agent2', 'huiyin-demo');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect(res.json().error.details).toEqual({ rule: 'demo_password' });
    expect(res.json().error.message).toContain('“员工”（用户管理）');
    expect(res.json().error.message).toContain('huiyin admin create');
    expect(res.headers['set-cookie']).toBeUndefined();
    const en = await login('agent2', 'huiyin-demo', 'en-US');
    expect(en.json().error.message).toContain('Staff (users) page');
    expect(en.json().error.message).toContain('huiyin admin create');
  });

  it('a wrong password to a demo account is still just a wrong password', async () => {
    const res = await login('agent', 'not-the-password');
    expect(res.statusCode).toBe(401);
  });

  it('the demo password is refused for an account that is not flagged', async () => {
    const company = await p.make.company();
    const u = await p.make.user({ companyId: company.id, password: 'huiyin-demo' });
    const res = await login(u.username, 'huiyin-demo');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details).toEqual({ rule: 'demo_password' });
  });

  it('the start-up warning names the flagged usernames; a password reset clears the flag and signs in', async () => {
    const warning = await demoAccountsWarning(p.database.db, 'production');
    expect(warning).toContain('agent2');
    expect(warning).toContain('huiyin admin create');
    expect(await demoAccountsWarning(p.database.db, 'development')).toBeNull();

    // The first admin of a production install resets agent2's password on the users page.
    const { rows } = await p.database.pool.query(
      "select id, company_id, version from users where username = 'agent2'",
    );
    const admin = await p.make.user({ companyId: rows[0].company_id, roles: ['admin'] });
    const adminCookie = await p.login(admin.username);
    const reset = await p.app.inject({
      method: 'PATCH',
      url: `/api/users/${rows[0].id}`,
      headers: { cookie: adminCookie },
      payload: { version: rows[0].version, password: 'a-real-password-1' },
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().demo).toBe(false);
    expect(await demoAccountsWarning(p.database.db, 'production')).not.toContain('agent2');
    expect((await login('agent2', 'a-real-password-1')).statusCode).toBe(200);
  });

  it("changing one's own password clears the flag too", async () => {
    const company = await p.make.company();
    const u = await p.make.user({ companyId: company.id, demo: true });
    expect((await login(u.username, TEST_PASSWORD)).statusCode).toBe(403);
    await p.database.pool.query('update users set demo = false where id = $1', [u.id]);
    const cookie = await p.login(u.username);
    await p.database.pool.query('update users set demo = true where id = $1', [u.id]);
    const changed = await p.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'another-password-2' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await login(u.username, 'another-password-2')).statusCode).toBe(200);
  });
});
