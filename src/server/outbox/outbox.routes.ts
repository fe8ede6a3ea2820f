/** The delivery record (`outbox`), the message settings (`messageSettings`) and, with the fake clock, the dev store. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import { routeOf } from '../http/endpoint';
import type { AppDeps } from '../platform/deps';
import { outboxService } from './outbox.service';

export function outboxRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = outboxService(deps);
  const o = endpoints.outbox;
  const m = endpoints.messageSettings;

  r.route({ ...routeOf(o.list), handler: (req) => svc.list(req.actor!, req.query) });
  r.route({ ...routeOf(o.get), handler: (req) => svc.get(req.actor!, req.params.id) });
  r.route({ ...routeOf(o.retry), handler: (req) => svc.retry(req.actor!, req.params.id) });
  r.route({ ...routeOf(m.get), handler: (req) => svc.getSettings(req.actor!) });
  r.route({ ...routeOf(m.put), handler: (req) => svc.putSettings(req.actor!, req.body) });
  r.route({
    ...routeOf(m.putCredentials),
    handler: (req) => svc.putCredentials(req.actor!, req.params.channel, req.body),
  });
  r.route({
    ...routeOf(m.deleteCredentials),
    handler: (req) => svc.deleteCredentials(req.actor!, req.params.channel),
  });
  r.route({
    ...routeOf(m.test),
    handler: async (req, reply) => reply.code(201).send(await svc.test(req.actor!, req.body)),
  });
  // Only with HUIYIN_FAKE_CLOCK=1 (which production refuses, config.ts), as POST /api/test/clock (MSG-9, OPS-6).
  if (deps.config.fakeClock)
    r.route({
      ...routeOf(endpoints.ops.testOutbox),
      handler: (req) => svc.devMessages(req.actor!, req.query),
    });
}
