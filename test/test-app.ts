/**
 * The server test harness: a fresh database cloned from the migrated template, the real app built by buildApp,
 * a fake clock, factories, and helpers to sign in. Use `const t = await createTestApp()` in `beforeAll`.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { DestinationStream } from 'pino';
import { buildApp } from '../src/server/app';
import { FakeClock } from '../src/server/platform/clock';
import { loadConfig, type Config } from '../src/server/platform/config';
import { connect, type Database } from '../src/server/db/client';
import { factories, TEST_PASSWORD } from '../src/server/seed/factories';
import type { Role } from '../src/domain/access/roles';
import { withDatabase } from './global-setup';

export { TEST_PASSWORD };

/** Creates a new database from the migrated template and returns its URL. */
export async function createTestDatabase(
  opts: { empty?: boolean } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('pgServerUrl');
  const name = `huiyin_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  // Cloning needs the template to have no other connections; retry briefly if a parallel clone holds it.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(
        opts.empty ? `create database ${name}` : `create database ${name} template ${inject('pgTemplate')}`,
      );
      break;
    } catch (e) {
      if (attempt > 20) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await c.end();
    },
  };
}

/**
 * The origin an injected request is addressed to: light-my-request's default Host is `localhost:80` over http
 * (its parse-url.js and hostHeaderFromURL), so a page of the app itself has this origin.
 */
export const TEST_ORIGIN = 'http://localhost:80';

/**
 * Makes every request injected into `app` look like a browser's on the app's own pages, which sends `Origin` with
 * every POST: otherwise the same-origin rule for cookie writes (src/server/http/same-origin.ts) refuses them. A
 * request that names `origin` or `referer` itself keeps exactly its own (`origin: undefined` sends neither).
 */
export function injectFromSameOrigin<T extends FastifyInstance>(app: T): T {
  const inject = app.inject.bind(app) as unknown as (...args: unknown[]) => unknown;
  const withOrigin = (opts: InjectOptions | string | undefined) => {
    if (opts === undefined) return opts;
    const o: InjectOptions = typeof opts === 'string' ? { url: opts } : opts;
    const headers: Record<string, unknown> = { ...o.headers };
    const named = Object.keys(headers).filter((h) => /^(origin|referer)$/i.test(h));
    if (!named.length) return { ...o, headers: { origin: TEST_ORIGIN, ...headers } };
    for (const h of named) if (headers[h] === undefined) delete headers[h];
    return { ...o, headers: headers as InjectOptions['headers'] };
  };
  app.inject = ((opts?: InjectOptions | string, ...rest: unknown[]) =>
    inject(withOrigin(opts), ...rest)) as T['inject'];
  return app;
}

export interface TestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  database: Database;
  clock: FakeClock;
  config: Config;
  make: ReturnType<typeof factories>;
  /** builds a second app on the same database (a restart, or a second instance) */
  rebuild(): Promise<TestApp['app']>;
  /** signs in and returns the cookie header value */
  login(username: string, password?: string): Promise<string>;
  /** a company with one office, and a user per role there, signed in: the usual starting point */
  seedCompany(): Promise<SeededCompany>;
  close(): Promise<void>;
}

export interface SeededCompany {
  company: { id: string; name: string };
  office: { id: string };
  otherOffice: { id: string };
  users: Record<Role, { id: string; username: string }>;
  cookies: Record<Role, string>;
  as(role: Role): (opts: InjectOptions) => Promise<LightMyRequestResponse>;
  /** signs every role in again (after a test moved the clock past the session lifetime) */
  relogin(): Promise<void>;
}

/** `logStream`: the app logs there (at env LOG_LEVEL) instead of not at all — for tests of what is logged. */
export async function createTestApp(
  env: Record<string, string> = {},
  opts: { logStream?: DestinationStream } = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const database = connect(testDb.url, { max: 5 });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HUIYIN_FAKE_CLOCK: '1', ...env });
  const clock = new FakeClock(new Date('2026-11-24T02:00:00Z'));
  const apps: TestApp['app'][] = [];
  const build = async () => {
    const a = injectFromSameOrigin(
      await buildApp(
        { db: database.db, clock, config },
        opts.logStream ? { logStream: opts.logStream } : { logger: false },
      ),
    );
    await a.ready();
    apps.push(a);
    return a;
  };
  const app = await build();
  const make = factories(database.db);

  const login = async (username: string, password = TEST_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'huiyin_sid');
    return `huiyin_sid=${cookie!.value}`;
  };

  return {
    app,
    database,
    clock,
    config,
    make,
    rebuild: build,
    login,
    async seedCompany() {
      const company = await make.company();
      const office = await make.office({ companyId: company.id });
      const otherOffice = await make.office({ companyId: company.id });
      const roles: Role[] = ['admin', 'manager', 'director', 'supervisor', 'agent', 'technician', 'auditor'];
      const users = {} as SeededCompany['users'];
      const cookies = {} as SeededCompany['cookies'];
      for (const role of roles) {
        const u = await make.user({ companyId: company.id, roles: [role], officeIds: [office.id] });
        users[role] = { id: u.id, username: u.username };
        cookies[role] = await login(u.username);
      }
      return {
        company,
        office,
        otherOffice,
        users,
        cookies,
        as: (role) => (opts) => app.inject({ ...opts, headers: { ...opts.headers, cookie: cookies[role] } }),
        async relogin() {
          for (const role of roles) cookies[role] = await login(users[role].username);
        },
      };
    },
    async close() {
      for (const a of apps) await a.close();
      await database.close();
      await testDb.drop();
    },
  };
}
