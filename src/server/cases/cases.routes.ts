import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import { CASE_ACTIONS, type CaseAction } from '../../domain/case/case';
import type { AppDeps } from '../platform/deps';
import { flushEvents } from '../events/event-bus';
import { routeOf } from '../http/endpoint';
import { casesService } from './cases.service';
import { registerAttachmentAccess } from '../attachments/attachments.service';

export function casesRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = casesService(deps);
  const e = endpoints.cases;
  // A case's photos and files are served only to those who may see the case (PRIV-5).
  registerAttachmentAccess(app, (actor, caseId) => svc.canSee(actor, caseId));
  // Intakes' live events wait a few ms to share a NOTIFY (publishEventSoon); a closing app sends them first.
  app.addHook('onClose', () => flushEvents(deps.db));

  r.route({
    ...routeOf(e.create),
    handler: async (req, reply) => reply.code(201).send(await svc.create(req.actor!, req.body)),
  });
  r.route({ ...routeOf(e.list), handler: (req) => svc.list(req.actor!, req.query) });
  r.route({ ...routeOf(e.get), handler: (req) => svc.get(req.actor!, req.params.id) });
  // One route per action keeps each body in the OpenAPI document; they share the handler.
  for (const action of CASE_ACTIONS)
    r.route({
      ...routeOf(e.actions[action]),
      handler: (req) =>
        svc.act(req.actor!, req.params.id, action as CaseAction, req.body as { version: number }),
    });
  r.route({ ...routeOf(e.reveal), handler: (req) => svc.revealReporter(req.actor!, req.params.id) });
}
