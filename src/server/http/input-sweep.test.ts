/**
 * The bad-input sweep driven by /api/openapi.json (API-2): wrong types, missing fields, huge
 * strings, broken JSON and odd path/query values go to every route; nothing a client can send may produce a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';

let t: TestApp;
let s: SeededCompany;
let bearer: string;

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
}
interface Operation {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  // A token, so the sweep's own calls (logout, password change) cannot end its authentication.
  const res = await s.as('admin')({
    method: 'POST',
    url: '/api/auth/tokens',
    payload: { name: 'sweep', userId: s.users.admin.id },
  });
  bearer = `Bearer ${res.json().token}`;
});
afterAll(() => t.close());

const HUGE = 'x'.repeat(100_000);
const wrongFor = (schema: Schema | undefined): unknown[] => {
  const type = [schema?.type ?? schema?.anyOf?.[0]?.type].flat()[0];
  switch (type) {
    case 'string':
      return [12345, HUGE, null, ['a'], { a: 1 }, '\u0000', '💥'.repeat(5000)];
    case 'integer':
    case 'number':
      return ['abc', -1e308, 1.5, null, HUGE];
    case 'boolean':
      return ['yes', 2, null];
    case 'array':
      return ['x', [HUGE], Array.from({ length: 1000 }, () => 'x'), null];
    case 'object':
      return ['x', [], null];
    default:
      return ['x', 42, null, HUGE];
  }
};

describe('no request a client can send produces a 5xx (API-2)', () => {
  it('sweeps every route in the OpenAPI document', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const failures: string[] = [];
    let sent = 0;
    const send = async (method: string, url: string, body?: unknown, raw?: string) => {
      sent++;
      const res = await t.app.inject({
        method: method.toUpperCase() as 'GET',
        url,
        headers: {
          authorization: bearer,
          ...(raw !== undefined || body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        payload: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      if (res.statusCode >= 500)
        failures.push(
          `${method.toUpperCase()} ${url.slice(0, 120)} ${String(raw ?? JSON.stringify(body)).slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
        );
      else if (res.statusCode >= 400) {
        const err = res.json().error;
        if (!err?.code || !err?.message)
          failures.push(
            `${method} ${url.slice(0, 120)}: error body without code/message: ${res.body.slice(0, 200)}`,
          );
      }
      return res;
    };

    for (const [openApiPath, ops] of Object.entries(spec.paths)) {
      if (openApiPath === '/api/test/clock') continue; // moves the shared clock; covered by its own tests
      for (const [method, op] of Object.entries(ops)) {
        const idValues = [
          '00000000-0000-4000-8000-000000000000',
          'not-a-uuid',
          HUGE.slice(0, 5000),
          '%00',
          '..%2F..',
        ];
        for (const idValue of idValues) {
          const url = openApiPath.replace(/\{(\w+)\}/g, encodeURIComponent(idValue).replace(/%25/g, '%'));
          const query = (op.parameters ?? []).filter((p) => p.in === 'query');
          await send(method, url);
          for (const q of query)
            for (const bad of wrongFor(q.schema))
              await send(method, `${url}?${q.name}=${encodeURIComponent(String(bad)).slice(0, 20_000)}`);
          const bodySchema = op.requestBody?.content?.['application/json']?.schema;
          if (!bodySchema || idValue !== idValues[0]) continue;
          const base = Object.fromEntries(Object.keys(bodySchema.properties ?? {}).map((k) => [k, 'x']));
          for (const raw of ['{"broken":', '[]', 'null', '"text"', '{}', HUGE.slice(0, 1_000_000)]) {
            const res = await send(method, url, undefined, raw);
            if (
              raw === '{"broken":' &&
              res.statusCode !== 400 &&
              res.statusCode !== 401 &&
              res.statusCode !== 404
            )
              failures.push(`${method} ${url}: broken JSON answered ${res.statusCode}`);
          }
          for (const [key, prop] of Object.entries(bodySchema.properties ?? {}))
            for (const bad of wrongFor(prop)) await send(method, url, { ...base, [key]: bad });
        }
      }
    }
    expect(sent).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  }, 300_000);
});
