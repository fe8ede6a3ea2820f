/**
 * The OpenAPI document integrators read (GET /api/openapi.json) is a valid OpenAPI 3.0 document, and every
 * operation in it says what it does, who may call it and how it fails; and the endpoint table
 * (src/contracts/endpoints.ts) and the registered routes are the same set.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointList } from '../../contracts/endpoints';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
let doc: OpenAPIV3.Document;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(() => t.close());

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Operation = OpenAPIV3.OperationObject & { 'x-permission'?: string };

function operations(): { id: string; path: string; op: Operation }[] {
  const out: { id: string; path: string; op: Operation }[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const method of METHODS) {
      const op = item?.[method] as Operation | undefined;
      if (op) out.push({ id: `${method.toUpperCase()} ${path}`, path, op });
    }
  return out;
}

const IDEMPOTENT = new Set(
  endpointList()
    .filter(({ endpoint }) => endpoint.idempotent)
    .map(({ endpoint }) => `${endpoint.method} ${endpoint.path.replace(/:(\w+)/g, '{$1}')}`),
);

/** Whether the JSON body of an operation carries the `version` the client read. */
function takesVersion(op: Operation): boolean {
  const schema = (op.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content?.['application/json']
    ?.schema as OpenAPIV3.SchemaObject | undefined;
  return Boolean(schema?.properties?.version);
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.0 document', async () => {
    expect(doc.openapi).toMatch(/^3\.0\./);
    // the validator dereferences in place: give it a copy
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });

  it('lists every endpoint of the table but the document itself', () => {
    const ops = operations();
    expect(ops.length).toBe(endpointList().filter(({ endpoint }) => !endpoint.hide).length);
    expect(ops.length).toBeGreaterThan(120);
  });

  it('gives every operation a summary, its permission and its error answers in the one error body', () => {
    const problems: string[] = [];
    for (const { id, path, op } of operations()) {
      if (!op.summary?.trim()) problems.push(`${id}: no summary`);
      const permission = op['x-permission'];
      if (!permission) problems.push(`${id}: no x-permission`);
      else if (!op.description?.includes(`\`${permission}\``))
        problems.push(`${id}: the description does not name its permission ${permission}`);
      const expected = ['400'];
      if (permission !== 'public') expected.push('401', '403', '422', '429');
      if (path.includes('{')) expected.push('404');
      if (takesVersion(op) || IDEMPOTENT.has(id)) expected.push('409');
      for (const status of expected) {
        const response = op.responses[status] as OpenAPIV3.ResponseObject | undefined;
        const schema = response?.content?.['application/json']?.schema as
          OpenAPIV3.ReferenceObject | undefined;
        if (!response) problems.push(`${id}: no ${status} response`);
        else if (schema?.$ref !== '#/components/schemas/ErrorBody')
          problems.push(`${id}: its ${status} response is not the error body`);
      }
      const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
      if (success.length === 0) problems.push(`${id}: no success response`);
    }
    expect(problems).toEqual([]);
  });

  it('defines the error body once, as the error handler sends it', async () => {
    const schema = doc.components?.schemas?.ErrorBody as OpenAPIV3.SchemaObject;
    expect(schema.required).toEqual(['error']);
    const error = schema.properties?.error as OpenAPIV3.SchemaObject;
    expect(error.required).toEqual(['code', 'message']);
    expect(Object.keys(error.properties ?? {}).sort()).toEqual(['code', 'details', 'fields', 'message']);
    const res = await t.app.inject({ method: 'GET', url: '/api/cases' });
    expect(res.statusCode).toBe(401);
    expect(Object.keys(res.json().error).sort()).toEqual(
      expect.arrayContaining(['code', 'message']) as unknown as string[],
    );
    for (const key of Object.keys(res.json().error))
      expect(Object.keys(error.properties ?? {})).toContain(key);
  });
});

describe('the endpoint table is the registered routes', () => {
  it('every registered route is in the table with its permission, and every entry is registered', () => {
    const registered = new Map(t.app.registeredRoutes.map((r) => [`${r.method} ${r.url}`, r.permission]));
    const table = new Map(
      endpointList().map(({ endpoint }) => [`${endpoint.method} ${endpoint.path}`, endpoint.permission]),
    );
    expect(
      [...registered.keys()].filter((k) => !table.has(k)),
      'routes not in the table',
    ).toEqual([]);
    expect(
      [...table.keys()].filter((k) => !registered.has(k)),
      'entries without a route',
    ).toEqual([]);
    for (const [key, permission] of registered) expect(permission, key).toBe(table.get(key));
  });

  it('names each entry once: its name is the operationId', () => {
    const names = endpointList().map(({ name }) => name);
    expect(new Set(names).size).toBe(names.length);
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.filter((id) => !names.includes(id!))).toEqual([]);
  });
});
