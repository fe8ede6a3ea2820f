import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, listOf } from '../../contracts/common';
import {
  CloseProblemBody,
  DetectResult,
  Problem,
  ProblemDetail,
  ProblemListQuery,
  ProblemMatches,
  ProblemMatchQuery,
  UpdateProblemBody,
} from '../../contracts/problems';
import type { AppDeps } from '../platform/deps';
import { problemsService } from './problems.service';

export function problemsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = problemsService(deps);
  const tags = ['problems'];

  r.get(
    '/api/problems',
    {
      config: { permission: 'problems.read' },
      schema: { tags, querystring: ProblemListQuery, response: { 200: listOf(Problem) } },
    },
    (req) => svc.list(req.actor!, req.query),
  );
  // The intake screen asks while a case is being recorded: whoever may record a case may ask.
  r.get(
    '/api/problems/match',
    {
      config: { permission: 'cases.create' },
      schema: { tags, querystring: ProblemMatchQuery, response: { 200: ProblemMatches } },
    },
    (req) => svc.match(req.actor!, req.query),
  );
  r.post(
    '/api/problems/detect',
    { config: { permission: 'problems.detect' }, schema: { tags, response: { 200: DetectResult } } },
    (req) => svc.detect(req.actor!),
  );
  r.get(
    '/api/problems/:id',
    {
      config: { permission: 'problems.read' },
      schema: { tags, params: IdParams, response: { 200: ProblemDetail } },
    },
    (req) => svc.get(req.actor!, req.params.id),
  );
  r.patch(
    '/api/problems/:id',
    {
      config: { permission: 'problems.manage' },
      schema: { tags, params: IdParams, body: UpdateProblemBody, response: { 200: Problem } },
    },
    (req) => svc.update(req.actor!, req.params.id, req.body),
  );
  r.post(
    '/api/problems/:id/close',
    {
      config: { permission: 'problems.manage' },
      schema: { tags, params: IdParams, body: CloseProblemBody, response: { 200: Problem } },
    },
    (req) => svc.close(req.actor!, req.params.id, req.body),
  );
}
