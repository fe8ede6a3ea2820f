/**
 * The OpenAPI document's additions to what @fastify/swagger derives from the zod schemas: every operation of the
 * endpoint table (src/contracts/endpoints.ts) gets its error answers, all in the one error body the error handler
 * sends (`ErrorBody`, src/contracts/common.ts), and a file or stream answer its content types.
 */
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../contracts/common';
import { errorStatuses, type EndpointDef, type ErrorStatus } from '../../contracts/endpoint';
import { endpointList } from '../../contracts/endpoints';

const BY_NAME = new Map(endpointList().map(({ name, endpoint }) => [name, endpoint]));

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: 'validation_failed: the request is malformed; `fields` names each wrong field',
  401: 'unauthenticated: no valid session cookie or API token',
  403: 'forbidden: the caller lacks the permission, or a cookie write came from another origin',
  404: 'not_found: no such row in the caller’s company and scope',
  409: 'version_conflict or invalid_transition: the row changed since it was read, or the action does not apply now',
  413: 'validation_failed: the upload is larger than the configured limit',
  422: 'rule_violation or idempotency_mismatch: a business rule refuses the request; `details.rule` names it',
  429: 'rate_limited: too many attempts; `Retry-After` says when to try again',
  503: 'unavailable: the database cannot be reached',
};

export const ERROR_BODY_REF = '#/components/schemas/ErrorBody';

/** The components the transform refers to, for the swagger options. */
export const openapiComponents = {
  schemas: { ErrorBody: z.toJSONSchema(ErrorBody, { target: 'openapi-3.0' }) as Record<string, unknown> },
};

const errorResponse = (status: ErrorStatus) => ({
  description: ERROR_TEXT[status],
  content: { 'application/json': { schema: { $ref: ERROR_BODY_REF } } },
});

/** What a file or stream answer reads as: its content types, each a byte string. */
const fileResponse = (e: EndpointDef) => ({
  description: e.summary,
  content: Object.fromEntries(
    (e.produces ?? []).map((mime) => [mime, { schema: { type: 'string', format: 'binary' } }]),
  ),
});

export function openapiTransform(args: Parameters<typeof jsonSchemaTransform>[0]) {
  const out = jsonSchemaTransform(args);
  const name = (args.schema as { operationId?: string } | undefined)?.operationId;
  const e = name ? BY_NAME.get(name) : undefined;
  if (!e) return out;
  const schema = out.schema as { response?: Record<string, unknown> };
  const response: Record<string, unknown> = { ...schema.response };
  if (e.produces && !response[200]) response[200] = fileResponse(e);
  for (const status of errorStatuses(e)) response[status] = errorResponse(status);
  return { ...out, schema: { ...schema, response } };
}
