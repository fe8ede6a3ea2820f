/**
 * The property register (REGISTER-1): communities, buildings, building units, rooms and residents. Reads need
 * `property.read`, writes `property.manage`; both are limited to the actor's offices by the service.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, listOf, Ok } from '../../contracts/common';
import {
  Building,
  BuildingListQuery,
  BuildingUnit,
  BuildingUnitListQuery,
  Community,
  CommunityListQuery,
  CreateBuildingBody,
  CreateBuildingUnitBody,
  CreateCommunityBody,
  CreateResidentBody,
  CreateRoomBody,
  Resident,
  ResidentListQuery,
  Room,
  RoomDetail,
  RoomListQuery,
  UpdateBuildingBody,
  UpdateBuildingUnitBody,
  UpdateCommunityBody,
  UpdateResidentBody,
  UpdateRoomBody,
} from '../../contracts/property';
import type { AppDeps } from '../platform/deps';
import { lookupRoutes } from './lookup.routes';
import { propertyService } from './property.service';

export function propertyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = propertyService(deps);
  const tags = ['property'];
  const read = { permission: 'property.read' } as const;
  const manage = { permission: 'property.manage' } as const;
  const ok = { ok: true as const };

  // communities (小区)
  r.get(
    '/api/communities',
    { config: read, schema: { tags, querystring: CommunityListQuery, response: { 200: listOf(Community) } } },
    (req) => svc.listCommunities(req.actor!, req.query),
  );
  r.post(
    '/api/communities',
    { config: manage, schema: { tags, body: CreateCommunityBody, response: { 201: Community } } },
    async (req, reply) => reply.code(201).send(await svc.createCommunity(req.actor!, req.body)),
  );
  r.get(
    '/api/communities/:id',
    { config: read, schema: { tags, params: IdParams, response: { 200: Community } } },
    (req) => svc.getCommunity(req.actor!, req.params.id),
  );
  r.patch(
    '/api/communities/:id',
    {
      config: manage,
      schema: { tags, params: IdParams, body: UpdateCommunityBody, response: { 200: Community } },
    },
    (req) => svc.updateCommunity(req.actor!, req.params.id, req.body),
  );
  r.delete(
    '/api/communities/:id',
    { config: manage, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => (await svc.deleteCommunity(req.actor!, req.params.id), ok),
  );

  // buildings (楼栋)
  r.get(
    '/api/buildings',
    { config: read, schema: { tags, querystring: BuildingListQuery, response: { 200: listOf(Building) } } },
    (req) => svc.listBuildings(req.actor!, req.query),
  );
  r.post(
    '/api/buildings',
    { config: manage, schema: { tags, body: CreateBuildingBody, response: { 201: Building } } },
    async (req, reply) => reply.code(201).send(await svc.createBuilding(req.actor!, req.body)),
  );
  r.get(
    '/api/buildings/:id',
    { config: read, schema: { tags, params: IdParams, response: { 200: Building } } },
    (req) => svc.getBuilding(req.actor!, req.params.id),
  );
  r.patch(
    '/api/buildings/:id',
    {
      config: manage,
      schema: { tags, params: IdParams, body: UpdateBuildingBody, response: { 200: Building } },
    },
    (req) => svc.updateBuilding(req.actor!, req.params.id, req.body),
  );
  r.delete(
    '/api/buildings/:id',
    { config: manage, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => (await svc.deleteBuilding(req.actor!, req.params.id), ok),
  );

  // building units (单元)
  r.get(
    '/api/building-units',
    {
      config: read,
      schema: { tags, querystring: BuildingUnitListQuery, response: { 200: listOf(BuildingUnit) } },
    },
    (req) => svc.listUnits(req.actor!, req.query),
  );
  r.post(
    '/api/building-units',
    { config: manage, schema: { tags, body: CreateBuildingUnitBody, response: { 201: BuildingUnit } } },
    async (req, reply) => reply.code(201).send(await svc.createUnit(req.actor!, req.body)),
  );
  r.get(
    '/api/building-units/:id',
    { config: read, schema: { tags, params: IdParams, response: { 200: BuildingUnit } } },
    (req) => svc.getUnit(req.actor!, req.params.id),
  );
  r.patch(
    '/api/building-units/:id',
    {
      config: manage,
      schema: { tags, params: IdParams, body: UpdateBuildingUnitBody, response: { 200: BuildingUnit } },
    },
    (req) => svc.updateUnit(req.actor!, req.params.id, req.body),
  );
  r.delete(
    '/api/building-units/:id',
    { config: manage, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => (await svc.deleteUnit(req.actor!, req.params.id), ok),
  );

  // rooms (房号)
  r.get(
    '/api/rooms',
    { config: read, schema: { tags, querystring: RoomListQuery, response: { 200: listOf(Room) } } },
    (req) => svc.listRooms(req.actor!, req.query),
  );
  r.post(
    '/api/rooms',
    { config: manage, schema: { tags, body: CreateRoomBody, response: { 201: Room } } },
    async (req, reply) => reply.code(201).send(await svc.createRoom(req.actor!, req.body)),
  );
  r.get(
    '/api/rooms/:id',
    { config: read, schema: { tags, params: IdParams, response: { 200: RoomDetail } } },
    (req) => svc.getRoom(req.actor!, req.params.id),
  );
  r.patch(
    '/api/rooms/:id',
    { config: manage, schema: { tags, params: IdParams, body: UpdateRoomBody, response: { 200: Room } } },
    (req) => svc.updateRoom(req.actor!, req.params.id, req.body),
  );
  r.delete(
    '/api/rooms/:id',
    { config: manage, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => (await svc.deleteRoom(req.actor!, req.params.id), ok),
  );

  // residents (业主 / 住户)
  r.get(
    '/api/residents',
    { config: read, schema: { tags, querystring: ResidentListQuery, response: { 200: listOf(Resident) } } },
    (req) => svc.listResidents(req.actor!, req.query),
  );
  r.post(
    '/api/residents',
    { config: manage, schema: { tags, body: CreateResidentBody, response: { 201: Resident } } },
    async (req, reply) => reply.code(201).send(await svc.createResident(req.actor!, req.body)),
  );
  r.get(
    '/api/residents/:id',
    { config: read, schema: { tags, params: IdParams, response: { 200: Resident } } },
    (req) => svc.getResident(req.actor!, req.params.id),
  );
  r.patch(
    '/api/residents/:id',
    {
      config: manage,
      schema: { tags, params: IdParams, body: UpdateResidentBody, response: { 200: Resident } },
    },
    (req) => svc.updateResident(req.actor!, req.params.id, req.body),
  );
  r.delete(
    '/api/residents/:id',
    { config: manage, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => (await svc.deleteResident(req.actor!, req.params.id), ok),
  );

  // app.ts registers propertyRoutes only; the caller lookup reads the same register.
  lookupRoutes(app, deps);
}
