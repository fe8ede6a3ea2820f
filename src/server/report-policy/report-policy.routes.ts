/**
 * The report policy (src/contracts/report-policy.ts): whoever sees reports reads it (the amounts and thresholds
 * explain the figures); admins change it, like every policy setting.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { reportPolicyService } from './report-policy.service';

export function reportPolicyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = reportPolicyService(deps);
  const e = endpoints.settings;

  r.route({ ...routeOf(e.reportPolicy), handler: (req) => svc.get(req.actor!) });
  r.route({ ...routeOf(e.putReportPolicy), handler: (req) => svc.update(req.actor!, req.body) });
}
