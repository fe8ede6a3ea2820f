import { describe, expect, it } from 'vitest';
import {
  addRates,
  callbackRate,
  effectiveComplaintRate,
  formatRate,
  meetsTarget,
  onTimeRate,
  paidRepairCallbackRate,
  rate,
  reopenRate,
  satisfactionRate,
  TARGETS,
} from './rates';

describe('REPORT-4 formulas, each with a worked example and a zero denominator', () => {
  it('on-time rate per clock = clocks met on time ÷ clocks that fell due in the month: 9 of 12 → 75%', () => {
    expect(onTimeRate({ metOnTime: 9, fellDue: 12 })).toEqual({ value: 0.75, numerator: 9, denominator: 12 });
    expect(onTimeRate({ metOnTime: 0, fellDue: 0 })).toEqual({ value: null, numerator: 0, denominator: 0 });
  });

  it('callback rate = callbacks done ÷ callbacks due: 19 of 20 → 95%, short of the 100% target', () => {
    const r = callbackRate({ done: 19, fellDue: 20 });
    expect(r.value).toBe(0.95);
    expect(meetsTarget(r, TARGETS.callback)).toBe(false);
    expect(meetsTarget(callbackRate({ done: 20, fellDue: 20 }), TARGETS.callback)).toBe(true);
    expect(callbackRate({ done: 0, fellDue: 0 }).value).toBeNull();
    expect(meetsTarget(callbackRate({ done: 0, fellDue: 0 }), TARGETS.callback)).toBeNull();
  });

  it('REPORT-8 paid-repair callback rate = called back ÷ resolved in the month, target ≥ 90% (002 篇4 4.2.1.1)', () => {
    expect(paidRepairCallbackRate({ calledBack: 9, resolved: 10 })).toEqual({
      value: 0.9,
      numerator: 9,
      denominator: 10,
    });
    expect(
      meetsTarget(paidRepairCallbackRate({ calledBack: 9, resolved: 10 }), TARGETS.paidRepairCallback),
    ).toBe(true);
    expect(
      meetsTarget(paidRepairCallbackRate({ calledBack: 8, resolved: 10 }), TARGETS.paidRepairCallback),
    ).toBe(false);
    expect(paidRepairCallbackRate({ calledBack: 0, resolved: 0 }).value).toBeNull();
    expect(() => paidRepairCallbackRate({ calledBack: 3, resolved: 2 })).toThrow(RangeError);
  });

  it('satisfaction rate = (满意 + 基本满意) ÷ callbacks answered: (6 + 2) ÷ 10 → 80%', () => {
    expect(satisfactionRate({ satisfied: 6, basicallySatisfied: 2, answered: 10 })).toEqual({
      value: 0.8,
      numerator: 8,
      denominator: 10,
    });
    expect(satisfactionRate({ satisfied: 0, basicallySatisfied: 0, answered: 0 }).value).toBeNull();
  });

  it('reopen rate = cases reopened ÷ cases resolved in the month: 1 ÷ 8 → 12.5%', () => {
    expect(reopenRate({ reopened: 1, resolved: 8 }).value).toBe(0.125);
    expect(reopenRate({ reopened: 2, resolved: 0 })).toEqual({ value: null, numerator: 2, denominator: 0 });
  });

  it('effective complaint rate = valid complaints ÷ occupied households: 3 ÷ 300 = 1% meets ≤ 1%; 4 ÷ 300 does not', () => {
    const ok = effectiveComplaintRate({ validComplaints: 3, occupiedHouseholds: 300 });
    expect(ok.value).toBeCloseTo(0.01, 12);
    expect(meetsTarget(ok, TARGETS.effectiveComplaint)).toBe(true);
    const over = effectiveComplaintRate({ validComplaints: 4, occupiedHouseholds: 300 });
    expect(meetsTarget(over, TARGETS.effectiveComplaint)).toBe(false);
    expect(effectiveComplaintRate({ validComplaints: 5, occupiedHouseholds: 0 }).value).toBeNull();
  });

  it('formats as a percentage with one decimal, and "—" for a zero denominator', () => {
    expect(formatRate(rate(1, 3))).toBe('33.3%');
    expect(formatRate(rate(0, 5))).toBe('0.0%');
    expect(formatRate(rate(0, 0))).toBe('—');
  });

  it('office totals add the communities’ numerators and denominators (not the rates)', () => {
    expect(addRates([rate(1, 2), rate(3, 8)])).toEqual({ value: 0.4, numerator: 4, denominator: 10 });
    expect(addRates([]).value).toBeNull();
  });

  it('refuses counts that cannot be: negative, fractional, numerator above denominator', () => {
    expect(() => rate(-1, 3)).toThrow(RangeError);
    expect(() => rate(1.5, 3)).toThrow(RangeError);
    expect(() => onTimeRate({ metOnTime: 4, fellDue: 3 })).toThrow(RangeError);
    expect(() => callbackRate({ done: 4, fellDue: 3 })).toThrow(RangeError);
    expect(() => satisfactionRate({ satisfied: 3, basicallySatisfied: 1, answered: 3 })).toThrow(RangeError);
  });
});
