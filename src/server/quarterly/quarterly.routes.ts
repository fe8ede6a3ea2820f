/**
 * The quarterly management-service report (REPORT-5): read (drafting it on first read), the service part, the
 * finance part, the signatures, publication.
 *
 * Permissions: reading and the finance steps declare `authenticated` because finance staff hold no role of their
 * own — members of a finance department may read and fill the finance part (src/domain/reports/quarterly.ts,
 * isFinanceFor) — and because a published report is readable by the office's staff (the service-centre copy); the
 * service checks `reports.read`, finance and scope and answers 404 otherwise. The service part needs
 * `reports.read` (director, supervisor); signing and publishing `reports.approve` (director, manager).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { quarterlyService } from './quarterly.service';

export function quarterlyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = quarterlyService(deps);
  const e = endpoints.reports.quarterly;

  r.route({ ...routeOf(e.forQuarter), handler: (req) => svc.forQuarter(req.actor!, req.query) });
  r.route({ ...routeOf(e.get), handler: (req) => svc.get(req.actor!, req.params.id) });
  r.route({
    ...routeOf(e.putService),
    handler: (req) => svc.putService(req.actor!, req.params.id, req.body),
  });
  r.route({
    ...routeOf(e.submitService),
    handler: (req) => svc.submitService(req.actor!, req.params.id, req.body.version),
  });
  r.route({
    ...routeOf(e.putFinance),
    handler: (req) => svc.putFinance(req.actor!, req.params.id, req.body),
  });
  r.route({
    ...routeOf(e.submitFinance),
    handler: (req) => svc.submitFinance(req.actor!, req.params.id, req.body.version),
  });
  r.route({ ...routeOf(e.sign), handler: (req) => svc.sign(req.actor!, req.params.id, req.body) });
  r.route({
    ...routeOf(e.publish),
    handler: (req) => svc.publish(req.actor!, req.params.id, req.body.version),
  });
}
