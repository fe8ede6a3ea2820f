import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { usersService } from './users.service';

export function usersRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = usersService(deps);
  const e = endpoints.users;
  const tokens = endpoints.auth;

  r.route({ ...routeOf(e.list), handler: (req) => svc.list(req.actor!, req.query) });
  r.route({ ...routeOf(e.get), handler: (req) => svc.get(req.actor!, req.params.id) });
  r.route({
    ...routeOf(e.create),
    handler: async (req, reply) => reply.code(201).send(await svc.create(req.actor!, req.body)),
  });
  r.route({ ...routeOf(e.update), handler: (req) => svc.update(req.actor!, req.params.id, req.body) });
  r.route({ ...routeOf(e.unlock), handler: (req) => svc.unlock(req.actor!, req.params.id) });

  r.route({
    ...routeOf(tokens.listTokens),
    handler: async (req) => ({ items: await svc.listTokens(req.actor!) }),
  });
  r.route({
    ...routeOf(tokens.createToken),
    handler: async (req, reply) => reply.code(201).send(await svc.createToken(req.actor!, req.body)),
  });
  r.route({
    ...routeOf(tokens.revokeToken),
    handler: async (req) => {
      await svc.revokeToken(req.actor!, req.params.id);
      return { ok: true as const };
    },
  });
}
