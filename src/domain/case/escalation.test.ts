import { describe, expect, it } from 'vitest';
import { closedUnsatisfied, escalationIsCompanyWide, escalationRole } from './escalation';

describe('escalation tiers (domain.md §4)', () => {
  it('tier 1 supervisor, tier 2 director, tier 3 manager (company-wide)', () => {
    expect([1, 2, 3].map(escalationRole)).toEqual(['supervisor', 'director', 'manager']);
    expect(escalationIsCompanyWide('manager')).toBe(true);
    expect(escalationIsCompanyWide('director')).toBe(false);
  });

  it('there is no tier 0 or beyond 3', () => {
    expect(() => escalationRole(0)).toThrow(RangeError);
    expect(() => escalationRole(4)).toThrow(RangeError);
  });
});

describe('closed unsatisfied (domain.md §5.3)', () => {
  it('counts a director close without a satisfied callback', () => {
    expect(closedUnsatisfied('director', null)).toBe(true);
    expect(closedUnsatisfied('director', 'unsatisfied')).toBe(true);
    expect(closedUnsatisfied('director', 'basically_satisfied')).toBe(false);
    expect(closedUnsatisfied('callback', 'satisfied')).toBe(false);
    expect(closedUnsatisfied('invalidated', null)).toBe(false);
  });
});
