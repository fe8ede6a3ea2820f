import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ActionBodies, Case, CaseDetail, CaseListQuery, CreateCase } from '../../contracts/cases';
import { IdParams, listOf } from '../../contracts/common';
import { CASE_ACTIONS, type CaseAction } from '../../domain/case/case';
import type { AppDeps } from '../platform/deps';
import { flushEvents } from '../events/event-bus';
import { casesService } from './cases.service';
import { registerAttachmentAccess } from '../attachments/attachments.service';

export function casesRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = casesService(deps);
  const tags = ['cases'];
  // A case's photos and files are served only to those who may see the case (PRIV-5).
  registerAttachmentAccess(app, (actor, caseId) => svc.canSee(actor, caseId));
  // Intakes' live events wait a few ms to share a NOTIFY (publishEventSoon); a closing app sends them first.
  app.addHook('onClose', () => flushEvents(deps.db));

  r.post(
    '/api/cases',
    {
      config: { permission: 'cases.create', idempotent: true },
      schema: { tags, body: CreateCase, response: { 201: Case } },
    },
    async (req, reply) => reply.code(201).send(await svc.create(req.actor!, req.body)),
  );
  r.get(
    '/api/cases',
    {
      config: { permission: 'cases.read' },
      schema: { tags, querystring: CaseListQuery, response: { 200: listOf(Case) } },
    },
    (req) => svc.list(req.actor!, req.query),
  );
  r.get(
    '/api/cases/:id',
    {
      config: { permission: 'cases.read' },
      schema: { tags, params: IdParams, response: { 200: CaseDetail } },
    },
    (req) => svc.get(req.actor!, req.params.id),
  );
  // One route per action keeps each body in the OpenAPI document; they share the handler.
  for (const action of CASE_ACTIONS) {
    r.post(
      `/api/cases/:id/actions/${action}`,
      {
        config: { permission: 'cases.read' },
        schema: {
          tags,
          summary: `case action: ${action}`,
          params: IdParams,
          body: ActionBodies[action],
          response: { 200: Case },
        },
      },
      (req) => svc.act(req.actor!, req.params.id, action as CaseAction, req.body as { version: number }),
    );
  }
  r.post(
    '/api/cases/:id/reveal',
    {
      config: { permission: 'cases.read' },
      schema: {
        tags,
        params: IdParams,
        response: { 200: z.object({ name: z.string().nullable(), phone: z.string().nullable() }) },
      },
    },
    (req) => svc.revealReporter(req.actor!, req.params.id),
  );
}
