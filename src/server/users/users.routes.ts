import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiToken, CreatedToken, CreateTokenBody } from '../../contracts/auth';
import { IdParams, listOf, Ok } from '../../contracts/common';
import { CreateUserBody, UpdateUserBody, User, UserListQuery } from '../../contracts/users';
import type { AppDeps } from '../platform/deps';
import { usersService } from './users.service';

export function usersRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = usersService(deps);
  const tags = ['users'];

  r.get(
    '/api/users',
    {
      config: { permission: 'users.read' },
      schema: { tags, querystring: UserListQuery, response: { 200: listOf(User) } },
    },
    (req) => svc.list(req.actor!, req.query),
  );
  r.get(
    '/api/users/:id',
    { config: { permission: 'users.read' }, schema: { tags, params: IdParams, response: { 200: User } } },
    (req) => svc.get(req.actor!, req.params.id),
  );
  r.post(
    '/api/users',
    {
      config: { permission: 'users.manage' },
      schema: { tags, body: CreateUserBody, response: { 201: User } },
    },
    async (req, reply) => reply.code(201).send(await svc.create(req.actor!, req.body)),
  );
  r.patch(
    '/api/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: { tags, params: IdParams, body: UpdateUserBody, response: { 200: User } },
    },
    (req) => svc.update(req.actor!, req.params.id, req.body),
  );
  r.post(
    '/api/users/:id/unlock',
    {
      config: { permission: 'users.manage' },
      schema: { tags, params: IdParams, response: { 200: User } },
    },
    (req) => svc.unlock(req.actor!, req.params.id),
  );

  r.get(
    '/api/auth/tokens',
    {
      config: { permission: 'tokens.manage' },
      schema: { tags: ['auth'], response: { 200: z.object({ items: z.array(ApiToken) }) } },
    },
    async (req) => ({
      items: await svc.listTokens(req.actor!),
    }),
  );
  r.post(
    '/api/auth/tokens',
    {
      config: { permission: 'tokens.manage' },
      schema: { tags: ['auth'], body: CreateTokenBody, response: { 201: CreatedToken } },
    },
    async (req, reply) => reply.code(201).send(await svc.createToken(req.actor!, req.body)),
  );
  r.delete(
    '/api/auth/tokens/:id',
    {
      config: { permission: 'tokens.manage' },
      schema: { tags: ['auth'], params: IdParams, response: { 200: Ok } },
    },
    async (req) => {
      await svc.revokeToken(req.actor!, req.params.id);
      return { ok: true as const };
    },
  );
}
