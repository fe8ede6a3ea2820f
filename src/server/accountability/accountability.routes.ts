import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { accountabilityService } from './accountability.service';
import { firstAskRegister } from './first-ask-register';

export function accountabilityRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = accountabilityService(deps);
  const e = endpoints.accountability;

  r.route({ ...routeOf(e.performance), handler: (req) => svc.performance(req.actor!, req.query) });
  r.route({ ...routeOf(e.violations), handler: (req) => svc.listViolations(req.actor!, req.query) });
  r.route({ ...routeOf(e.confirm), handler: (req) => svc.confirm(req.actor!, req.params.id, req.body) });
  r.route({ ...routeOf(e.waive), handler: (req) => svc.waive(req.actor!, req.params.id, req.body) });
  const register = firstAskRegister(deps);
  r.route({ ...routeOf(e.firstAskRegister), handler: (req) => register.read(req.actor!, req.query) });
  r.route({
    ...routeOf(e.firstAskRegisterXlsx),
    handler: async (req, reply) => {
      const file = await register.xlsx(req.actor!, req.query, req.locale);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', file.disposition)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  });
}
