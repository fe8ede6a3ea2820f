/** Policy settings (the rules marked "policy" in docs/rules.md): everyone reads them (the UI shows time limits); admins change them. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Policy, UpdatePolicyBody } from '../../contracts/policies';
import type { AppDeps } from '../platform/deps';
import { policiesService } from './policies.service';

export function policiesRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = policiesService(deps);
  const tags = ['settings'];

  r.get(
    '/api/policies',
    { config: { permission: 'authenticated' }, schema: { tags, response: { 200: Policy } } },
    (req) => svc.get(req.actor!),
  );
  r.put(
    '/api/policies',
    {
      config: { permission: 'settings.manage' },
      schema: { tags, body: UpdatePolicyBody, response: { 200: Policy } },
    },
    (req) => svc.update(req.actor!, req.body),
  );
}
