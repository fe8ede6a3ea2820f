/**
 * For the LEDGER-1 to PROBLEM-3 tests: inject into the test app as a seeded role or with a cookie (cookies are read at
 * call time, so relogin() is picked up).
 */
import type { InjectOptions } from 'fastify';
import type { SeededCompany, TestApp } from '../../../test/test-app';

export async function injectHelpers(t: TestApp) {
  const { app } = t;
  return {
    app,
    as: (s: SeededCompany, role: keyof SeededCompany['cookies']) => (opts: InjectOptions) =>
      app.inject({ ...opts, headers: { ...opts.headers, cookie: s.cookies[role] } }),
    withCookie: (cookie: string) => (opts: InjectOptions) =>
      app.inject({ ...opts, headers: { ...opts.headers, cookie } }),
  };
}
