/**
 * The H5's one way to the server: fetch with the resident's own session cookie (same origin only), JSON in and out,
 * the H5's language as `Accept-Language` (so the server's messages come back in it), 204 as `undefined`, and every
 * error as an `H5ApiError` with the server's translated message and field messages. Typed by the endpoint table's
 * zod contracts as types only: the bundle carries the routes' paths, not a line of zod.
 */
import type { z } from 'zod';
import { fillPath, type WebEndpoints } from '../contracts/endpoint';
import { routes } from '../contracts/endpoint-routes';
import type { Endpoints } from '../contracts/endpoints';
import { getLocale, h5Text } from './i18n';

/** The residents' part of the endpoint table; fails to compile if a route differs from its entry. */
export const residentEndpoints: WebEndpoints<Endpoints['resident']> = routes.resident;
type ResidentEndpoints = typeof residentEndpoints;

export class H5ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** field name → message, already in the H5's language */
    readonly fields: Record<string, string> = {},
    /** a 429's wait, from `Retry-After` */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'H5ApiError';
  }
}

type ContractOf<E> = E extends { readonly '~contract'?: infer C } ? NonNullable<C> : never;
type BodyOf<E> = ContractOf<E> extends { body: infer S extends z.ZodType } ? z.input<S> : undefined;
type QueryOf<E> = ContractOf<E> extends { querystring: infer S extends z.ZodType } ? z.input<S> : undefined;
type ParamsOf<E> = ContractOf<E> extends { params: infer S extends z.ZodType } ? z.input<S> : undefined;
export type ResponseOf<E> =
  ContractOf<E> extends { response: { 200: infer S extends z.ZodType } }
    ? z.output<S>
    : ContractOf<E> extends { response: { 201: infer S extends z.ZodType } }
      ? z.output<S>
      : undefined;

interface CallInput<E> {
  body?: BodyOf<E>;
  query?: QueryOf<E>;
  params?: ParamsOf<E>;
}

export async function call<K extends keyof ResidentEndpoints>(
  name: K,
  input: CallInput<ResidentEndpoints[K]> = {},
): Promise<ResponseOf<ResidentEndpoints[K]>> {
  const e = residentEndpoints[name];
  let path = fillPath(e.path, input.params as Record<string, string> | undefined);
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries((input.query ?? {}) as Record<string, unknown>))
    if (v !== undefined && v !== null && v !== '') query.append(k, String(v));
  if (query.size) path += `?${query.toString()}`;
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLocale() };
  if (input.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method: e.method,
      headers,
      body: input.body === undefined ? undefined : JSON.stringify(input.body),
      credentials: 'same-origin',
    });
  } catch {
    throw new H5ApiError(0, 'network', h5Text(getLocale(), 'common.networkError'));
  }
  if (res.ok) {
    if (res.status === 204) return undefined as ResponseOf<ResidentEndpoints[K]>;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as ResponseOf<ResidentEndpoints[K]>;
  }
  let err: { code?: string; message?: string; fields?: Record<string, string> } | undefined;
  try {
    err = ((await res.json()) as { error?: typeof err }).error;
  } catch {
    err = undefined; // not our JSON (a proxy's page, an empty body)
  }
  const retryAfter = Number(res.headers.get('Retry-After'));
  throw new H5ApiError(
    res.status,
    err?.code ?? `http_${res.status}`,
    err?.message ?? h5Text(getLocale(), 'common.serverError', { status: res.status }),
    err?.fields ?? {},
    Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : null,
  );
}

export type ResidentMe = ResponseOf<ResidentEndpoints['me']>;
export type ResidentPlaces = ResponseOf<ResidentEndpoints['places']>;
export type ResidentRoomChoices = ResponseOf<ResidentEndpoints['rooms']>;

/** The company code of this H5: `/h5/<code>/…` */
export function companyCodeFromPath(pathname: string): string {
  return decodeURIComponent(pathname.split('/')[2] ?? '').toLowerCase();
}
