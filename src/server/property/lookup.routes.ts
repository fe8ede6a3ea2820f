import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CallerLookup, CallerLookupQuery } from '../../contracts/property';
import type { AppDeps } from '../platform/deps';
import { lookupService } from './lookup.service';

/** GET /api/lookup/caller?phone=… (REGISTER-5); registered by propertyRoutes. */
export function lookupRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = lookupService(deps);
  r.get(
    '/api/lookup/caller',
    {
      config: { permission: 'property.read' },
      schema: { tags: ['lookup'], querystring: CallerLookupQuery, response: { 200: CallerLookup } },
    },
    (req) =>
      svc.caller(req.actor!, req.query.phone, {
        categoryId: req.query.categoryId,
        roomId: req.query.roomId,
      }),
  );
}
