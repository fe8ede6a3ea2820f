import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { RESIDENT_COOKIE } from '../auth/tokens';
import { residentsService } from './residents.service';

export function residentsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = residentsService(deps);
  const e = endpoints.resident;
  const secure = deps.config.env === 'production' && deps.config.trustProxy;

  r.route({
    ...routeOf(e.sendCode),
    handler: async (req, reply) => {
      await svc.sendCode(req.body, req.ip);
      return reply.code(204).send(null);
    },
  });

  r.route({
    ...routeOf(e.verify),
    handler: async (req, reply) => {
      const { sid, expiresAt, me } = await svc.verify(req.body, req.cookies[RESIDENT_COOKIE]);
      reply.setCookie(RESIDENT_COOKIE, sid, {
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
      await svc.logout(req.cookies[RESIDENT_COOKIE]);
      reply.clearCookie(RESIDENT_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  r.route({ ...routeOf(e.me), handler: (req) => svc.me(req.resident!) });
  r.route({ ...routeOf(e.places), handler: (req) => svc.places(req.resident!, req.query) });
  r.route({ ...routeOf(e.rooms), handler: (req) => svc.rooms(req.resident!, req.query.unitId) });
  r.route({
    ...routeOf(e.requestBinding),
    handler: async (req, reply) =>
      reply.code(201).send(await svc.requestBinding(req.resident!, req.body.roomId)),
  });
  r.route({
    ...routeOf(e.unbind),
    handler: async (req) => {
      await svc.unbind(req.resident!, req.params.roomId);
      return { ok: true as const };
    },
  });
  r.route({
    ...routeOf(e.deleteAccount),
    handler: async (req, reply) => {
      await svc.deleteAccount(req.resident!);
      reply.clearCookie(RESIDENT_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  const b = endpoints.residentBindings;
  r.route({ ...routeOf(b.list), handler: (req) => svc.listBindings(req.actor!, req.query) });
  r.route({ ...routeOf(b.approve), handler: (req) => svc.decide(req.actor!, req.params.id, req.body, true) });
  r.route({
    ...routeOf(b.decline),
    handler: (req) => svc.decide(req.actor!, req.params.id, req.body, false),
  });
}
