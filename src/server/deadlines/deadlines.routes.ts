import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { DomainError } from '../../domain/errors';
import { deadlinesService } from './deadlines.service';
import { sweep } from './sweeper';

export function deadlinesRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = deadlinesService(deps);
  // every signed-in user; each kind of deadline applies its own read rule (deadlines.service.ts)
  r.route({ ...routeOf(endpoints.deadlines.overdue), handler: (req) => svc.overdue(req.actor!, req.query) });
  // The sweep on demand (ops), the same one the schedule runs: it lives with the sweep, not with the case desk.
  r.route({
    ...routeOf(endpoints.ops.sweep),
    handler: async (req) => {
      if (!req.actor) throw new DomainError('unauthenticated');
      return sweep(deps.db, deps.clock, { companyId: req.actor.companyId });
    },
  });
}
