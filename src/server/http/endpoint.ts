/**
 * Registers a route from its entry in the endpoint table (src/contracts/endpoints.ts): method, path, schemas,
 * permission and documentation come from there; the handler stays in the feature's `*.routes.ts`:
 *
 *   r.route({ ...routeOf(endpoints.cases.get), handler: (req) => svc.get(req.actor!, req.params.id) });
 *
 * The schemas keep their zod types, so the handler's `req` and its answer are typed from the entry.
 */
import type { EndpointDef } from '../../contracts/endpoint';
import { endpointList } from '../../contracts/endpoints';

const NAMES = new Map(endpointList().map(({ name, endpoint }) => [endpoint as EndpointDef, name]));

type Part<E, K extends string> = E extends { [P in K]: infer S } ? S : undefined;

/** The route schema of an entry as Fastify's zod type provider reads it. */
export interface EndpointSchema<E extends EndpointDef> {
  params: Part<E, 'params'>;
  querystring: Part<E, 'querystring'>;
  headers: Part<E, 'headers'>;
  body: Part<E, 'body'>;
  response: Part<E, 'response'>;
}

/** What a permission reads as in the OpenAPI document. */
export const permissionText = (permission: EndpointDef['permission']) =>
  permission === 'public'
    ? 'Permission: `public` (no sign-in).'
    : permission === 'authenticated'
      ? 'Permission: `authenticated` (any signed-in user; the service applies its own scope rules).'
      : `Permission: \`${permission}\`.`;

export function routeOf<const E extends EndpointDef>(e: E) {
  const name = NAMES.get(e);
  if (!name) throw new Error(`${e.method} ${e.path} is not in the endpoint table`);
  const schema: Record<string, unknown> = {
    operationId: name,
    summary: e.summary,
    description: permissionText(e.permission),
    tags: [...e.tags],
    'x-permission': e.permission,
  };
  for (const key of [
    'params',
    'querystring',
    'headers',
    'body',
    'response',
    'consumes',
    'produces',
    'hide',
  ] as const)
    if (e[key] !== undefined) schema[key] = e[key];
  return {
    method: e.method,
    url: e.path,
    config: { permission: e.permission, ...(e.idempotent ? { idempotent: true } : {}) },
    schema: schema as unknown as EndpointSchema<E>,
  };
}
