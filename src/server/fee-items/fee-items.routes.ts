/**
 * The fee standard API (有偿服务收费标准, REPAIR-3): /api/fee-items. Every staff member reads it; admins
 * (settings.manage) change it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { feeItemsService } from './fee-items.service';

export function feeItemsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = feeItemsService(deps);
  const e = endpoints.settings;

  r.route({ ...routeOf(e.listFeeItems), handler: (req) => svc.list(req.actor!, req.query) });
  r.route({
    ...routeOf(e.createFeeItem),
    handler: async (req, reply) => reply.code(201).send(await svc.create(req.actor!, req.body)),
  });
  r.route({ ...routeOf(e.getFeeItem), handler: (req) => svc.get(req.actor!, req.params.id) });
  r.route({ ...routeOf(e.updateFeeItem), handler: (req) => svc.update(req.actor!, req.params.id, req.body) });
  r.route({ ...routeOf(e.deleteFeeItem), handler: (req) => svc.remove(req.actor!, req.params.id) });
}
