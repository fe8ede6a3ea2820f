/**
 * Same-origin rule for cookie-authenticated writes (cookie writes only from our own origin). A browser attaches the session cookie to a
 * form or `fetch` another site makes it send (a `text/plain` or multipart POST needs no CORS preflight), so an
 * unsafe request that rides on the cookie is accepted only when the browser says it comes from our own pages:
 * its `Origin` (else the origin of its `Referer`) equals the request's own origin or an allowed one. Pure
 * comparisons only; the hook that applies them is in src/server/auth/auth.hook.ts.
 */

import { parseOriginSetting, originOf } from '../platform/origins';

/** The methods that may change something; GET/HEAD/OPTIONS never do here (API-7). */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The origin this request was addressed to: its scheme and `Host` (behind a trusted proxy Fastify reads them
 * from `X-Forwarded-Proto`/`-Host` instead; see HUIYIN_TRUST_PROXY). A Host that is not a bare host[:port]
 * (`a@b`, `x/y`) yields null, which nothing equals.
 */
export function ownOrigin(protocol: string, host: string): string | null {
  if (!host || /[/?#@\\\s]/.test(host)) return null;
  return parseOriginSetting(`${protocol}://${host}`);
}

/**
 * Whether a cookie-authenticated unsafe request comes from our own pages. `Origin` wins when present (browsers
 * send it on every POST, same-origin or not); `Referer` is the fallback for clients that send only it. With
 * neither header nothing proves where the request comes from, so it is refused.
 */
export function isSameOriginRequest(request: {
  origin: string | undefined;
  referer: string | undefined;
  /** the request's own origin (`ownOrigin`) */
  own: string | null;
  /** normalised extra origins (config.allowedOrigins) */
  allowed: readonly string[];
}): boolean {
  const claimed =
    request.origin !== undefined
      ? originOf(request.origin)
      : request.referer !== undefined
        ? originOf(request.referer)
        : null;
  if (!claimed) return false;
  return claimed === request.own || request.allowed.includes(claimed);
}
