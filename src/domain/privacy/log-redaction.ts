/**
 * What may reach a log line (PRIV-4, 001 通知 二.2: personal data stay confidential; PRIV-1: residents' data serve only to handle
 * and answer the case). Logs are kept longer, copied further and read by more people than the register, so they
 * carry no personal data at all — not even the masked form (138****5678) the desk shows technicians.
 *
 * The rules, all pure:
 *
 * - `redactIdentifiers`: every phone-, ID-number- or card-like run of digits becomes `[number]`, every licence plate
 *   `[plate]`. A run is 7 or more digits (ASCII or full-width) with up to three separators between any two of them —
 *   spaces, dashes, dots, slashes, parentheses, `+`, and their percent-encoded forms — so it covers every phone
 *   format the API accepts (13522334455, 135-2233-4455, +86 136 5566 7788, 0086…, (0755) 8600-1234 转 806,
 *   １３８…), 15/18-digit ID numbers (with their final X) and bank cards. Shorter numbers (counts, ports, years,
 *   service numbers such as 95598) stay readable. UUIDs are our own ids, never personal, and are kept whole.
 * - `redactFreeText`: for text that may echo client input (error messages, stack headers, log messages): the above,
 *   plus a quoted JSON document (JSON.parse echoes the body it choked on) up to the end of its line, and every run of non-ASCII text — raw, percent-encoded (%E5%BC%A0) or JSON-escaped (\u5f20) — becomes `[text]`
 *   (names and addresses are Chinese; nothing our code logs is), a quoted value that is not a lower-case identifier
 *   becomes `"[value]"` (PostgreSQL and JSON.parse quote the input they choke on; constraint, table and type names
 *   are lower-case identifiers and stay), and a URL's query string becomes `?[query]`.
 * - `loggablePath`: a request URL as logged: no query string and no fragment (see below), and any path segment that
 *   is not plain ASCII (a percent-encoded name, a plate) becomes `[text]`.
 * - `isSafeRequestId`: a client-sent X-Request-Id is taken only if it is 1–64 of [A-Za-z0-9._-] and carries no
 *   phone- or ID-like run; anything else is replaced by a generated id.
 *
 * Why no query string at all rather than an allow-list of harmless keys: the query strings of this API carry free
 * text (`q`), phones (`lookup/caller?phone=`) and names; an allow-list would still have to vet each value, and a
 * key that is harmless today (`status`) echoes whatever a client puts in it. Method, path, status, duration and
 * the request id find a request; its parameters are not needed to run the service.
 *
 * Known limit: a Latin-letter name ("Maria") in a path segment, an accepted request id or an identifier-like quoted
 * value cannot be told from a word and is kept. The request logger logs no query, body or header, so such a name
 * can only reach a log through a 404 path or a request id the client chose.
 */

/** a digit: ASCII, full-width, or a full-width one percent-encoded (%EF%BC%91 is １) */
const DIGIT = '(?:[0-9０-９]|%EF%BC%9[0-9])';
/** what people and URL encoders put between the digits of one number, raw or percent-encoded */
const SEP = '(?:[\\s\\u3000\\-－‐–—.·/()（）+]|%2[0BDEF89]|%E3%80%80|%E2%80%9[0-4]|%EF%BC%8[89D]|\\\\u3000)';
const DIGIT_RUN = new RegExp(`(?:\\+|%2B)?${DIGIT}(?:${SEP}{0,3}${DIGIT})*(?:X(?![A-Z0-9]))?`, 'gi');
const digitCount = (run: string) =>
  run
    .replace(/%EF%BC%9([0-9])/gi, '$1')
    .replace(/%[0-9A-F]{2}/gi, '')
    .replace(/[^0-9０-９]/g, '').length;
const MIN_DIGITS = 7;

/** 京A12345, 粤B·D12345 (new energy), 沪A1234学, 使/领 plates. */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领';
const PLATE_TAIL = '[A-Za-z](?:[\\s·•.\\-]|%20|%2[Dd]|%C2%B7)?[A-Za-z0-9]{4,6}';
const PLATE = new RegExp(`[${PROVINCES}]${PLATE_TAIL}[挂学警港澳领]?`, 'g');
/** a plate whose province character was percent-encoded or JSON-escaped */
const ENCODED_PLATE = new RegExp(
  `(?:%[Ee][0-9A-Fa-f](?:%[89ABab][0-9A-Fa-f]){2}|\\\\u[0-9A-Fa-f]{4})${PLATE_TAIL}`,
  'g',
);

const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/** Non-ASCII text raw, as UTF-8 percent-encoding (bytes ≥ 0x80), or as \uXXXX escapes above U+007F. */
const NON_ASCII = /(?:[\u0080-\uffff]|%[89A-Fa-f][0-9A-Fa-f]|\\u(?!00[0-7])[0-9A-Fa-f]{4})+/g;
/** a quoted JSON document (JSON.parse echoes the body it choked on): everything to the end of the line */
const JSON_ECHO = /(["'])[{[][^\n]*/g;
const QUOTED = /"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|“([^”\n]*)”/g;
const IDENTIFIER = /^[a-z_][a-z0-9_$.]*$/;
const QUERY = /([A-Za-z0-9_~.\-/%]*\/[A-Za-z0-9_~.\-/%[\]]*)\?[^\s"'<>]*/g;

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function redactRuns(text: string): string {
  return text
    .replace(PLATE, '[plate]')
    .replace(ENCODED_PLATE, '[plate]')
    .replace(DIGIT_RUN, (run) => (digitCount(run) >= MIN_DIGITS ? '[number]' : run));
}

/** Phone-, ID-number- and card-like digit runs → `[number]`, licence plates → `[plate]`; UUIDs kept whole. */
export function redactIdentifiers(text: string): string {
  return text
    .split(UUID)
    .map((part, i) => (i % 2 === 1 ? part : redactRuns(part)))
    .join('');
}

/** For text that may echo client input: identifiers, quoted values, query strings and any non-ASCII text. */
export function redactFreeText(text: string): string {
  const unquoted = text
    .replace(JSON_ECHO, '$1[value]$1')
    .replace(QUOTED, (whole, dq?: string, sq?: string, cq?: string) => {
      const inner = dq ?? sq ?? cq ?? '';
      if (IDENTIFIER.test(inner)) return whole;
      return whole[0] === '“' ? '“[value]”' : `${whole[0]}[value]${whole[0]}`;
    });
  // identifiers before other non-ASCII text: a plate's province character, full-width digits and an ideographic
  // space inside a phone are non-ASCII, and replacing them first would leave the rest of the number behind
  return redactIdentifiers(unquoted.replace(QUERY, '$1?[query]')).replace(NON_ASCII, '[text]');
}

/** A request URL as logged: the path alone, non-ASCII segments replaced, identifiers redacted. */
export function loggablePath(url: string): string {
  const path = url.split(/[?#]/, 1)[0];
  const segments = path
    .split('/')
    .map((segment) => (/^[A-Za-z0-9._~:@!$&*,;=-]*$/.test(segment) ? segment : '[text]'));
  return redactIdentifiers(segments.join('/'));
}

/** A client-chosen request id is logged and echoed only when it is plainly an id, never a phone or a name. */
export function isSafeRequestId(id: unknown): id is string {
  return typeof id === 'string' && SAFE_REQUEST_ID.test(id) && redactIdentifiers(id) === id;
}
