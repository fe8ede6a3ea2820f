import { describe, expect, it } from 'vitest';
import { originOf, parseOriginSetting } from '../platform/origins';
import { isSameOriginRequest, ownOrigin } from './same-origin';

describe('origins are compared as browsers serialise them (cookie writes only from our own origin)', () => {
  it('lower-cases scheme and host and drops the default port', () => {
    expect(originOf('HTTP://Desk.Example:80/path?q=1')).toBe('http://desk.example');
    expect(originOf('https://desk.example:443')).toBe('https://desk.example');
    expect(originOf('https://desk.example:8443')).toBe('https://desk.example:8443');
    expect(originOf('http://[::1]:80')).toBe('http://[::1]');
  });

  it('has no origin for the opaque "null", other schemes and garbage', () => {
    for (const v of ['null', '', 'file:///etc/passwd', 'javascript:alert(1)', 'desk.example'])
      expect(originOf(v), v).toBeNull();
  });

  it('a setting is exactly scheme, host and port', () => {
    expect(parseOriginSetting('http://localhost:5173/')).toBe('http://localhost:5173');
    for (const v of [
      'http://x.example/app',
      'http://x.example?a',
      'http://x.example#a',
      'http://u@x.example',
    ])
      expect(parseOriginSetting(v), v).toBeNull();
  });

  it("the request's own origin comes from a bare host[:port] only", () => {
    expect(ownOrigin('http', 'localhost:80')).toBe('http://localhost');
    expect(ownOrigin('https', 'Desk.Example')).toBe('https://desk.example');
    for (const host of ['', 'evil.example@desk.example', 'desk.example/x', 'a b'])
      expect(ownOrigin('http', host), host).toBeNull();
    expect(ownOrigin('gopher', 'desk.example')).toBeNull();
  });
});

describe('a cookie write is accepted only from our own pages (cookie writes only from our own origin)', () => {
  const own = 'http://desk.example:3000';
  const check = (origin?: string, referer?: string, allowed: string[] = []) =>
    isSameOriginRequest({ origin, referer, own, allowed });

  it('accepts Origin equal to our own, however it is spelled', () => {
    expect(check('http://desk.example:3000')).toBe(true);
    expect(check('http://DESK.example:3000')).toBe(true);
  });

  it('refuses another site, another port, another scheme, and the opaque origin', () => {
    for (const o of ['https://evil.example', 'http://desk.example:3001', 'https://desk.example:3000', 'null'])
      expect(check(o), o).toBe(false);
  });

  it('falls back to the Referer only when there is no Origin', () => {
    expect(check(undefined, 'http://desk.example:3000/cases/1?tab=log')).toBe(true);
    expect(check(undefined, 'https://evil.example/desk.example:3000')).toBe(false);
    // a present Origin wins over a same-origin Referer
    expect(check('https://evil.example', 'http://desk.example:3000/')).toBe(false);
  });

  it('refuses a request that names no origin at all', () => {
    expect(check()).toBe(false);
    expect(isSameOriginRequest({ origin: 'http://x', referer: undefined, own: null, allowed: [] })).toBe(
      false,
    );
  });

  it('accepts an allowed origin (HUIYIN_ALLOWED_ORIGINS)', () => {
    expect(check('http://localhost:5173', undefined, ['http://localhost:5173'])).toBe(true);
    expect(check('http://localhost:5174', undefined, ['http://localhost:5173'])).toBe(false);
  });
});
