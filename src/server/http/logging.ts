/**
 * The application's logger: what a log line may carry (PRIV-4, 001 通知 二.2: personal data stay confidential). Every pino line of the app —
 * Fastify's request lines, the error handler, the jobs (they log through app.log) — goes through these serializers,
 * which build their output from an allow-list of fields, never by copying an object:
 *
 * - `req`: method and path; no query string, body or header (src/domain/privacy/log-redaction.ts says why);
 * - `res`: the status code;
 * - `err`: type, a redacted message, code and PostgreSQL's constraint/table/column names, statusCode, the stack
 *   frames, and the cause the same way. Left out on purpose: the request body, zod issues (their `input`),
 *   PostgreSQL's `detail` (`Key (canonical)=(13812345678) already exists`), `where`, `hint` and Drizzle's
 *   `params` — they echo values;
 * - string arguments (the message) are redacted too: Fastify writes raw URLs and error messages into some;
 * - `headers` objects are removed wherever plugins put them: @fastify/multipart logs (at trace) the headers it
 *   hands to busboy, session cookie and all.
 *
 * Do not log request bodies, queries or domain objects: log ids and counts.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';
import { isSafeRequestId, loggablePath, redactFreeText } from '../../domain/privacy/log-redaction';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A client's X-Request-Id when it is plainly an id (see isSafeRequestId), else a fresh one. */
export function requestIdOf(req: IncomingMessage): string {
  const sent = req.headers[REQUEST_ID_HEADER];
  return isSafeRequestId(sent) ? sent : randomUUID();
}

const PG_NAMES = ['constraint', 'table', 'column'] as const;
const MAX_CAUSE_DEPTH = 3;

export interface LoggableError {
  type: string;
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  statusCode?: number;
  stack?: string;
  cause?: LoggableError;
}

/**
 * An error as it may be logged. Drizzle appends a failed query's parameters — names, phones, descriptions — to its
 * message after "params:"; they are cut, and what is left is redacted as free text.
 */
export function loggableError(err: unknown, depth = 0): LoggableError {
  if (typeof err !== 'object' || err === null)
    return { type: typeof err, message: redactFreeText(String(err)) };
  const e = err as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const type = text(e.name) ?? text(e.constructor?.name) ?? 'Object';
  const message = redactFreeText((text(e.message) ?? '').replace(/params:[\s\S]*$/, 'params: [redacted]'));
  const out: LoggableError = { type, message };
  const code = text(e.code) ?? (typeof e.code === 'number' ? String(e.code) : undefined);
  if (code) out.code = redactFreeText(code);
  for (const name of PG_NAMES) {
    const value = text(e[name]);
    // identifiers of our own schema; anything else is not a name and is left out
    if (value && /^[a-z_][a-z0-9_]*$/.test(value)) out[name] = value;
  }
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  const stack = text(e.stack);
  if (stack) {
    // the stack begins with the message again: keep only its frames, after the redacted header
    const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = [`${type}: ${message}`, ...frames.map(redactFreeText)].join('\n');
  }
  if (e.cause !== undefined && depth < MAX_CAUSE_DEPTH) out.cause = loggableError(e.cause, depth + 1);
  return out;
}

/** pino options for buildApp: level, the allow-list serializers and redacted messages; `stream` for tests. */
export function loggerOptions(
  level: string,
  stream?: DestinationStream,
): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    stream,
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: loggablePath(req.url) }),
      res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
      err: (err: unknown) => loggableError(err),
    },
    redact: { paths: ['headers', '*.headers', '*.*.headers'], remove: true },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? redactFreeText(arg) : arg)) as Parameters<
            typeof method
          >,
        );
      },
    },
  };
}

/** Echoes the request id actually used — the client's when accepted, else ours — so a client can quote it. */
export function registerRequestIdEcho(app: FastifyInstance) {
  app.addHook('onRequest', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });
}
