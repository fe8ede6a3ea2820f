/**
 * Cross-site request forgery (cookie writes only from our own origin): with the session cookie a browser also sends to a form or fetch
 * of another site, an unsafe request is accepted only from the app's own origin (Host, or X-Forwarded-Host/-Proto
 * behind a trusted proxy) or an entry of HUIYIN_ALLOWED_ORIGINS; otherwise 403 `forbidden`, reason
 * `cross_origin`, and nothing in the database changes. Bearer-token requests are not concerned.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type SeededCompany,
  type TestApp,
} from '../../../test/test-app';
import { IMPORT_COLUMNS } from '../../domain/property/import';
import { buildApp } from '../app';
import { writeXlsx } from '../property/spreadsheet';
import { UNSAFE_METHODS } from './same-origin';

let t: TestApp;
let s: SeededCompany;

const EVIL = 'https://evil.example';
const someId = '00000000-0000-4000-8000-000000000001';

/** Every row of every table, hashed per table: equal fingerprints mean the request changed nothing. */
async function fingerprint(): Promise<Record<string, string>> {
  const { rows: tables } = await t.database.db.execute<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`,
  );
  const { rows } = await t.database.db.execute<{ name: string; hash: string }>(
    sql.raw(
      tables
        .map(
          ({ name }) =>
            `select '${name}' as name, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as hash from "${name}" x`,
        )
        .join(' union all '),
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.hash]));
}

function expectCrossOriginRefusal(res: { statusCode: number; body: string }, what: string) {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 200)}`).toBe(403);
  const error = JSON.parse(res.body).error;
  expect(error.code, what).toBe('forbidden');
  expect(error.details, what).toEqual({ reason: 'cross_origin' });
}

function multipart(filename: string, mime: string, bytes: Buffer) {
  const boundary = `----huiyin${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  await t.make.community({ companyId: s.company.id, officeId: s.office.id, name: '阳光花园' });
});
afterAll(() => t.close());

/** The shapes a forged request takes: each must be refused. */
const ATTACKS: { name: string; headers: Record<string, string | undefined>; text?: boolean }[] = [
  { name: 'Origin of another site', headers: { origin: EVIL } },
  { name: 'a text/plain form post from another site', headers: { origin: EVIL }, text: true },
  { name: 'only a Referer of another site', headers: { origin: undefined, referer: `${EVIL}/page` } },
  { name: 'neither Origin nor Referer', headers: { origin: undefined } },
  { name: 'the opaque Origin null (sandboxed frame)', headers: { origin: 'null' } },
];

describe('every state-changing route refuses a cross-origin cookie request (cookie writes only from our own origin)', () => {
  it('refuses each attack shape on every POST/PUT/PATCH/DELETE route, changing nothing', async () => {
    const routes = t.app.registeredRoutes.filter((r) => UNSAFE_METHODS.has(r.method));
    expect(routes.length).toBeGreaterThan(50);
    const before = await fingerprint();
    for (const r of routes) {
      const url = r.url.replace(/:year\b/, '2026').replace(/:\w+/g, someId);
      for (const attack of ATTACKS) {
        const res = await s.as('admin')({
          method: r.method as 'POST',
          url,
          headers: {
            ...attack.headers,
            ...(attack.text ? { 'content-type': 'text/plain' } : {}),
          } as InjectOptions['headers'],
          payload: attack.text ? 'version=1' : r.method === 'DELETE' ? undefined : { version: 1 },
        });
        expectCrossOriginRefusal(res, `${r.method} ${r.url} with ${attack.name}`);
      }
    }
    expect(await fingerprint()).toEqual(before);
  });

  type Headers = Record<string, string | undefined>;
  type Sent = Promise<{ statusCode: number; body: string }>;
  /**
   * Requests that succeed from our own pages. `prepare` sets up what one needs (and may write); the fingerprint is
   * taken after it, so only the request itself is judged.
   */
  const realWrites: {
    name: string;
    prepare?: () => Promise<string>;
    send: (headers: Headers, ready: string) => Sent;
  }[] = [
    {
      name: 'revealing a reporter’s phone (text/plain, no body needed)',
      prepare: async () => {
        const created = await s.as('agent')({
          method: 'POST',
          url: '/api/cases',
          payload: {
            channel: 'phone',
            kind: 'repair',
            description: '厨房水管漏水',
            reporter: { name: '张伟', phone: '13812345678' },
          },
        });
        expect(created.statusCode, created.body).toBe(201);
        return created.json().id as string;
      },
      send: (headers, caseId) =>
        s.as('agent')({
          method: 'POST',
          url: `/api/cases/${caseId}/reveal`,
          headers: { ...headers, 'content-type': 'text/plain' } as InjectOptions['headers'],
          payload: 'x=1',
        }),
    },
    {
      name: 'recording a case',
      send: (headers) =>
        s.as('agent')({
          method: 'POST',
          url: '/api/cases',
          headers: headers as InjectOptions['headers'],
          payload: { channel: 'phone', kind: 'complaint', description: '楼道灯不亮' },
        }),
    },
    {
      name: 'a multipart upload',
      send: (headers) => {
        const m = multipart('note.txt', 'text/plain', Buffer.from('一张收据'));
        return s.as('agent')({
          method: 'POST',
          url: '/api/attachments',
          headers: { ...m.headers, ...headers } as InjectOptions['headers'],
          payload: m.payload,
        });
      },
    },
    {
      name: 'committing a property import',
      send: async (headers) => {
        const file = await writeXlsx({
          name: '房屋住户',
          header: IMPORT_COLUMNS,
          rows: [['阳光花园', '9号楼', '1单元', '901', 80, '已入住', '李娜', '13900001111', '业主']],
        });
        const m = multipart('rooms.xlsx', 'application/octet-stream', file);
        return s.as('admin')({
          method: 'POST',
          url: '/api/property/import?mode=commit',
          headers: { ...m.headers, ...headers } as InjectOptions['headers'],
          payload: m.payload,
        });
      },
    },
    {
      name: 'signing in (login CSRF: no session cookie yet)',
      send: (headers) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: headers as InjectOptions['headers'],
          payload: { username: s.users.agent.username, password: TEST_PASSWORD },
        }),
    },
    {
      name: 'signing out',
      prepare: () => t.login(s.users.technician.username),
      send: (headers, cookie) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/logout',
          headers: { cookie, ...headers } as InjectOptions['headers'],
        }),
    },
  ];

  it.each(realWrites)('refuses $name from another site, and accepts it from our own', async (write) => {
    for (const attack of [
      { origin: EVIL },
      { origin: undefined, referer: `${EVIL}/x` },
      { origin: undefined },
    ]) {
      const ready = (await write.prepare?.()) ?? '';
      const before = await fingerprint();
      expectCrossOriginRefusal(await write.send(attack, ready), write.name);
      expect(await fingerprint(), write.name).toEqual(before);
    }
    // the same request from our own pages goes through and does change the database
    const ready = (await write.prepare?.()) ?? '';
    const before = await fingerprint();
    const ok = await write.send({ origin: TEST_ORIGIN }, ready);
    expect(ok.statusCode, ok.body).toBeLessThan(300);
    expect(await fingerprint()).not.toEqual(before);
  });
});

describe('what is still accepted (cookie writes only from our own origin)', () => {
  const newCase = (headers: Record<string, string | undefined>, app = t.app, cookie = s.cookies.agent) =>
    app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie, ...headers } as InjectOptions['headers'],
      payload: { channel: 'phone', kind: 'inquiry', description: '物业费怎么交' },
    });

  it('our own origin however it is spelled, and a same-origin Referer without Origin', async () => {
    for (const headers of [
      { origin: 'http://localhost:80' },
      { origin: 'HTTP://LOCALHOST' },
      { origin: undefined, referer: 'http://localhost/cases/new?from=dashboard' },
    ])
      expect((await newCase(headers)).statusCode, JSON.stringify(headers)).toBe(201);
    // another port of the same host is another origin
    expectCrossOriginRefusal(await newCase({ origin: 'http://localhost:5173' }), 'port 5173');
  });

  it('reads and Bearer-token writes are not concerned', async () => {
    const read = await s.as('agent')({ method: 'GET', url: '/api/cases', headers: { origin: EVIL } });
    expect(read.statusCode).toBe(200);
    const token = await s.as('admin')({
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: 'intake', userId: s.users.agent.id },
    });
    expect(token.statusCode, token.body).toBe(201);
    // an integration sends neither Origin nor Referer, and may happen to carry a cookie too
    for (const headers of [{ origin: undefined }, { origin: EVIL }]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: {
          authorization: `Bearer ${token.json().token}`,
          cookie: s.cookies.agent,
          ...headers,
        } as InjectOptions['headers'],
        payload: { channel: 'phone', kind: 'inquiry', description: '停车卡办理' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it('the refusal is worded in the request’s language', async () => {
    const en = await newCase({ origin: EVIL, 'accept-language': 'en-US' });
    expect(en.json().error.message).toMatch(/did not come from Huiyin’s own pages/);
    const zh = await newCase({ origin: EVIL });
    expect(zh.json().error.message).toMatch(/不是从回音自己的页面发出的/);
  });
});

describe('configured origins and a trusted proxy (cookie writes only from our own origin)', () => {
  let apps: Awaited<ReturnType<typeof buildApp>>[] = [];
  const appWith = async (config: Partial<TestApp['config']>) => {
    const app = await buildApp(
      { db: t.database.db, clock: t.clock, config: { ...t.config, ...config } },
      { logger: false },
    );
    await app.ready();
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    for (const app of apps) await app.close();
    apps = [];
  });
  const post = (app: Awaited<ReturnType<typeof buildApp>>, headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: s.cookies.agent, ...headers },
      payload: { channel: 'phone', kind: 'inquiry', description: '门禁卡补办' },
    });

  it('accepts an origin of HUIYIN_ALLOWED_ORIGINS (the Vite dev server) and still refuses others', async () => {
    expectCrossOriginRefusal(await post(t.app, { origin: 'http://localhost:5173' }), 'not configured');
    const app = await appWith({ allowedOrigins: ['http://localhost:5173'] });
    expect((await post(app, { origin: 'http://localhost:5173' })).statusCode).toBe(201);
    expect((await post(app, { origin: TEST_ORIGIN })).statusCode).toBe(201);
    expectCrossOriginRefusal(await post(app, { origin: EVIL }), 'evil with an allow-list');
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'http://localhost:5173' },
      payload: { username: s.users.agent.username, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
  });

  it('honours X-Forwarded-Host/-Proto only with HUIYIN_TRUST_PROXY=1', async () => {
    const forwarded = { 'x-forwarded-host': 'desk.example.com', 'x-forwarded-proto': 'https' };
    // untrusted: the forwarded names are ignored, the request's own origin is its Host
    expectCrossOriginRefusal(
      await post(t.app, { ...forwarded, origin: 'https://desk.example.com' }),
      'forwarded host without trust',
    );
    expect((await post(t.app, { ...forwarded, origin: TEST_ORIGIN })).statusCode).toBe(201);

    const behindProxy = await appWith({ trustProxy: true });
    expect((await post(behindProxy, { ...forwarded, origin: 'https://desk.example.com' })).statusCode).toBe(
      201,
    );
    expect(
      (await post(behindProxy, { ...forwarded, origin: 'https://desk.example.com:443' })).statusCode,
    ).toBe(201);
    // behind the proxy the Host it connects with is no longer the page's origin
    expectCrossOriginRefusal(await post(behindProxy, { ...forwarded, origin: TEST_ORIGIN }), 'inner host');
    expectCrossOriginRefusal(
      await post(behindProxy, { ...forwarded, origin: 'http://desk.example.com' }),
      'http',
    );
    expectCrossOriginRefusal(await post(behindProxy, { ...forwarded, origin: EVIL }), 'evil behind proxy');
  });
});
