/**
 * What a component test of the H5 needs: its i18n provider at a fixed language, antd-mobile's React 19 renderer
 * (as main.tsx sets it), and a fake `fetch` that answers the API paths a test names — with a status, body and
 * headers (a 429's `Retry-After`) — and records every request. Only the network is fake: pages and the API client
 * run as in the browser. Nothing of the console's harness (it brings antd).
 */
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { cleanup, configure, render } from '@testing-library/react';
import { unstableSetRender } from 'antd-mobile';
import { afterEach, vi } from 'vitest';
import { I18nProvider, type H5Locale } from '../i18n';

configure({ asyncUtilTimeout: 10_000 });

unstableSetRender((node, container) => {
  const host = container as (Element | DocumentFragment) & { _h5Root?: Root };
  host._h5Root ??= createRoot(host);
  const root = host._h5Root;
  root.render(node);
  return async () => {
    root.unmount();
    delete host._h5Root;
  };
});

export interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

/** An answer: a JSON body (status 200), or a status with a body and headers (`body: null` for none). */
export type Answer = object | string | number | boolean | null;
/** `'GET /api/resident/me'` → answer, or a function of the request. A request no route answers is a 404. */
export type Routes = Record<string, Answer | ((req: SentRequest) => Answer)>;

const isStatusAnswer = (
  a: unknown,
): a is { status: number; body: unknown; headers?: Record<string, string> } =>
  typeof a === 'object' && a !== null && 'status' in a && 'body' in a;

export function fakeServer(routes: Routes) {
  const sent: SentRequest[] = [];
  const patterns = Object.entries(routes).map(([key, answer]) => {
    const [method, path] = key.split(' ');
    return { method, re: new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}$`), answer };
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(String(input), 'http://localhost');
      const method = (init.method ?? 'GET').toUpperCase();
      const req: SentRequest = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: { ...(init.headers as Record<string, string>) },
        body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
      };
      sent.push(req);
      const route = patterns.find((p) => p.method === method && p.re.test(url.pathname));
      if (!route)
        return new Response(JSON.stringify({ error: { code: 'not_found', message: 'no fake route' } }), {
          status: 404,
        });
      const answer = typeof route.answer === 'function' ? route.answer(req) : route.answer;
      const { status, body, headers } = isStatusAnswer(answer)
        ? answer
        : { status: 200, body: answer, headers: undefined };
      return new Response(body === null ? null : JSON.stringify(body), {
        status,
        headers: { ...(body === null ? {} : { 'Content-Type': 'application/json' }), ...headers },
      });
    }),
  );
  return {
    sent,
    to: (method: string, path: string) => sent.filter((r) => r.method === method && r.path === path),
  };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Renders `ui` in the H5's providers (zh-CN unless told), at `/h5/demo/…`. */
export function renderH5(ui: ReactNode, { path = '/h5/demo/', locale = 'zh-CN' as H5Locale } = {}) {
  history.replaceState(null, '', path);
  return render(<I18nProvider locale={locale}>{ui}</I18nProvider>);
}
