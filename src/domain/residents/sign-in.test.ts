import { describe, expect, it } from 'vitest';
import {
  COMPANY_CODE_PATTERN,
  DEFAULT_SEND_LIMITS,
  LOGIN_CODE,
  sendRefusal,
  tryCode,
  type StoredCode,
} from './sign-in';

const NOW = new Date('2026-12-07T02:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

describe('RESIDENT-2 how often a code may be sent', () => {
  it.each([
    ['nothing sent yet', [], [], null, 0],
    ['the last send 59 s ago', [ago(59 * S)], [], 'phone_gap', 1 * S],
    ['the last send 60 s ago', [ago(60 * S)], [], null, 0],
    ['9 sends today', Array.from({ length: 9 }, (_, i) => ago((i + 1) * H)), [], null, 0],
    [
      '10 sends in the last 24 h: wait until the oldest of the ten leaves the day',
      Array.from({ length: 10 }, (_, i) => ago((i + 1) * H)),
      [],
      'phone_day',
      14 * H,
    ],
    [
      '10 sends, the oldest 24 h ago: allowed',
      Array.from({ length: 10 }, (_, i) => ago((i + 15) * H)),
      [],
      null,
      0,
    ],
    [
      '29 sends from the address this hour',
      [],
      Array.from({ length: 29 }, (_, i) => ago((i + 1) * MIN)),
      null,
      0,
    ],
    [
      '30 sends from the address this hour',
      [],
      Array.from({ length: 30 }, (_, i) => ago((i + 1) * MIN)),
      'address_hour',
      30 * MIN,
    ],
  ] as const)('%s', (_, phoneSends, addressSends, reason, retryAfterMs) => {
    const refusal = sendRefusal({ phoneSends, addressSends }, NOW, DEFAULT_SEND_LIMITS);
    if (reason === null) expect(refusal).toBeNull();
    else expect(refusal).toEqual({ reason, retryAfterMs });
  });

  it('the longest wait wins when several limits are reached', () => {
    const phoneSends = Array.from({ length: 10 }, (_, i) => ago(i * 2 * H + 10 * S));
    const refusal = sendRefusal({ phoneSends, addressSends: [] }, NOW);
    expect(refusal?.reason).toBe('phone_day');
    expect(refusal!.retryAfterMs).toBeGreaterThan(60 * S);
  });
});

describe('RESIDENT-1 a code: 6 digits, 5 minutes, 5 tries', () => {
  const code = (over: Partial<StoredCode> = {}): StoredCode => ({
    expiresAt: new Date(NOW.getTime() + MIN),
    attempts: 0,
    finishedAt: null,
    ...over,
  });
  it.each([
    ['the right code in time', code(), true, { outcome: 'signed_in' }],
    ['no code was sent', null, true, { outcome: 'unusable' }],
    ['expired', code({ expiresAt: NOW }), true, { outcome: 'unusable' }],
    ['already used', code({ finishedAt: ago(S) }), true, { outcome: 'unusable' }],
    ['a first wrong try', code(), false, { outcome: 'wrong', attempts: 1, burnt: false }],
    [
      'the 5th wrong try burns it',
      code({ attempts: 4 }),
      false,
      { outcome: 'wrong', attempts: 5, burnt: true },
    ],
    [
      'after 5 wrong tries even the right code is refused',
      code({ attempts: 5 }),
      true,
      { outcome: 'unusable' },
    ],
  ] as const)('%s', (_, stored, matches, expected) => {
    expect(tryCode(stored, matches, NOW)).toEqual(expected);
  });
  it('lives 5 minutes and has 6 digits', () => {
    expect(LOGIN_CODE).toEqual({ digits: 6, ttlMs: 5 * MIN, maxAttempts: 5 });
  });
});

describe('RESIDENT-1 a company code is URL-safe', () => {
  it.each([
    ['cuihu', true],
    ['hy-01', true],
    ['a', false],
    ['-cuihu', false],
    ['cuihu-', false],
    ['CuiHu', false],
    ['翠湖', false],
    ['c/u', false],
    ['x'.repeat(33), false],
  ])('%s → %s', (code, ok) => expect(COMPANY_CODE_PATTERN.test(code)).toBe(ok));
});
