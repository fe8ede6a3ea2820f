/** The dashboard for directors and managers (REPORT-7). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { dashboardService } from './dashboard.service';

export function dashboardRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = dashboardService(deps);
  r.route({
    ...routeOf(endpoints.reports.dashboard),
    handler: (req) => svc.get(req.actor!, req.query, req.locale),
  });
}
