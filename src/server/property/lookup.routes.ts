import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { lookupService } from './lookup.service';

/** GET /api/lookup/caller?phone=… (REGISTER-5); registered by propertyRoutes. */
export function lookupRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = lookupService(deps);
  r.route({
    ...routeOf(endpoints.property.lookupCaller),
    handler: (req) =>
      svc.caller(req.actor!, req.query.phone, {
        categoryId: req.query.categoryId,
        roomId: req.query.roomId,
      }),
  });
}
