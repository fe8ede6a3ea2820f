/**
 * What one endpoint is: its method and path, the zod contracts of what it takes and answers, who may call it,
 * and how it is documented. The table of every endpoint (`endpoints.ts`) is written in these; the server registers
 * each route from its entry and the web client types each call from it, so neither can drift from the other.
 */
import type { z } from 'zod';
import type { Permission } from '../domain/access/roles';

/**
 * `public`: anyone; `authenticated`: any signed-in user; `resident`: a signed-in resident of the H5 (RESIDENT-1),
 * never a staff session; otherwise a permission of src/domain/access.
 */
export type EndpointPermission = Permission | 'public' | 'authenticated' | 'resident';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The statuses of the one error body (`ErrorBody`) an endpoint may answer. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

/** The run-time part of an entry (`endpoint-routes.ts`): what the web client needs to make the call. */
export interface RouteDef {
  method: Method;
  /** Fastify's form: `/api/cases/:id`; the web client substitutes the `:name` parts from `params` */
  path: `/api/${string}`;
  permission: EndpointPermission;
  /** a request body that is not JSON (uploads) */
  consumes?: readonly ['multipart/form-data'];
  /** an answer that is not JSON (downloads, the print page, the event stream) */
  produces?: readonly string[];
  /** honours `Idempotency-Key` (a repeated creating write answers its first result) */
  idempotent?: true;
}

export interface EndpointDef extends RouteDef {
  summary: string;
  tags: readonly string[];
  params?: z.ZodType;
  querystring?: z.ZodType;
  headers?: z.ZodType;
  body?: z.ZodType;
  /** the success answers; an endpoint that answers a file or a stream names its `produces` instead */
  response?: { 200?: z.ZodType; 201?: z.ZodType; 204?: z.ZodType };
  /** error statuses besides those every endpoint of its kind may answer (see `errorStatuses`) */
  errors?: readonly ErrorStatus[];
  /** left out of the OpenAPI document (the document itself) */
  hide?: true;
}

/** Keeps an entry's literal types (method, path, the very zod schemas) for the server and the client. */
export const endpoint = <const E extends EndpointDef>(e: E): E => e;

/** Keeps a route's literal method and path. */
export const route = <const R extends RouteDef>(r: R): R => r;

type RouteKey = keyof RouteDef;
type ContractKey = 'params' | 'querystring' | 'headers' | 'body' | 'response';

/**
 * An entry as the web holds it: its route at run time, its schemas as types only. `~contract` is never set; it
 * carries the zod schemas' types so the client can type a call (`z.input` of the body, `z.output` of the answer)
 * without the schemas being in the bundle.
 */
export type WebEndpoint<E extends EndpointDef = EndpointDef> = Pick<E, Extract<keyof E, RouteKey>> & {
  readonly '~contract'?: Pick<E, Extract<keyof E, ContractKey>>;
};

/** The table as the web holds it: the same nesting, each entry a `WebEndpoint`. */
export type WebEndpoints<T> = T extends EndpointDef
  ? WebEndpoint<T>
  : { readonly [K in keyof T]: WebEndpoints<T[K]> };

const hasVersion = (schema: z.ZodType | undefined): boolean => {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return Boolean(shape && 'version' in shape);
};

/**
 * The error answers an endpoint may give, from what it is: every request may be malformed (400); a signed-in
 * endpoint refuses the anonymous (401) and those without its permission (403), and may break a rule (422) or
 * be rate-limited (429); one that addresses a row by its path may not find it (404); a write that carries the
 * `version` read, or an idempotent create, may conflict (409).
 */
export function errorStatuses(e: EndpointDef): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>([400]);
  if (e.permission !== 'public') for (const s of [401, 403, 422, 429] as const) statuses.add(s);
  if (e.params) statuses.add(404);
  if (e.idempotent || hasVersion(e.body)) statuses.add(409);
  for (const s of e.errors ?? []) statuses.add(s);
  return [...statuses].sort((a, b) => a - b);
}

/** The path with its `:name` parts replaced by `params`, each URI-encoded. */
export function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path}: no value for :${name}`);
    return encodeURIComponent(String(value));
  });
}
