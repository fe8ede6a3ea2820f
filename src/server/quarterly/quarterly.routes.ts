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
import { IdParams } from '../../contracts/common';
import {
  PutFinanceBody,
  PutServiceBody,
  QuarterlyQuery,
  QuarterlyReport,
  QuarterlyVersionBody,
  SignBody,
} from '../../contracts/quarterly';
import type { AppDeps } from '../platform/deps';
import { quarterlyService } from './quarterly.service';

export function quarterlyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = quarterlyService(deps);
  const tags = ['reports'];
  const anyone = { permission: 'authenticated' as const };
  const office = { permission: 'reports.read' as const };
  const approve = { permission: 'reports.approve' as const };
  const response = { 200: QuarterlyReport };

  r.get(
    '/api/reports/quarterly',
    {
      config: anyone,
      schema: {
        tags,
        summary:
          'The quarterly management-service report of an office (default: the one in preparation; drafted on first read from the 1st of the next quarter)',
        querystring: QuarterlyQuery,
        response,
      },
    },
    (req) => svc.forQuarter(req.actor!, req.query),
  );
  r.get(
    '/api/reports/quarterly/:id',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'One report; published reports are readable by the office staff',
        params: IdParams,
        response,
      },
    },
    (req) => svc.get(req.actor!, req.params.id),
  );
  r.put(
    '/api/reports/quarterly/:id/service',
    {
      config: office,
      schema: {
        tags,
        summary: 'Edit the service part (the office director or supervisor)',
        params: IdParams,
        body: PutServiceBody,
        response,
      },
    },
    (req) => svc.putService(req.actor!, req.params.id, req.body),
  );
  r.post(
    '/api/reports/quarterly/:id/submit-service',
    {
      config: office,
      schema: {
        tags,
        summary: 'Submit the service part to the company (due by the 10th)',
        params: IdParams,
        body: QuarterlyVersionBody,
        response,
      },
    },
    (req) => svc.submitService(req.actor!, req.params.id, req.body.version),
  );
  r.put(
    '/api/reports/quarterly/:id/finance',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'Enter the finance figures (finance)',
        params: IdParams,
        body: PutFinanceBody,
        response,
      },
    },
    (req) => svc.putFinance(req.actor!, req.params.id, req.body),
  );
  r.post(
    '/api/reports/quarterly/:id/submit-finance',
    {
      config: anyone,
      schema: {
        tags,
        summary: 'Submit the finance part (due by the 15th)',
        params: IdParams,
        body: QuarterlyVersionBody,
        response,
      },
    },
    (req) => svc.submitFinance(req.actor!, req.params.id, req.body.version),
  );
  r.post(
    '/api/reports/quarterly/:id/sign',
    {
      config: approve,
      schema: {
        tags,
        summary: "Record the owners' committee chair's signature and the director's sign-off",
        params: IdParams,
        body: SignBody,
        response,
      },
    },
    (req) => svc.sign(req.actor!, req.params.id, req.body),
  );
  r.post(
    '/api/reports/quarterly/:id/publish',
    {
      config: approve,
      schema: {
        tags,
        summary: 'Publish the signed report (due by the 20th)',
        params: IdParams,
        body: QuarterlyVersionBody,
        response,
      },
    },
    (req) => svc.publish(req.actor!, req.params.id, req.body.version),
  );
}
