import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { authService } from './auth.service';
import { SESSION_COOKIE } from './tokens';

export function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = authService(deps);
  const e = endpoints.auth;
  const secure = deps.config.env === 'production' && deps.config.trustProxy;

  r.route({
    ...routeOf(e.login),
    handler: async (req, reply) => {
      const { sid, expiresAt, me } = await auth.login(
        req.body.username,
        req.body.password,
        req.ip,
        req.cookies[SESSION_COOKIE],
      );
      reply.setCookie(SESSION_COOKIE, sid, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure,
        expires: expiresAt,
      });
      return me;
    },
  });

  r.route({
    ...routeOf(e.logout),
    handler: async (req, reply) => {
      await auth.logout(req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  r.route({ ...routeOf(e.me), handler: async (req) => auth.me(req.actor!) });

  r.route({
    ...routeOf(e.changePassword),
    handler: async (req) => {
      await auth.changePassword(req.actor!, req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  });
}
