/**
 * The report policy (src/contracts/report-policy.ts): whoever sees reports reads it (the amounts and thresholds
 * explain the figures); admins change it, like every policy setting.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ReportPolicy, UpdateReportPolicyBody } from '../../contracts/report-policy';
import type { AppDeps } from '../platform/deps';
import { reportPolicyService } from './report-policy.service';

export function reportPolicyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = reportPolicyService(deps);
  const tags = ['settings'];

  r.get(
    '/api/report-policy',
    { config: { permission: 'reports.read' }, schema: { tags, response: { 200: ReportPolicy } } },
    (req) => svc.get(req.actor!),
  );
  r.put(
    '/api/report-policy',
    {
      config: { permission: 'settings.manage' },
      schema: { tags, body: UpdateReportPolicyBody, response: { 200: ReportPolicy } },
    },
    (req) => svc.update(req.actor!, req.body),
  );
}
