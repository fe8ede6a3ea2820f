import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeadlineListQuery, OverdueDeadlineList } from '../../contracts/deadlines';
import { DomainError } from '../../domain/errors';
import type { AppDeps } from '../platform/deps';
import { deadlinesService } from './deadlines.service';
import { sweep } from './sweeper';

export function deadlinesRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = deadlinesService(deps);
  r.get(
    '/api/deadlines',
    {
      // every signed-in user; each kind of deadline applies its own read rule (deadlines.service.ts)
      config: { permission: 'authenticated' },
      schema: {
        tags: ['deadlines'],
        summary:
          'The one overdue view: every deadline past due that the caller may see — case clocks, monthly summaries, quarterly report steps',
        querystring: DeadlineListQuery,
        response: { 200: OverdueDeadlineList },
      },
    },
    (req) => svc.overdue(req.actor!, req.query),
  );
  // The sweep on demand (ops), the same one the schedule runs: it lives with the sweep, not with the case desk.
  r.post(
    '/api/admin/sweep',
    {
      config: { permission: 'ops.sweep' },
      schema: {
        tags: ['ops'],
        response: { 200: z.object({ warned: z.number(), breached: z.number(), escalated: z.number() }) },
      },
    },
    async (req) => {
      if (!req.actor) throw new DomainError('unauthenticated');
      return sweep(deps.db, deps.clock, { companyId: req.actor.companyId });
    },
  );
}
