/**
 * Case categories (CLASS-3): every signed-in user reads the tree (intake needs it); admins change it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { categoriesService } from './categories.service';

export function categoriesRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = categoriesService(deps);
  const e = endpoints.settings;

  r.route({ ...routeOf(e.categories), handler: (req) => svc.tree(req.actor!, req.locale, req.query) });
  r.route({
    ...routeOf(e.createCategory),
    handler: async (req, reply) => reply.code(201).send(await svc.create(req.actor!, req.locale, req.body)),
  });
  r.route({
    ...routeOf(e.updateCategory),
    handler: (req) => svc.update(req.actor!, req.locale, req.params.id, req.body),
  });
  r.route({ ...routeOf(e.deleteCategory), handler: (req) => svc.remove(req.actor!, req.params.id) });
}
