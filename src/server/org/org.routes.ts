/**
 * The organisation register API (ORG-1): /api/company, /api/offices, /api/departments, /api/partner-units.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { orgService } from './org.service';

export function orgRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = orgService(deps);
  const e = endpoints.org;

  // company
  r.route({ ...routeOf(e.getCompany), handler: (req) => svc.getCompany(req.actor!) });
  r.route({ ...routeOf(e.updateCompany), handler: (req) => svc.updateCompany(req.actor!, req.body) });

  // offices (管理处)
  r.route({ ...routeOf(e.listOffices), handler: (req) => svc.listOffices(req.actor!, req.query) });
  r.route({
    ...routeOf(e.createOffice),
    handler: async (req, reply) => reply.code(201).send(await svc.createOffice(req.actor!, req.body)),
  });
  r.route({ ...routeOf(e.getOffice), handler: (req) => svc.getOffice(req.actor!, req.params.id) });
  r.route({
    ...routeOf(e.updateOffice),
    handler: (req) => svc.updateOffice(req.actor!, req.params.id, req.body),
  });
  r.route({ ...routeOf(e.deleteOffice), handler: (req) => svc.deleteOffice(req.actor!, req.params.id) });

  // departments (部门 / 班组)
  r.route({ ...routeOf(e.listDepartments), handler: (req) => svc.listDepartments(req.actor!, req.query) });
  r.route({
    ...routeOf(e.createDepartment),
    handler: async (req, reply) => reply.code(201).send(await svc.createDepartment(req.actor!, req.body)),
  });
  r.route({ ...routeOf(e.getDepartment), handler: (req) => svc.getDepartment(req.actor!, req.params.id) });
  r.route({
    ...routeOf(e.updateDepartment),
    handler: (req) => svc.updateDepartment(req.actor!, req.params.id, req.body),
  });
  r.route({
    ...routeOf(e.deleteDepartment),
    handler: (req) => svc.deleteDepartment(req.actor!, req.params.id),
  });

  // partner units (兄弟单位 / 外单位)
  r.route({
    ...routeOf(e.listPartnerUnits),
    handler: (req) => svc.listPartnerUnits(req.actor!, req.query),
  });
  r.route({
    ...routeOf(e.createPartnerUnit),
    handler: async (req, reply) => reply.code(201).send(await svc.createPartnerUnit(req.actor!, req.body)),
  });
  r.route({
    ...routeOf(e.getPartnerUnit),
    handler: (req) => svc.getPartnerUnit(req.actor!, req.params.id),
  });
  r.route({
    ...routeOf(e.updatePartnerUnit),
    handler: (req) => svc.updatePartnerUnit(req.actor!, req.params.id, req.body),
  });
  r.route({
    ...routeOf(e.deletePartnerUnit),
    handler: (req) => svc.deletePartnerUnit(req.actor!, req.params.id),
  });
}
