/** The dashboard for directors and managers (REPORT-7). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Dashboard, DashboardQuery } from '../../contracts/dashboard';
import type { AppDeps } from '../platform/deps';
import { dashboardService } from './dashboard.service';

export function dashboardRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = dashboardService(deps);
  r.get(
    '/api/dashboard',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags: ['reports'],
        summary:
          "Today's open, overdue and due-soon cases, the monthly trend, the month's complaint Pareto and rates vs targets",
        querystring: DashboardQuery,
        response: { 200: Dashboard },
      },
    },
    (req) => svc.get(req.actor!, req.query, req.locale),
  );
}
