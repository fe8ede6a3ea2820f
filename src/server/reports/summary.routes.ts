/**
 * The monthly complaint summary (REPORT-1, REPORT-3): the internal and public versions, the approval workflow, the
 * drill-down to the cases behind each figure, the director's overdue board, and the .xlsx and print exports.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { summaryService } from './summary.service';

export function summaryRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = summaryService(deps);
  const e = endpoints.reports.monthly;

  r.route({ ...routeOf(e.forMonth), handler: (req) => svc.monthly(req.actor!, req.query, req.locale) });
  r.route({ ...routeOf(e.status), handler: (req) => svc.status(req.actor!, req.query.officeId) });
  r.route({ ...routeOf(e.get), handler: (req) => svc.get(req.actor!, req.params.id, req.locale) });
  r.route({
    ...routeOf(e.public),
    handler: (req) => svc.publicVersion(req.actor!, req.params.id, req.locale),
  });
  r.route({ ...routeOf(e.cases), handler: (req) => svc.drill(req.actor!, req.params.id, req.query) });
  r.route({
    ...routeOf(e.putPublic),
    handler: (req) => svc.putPublicText(req.actor!, req.params.id, req.body, req.locale),
  });
  r.route({
    ...routeOf(e.highlights),
    handler: (req) => svc.decideHighlight(req.actor!, req.params.id, req.body, req.locale),
  });
  r.route({
    ...routeOf(e.approve),
    handler: (req) => svc.approve(req.actor!, req.params.id, req.body.version, req.locale),
  });
  r.route({
    ...routeOf(e.publish),
    handler: (req) => svc.publish(req.actor!, req.params.id, req.body.version, req.locale),
  });
  r.route({
    ...routeOf(e.exportXlsx),
    handler: async (req, reply) => {
      const file = await svc.exportXlsx(req.actor!, req.params.id, req.query.version, req.locale);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', file.disposition)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  });
  r.route({
    ...routeOf(e.print),
    handler: async (req, reply) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('cache-control', 'no-store')
        .send(await svc.print(req.actor!, req.params.id, req.query.version, req.locale)),
  });
}
