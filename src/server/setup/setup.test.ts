import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildApp } from '../app';
import { systemClock } from '../platform/clock';
import { loadConfig } from '../platform/config';
import { connect } from '../db/client';
import { DEMO_LOGINS, seedDemo } from '../seed/demo';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { createAdmin, createCompany, ensureFirstAdmin } from './setup.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo seed (OPS-4)', () => {
  it('seeds one company deterministically with the fixed logins, once', async () => {
    expect(await seedDemo(t.database.db, { password: 'huiyin-demo', mode: 'minimal' })).toMatchObject({
      mode: 'minimal',
      cases: 0,
    });
    expect(await seedDemo(t.database.db, { password: 'huiyin-demo', mode: 'minimal' })).toBeNull();
    const { rows } = await t.database.db.execute<Record<string, number>>(sql`select
      (select count(*)::int from companies) companies, (select count(*)::int from offices) offices,
      (select count(*)::int from communities) communities, (select count(*)::int from rooms) rooms,
      (select count(*)::int from residents) residents, (select count(*)::int from partner_units where relation = 'sister') sister,
      (select count(*)::int from partner_units where relation = 'external') external`);
    expect(rows[0]).toMatchObject({ companies: 1, offices: 2, communities: 3, sister: 3, external: 4 });
    expect(rows[0].rooms).toBeGreaterThan(1900);
    expect(rows[0].residents).toBeGreaterThan(2800);
    for (const l of DEMO_LOGINS) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: l.username, password: 'huiyin-demo' },
      });
      expect(res.statusCode, l.username).toBe(200);
      expect(res.json().user.roles).toEqual(l.roles);
    }
    const director = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'director2', password: 'huiyin-demo' },
    });
    expect(director.json().user.officeIds).toHaveLength(1);
  });
});

describe('installation (OPS-1)', () => {
  it('creates companies and admins; usernames are unique across companies', async () => {
    const c = await createCompany(t.database.db, { name: '第二物业', shortName: '第二' });
    await createAdmin(
      t.database.db,
      { env: 'test' },
      { companyId: c.id, username: 'second-admin', password: 'long-enough-pw' },
    );
    await expect(
      createAdmin(
        t.database.db,
        { env: 'test' },
        { companyId: c.id, username: 'SECOND-admin', password: 'long-enough-pw' },
      ),
    ).rejects.toThrow(/already taken/);
    await expect(
      createAdmin(
        t.database.db,
        { env: 'production' },
        { companyId: c.id, username: 'x-admin', password: 'huiyin-demo' },
      ),
    ).rejects.toThrow();
    await expect(
      createCompany(t.database.db, { name: 'x', shortName: 'x', timeZone: 'Mars/Olympus' }),
    ).rejects.toThrow();
  });

  it('ensureFirstAdmin creates an admin only when none exists', async () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(
      await ensureFirstAdmin(t.database.db, config, { username: 'late-admin', password: 'long-enough-pw' }),
    ).toBe(false);
  });
});

describe('health (OPS-3)', () => {
  it('is ok with the database and 503 without it', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(ok.json()).toMatchObject({ status: 'ok', db: 'ok' });
    const dead = connect('postgres://nobody:nothing@127.0.0.1:1/none', { max: 1 });
    const app = await buildApp(
      { db: dead.db, clock: systemClock, config: loadConfig({ NODE_ENV: 'test' }) },
      { logger: false },
    );
    const down = await app.inject({ method: 'GET', url: '/api/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json().error.code).toBe('unavailable');
    const withCookie = await app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { cookie: 'huiyin_sid=abc' },
    });
    expect(withCookie.statusCode).toBe(503);
    await app.close();
    await dead.close();
  });

  it('unknown routes are 404 JSON; openapi is served', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    const spec = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.json().paths['/api/auth/login']).toBeDefined();
  });
});
