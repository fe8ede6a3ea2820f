import { describe, expect, it } from 'vitest';
import { escalateOnce, ESCALATION_COMPANY_WIDE } from '../deadlines/deadline';
import { MAX_ESCALATION_TIER } from './case';
import { CASE_ESCALATION, closedUnsatisfied } from './escalation';

describe('escalation tiers (ESCALATE-2)', () => {
  it('tier 1 supervisor, tier 2 director, tier 3 manager (company-wide)', () => {
    expect([0, 1, 2].map((tier) => escalateOnce(CASE_ESCALATION, tier)?.role)).toEqual([
      'supervisor',
      'director',
      'manager',
    ]);
    expect(ESCALATION_COMPANY_WIDE).toEqual(['manager']);
    expect(CASE_ESCALATION).toHaveLength(MAX_ESCALATION_TIER);
  });

  it('there is no tier 0 to escalate to, nor one beyond 3', () => {
    expect(escalateOnce(CASE_ESCALATION, -1)).toBeNull();
    expect(escalateOnce(CASE_ESCALATION, 3)).toBeNull();
  });
});

describe('closed unsatisfied (CALLBACK-4)', () => {
  it('counts a director close without a satisfied callback', () => {
    expect(closedUnsatisfied('director', null)).toBe(true);
    expect(closedUnsatisfied('director', 'unsatisfied')).toBe(true);
    expect(closedUnsatisfied('director', 'basically_satisfied')).toBe(false);
    expect(closedUnsatisfied('callback', 'satisfied')).toBe(false);
    expect(closedUnsatisfied('invalidated', null)).toBe(false);
  });
});
