/**
 * Case categories (CLASS-3): every signed-in user reads the tree (intake needs it); admins change it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../contracts/common';
import {
  Category,
  CategoryListQuery,
  CategoryTree,
  CreateCategoryBody,
  DeleteCategoryResult,
  UpdateCategoryBody,
} from '../../contracts/categories';
import type { AppDeps } from '../platform/deps';
import { categoriesService } from './categories.service';

export function categoriesRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = categoriesService(deps);
  const tags = ['settings'];
  const manage = { permission: 'settings.manage' } as const;

  r.get(
    '/api/categories',
    {
      config: { permission: 'authenticated' },
      schema: { tags, querystring: CategoryListQuery, response: { 200: CategoryTree } },
    },
    (req) => svc.tree(req.actor!, req.locale, req.query),
  );
  r.post(
    '/api/categories',
    {
      config: { ...manage, idempotent: true },
      schema: { tags, body: CreateCategoryBody, response: { 201: Category } },
    },
    async (req, reply) => reply.code(201).send(await svc.create(req.actor!, req.locale, req.body)),
  );
  r.patch(
    '/api/categories/:id',
    {
      config: manage,
      schema: { tags, params: IdParams, body: UpdateCategoryBody, response: { 200: Category } },
    },
    (req) => svc.update(req.actor!, req.locale, req.params.id, req.body),
  );
  r.delete(
    '/api/categories/:id',
    { config: manage, schema: { tags, params: IdParams, response: { 200: DeleteCategoryResult } } },
    (req) => svc.remove(req.actor!, req.params.id),
  );
}
