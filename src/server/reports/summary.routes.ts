/**
 * The monthly complaint summary (REPORT-1, REPORT-3): the internal and public versions, the approval workflow, the
 * drill-down to the cases behind each figure, the director's overdue board, and the .xlsx and print exports.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, listOf, VersionBody } from '../../contracts/common';
import {
  DecideHighlightBody,
  DrillCase,
  DrillQuery,
  MonthlyQuery,
  MonthlySummary,
  PrintQuery,
  PublicSummary,
  PutPublicTextBody,
  StatusQuery,
  SummaryStatusList,
  SummaryVersionQuery,
} from '../../contracts/reports';
import type { AppDeps } from '../platform/deps';
import { summaryService } from './summary.service';

export function summaryRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = summaryService(deps);
  const tags = ['reports'];
  const read = { permission: 'reports.read' as const };
  const approve = { permission: 'reports.approve' as const };

  r.get(
    '/api/reports/monthly',
    {
      config: read,
      schema: {
        tags,
        summary: 'The monthly complaint summary of an office (drafted on first read of a finished month)',
        querystring: MonthlyQuery,
        response: { 200: MonthlySummary },
      },
    },
    (req) => svc.monthly(req.actor!, req.query, req.locale),
  );
  r.get(
    '/api/reports/monthly/status',
    {
      config: read,
      schema: {
        tags,
        summary: 'Months whose summary is not published by the 5th of the next month (director dashboard)',
        querystring: StatusQuery,
        response: { 200: SummaryStatusList },
      },
    },
    (req) => svc.status(req.actor!, req.query.officeId),
  );
  r.get(
    '/api/reports/monthly/:id',
    { config: read, schema: { tags, params: IdParams, response: { 200: MonthlySummary } } },
    (req) => svc.get(req.actor!, req.params.id, req.locale),
  );
  r.get(
    '/api/reports/monthly/:id/public',
    { config: read, schema: { tags, params: IdParams, response: { 200: PublicSummary } } },
    (req) => svc.publicVersion(req.actor!, req.params.id, req.locale),
  );
  r.get(
    '/api/reports/monthly/:id/cases',
    {
      config: read,
      schema: { tags, params: IdParams, querystring: DrillQuery, response: { 200: listOf(DrillCase) } },
    },
    (req) => svc.drill(req.actor!, req.params.id, req.query),
  );
  r.put(
    '/api/reports/monthly/:id/public',
    {
      config: approve,
      schema: { tags, params: IdParams, body: PutPublicTextBody, response: { 200: MonthlySummary } },
    },
    (req) => svc.putPublicText(req.actor!, req.params.id, req.body, req.locale),
  );
  r.post(
    '/api/reports/monthly/:id/highlights',
    {
      config: approve,
      schema: {
        tags,
        summary: 'Redact or keep one highlighted word of the draft public wording (recorded: who, when)',
        params: IdParams,
        body: DecideHighlightBody,
        response: { 200: MonthlySummary },
      },
    },
    (req) => svc.decideHighlight(req.actor!, req.params.id, req.body, req.locale),
  );
  r.post(
    '/api/reports/monthly/:id/approve',
    {
      config: approve,
      schema: { tags, params: IdParams, body: VersionBody, response: { 200: MonthlySummary } },
    },
    (req) => svc.approve(req.actor!, req.params.id, req.body.version, req.locale),
  );
  r.post(
    '/api/reports/monthly/:id/publish',
    {
      config: approve,
      schema: { tags, params: IdParams, body: VersionBody, response: { 200: MonthlySummary } },
    },
    (req) => svc.publish(req.actor!, req.params.id, req.body.version, req.locale),
  );
  r.get(
    '/api/reports/monthly/:id/export.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: 'The summary as .xlsx (sheets 汇总, 分类统计, 明细, 重点事项; ?version=public: 公示内容)',
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        params: IdParams,
        querystring: SummaryVersionQuery,
      },
    },
    async (req, reply) => {
      const file = await svc.exportXlsx(req.actor!, req.params.id, req.query.version, req.locale);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', file.disposition)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
  r.get(
    '/api/reports/monthly/:id/print',
    {
      config: read,
      schema: {
        tags,
        summary: 'A print-ready A4 page (HTML; ?version=public by default)',
        produces: ['text/html'],
        params: IdParams,
        querystring: PrintQuery,
      },
    },
    async (req, reply) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('cache-control', 'no-store')
        .send(await svc.print(req.actor!, req.params.id, req.query.version, req.locale)),
  );
}
