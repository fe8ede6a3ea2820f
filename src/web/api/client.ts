/**
 * The one way the console talks to the server: fetch with the session cookie, JSON in and out, the UI language in
 * `Accept-Language` on every call (so server messages come back in it), and every error as an `ApiError` carrying
 * the `{ error: { code, message, fields?, details? } }` body of API-1.
 */
import type { z } from 'zod';
import type { ErrorBody } from '../../contracts/common';
import { fillPath, type RouteDef } from '../../contracts/endpoint';
import { endpoints } from './endpoints';
import { getLocale } from '../i18n/locale-store';
import { uiText } from '../i18n/dictionaries';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** dotted field path (`phones.0`) → message, already in the UI language */
    readonly fields: Record<string, string> = {},
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

let onUnauthenticated: (() => void) | null = null;
/** Called on any 401 except the sign-in call itself: the app drops its cache and goes to the login page. */
export function setUnauthenticatedHandler(fn: () => void) {
  onUnauthenticated = fn;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** extra request headers, e.g. `Idempotency-Key` on creating writes */
  headers?: Record<string, string>;
}

async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers, 'Accept-Language': getLocale() };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers: { Accept: 'application/json', ...headers },
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', uiText(getLocale(), 'common.networkError'));
  }
  if (res.ok) return res;

  let parsed: ErrorBody | null;
  try {
    parsed = (await res.json()) as ErrorBody;
  } catch {
    parsed = null; // not our JSON (a proxy's HTML page, an empty body)
  }
  const err = parsed?.error;
  const apiError = new ApiError(
    res.status,
    err?.code ?? `http_${res.status}`,
    err?.message ?? uiText(getLocale(), 'common.serverError', { status: res.status }),
    err?.fields ?? {},
    err?.details ?? {},
  );
  if (res.status === 401 && path !== endpoints.auth.login.path) onUnauthenticated?.();
  throw apiError;
}

async function json<T>(method: string, path: string, opts?: RequestOptions): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

// ── typed calls from the endpoint table ─────────────────────────────────────────────────────────────────

/** The zod schemas an entry carries as types (`WebEndpoint`'s `~contract`). */
type ContractOf<E> = E extends { readonly '~contract'?: infer C } ? NonNullable<C> : never;
type SchemaOf<E, K extends string> =
  ContractOf<E> extends { [P in K]: infer S extends z.ZodType } ? S : never;

/** What a JSON endpoint answers on success (its 200, else its 201), as the server's zod contract says. */
export type ResponseOf<E> =
  ContractOf<E> extends { response: { 200: infer S extends z.ZodType } }
    ? z.output<S>
    : ContractOf<E> extends { response: { 201: infer S extends z.ZodType } }
      ? z.output<S>
      : never;

/** The item of a list endpoint (`{ items, nextCursor, total }`). */
export type ItemOf<E> = ResponseOf<E> extends { items: (infer I)[] } ? I : never;

/**
 * One filter as its querystring takes it: the contract's input (an enum, a `many` filter's one-or-several), an
 * array as a read-only one; a filter the server coerces (a number) is any query value, as all are sent as text.
 */
type QueryField<V> = unknown extends V
  ? QueryValue
  : (V extends readonly (infer X)[] ? readonly X[] : V) | null | undefined;

/** The filters an endpoint takes: only the names its querystring declares, each as its contract types it. */
export type QueryOf<E> = [SchemaOf<E, 'querystring'>] extends [never]
  ? Record<string, never>
  : { [K in keyof z.input<SchemaOf<E, 'querystring'>>]?: QueryField<z.input<SchemaOf<E, 'querystring'>>[K]> };

/** An endpoint that answers JSON. */
export type JsonEndpoint = RouteDef & {
  readonly '~contract'?: { response: { 200?: z.ZodType; 201?: z.ZodType } };
};
/** An endpoint that answers a list. */
export type ListEndpoint = JsonEndpoint & { method: 'GET' };

/** The path parameters of an entry (`{ id }` for `/api/…/:id`), or nothing. */
export type ParamsOf<E> = [SchemaOf<E, 'params'>] extends [never]
  ? undefined
  : z.input<SchemaOf<E, 'params'>>;

/** The path parameters as a call passes them: required where the entry's path has any, else none. */
type ParamsInput<E> = [SchemaOf<E, 'params'>] extends [never]
  ? { params?: undefined }
  : { params: z.input<SchemaOf<E, 'params'>> };

export type CallInput<E> = ParamsInput<E> &
  ([SchemaOf<E, 'body'>] extends [never] ? { body?: undefined } : { body: z.input<SchemaOf<E, 'body'>> }) & {
    query?: QueryOf<E>;
    signal?: AbortSignal;
    /** extra request headers, e.g. `Idempotency-Key` on creating writes */
    headers?: Record<string, string>;
  };

/**
 * The URL of an entry with its path parameters filled in (for links, `<img src>`, EventSource): the parameters its
 * path declares (required if it has any) and the filters its querystring declares, as for `call`.
 */
export function urlOf<E extends RouteDef>(
  e: E,
  ...[params, query]: [ParamsOf<E>] extends [undefined]
    ? [params?: undefined, query?: QueryOf<E>]
    : [params: ParamsOf<E>, query?: QueryOf<E>]
): string {
  return buildUrl(fillPath(e.path, params as Record<string, string> | undefined), query as Query | undefined);
}

/**
 * Calls one endpoint of the table (`./endpoints.ts`): the path parameters are filled in, the body and
 * the filters are typed by its contract and the answer is its success contract, so a page can neither send the
 * wrong body nor read the wrong shape.
 */
export function call<E extends JsonEndpoint>(
  e: E,
  ...[input]: object extends CallInput<E> ? [input?: CallInput<E>] : [input: CallInput<E>]
): Promise<ResponseOf<E>> {
  const { params, body, query, signal, headers } = (input ?? {}) as {
    params?: Record<string, string>;
    body?: unknown;
    query?: Query;
    signal?: AbortSignal;
    headers?: Record<string, string>;
  };
  const writes = e.method !== 'GET' && e.method !== 'DELETE';
  return json<ResponseOf<E>>(e.method, fillPath(e.path, params), {
    query,
    // a write without a body still sends `{}`: the JSON content type the server expects
    body: writes ? (body ?? {}) : undefined,
    signal,
    headers,
  });
}

/**
 * GETs one page of a list endpoint: for the list hooks, which add `limit`, `cursor` or `q` to the filters the
 * caller typed with `QueryOf`.
 */
export function getList<E extends ListEndpoint>(
  e: E,
  input: { params?: ParamsOf<E>; query?: Query; signal?: AbortSignal },
): Promise<ResponseOf<E>> {
  const params = input.params as Record<string, string> | undefined;
  return json<ResponseOf<E>>('GET', fillPath(e.path, params), { query: input.query, signal: input.signal });
}

/** An endpoint that deletes one row by its id. */
export type DeleteEndpoint = JsonEndpoint & { method: 'DELETE'; path: `${string}/:id` };

/** Deletes one row by its id (the delete button of the register pages). */
export const deleteById = (e: DeleteEndpoint, id: string) =>
  json<unknown>('DELETE', fillPath(e.path, { id }));

/** A multipart upload of one file under the field name `file` to an entry that consumes it. */
export function upload<E extends JsonEndpoint & { consumes: readonly ['multipart/form-data'] }>(
  e: E,
  file: File,
  query?: QueryOf<E>,
): Promise<ResponseOf<E>> {
  const form = new FormData();
  form.append('file', file);
  return json<ResponseOf<E>>(e.method, e.path, { body: form, query: query as Query });
}

/** GETs a file an entry produces (xlsx export, template) and hands it to the browser as a download. */
export async function download<E extends RouteDef & { produces: readonly string[] }>(
  e: E,
  input: ParamsInput<E> & { query?: QueryOf<E> },
  fallbackName: string,
) {
  const { params, query } = input as { params?: Record<string, string>; query?: Query };
  const res = await send('GET', fillPath(e.path, params), { query });
  saveBlob(await res.blob(), fileNameFrom(res.headers.get('Content-Disposition')) ?? fallbackName);
}

function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      return null;
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}
