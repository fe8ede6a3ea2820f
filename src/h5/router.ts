/**
 * The H5's pages as paths under its own base `/h5/<companyCode>` (the server answers the H5's html for any of them):
 * `/` 首页, `/login`, `/bind`, `/me`. A few lines of history API instead of a router library keep the bundle small.
 */
import { useSyncExternalStore } from 'react';

export type H5Page = 'home' | 'login' | 'bind' | 'me';
const PAGES: readonly H5Page[] = ['home', 'login', 'bind', 'me'];
const CHANGE = 'h5:navigate';

export function pageOf(pathname: string): H5Page {
  const segment = pathname.split('/')[3] ?? '';
  return (PAGES as readonly string[]).includes(segment) ? (segment as H5Page) : 'home';
}

export function pathOf(companyCode: string, page: H5Page): string {
  return `/h5/${encodeURIComponent(companyCode)}/${page === 'home' ? '' : page}`;
}

export function navigate(companyCode: string, page: H5Page, { replace = false } = {}) {
  const path = pathOf(companyCode, page);
  if (path === location.pathname) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(CHANGE));
}

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

/** The page the address names, following back/forward and `navigate`. */
export function usePage(): H5Page {
  return useSyncExternalStore(subscribe, () => pageOf(location.pathname));
}
