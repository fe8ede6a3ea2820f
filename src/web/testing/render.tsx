/**
 * What a component test of the console needs around the component under test: the browser APIs antd asks for
 * that happy-dom lacks, the providers of main.tsx (i18n, query cache, antd App, a router), and a fake `fetch` that
 * answers the API paths the test names and records every request, so a test reads the body the server was sent.
 * Only the network is fake: the pages, hooks, forms and the API client run as in the browser.
 */
import type { ReactNode } from 'react';
import { cleanup, configure, render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App, ConfigProvider } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import { MemoryRouter } from 'react-router';
import { afterEach, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n';

// antd renders slowly in happy-dom, and the machine's cores are shared: give waits and tests room, not races
configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 60_000 });

// antd's responsive grid and virtual lists ask for these; happy-dom has neither
if (!window.matchMedia)
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
if (!('ResizeObserver' in window))
  (window as { ResizeObserver?: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };

export interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

/** An answer to one request: a JSON body (status 200), or a status with a body. */
export type Answer = unknown | { status: number; body: unknown };
/** `'GET /api/auth/me'` → answer, or a function of the request. A request no route answers fails the test. */
export type Routes = Record<string, Answer | ((req: SentRequest) => Answer)>;

const isStatusAnswer = (a: unknown): a is { status: number; body: unknown } =>
  typeof a === 'object' && a !== null && 'status' in a && 'body' in a && Object.keys(a).length === 2;

/**
 * Replaces `fetch` with one answering `routes` by method and path (`POST /api/cases/:id/actions/route`: a `:name`
 * segment matches any one segment). Returns the requests sent, in order.
 */
export function fakeServer(routes: Routes) {
  const sent: SentRequest[] = [];
  const unanswered: string[] = [];
  const patterns = Object.entries(routes).map(([key, answer]) => {
    const [method, path] = key.split(' ');
    const re = new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}$`);
    return { method, re, answer };
  });
  const fetchFake = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
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
    if (!route) {
      unanswered.push(`${method} ${url.pathname}`);
      return new Response(JSON.stringify({ error: { code: 'not_found', message: 'no fake route' } }), {
        status: 404,
      });
    }
    const answer = typeof route.answer === 'function' ? route.answer(req) : route.answer;
    const { status, body } = isStatusAnswer(answer) ? answer : { status: 200, body: answer };
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchFake);
  return {
    sent,
    /** requests of one method and path pattern */
    to: (method: string, path: string | RegExp) =>
      sent.filter(
        (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
      ),
    unanswered,
  };
}

afterEach(() => {
  // without vitest globals Testing Library does not unmount by itself
  cleanup();
  vi.unstubAllGlobals();
});

/** Renders `ui` inside the console's providers (zh-CN), at `path` in a memory router. */
export function renderInApp(ui: ReactNode, { path = '/' }: { path?: string } = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
  });
  return render(
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <ConfigProvider locale={antdZhCN} button={{ autoInsertSpace: false }}>
          <App>
            <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
          </App>
        </ConfigProvider>
      </QueryClientProvider>
    </I18nProvider>,
  );
}
