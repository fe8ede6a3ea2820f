/**
 * `Idempotency-Key` on creating writes (API-3): per actor, kept 24 h; the same key and body return the first
 * result; the same key with another body is 422 `idempotency_mismatch`. A route opts in with
 * `config: { permission: …, idempotent: true }`; a request without the header is handled as usual.
 *
 * Insert-first: the first request inserts a pending row (status 0) under the primary key (actor, key) and runs;
 * a concurrent duplicate finds the row and waits for it to complete, then replays it — never two creations,
 * on one instance or several. Only a 2xx result is kept: after an error the row is dropped, so a retry runs
 * again (a failed write created nothing). A pending row left by a crashed instance is taken over after
 * PENDING_STALE_MS. Rows older than 24 h are purged on the way, at most once a minute per instance.
 */
import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, fieldError, ruleViolation } from '../../domain/errors';
import type { AppDeps } from '../platform/deps';
import { idempotencyKeys } from '../db/schema';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** honour `Idempotency-Key` on this route (creating writes, API-3) */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: IdempotencyState | null;
  }
}

interface IdempotencyState {
  actorId: string;
  key: string;
  requestHash: string;
  /** this request inserted the pending row and must complete or drop it */
  owned: boolean;
}

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/** A pending row older than this belongs to a request that died with its instance. */
export const PENDING_STALE_MS = 2 * 60_000;
/** How long a duplicate waits for the first request before giving up (422, retry later). */
const WAIT_MS = 30_000;
const POLL_MS = 50;
const PURGE_EVERY_MS = 60_000;

const KEY = /^[\x21-\x7e]{1,200}$/;

/** JSON with keys sorted at every level and no spaces: equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const requestHash = (method: string, url: string, body: unknown) =>
  createHash('sha256')
    .update(`${method} ${url}\n${canonicalJson(body)}`)
    .digest('hex');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function registerIdempotency(app: FastifyInstance, { db, clock }: AppDeps) {
  app.decorateRequest('idempotency', null);
  let lastPurge = 0;

  const purge = async (now: Date) => {
    if (now.getTime() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now.getTime();
    await db
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)));
  };

  const rowKey = (s: IdempotencyState) =>
    and(eq(idempotencyKeys.actorId, s.actorId), eq(idempotencyKeys.key, s.key));

  /** Returns the stored result to replay, or null once this request owns the key. */
  const claim = async (s: IdempotencyState): Promise<{ status: number; body: string } | null> => {
    const giveUpAt = Date.now() + WAIT_MS;
    for (;;) {
      const now = clock.now();
      const inserted = await db
        .insert(idempotencyKeys)
        .values({
          actorId: s.actorId,
          key: s.key,
          requestHash: s.requestHash,
          status: 0,
          response: {},
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (inserted.length) {
        s.owned = true;
        await purge(now).catch(() => {});
        return null;
      }
      const [row] = await db.select().from(idempotencyKeys).where(rowKey(s));
      if (!row) continue; // the first request failed and dropped its row: try to own it
      const age = now.getTime() - row.createdAt.getTime();
      if (age >= IDEMPOTENCY_TTL_MS) {
        await db.delete(idempotencyKeys).where(and(rowKey(s), eq(idempotencyKeys.createdAt, row.createdAt)));
        continue;
      }
      if (row.requestHash !== s.requestHash) throw new DomainError('idempotency_mismatch');
      if (row.status > 0) {
        const stored = row.response as { body?: unknown };
        return {
          status: row.status,
          body: typeof stored.body === 'string' ? stored.body : JSON.stringify(stored),
        };
      }
      if (age >= PENDING_STALE_MS) {
        const taken = await db
          .update(idempotencyKeys)
          .set({ createdAt: now })
          .where(and(rowKey(s), eq(idempotencyKeys.status, 0), eq(idempotencyKeys.createdAt, row.createdAt)))
          .returning({ key: idempotencyKeys.key });
        if (taken.length) {
          s.owned = true;
          return null;
        }
        continue;
      }
      if (Date.now() > giveUpAt) throw ruleViolation('idempotency_in_progress');
      await sleep(POLL_MS);
    }
  };

  const drop = async (s: IdempotencyState) => {
    s.owned = false;
    await db.delete(idempotencyKeys).where(and(rowKey(s), eq(idempotencyKeys.status, 0)));
  };

  // preValidation: the body as the client sent it (before zod trims or fills defaults) is what is compared.
  app.addHook('preValidation', async (req: FastifyRequest) => {
    if (!req.routeOptions.config?.idempotent || !req.actor) return;
    const header = req.headers['idempotency-key'];
    if (header === undefined) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY.test(key)) throw fieldError({ 'headers.idempotency-key': 'field.idempotency_key' });
    req.idempotency = {
      actorId: req.actor.userId,
      key,
      requestHash: requestHash(req.method, req.url, req.body),
      owned: false,
    };
  });

  app.addHook('preHandler', async (req, reply) => {
    if (!req.idempotency) return;
    const replay = await claim(req.idempotency);
    if (!replay) return;
    return reply
      .code(replay.status)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(replay.body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const s = req.idempotency;
    if (!s?.owned) return payload;
    const contentType = String(reply.getHeader('content-type') ?? '');
    // Only a 2xx JSON result is kept; it is stored as sent, byte for byte, and replayed the same way.
    if (
      reply.statusCode < 200 ||
      reply.statusCode >= 300 ||
      typeof payload !== 'string' ||
      !contentType.includes('json')
    ) {
      await drop(s);
      return payload;
    }
    s.owned = false;
    await db
      .update(idempotencyKeys)
      .set({ status: reply.statusCode, response: { body: payload } })
      .where(rowKey(s));
    return payload;
  });

  // A request that ended without onSend (the client went away, the socket broke) must not hold the key.
  app.addHook('onResponse', async (req) => {
    if (req.idempotency?.owned) await drop(req.idempotency).catch(() => {});
  });
}
