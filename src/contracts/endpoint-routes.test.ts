import { describe, expect, it } from 'vitest';
import type { RouteDef } from './endpoint';
import { routes } from './endpoint-routes';
import { endpointList } from './endpoints';

const ROUTE_KEYS = ['method', 'path', 'permission', 'consumes', 'produces', 'idempotent'] as const;

/** Every route with its dotted name, walked the way `endpointList` walks the schema half. */
function routeList(): { name: string; route: RouteDef }[] {
  const out: { name: string; route: RouteDef }[] = [];
  const walk = (node: object, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (typeof (value as RouteDef).method === 'string') out.push({ name, route: value as RouteDef });
      else walk(value as object, name);
    }
  };
  walk(routes, '');
  return out;
}

describe('the two halves of the endpoint table', () => {
  it('name the same entries', () => {
    const schemaSide = endpointList().map((e) => e.name);
    const routeSide = routeList().map((r) => r.name);
    expect(
      routeSide.filter((n) => !schemaSide.includes(n)),
      'routes without an entry',
    ).toEqual([]);
    expect(
      schemaSide.filter((n) => !routeSide.includes(n)),
      'entries without a route',
    ).toEqual([]);
    expect(routeSide.length).toBeGreaterThan(100);
  });

  it('agree on each entry’s method, path, permission and content types', () => {
    const byName = new Map(routeList().map((r) => [r.name, r.route]));
    for (const { name, endpoint } of endpointList()) {
      const route = byName.get(name)!;
      for (const key of ROUTE_KEYS) expect(endpoint[key], `${name}.${key}`).toEqual(route[key]);
    }
  });

  it('give no two routes the same method and path', () => {
    const keys = routeList().map((r) => `${r.route.method} ${r.route.path}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});
