import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChangePasswordBody, LoginBody, Me } from '../../contracts/auth';
import { Ok } from '../../contracts/common';
import type { AppDeps } from '../platform/deps';
import { authService } from './auth.service';
import { SESSION_COOKIE } from './tokens';

export function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = authService(deps);
  const secure = deps.config.env === 'production' && deps.config.trustProxy;

  r.post(
    '/api/auth/login',
    { config: { permission: 'public' }, schema: { tags: ['auth'], body: LoginBody, response: { 200: Me } } },
    async (req, reply) => {
      const { sid, expiresAt, me } = await auth.login(
        req.body.username,
        req.body.password,
        req.ip,
        req.cookies[SESSION_COOKIE],
      );
      reply.setCookie(SESSION_COOKIE, sid, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure,
        expires: expiresAt,
      });
      return me;
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { permission: 'public' }, schema: { tags: ['auth'], response: { 200: Ok } } },
    async (req, reply) => {
      await auth.logout(req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    { config: { permission: 'authenticated' }, schema: { tags: ['auth'], response: { 200: Me } } },
    async (req) => auth.me(req.actor!),
  );

  r.post(
    '/api/auth/password',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], body: ChangePasswordBody, response: { 200: Ok } },
    },
    async (req) => {
      await auth.changePassword(req.actor!, req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );
}
