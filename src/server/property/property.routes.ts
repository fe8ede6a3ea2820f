/**
 * The property register (REGISTER-1): communities, buildings, building units, rooms and residents. Reads need
 * `property.read`, writes `property.manage`; both are limited to the actor's offices by the service.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { lookupRoutes } from './lookup.routes';
import { propertyService } from './property.service';

export function propertyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = propertyService(deps);
  const e = endpoints.property;
  const ok = { ok: true as const };

  // communities (小区)
  r.route({ ...routeOf(e.listCommunities), handler: (req) => svc.listCommunities(req.actor!, req.query) });
  r.route({
    ...routeOf(e.createCommunity),
    handler: async (req, reply) => reply.code(201).send(await svc.createCommunity(req.actor!, req.body)),
  });
  r.route({ ...routeOf(e.getCommunity), handler: (req) => svc.getCommunity(req.actor!, req.params.id) });
  r.route({
    ...routeOf(e.updateCommunity),
    handler: (req) => svc.updateCommunity(req.actor!, req.params.id, req.body),
  });
  r.route({
    ...routeOf(e.deleteCommunity),
    handler: async (req) => (await svc.deleteCommunity(req.actor!, req.params.id), ok),
  });

  // buildings (楼栋)
  r.route({ ...routeOf(e.listBuildings), handler: (req) => svc.listBuildings(req.actor!, req.query) });
  r.route({
    ...routeOf(e.createBuilding),
    handler: async (req, reply) => reply.code(201).send(await svc.createBuilding(req.actor!, req.body)),
  });
  r.route({ ...routeOf(e.getBuilding), handler: (req) => svc.getBuilding(req.actor!, req.params.id) });
  r.route({
    ...routeOf(e.updateBuilding),
    handler: (req) => svc.updateBuilding(req.actor!, req.params.id, req.body),
  });
  r.route({
    ...routeOf(e.deleteBuilding),
    handler: async (req) => (await svc.deleteBuilding(req.actor!, req.params.id), ok),
  });

  // building units (单元)
  r.route({ ...routeOf(e.listUnits), handler: (req) => svc.listUnits(req.actor!, req.query) });
  r.route({
    ...routeOf(e.createUnit),
    handler: async (req, reply) => reply.code(201).send(await svc.createUnit(req.actor!, req.body)),
  });
  r.route({ ...routeOf(e.getUnit), handler: (req) => svc.getUnit(req.actor!, req.params.id) });
  r.route({
    ...routeOf(e.updateUnit),
    handler: (req) => svc.updateUnit(req.actor!, req.params.id, req.body),
  });
  r.route({
    ...routeOf(e.deleteUnit),
    handler: async (req) => (await svc.deleteUnit(req.actor!, req.params.id), ok),
  });

  // rooms (房号)
  r.route({ ...routeOf(e.listRooms), handler: (req) => svc.listRooms(req.actor!, req.query) });
  r.route({
    ...routeOf(e.createRoom),
    handler: async (req, reply) => reply.code(201).send(await svc.createRoom(req.actor!, req.body)),
  });
  r.route({ ...routeOf(e.getRoom), handler: (req) => svc.getRoom(req.actor!, req.params.id) });
  r.route({
    ...routeOf(e.updateRoom),
    handler: (req) => svc.updateRoom(req.actor!, req.params.id, req.body),
  });
  r.route({
    ...routeOf(e.deleteRoom),
    handler: async (req) => (await svc.deleteRoom(req.actor!, req.params.id), ok),
  });

  // residents (业主 / 住户)
  r.route({ ...routeOf(e.listResidents), handler: (req) => svc.listResidents(req.actor!, req.query) });
  r.route({
    ...routeOf(e.createResident),
    handler: async (req, reply) => reply.code(201).send(await svc.createResident(req.actor!, req.body)),
  });
  r.route({ ...routeOf(e.getResident), handler: (req) => svc.getResident(req.actor!, req.params.id) });
  r.route({
    ...routeOf(e.updateResident),
    handler: (req) => svc.updateResident(req.actor!, req.params.id, req.body),
  });
  r.route({
    ...routeOf(e.deleteResident),
    handler: async (req) => (await svc.deleteResident(req.actor!, req.params.id), ok),
  });

  // app.ts registers propertyRoutes only; the caller lookup reads the same register.
  lookupRoutes(app, deps);
}
