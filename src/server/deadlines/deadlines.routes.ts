import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DeadlineListQuery, OverdueDeadlineList } from '../../contracts/deadlines';
import type { AppDeps } from '../platform/deps';
import { deadlinesService } from './deadlines.service';

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
}
