/**
 * What an origin is, the way browsers serialise one: configuration (`HUIYIN_ALLOWED_ORIGINS`) is checked with it at
 * start-up, and the same-origin rule for cookie writes (src/server/http/same-origin.ts) compares with it.
 */

/**
 * `scheme://host[:port]` of an http(s) URL, the way browsers serialise an origin: scheme and host lower-cased,
 * the scheme's default port dropped (`http://Desk.example:80` → `http://desk.example`). Null for anything else,
 * including the opaque origin `null` a sandboxed frame or a privacy-stripped redirect sends.
 */
export function originOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return u.origin;
}

/**
 * An origin as written in configuration (`HUIYIN_ALLOWED_ORIGINS`): exactly scheme, host and optional port — a
 * path, query, fragment or user name means the value is not an origin, and is refused rather than cut down.
 */
export function parseOriginSetting(value: string): string | null {
  const trimmed = value.trim().replace(/\/$/, '');
  const origin = originOf(trimmed);
  if (!origin) return null;
  const u = new URL(trimmed);
  if (u.username || u.password || u.pathname !== '/' || /[?#]/.test(trimmed)) return null;
  return origin;
}
