import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { problemsService } from './problems.service';

export function problemsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = problemsService(deps);
  const e = endpoints.problems;

  r.route({ ...routeOf(e.list), handler: (req) => svc.list(req.actor!, req.query) });
  r.route({ ...routeOf(e.match), handler: (req) => svc.match(req.actor!, req.query) });
  r.route({ ...routeOf(e.detect), handler: (req) => svc.detect(req.actor!) });
  r.route({ ...routeOf(e.get), handler: (req) => svc.get(req.actor!, req.params.id) });
  r.route({ ...routeOf(e.update), handler: (req) => svc.update(req.actor!, req.params.id, req.body) });
  r.route({ ...routeOf(e.close), handler: (req) => svc.close(req.actor!, req.params.id, req.body) });
}
