/**
 * The fee standard API (有偿服务收费标准, REPAIR-3): /api/fee-items. Every staff member reads it; admins
 * (settings.manage) change it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, listOf, Ok } from '../../contracts/common';
import { CreateFeeItemBody, FeeItem, FeeItemListQuery, UpdateFeeItemBody } from '../../contracts/fee-items';
import type { AppDeps } from '../platform/deps';
import { feeItemsService } from './fee-items.service';

export function feeItemsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = feeItemsService(deps);
  const tags = ['settings'];
  const read = { permission: 'cases.read' } as const;
  const manage = { permission: 'settings.manage' } as const;

  r.get(
    '/api/fee-items',
    { config: read, schema: { tags, querystring: FeeItemListQuery, response: { 200: listOf(FeeItem) } } },
    (req) => svc.list(req.actor!, req.query),
  );
  r.post(
    '/api/fee-items',
    {
      config: { ...manage, idempotent: true },
      schema: { tags, body: CreateFeeItemBody, response: { 201: FeeItem } },
    },
    async (req, reply) => reply.code(201).send(await svc.create(req.actor!, req.body)),
  );
  r.get(
    '/api/fee-items/:id',
    { config: read, schema: { tags, params: IdParams, response: { 200: FeeItem } } },
    (req) => svc.get(req.actor!, req.params.id),
  );
  r.patch(
    '/api/fee-items/:id',
    {
      config: manage,
      schema: { tags, params: IdParams, body: UpdateFeeItemBody, response: { 200: FeeItem } },
    },
    (req) => svc.update(req.actor!, req.params.id, req.body),
  );
  r.delete(
    '/api/fee-items/:id',
    { config: manage, schema: { tags, params: IdParams, response: { 200: Ok } } },
    (req) => svc.remove(req.actor!, req.params.id),
  );
}
