import { describe, expect, it } from 'vitest';
import { ipLimited, lockedUntil } from './lockout';

const policy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
const t0 = new Date('2026-11-24T08:00:00Z');
const at = (min: number) => new Date(t0.getTime() + min * 60_000);
const fail = (min: number) => ({ at: at(min), success: false });

describe('login lock-out (ACCESS-3: 5 failures in 15 min lock for 15 min)', () => {
  it('four failures do not lock', () => {
    expect(lockedUntil([0, 1, 2, 3].map(fail), at(4), policy)).toBeNull();
  });

  it('the fifth failure inside 15 minutes locks for 15 minutes from it', () => {
    const attempts = [0, 1, 2, 3, 4].map(fail);
    expect(lockedUntil(attempts, at(5), policy)).toEqual(at(19));
    expect(lockedUntil(attempts, at(18.9), policy)).toEqual(at(19));
    expect(lockedUntil(attempts, at(19), policy)).toBeNull();
  });

  it('five failures spread over more than 15 minutes do not lock', () => {
    expect(lockedUntil([0, 4, 8, 12, 16].map(fail), at(17), policy)).toBeNull();
  });

  it('a successful login clears earlier failures', () => {
    const attempts = [fail(0), fail(1), fail(2), { at: at(3), success: true }, fail(4), fail(5)];
    expect(lockedUntil(attempts, at(6), policy)).toBeNull();
  });

  it("an admin's unlock clears the failures before it (login lock-out counted before the password check), later ones count again", () => {
    const attempts = [0, 1, 2, 3, 4].map(fail);
    expect(lockedUntil(attempts, at(6), policy, at(5))).toBeNull();
    expect(lockedUntil([...attempts, ...[6, 7, 8, 9, 10].map(fail)], at(11), policy, at(5))).toEqual(at(25));
  });

  it('order of the input does not matter', () => {
    expect(lockedUntil([4, 2, 0, 3, 1].map(fail), at(5), policy)).toEqual(at(19));
  });
});

describe('per-IP limit (ACCESS-3: 50 per IP per 15 min)', () => {
  it('limits at the 50th attempt and frees when the oldest leaves the window', () => {
    const times = Array.from({ length: 50 }, (_, i) => at(i * 0.1));
    expect(ipLimited(times.slice(0, 49), at(5), 15 * 60_000, 50)).toBeNull();
    expect(ipLimited(times, at(5), 15 * 60_000, 50)).toEqual(at(15));
    expect(ipLimited(times, at(16), 15 * 60_000, 50)).toBeNull();
  });
});
