/** Policy settings (the rules marked "policy" in docs/rules.md): everyone reads them (the UI shows time limits); admins change them. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { policiesService } from './policies.service';

export function policiesRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = policiesService(deps);
  const e = endpoints.settings;

  r.route({ ...routeOf(e.policy), handler: (req) => svc.get(req.actor!) });
  r.route({ ...routeOf(e.putPolicy), handler: (req) => svc.update(req.actor!, req.body) });
}
