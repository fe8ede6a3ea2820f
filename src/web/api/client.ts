/**
 * The one way the console talks to the server: fetch with the session cookie, JSON in and out, the UI language in
 * `Accept-Language` on every call (so server messages come back in it), and every error as an `ApiError` carrying
 * the `{ error: { code, message, fields?, details? } }` body of API-1.
 */
import type { ErrorBody } from '../../contracts/common';
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
  if (res.status === 401 && path !== '/api/auth/login') onUnauthenticated?.();
  throw apiError;
}

async function json<T>(method: string, path: string, opts?: RequestOptions): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => json<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query, headers?: Record<string, string>) =>
    json<T>('POST', path, { body: body ?? {}, query, headers }),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, { body }),
  delete: <T = { ok: true }>(path: string) => json<T>('DELETE', path),
  /** multipart upload of one file under the field name `file` */
  upload: <T>(path: string, file: File, query?: Query) => {
    const form = new FormData();
    form.append('file', file);
    return json<T>('POST', path, { body: form, query });
  },
  /** GET a file (xlsx export, template) and hand it to the browser as a download */
  download: async (path: string, query: Query | undefined, fallbackName: string) => {
    const res = await send('GET', path, { query });
    const blob = await res.blob();
    const name = fileNameFrom(res.headers.get('Content-Disposition')) ?? fallbackName;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

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
