/**
 * The organisation register API (ORG-1): /api/company, /api/offices, /api/departments, /api/partner-units.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, listOf, Ok } from '../../contracts/common';
import {
  Company,
  CreateDepartmentBody,
  CreateOfficeBody,
  CreatePartnerUnitBody,
  Department,
  DepartmentListQuery,
  Office,
  OfficeListQuery,
  PartnerUnit,
  PartnerUnitListQuery,
  UpdateCompanyBody,
  UpdateDepartmentBody,
  UpdateOfficeBody,
  UpdatePartnerUnitBody,
} from '../../contracts/org';
import type { AppDeps } from '../platform/deps';
import { orgService } from './org.service';

export function orgRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = orgService(deps);
  const tags = ['org'];

  // company
  r.get(
    '/api/company',
    { config: { permission: 'company.read' }, schema: { tags, response: { 200: Company } } },
    (req) => svc.getCompany(req.actor!),
  );
  r.patch(
    '/api/company',
    {
      config: { permission: 'company.manage' },
      schema: { tags, body: UpdateCompanyBody, response: { 200: Company } },
    },
    (req) => svc.updateCompany(req.actor!, req.body),
  );

  // offices (管理处)
  r.get(
    '/api/offices',
    {
      config: { permission: 'org.read' },
      schema: { tags, querystring: OfficeListQuery, response: { 200: listOf(Office) } },
    },
    (req) => svc.listOffices(req.actor!, req.query),
  );
  r.post(
    '/api/offices',
    {
      config: { permission: 'org.manage' },
      schema: { tags, body: CreateOfficeBody, response: { 201: Office } },
    },
    async (req, reply) => reply.code(201).send(await svc.createOffice(req.actor!, req.body)),
  );
  r.get(
    '/api/offices/:id',
    { config: { permission: 'org.read' }, schema: { tags, params: IdParams, response: { 200: Office } } },
    (req) => svc.getOffice(req.actor!, req.params.id),
  );
  r.patch(
    '/api/offices/:id',
    {
      config: { permission: 'org.manage' },
      schema: { tags, params: IdParams, body: UpdateOfficeBody, response: { 200: Office } },
    },
    (req) => svc.updateOffice(req.actor!, req.params.id, req.body),
  );
  r.delete(
    '/api/offices/:id',
    { config: { permission: 'org.manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } },
    (req) => svc.deleteOffice(req.actor!, req.params.id),
  );

  // departments (部门 / 班组)
  r.get(
    '/api/departments',
    {
      config: { permission: 'org.read' },
      schema: { tags, querystring: DepartmentListQuery, response: { 200: listOf(Department) } },
    },
    (req) => svc.listDepartments(req.actor!, req.query),
  );
  r.post(
    '/api/departments',
    {
      config: { permission: 'org.manage' },
      schema: { tags, body: CreateDepartmentBody, response: { 201: Department } },
    },
    async (req, reply) => reply.code(201).send(await svc.createDepartment(req.actor!, req.body)),
  );
  r.get(
    '/api/departments/:id',
    { config: { permission: 'org.read' }, schema: { tags, params: IdParams, response: { 200: Department } } },
    (req) => svc.getDepartment(req.actor!, req.params.id),
  );
  r.patch(
    '/api/departments/:id',
    {
      config: { permission: 'org.manage' },
      schema: { tags, params: IdParams, body: UpdateDepartmentBody, response: { 200: Department } },
    },
    (req) => svc.updateDepartment(req.actor!, req.params.id, req.body),
  );
  r.delete(
    '/api/departments/:id',
    { config: { permission: 'org.manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } },
    (req) => svc.deleteDepartment(req.actor!, req.params.id),
  );

  // partner units (兄弟单位 / 外单位)
  r.get(
    '/api/partner-units',
    {
      config: { permission: 'org.read' },
      schema: { tags, querystring: PartnerUnitListQuery, response: { 200: listOf(PartnerUnit) } },
    },
    (req) => svc.listPartnerUnits(req.actor!, req.query),
  );
  r.post(
    '/api/partner-units',
    {
      config: { permission: 'org.manage' },
      schema: { tags, body: CreatePartnerUnitBody, response: { 201: PartnerUnit } },
    },
    async (req, reply) => reply.code(201).send(await svc.createPartnerUnit(req.actor!, req.body)),
  );
  r.get(
    '/api/partner-units/:id',
    {
      config: { permission: 'org.read' },
      schema: { tags, params: IdParams, response: { 200: PartnerUnit } },
    },
    (req) => svc.getPartnerUnit(req.actor!, req.params.id),
  );
  r.patch(
    '/api/partner-units/:id',
    {
      config: { permission: 'org.manage' },
      schema: { tags, params: IdParams, body: UpdatePartnerUnitBody, response: { 200: PartnerUnit } },
    },
    (req) => svc.updatePartnerUnit(req.actor!, req.params.id, req.body),
  );
  r.delete(
    '/api/partner-units/:id',
    { config: { permission: 'org.manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } },
    (req) => svc.deletePartnerUnit(req.actor!, req.params.id),
  );
}
