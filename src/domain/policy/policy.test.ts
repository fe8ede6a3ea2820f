import { describe, expect, it } from 'vitest';
import {
  CLOCK_NAMES,
  DEFAULT_CASE_NUMBER_PREFIXES,
  DEFAULT_CLOCK_DURATIONS,
  MOVE_IN_DEFECT_RESOLVE,
} from './defaults';
import {
  caseNumberPrefix,
  clashingPrefixKinds,
  prefixesDistinct,
  resolveClockDuration,
  resolveClockRule,
  type ClockPolicy,
} from './policy';

describe('CLOCK-1 the default clock table', () => {
  it('CLOCK-1 clock table: dispatch 5 min, contact 30 min, route 60 min, verify same day, reply 24 h, resolve 7 days (policy), callback 2 days, corrective own due date, onsite 30 min, progress 2 h, appointment at its time, followUp 2 working days, homeVisit off', () => {
    expect(DEFAULT_CLOCK_DURATIONS).toEqual({
      dispatch: { amount: 5, unit: 'minutes' },
      contact: { amount: 30, unit: 'minutes' },
      route: { amount: 60, unit: 'minutes' },
      verify: { amount: 0, unit: 'same_day' },
      reply: { amount: 24, unit: 'hours' },
      resolve: { amount: 7, unit: 'calendar_days' },
      callback: { amount: 2, unit: 'calendar_days' },
      corrective: null,
      onsite: { amount: 30, unit: 'minutes' },
      progress: { amount: 2, unit: 'hours' },
      appointment: null,
      followUp: { amount: 2, unit: 'working_days' },
      homeVisit: null,
    });
    expect(Object.keys(DEFAULT_CLOCK_DURATIONS).sort()).toEqual([...CLOCK_NAMES].sort());
  });

  it('CLOCK-1 move-in defects (003 第1篇 3.(7)): small ones the same day, larger ones within 7 days', () => {
    expect(MOVE_IN_DEFECT_RESOLVE.small).toEqual({ amount: 0, unit: 'same_day' });
    expect(MOVE_IN_DEFECT_RESOLVE.large).toEqual({ amount: 7, unit: 'calendar_days' });
  });
});

describe('CLOCK-1 clock policy precedence: category > severity > kind > company default > built-in', () => {
  const policy: ClockPolicy = {
    defaults: { resolve: { amount: 10, unit: 'working_days' } },
    byKind: {
      suggestion: { resolve: { amount: 15, unit: 'working_days' } },
      praise: { resolve: null },
      repair: { reply: { amount: 12, unit: 'hours' } },
    },
    bySeverity: { emergency: { resolve: { amount: 4, unit: 'hours' }, reply: { amount: 1, unit: 'hours' } } },
    byCategory: {
      lift: { resolve: { amount: 2, unit: 'hours' } },
      'lift-entrapment': { reply: { amount: 15, unit: 'minutes' } },
    },
  };

  it('CLOCK-1 policy: no rule anywhere → the built-in table', () => {
    expect(resolveClockRule({}, 'reply', { kind: 'complaint', severity: 'general' })).toEqual({
      duration: { amount: 24, unit: 'hours' },
      source: 'builtin',
    });
    expect(resolveClockDuration({}, 'corrective', { kind: 'complaint', severity: 'general' })).toBeNull();
  });

  it('CLOCK-1 policy: the company default replaces the built-in one', () => {
    expect(resolveClockRule(policy, 'resolve', { kind: 'complaint', severity: 'general' })).toEqual({
      duration: { amount: 10, unit: 'working_days' },
      source: 'company',
    });
  });

  it('CLOCK-1 policy: kind beats the company default; null switches a clock off (praise has no resolve clock)', () => {
    expect(resolveClockDuration(policy, 'resolve', { kind: 'suggestion', severity: 'general' })).toEqual({
      amount: 15,
      unit: 'working_days',
    });
    expect(resolveClockRule(policy, 'resolve', { kind: 'praise', severity: 'general' })).toEqual({
      duration: null,
      source: 'kind',
    });
  });

  it('CLASS-2 emergency: severity beats kind (an emergency repair replies in 1 h, not the repair 12 h)', () => {
    expect(resolveClockRule(policy, 'reply', { kind: 'repair', severity: 'emergency' })).toEqual({
      duration: { amount: 1, unit: 'hours' },
      source: 'severity',
    });
    expect(resolveClockDuration(policy, 'reply', { kind: 'repair', severity: 'general' })).toEqual({
      amount: 12,
      unit: 'hours',
    });
  });

  it('CLASS-3 categories: category beats severity; the nearest category in the tree wins', () => {
    const entrapment = {
      kind: 'repair' as const,
      severity: 'emergency' as const,
      categoryId: 'lift-entrapment',
      categoryAncestorIds: ['lift', 'facility-repair'],
    };
    expect(resolveClockRule(policy, 'reply', entrapment)).toEqual({
      duration: { amount: 15, unit: 'minutes' },
      source: 'category',
      categoryId: 'lift-entrapment',
    });
    // resolve: no rule on lift-entrapment itself, its parent `lift` has one — beats emergency's 4 h
    expect(resolveClockRule(policy, 'resolve', entrapment)).toEqual({
      duration: { amount: 2, unit: 'hours' },
      source: 'category',
      categoryId: 'lift',
    });
    // a category without rules falls through to severity
    expect(
      resolveClockRule(policy, 'resolve', { kind: 'repair', severity: 'emergency', categoryId: 'greening' })
        .source,
    ).toBe('severity');
  });

  it('CLOCK-1 policy: the resolved duration is a copy — callers cannot corrupt the built-in table', () => {
    const duration = resolveClockDuration({}, 'dispatch', { kind: 'repair', severity: 'general' });
    expect(duration).toEqual({ amount: 5, unit: 'minutes' });
    duration!.amount = 99;
    expect(DEFAULT_CLOCK_DURATIONS.dispatch).toEqual({ amount: 5, unit: 'minutes' });
  });
});

describe('INTAKE-8: prefix per kind (policy)', () => {
  it('INTAKE-8: default prefixes TS, BX, ZX, JY, BY, QT; a company may change them', () => {
    expect(DEFAULT_CASE_NUMBER_PREFIXES).toEqual({
      complaint: 'TS',
      repair: 'BX',
      inquiry: 'ZX',
      suggestion: 'JY',
      praise: 'BY',
      other: 'QT',
    });
    expect(caseNumberPrefix('repair')).toBe('BX');
    expect(caseNumberPrefix('repair', { repair: 'WX' })).toBe('WX');
    expect(caseNumberPrefix('complaint', { repair: 'WX' })).toBe('TS');
  });

  it.each([
    [{}, true],
    [{ repair: 'WX' }, true],
    [{ complaint: 'BX', repair: 'TS' }, true],
    [{ repair: 'TS' }, false],
    [{ complaint: 'XX', repair: 'XX' }, false],
    [{ other: 'ZX' }, false],
  ] as const)('INTAKE-8: prefixes %j number every kind apart: %s', (prefixes, distinct) => {
    expect(prefixesDistinct(prefixes)).toBe(distinct);
  });

  it('INTAKE-8: the kinds that clash are named, a blank prefix standing for the built-in one', () => {
    expect(clashingPrefixKinds({ repair: 'TS' })).toEqual(['complaint', 'repair']);
    expect(clashingPrefixKinds({ repair: '', other: 'ZX' })).toEqual(['inquiry', 'other']);
    expect(clashingPrefixKinds({ repair: 'WX' })).toEqual([]);
  });
});
