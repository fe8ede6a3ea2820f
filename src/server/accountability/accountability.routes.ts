import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ConfirmViolationBody,
  Performance,
  PerformanceQuery,
  Violation,
  ViolationListQuery,
  WaiveViolationBody,
} from '../../contracts/accountability';
import { IdParams, listOf } from '../../contracts/common';
import type { AppDeps } from '../platform/deps';
import { accountabilityService } from './accountability.service';

export function accountabilityRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = accountabilityService(deps);
  const tags = ['accountability'];

  r.get(
    '/api/accountability/performance',
    {
      config: { permission: 'accountability.read' },
      schema: { tags, querystring: PerformanceQuery, response: { 200: Performance } },
    },
    (req) => svc.performance(req.actor!, req.query),
  );
  r.get(
    '/api/accountability/violations',
    {
      config: { permission: 'accountability.read' },
      schema: { tags, querystring: ViolationListQuery, response: { 200: listOf(Violation) } },
    },
    (req) => svc.listViolations(req.actor!, req.query),
  );
  r.post(
    '/api/accountability/violations/:id/confirm',
    {
      config: { permission: 'accountability.decide' },
      schema: { tags, params: IdParams, body: ConfirmViolationBody, response: { 200: Violation } },
    },
    (req) => svc.confirm(req.actor!, req.params.id, req.body),
  );
  r.post(
    '/api/accountability/violations/:id/waive',
    {
      config: { permission: 'accountability.decide' },
      schema: { tags, params: IdParams, body: WaiveViolationBody, response: { 200: Violation } },
    },
    (req) => svc.waive(req.actor!, req.params.id, req.body),
  );
}
