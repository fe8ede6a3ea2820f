/**
 * The one place where errors become HTTP responses (docs/ARCHITECTURE.md convention 5). Every body has the
 * shape `{ error: { code, message, fields?, details? } }` of API-1, in the request's language; never a stack.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type DomainErrorCode } from '../../domain/errors';
import { isMessageKey, translate, type Locale } from '../../contracts/messages';
import { isConnectionLost } from '../db/pg-errors';

const STATUS: Record<DomainErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_transition: 409,
  version_conflict: 409,
  rule_violation: 422,
  idempotency_mismatch: 422,
  rate_limited: 429,
  unavailable: 503,
};

interface ValidationItem {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Translates one zod issue (as fastify-type-provider-zod reports it) into a message for the field. */
export function zodIssueMessage(locale: Locale, item: ValidationItem): string {
  const p = item.params ?? {};
  const msg = item.message ?? '';
  if (isMessageKey(msg)) return translate(locale, msg, p as Record<string, string | number>);
  switch (item.keyword) {
    case 'invalid_type':
      return translate(locale, /received undefined/.test(msg) ? 'field.required' : 'field.invalid_type');
    case 'too_small':
      if (p.origin === 'string')
        return translate(locale, Number(p.minimum) <= 1 ? 'field.required' : 'field.too_short', {
          min: Number(p.minimum),
        });
      return translate(locale, 'field.too_small', { min: Number(p.minimum) });
    case 'too_big':
      if (p.origin === 'string') return translate(locale, 'field.too_long', { max: Number(p.maximum) });
      return translate(locale, 'field.too_big', { max: Number(p.maximum) });
    case 'invalid_format':
      return translate(locale, p.format === 'uuid' ? 'field.invalid_uuid' : 'field.invalid_format');
    case 'invalid_value':
    case 'invalid_union':
      return translate(locale, 'field.invalid_value');
    case 'unrecognized_keys':
      return translate(locale, 'field.unknown_key');
    default:
      return translate(locale, 'field.invalid_value');
  }
}

function fieldPath(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (context === 'body' || !context) return path || 'body';
  return path ? `${context}.${path}` : context;
}

export function sendError(
  reply: FastifyReply,
  locale: Locale,
  status: number,
  code: string,
  messageKey: string,
  params: Record<string, string | number> = {},
  extra: { fields?: Record<string, string>; details?: Record<string, unknown> } = {},
) {
  return reply
    .code(status)
    .send({ error: { code, message: translate(locale, messageKey, params), ...extra } });
}

// PostgreSQL error codes that a client's input can provoke; anything else is our bug (500, logged).
const PG_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P03',
  '08006',
  '08001',
  '08003',
]);

/** The residents' H5: `/h5/<companyCode>` and any path under it (its own client-side pages). */
const H5_PATH = /^\/h5\/[^/?#]+/;

/**
 * `spaFallback`: unknown non-API GETs answer the web app's index.html (its client-side routes); `h5Fallback`: those
 * under `/h5/<companyCode>` answer the residents' H5 (h5.html) instead, never the staff console.
 */
export function registerErrorHandler(
  app: FastifyInstance,
  opts: { spaFallback?: boolean; h5Fallback?: boolean; uploadMaxBytes?: number } = {},
) {
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && H5_PATH.test(req.url)) {
      if (opts.h5Fallback) return reply.type('text/html').sendFile('h5.html');
    } else if (opts.spaFallback && req.method === 'GET' && !req.url.startsWith('/api/'))
      return reply.type('text/html').sendFile('index.html');
    return sendError(reply, req.locale, 404, 'not_found', 'route_not_found');
  });

  app.setErrorHandler(
    (err: FastifyError & { validationContext?: string; cause?: unknown }, req: FastifyRequest, reply) => {
      const locale = req.locale ?? 'zh-CN';
      if (err instanceof DomainError) {
        const fields = err.fields
          ? Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, translate(locale, v)]))
          : undefined;
        if (err.code === 'rate_limited' && err.details?.retryAfterSeconds)
          reply.header('Retry-After', String(err.details.retryAfterSeconds));
        return sendError(reply, locale, STATUS[err.code], err.code, err.messageKey, err.params, {
          fields,
          details: err.details,
        });
      }
      if (hasZodFastifySchemaValidationErrors(err)) {
        const fields: Record<string, string> = {};
        for (const item of err.validation as unknown as ValidationItem[]) {
          const key = fieldPath(err.validationContext, item.instancePath);
          fields[key] ??= zodIssueMessage(locale, item);
        }
        return sendError(reply, locale, 400, 'validation_failed', 'validation_failed', {}, { fields });
      }
      // Drizzle wraps driver errors (DrizzleQueryError) with the PostgreSQL/network error as `cause`.
      const pgCode = (err as { code?: string }).code ?? (err.cause as { code?: string } | undefined)?.code;
      if (
        err.statusCode === 413 ||
        pgCode === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
        pgCode === 'FST_REQ_FILE_TOO_LARGE'
      )
        return sendError(reply, locale, 413, 'validation_failed', 'payload_too_large', {
          // an upload is limited by HUIYIN_UPLOAD_MAX_MB, a JSON body by Fastify's bodyLimit
          mb:
            Math.round(
              ((pgCode === 'FST_REQ_FILE_TOO_LARGE' ? opts.uploadMaxBytes : undefined) ??
                app.initialConfig.bodyLimit ??
                0) / 1048576,
            ) || 1,
        });
      if (
        pgCode === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
        pgCode === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
        err instanceof SyntaxError
      )
        return sendError(
          reply,
          locale,
          400,
          'validation_failed',
          'bad_json',
          {},
          { fields: { body: translate(locale, 'bad_json') } },
        );
      if ((pgCode && PG_CONNECTION_CODES.has(pgCode)) || isConnectionLost(err))
        return sendError(reply, locale, 503, 'unavailable', 'unavailable');
      // Class 22 (data exception: a NUL byte, a number out of range, a bad date …) always comes from client data.
      if (pgCode && /^22[0-9A-Z]{3}$/.test(pgCode))
        return sendError(reply, locale, 400, 'validation_failed', 'validation_failed');
      if (pgCode === '23505')
        return sendError(
          reply,
          locale,
          422,
          'rule_violation',
          'rule.duplicate_name',
          {},
          { details: { rule: 'duplicate_name' } },
        );
      if (pgCode === '23503')
        return sendError(
          reply,
          locale,
          422,
          'rule_violation',
          'rule.in_use',
          {},
          { details: { rule: 'in_use' } },
        );
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        // Fastify's own client errors (unsupported media type, bad multipart …): the request's shape is wrong.
        return sendError(reply, locale, 400, 'validation_failed', 'validation_failed');
      }
      // the logger's err serializer keeps only what may be logged (http/logging.ts)
      req.log.error({ err }, 'unhandled error');
      return sendError(reply, locale, 500, 'internal', 'internal');
    },
  );
}
