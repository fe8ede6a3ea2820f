/**
 * Idempotency-Key (API-3): tested on test-only routes registered on a real app before it is ready.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  injectFromSameOrigin,
  type SeededCompany,
  type TestApp,
} from '../../../test/test-app';
import { buildApp } from '../app';
import { idempotencyKeys } from '../db/schema';
import { PENDING_STALE_MS, requestHash } from './idempotency';

let t: TestApp;
let s: SeededCompany;
let app: FastifyInstance;
const created: string[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  app = injectFromSameOrigin(
    await buildApp({ db: t.database.db, clock: t.clock, config: t.config }, { logger: false }),
  );
  // A creating write: records what it made, optionally slowly or failing.
  app.post(
    '/api/test/things',
    { config: { permission: 'authenticated', idempotent: true } },
    async (req, reply) => {
      const body = req.body as { name: string; delayMs?: number };
      if (body.delayMs) await new Promise((r) => setTimeout(r, body.delayMs));
      if (failuresLeft > 0) {
        failuresLeft--;
        return reply.code(503).send({ error: { code: 'unavailable', message: 'try again' } });
      }
      created.push(body.name);
      return reply.code(201).send({ id: created.length, name: body.name, by: req.actor!.username });
    },
  );
  app.post('/api/test/plain', { config: { permission: 'authenticated' } }, async () => {
    created.push('plain');
    return { n: created.length };
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const post = (
  role: keyof SeededCompany['cookies'],
  key: string | undefined,
  payload: object,
  url = '/api/test/things',
) =>
  app.inject({
    method: 'POST',
    url,
    payload,
    headers: { cookie: s.cookies[role], ...(key ? { 'idempotency-key': key } : {}) },
  } as InjectOptions);

describe('Idempotency-Key on creating writes (API-3: per actor, kept 24 h, same key and body → first result)', () => {
  it('the same key and body return the first result without running the write again', async () => {
    const before = created.length;
    const first = await post('agent', 'k-1', { name: '报修一', tags: ['a', 'b'], n: 1 });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // the same body with its keys in another order is the same body
    const again = await post('agent', 'k-1', { n: 1, tags: ['a', 'b'], name: '报修一' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(created.length).toBe(before + 1);
  });

  it('the same key with another body is 422 idempotency_mismatch', async () => {
    await post('agent', 'k-2', { name: '报修二' });
    const res = await post('agent', 'k-2', { name: '报修三' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'idempotency_mismatch',
      message: '相同的幂等键已用于不同的请求内容',
    });
    // the same key on another URL is another request too
    expect((await post('agent', 'k-2', { name: '报修二' }, '/api/test/things?x=1')).statusCode).toBe(422);
  });

  it('keys are per actor: another user’s identical key is a new request', async () => {
    const before = created.length;
    const mine = await post('agent', 'shared-key', { name: '咨询' });
    const theirs = await post('supervisor', 'shared-key', { name: '咨询' });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().by).not.toBe(mine.json().by);
    expect(created.length).toBe(before + 2);
  });

  it('concurrent duplicates wait for the first and never create twice', async () => {
    const before = created.length;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => post('agent', 'k-concurrent', { name: '并发', delayMs: 300 })),
    );
    expect(created.length).toBe(before + 1);
    expect(new Set(results.map((r) => r.statusCode))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => r.body)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
  });

  it('a concurrent duplicate on a second instance waits too (the key lives in PostgreSQL)', async () => {
    const before = created.length;
    const second = injectFromSameOrigin(
      await buildApp({ db: t.database.db, clock: t.clock, config: t.config }, { logger: false }),
    );
    second.post(
      '/api/test/things',
      { config: { permission: 'authenticated', idempotent: true } },
      async (_req, reply) => {
        created.push('second instance');
        return reply.code(201).send({ id: -1 });
      },
    );
    await second.ready();
    try {
      const [a, b] = await Promise.all([
        post('agent', 'k-two-instances', { name: '两个实例', delayMs: 300 }),
        new Promise((r) => setTimeout(r, 50)).then(() =>
          second.inject({
            method: 'POST',
            url: '/api/test/things',
            payload: { name: '两个实例', delayMs: 300 },
            headers: { cookie: s.cookies.agent, 'idempotency-key': 'k-two-instances' },
          }),
        ),
      ]);
      expect(created.length).toBe(before + 1);
      expect(b.headers['idempotent-replayed']).toBe('true');
      expect(b.json()).toEqual(a.json());
    } finally {
      await second.close();
    }
  });

  it('a failed first attempt is not kept: the retry runs the write', async () => {
    failuresLeft = 1;
    const failed = await post('agent', 'k-retry', { name: '重试' });
    expect(failed.statusCode).toBe(503);
    const retry = await post('agent', 'k-retry', { name: '重试' });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a pending key left by a crashed instance is taken over after a while', async () => {
    const payload = { name: '崩溃后' };
    const stale = new Date(t.clock.now().getTime() - PENDING_STALE_MS - 1000);
    await t.database.db.insert(idempotencyKeys).values({
      actorId: s.users.agent.id,
      key: 'k-crashed',
      requestHash: requestHash('POST', '/api/test/things', payload),
      status: 0,
      response: {},
      createdAt: stale,
    });
    const res = await post('agent', 'k-crashed', payload);
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('崩溃后');
  });

  it('without the header, or on a route that is not idempotent, every request runs', async () => {
    const before = created.length;
    await post('agent', undefined, { name: '无键' });
    await post('agent', undefined, { name: '无键' });
    await post('agent', 'k-plain', {}, '/api/test/plain');
    await post('agent', 'k-plain', {}, '/api/test/plain');
    expect(created.length).toBe(before + 4);
  });

  it('a malformed key is a validation error', async () => {
    const res = await post('agent', 'x'.repeat(201), { name: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields['headers.idempotency-key']).toBe('幂等键须为 1–200 个可见 ASCII 字符');
  });

  it('keys expire after 24 h and old rows are purged', async () => {
    await post('agent', 'k-old', { name: '旧' });
    t.clock.advance(24 * 3600_000 + 60_000);
    await s.relogin();
    const res = await post('agent', 'k-old', { name: '新的内容' });
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from idempotency_keys where created_at < ${new Date(t.clock.now().getTime() - 24 * 3600_000)}`,
    );
    expect(rows[0].n).toBe(0);
    const kept = await t.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'k-old'));
    expect(kept).toHaveLength(1);
    expect(kept[0].status).toBe(201);
  });
});
