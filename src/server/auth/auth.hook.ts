/**
 * Authentication and permission checks for every route. A request carries either the session cookie or
 * `Authorization: Bearer <token>`; each /api route must declare `config.permission` or the app will not start.
 */
import type { FastifyInstance } from 'fastify';
import { can } from '../../domain/access/access';
import { PERMISSIONS, type Permission } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import { pickLocale } from '../../contracts/messages';
import type { AppDeps } from '../platform/deps';
import * as repo from './auth.repository';
import { RESIDENT_COOKIE, SESSION_COOKIE, sha256 } from './tokens';
import { RESIDENT_SESSION } from '../../domain/residents/sign-in';
import { createBatcher, type BatcherOptions } from '../db/batcher';
import { isSameOriginRequest, ownOrigin, UNSAFE_METHODS } from '../http/same-origin';
import type { RoutePermission } from '../http/types';

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: RoutePermission;
  /** the names its querystring schema declares (a zod object), for tests that sweep a parameter on every route */
  query: readonly string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** every /api route with its permission, for the route-coverage tests */
    registeredRoutes: RegisteredRoute[];
  }
}

/** One lookup batch at a time; each request waits at most for the one in flight (db/batcher.ts, ADR 0012). */
const AUTH_BATCHING: BatcherOptions = { maxBatch: 64, maxInFlight: 1 };

/** Writes of last_seen_at are throttled: an idle timeout of hours needs no per-request write. */
const TOUCH_EVERY_MS = 60_000;

/** The one route that writes (sets a session cookie) for a caller who has none yet. */
const LOGIN_URL = '/api/auth/login';

/**
 * The residents' H5 routes (RESIDENT-1): they read only the resident cookie, never a staff cookie or token, and
 * staff routes never read the resident cookie — neither session is worth anything on the other's side.
 */
const RESIDENT_PREFIX = '/api/resident/';
/** Resident routes that write for a caller with no session yet: sending a code (an SMS the company pays) and signing in. */
const RESIDENT_SIGN_IN_URLS = new Set(['/api/resident/auth/code', '/api/resident/auth/verify']);

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function registerAuth(app: FastifyInstance, deps: AppDeps) {
  app.decorateRequest('actor', null);
  app.decorateRequest('resident', null);
  app.decorateRequest('locale', 'zh-CN');

  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const permission = route.config?.permission as RoutePermission | undefined;
    const query = Object.keys((route.schema?.querystring as { shape?: object } | undefined)?.shape ?? {});
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: route.url, permission: permission!, query });
    if (!permission) throw new Error(`Route ${route.method} ${route.url} declares no permission`);
    if (
      permission !== 'public' &&
      permission !== 'authenticated' &&
      permission !== 'resident' &&
      !PERMISSIONS.includes(permission as Permission)
    )
      throw new Error(`Route ${route.method} ${route.url} declares unknown permission ${permission}`);
  });

  // Every request authenticates: the lookups of the requests that arrive together share one query (db/batcher.ts).
  const tokenActors = createBatcher(
    (hashes: readonly string[]) => repo.actorsByTokens(deps.db, hashes),
    AUTH_BATCHING,
  );
  const sessionActors = createBatcher(
    (lookups: readonly { idHash: string; now: Date; idleMs: number }[]) =>
      repo.actorsBySessions(deps.db, lookups),
    AUTH_BATCHING,
  );

  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(req.headers['accept-language']);
    const now = deps.clock.now();
    const url = req.routeOptions.url ?? '';
    if (url.startsWith(RESIDENT_PREFIX)) {
      const rid = req.cookies?.[RESIDENT_COOKIE];
      // The same forgery rule as below, for a request carrying any cookie of ours and for the sign-in writes.
      if (
        UNSAFE_METHODS.has(req.method) &&
        (rid !== undefined ||
          req.cookies?.[SESSION_COOKIE] !== undefined ||
          RESIDENT_SIGN_IN_URLS.has(url)) &&
        !isSameOriginRequest({
          origin: header(req.headers.origin),
          referer: header(req.headers.referer),
          own: ownOrigin(req.protocol, req.host),
          allowed: deps.config.allowedOrigins,
        })
      )
        throw new DomainError('forbidden', 'forbidden.cross_origin', {}, { reason: 'cross_origin' });
      if (!rid || rid.length > 200) return;
      const found = await repo.residentBySession(deps.db, sha256(rid), now, RESIDENT_SESSION.idleMs);
      if (!found) return;
      const { lastSeenAt, ...resident } = found;
      req.resident = resident;
      if (now.getTime() - lastSeenAt.getTime() > TOUCH_EVERY_MS)
        await repo.touchResidentSession(deps.db, resident.sessionIdHash, now);
      return;
    }
    const authz = req.headers.authorization;
    if (authz?.startsWith('Bearer ')) {
      const actor = await tokenActors.run(sha256(authz.slice(7).trim()));
      if (actor) {
        req.actor = actor;
        // An integration may call many times a second: last_used_at is written at most once a minute.
        if (!actor.lastUsedAt || now.getTime() - actor.lastUsedAt.getTime() > TOUCH_EVERY_MS)
          void repo.markTokenUsed(deps.db, actor.tokenId!, now).catch(() => {});
      }
      return;
    }
    const sid = req.cookies?.[SESSION_COOKIE];
    // Cross-site request forgery (cookie writes only from our own origin): a browser sends our cookie with a form or fetch that another
    // site makes it send, so an unsafe request that carries it must come from our own pages. Checked before the
    // session is even looked up, so a refused request touches nothing (not even last_seen_at). Bearer requests
    // returned above and never fall back to the cookie: a browser attaches no Authorization header across sites
    // on its own, and a page that sets one needs a CORS preflight this server never grants. Login is checked even
    // without a cookie: a forged sign-in into the attacker's account (login CSRF) would have staff type residents'
    // data into it. So every sign-in must name our origin; a browser always does on a POST, integrations use an
    // API token, and a script that wants a session can send the Origin itself.
    if (
      UNSAFE_METHODS.has(req.method) &&
      (sid !== undefined || req.routeOptions.url === LOGIN_URL) &&
      !isSameOriginRequest({
        origin: header(req.headers.origin),
        referer: header(req.headers.referer),
        own: ownOrigin(req.protocol, req.host),
        allowed: deps.config.allowedOrigins,
      })
    )
      throw new DomainError('forbidden', 'forbidden.cross_origin', {}, { reason: 'cross_origin' });
    if (!sid || sid.length > 200) return;
    const found = await sessionActors.run({ idHash: sha256(sid), now, idleMs: deps.config.session.idleMs });
    if (!found) return;
    req.actor = found.actor;
    if (now.getTime() - found.lastSeenAt.getTime() > TOUCH_EVERY_MS)
      await repo.touchSession(deps.db, found.actor.sessionIdHash!, now);
  });

  // preValidation: an anonymous request is refused before its body is even looked at.
  app.addHook('preValidation', async (req) => {
    const permission = req.routeOptions.config?.permission;
    if (!permission || permission === 'public') return;
    if (permission === 'resident') {
      if (!req.resident) throw new DomainError('unauthenticated');
      return;
    }
    if (!req.actor) throw new DomainError('unauthenticated');
    if (permission !== 'authenticated' && !can(req.actor, permission)) throw new DomainError('forbidden');
  });
}
