import { describe, expect, it } from 'vitest';
import type { ClockName } from './case';
import type { ClockEffect } from './case-clocks';
import { clockSummary, foldClockEffects, nextCheckAt, type StoredClock } from './stored-clocks';

const T = (iso: string) => new Date(iso);
const START = T('2026-03-10T00:00:00Z');
const DUE = T('2026-03-10T10:00:00Z'); // 10 h: the 80 % warning at 08:00

function stored(name: ClockName, overrides: Partial<StoredClock> = {}): StoredClock {
  const c: StoredClock = {
    id: `k-${name}`,
    caseId: 'c1',
    name,
    startedAt: START,
    dueAt: DUE,
    metAt: null,
    warnedAt: null,
    breachedAt: null,
    pausedAt: null,
    pausedMs: 0,
    stoppedAt: null,
    calendarUnknown: false,
    nextCheckAt: null,
    ...overrides,
  };
  return c;
}

describe('nextCheckAt: when the sweeper looks at a clock (80 % warning, then the deadline; each once)', () => {
  it('the warning first, then the deadline once warned', () => {
    expect(nextCheckAt(stored('reply'))).toEqual(T('2026-03-10T08:00:00Z'));
    expect(nextCheckAt(stored('reply', { warnedAt: T('2026-03-10T08:00:00Z') }))).toEqual(DUE);
  });

  it('a clock due at its start is checked at its deadline', () => {
    expect(nextCheckAt(stored('reply', { dueAt: START }))).toEqual(START);
  });

  it.each(['metAt', 'stoppedAt', 'pausedAt', 'breachedAt'] as const)('never once %s is set', (field) => {
    expect(nextCheckAt(stored('reply', { [field]: T('2026-03-10T05:00:00Z') }))).toBeNull();
  });
});

describe('foldClockEffects: the clock effects of a decision applied to the stored clocks', () => {
  const fold = (clocks: StoredClock[], effects: ClockEffect[]) => {
    const map = new Map(clocks.map((c) => [c.name, { ...c }]));
    const touched = foldClockEffects(map, 'c1', effects);
    return { map, touched };
  };

  it('start creates a clock (id left to the store) or restarts one, keeping its id and clearing the rest', () => {
    const { map, touched } = fold(
      [stored('resolve', { metAt: DUE, warnedAt: DUE, breachedAt: DUE, pausedMs: 5 })],
      [
        { op: 'start', clock: 'resolve', startedAt: START, dueAt: DUE, calendarUnknown: false },
        { op: 'start', clock: 'callback', startedAt: START, dueAt: DUE, calendarUnknown: true },
      ],
    );
    expect([...touched]).toEqual(['resolve', 'callback']);
    expect(map.get('resolve')).toEqual(stored('resolve', { nextCheckAt: T('2026-03-10T08:00:00Z') }));
    expect(map.get('callback')).toMatchObject({ id: '', calendarUnknown: true, caseId: 'c1' });
  });

  it('meet, pause, resume, extend and stop change what they name and the next check follows', () => {
    const at = T('2026-03-10T06:00:00Z');
    const later = T('2026-03-10T12:00:00Z');
    const met = fold([stored('reply')], [{ op: 'meet', clock: 'reply', at }]).map.get('reply')!;
    expect(met).toMatchObject({ metAt: at, nextCheckAt: null });
    const paused = fold([stored('resolve')], [{ op: 'pause', clock: 'resolve', at }]).map.get('resolve')!;
    expect(paused).toMatchObject({ pausedAt: at, nextCheckAt: null });
    const resumed = fold(
      [stored('resolve', { pausedAt: at })],
      [
        {
          op: 'resume',
          clock: 'resolve',
          at: later,
          dueAt: T('2026-03-10T16:00:00Z'),
          pausedMs: 6 * 3600_000,
        },
      ],
    ).map.get('resolve')!;
    expect(resumed).toMatchObject({
      pausedAt: null,
      dueAt: T('2026-03-10T16:00:00Z'),
      pausedMs: 6 * 3600_000,
    });
    expect(resumed.nextCheckAt).toEqual(T('2026-03-10T12:48:00Z'));
    const extended = fold(
      [stored('resolve', { warnedAt: T('2026-03-10T08:00:00Z') })],
      [{ op: 'extend', clock: 'resolve', dueAt: later, previousDueAt: DUE }],
    ).map.get('resolve')!;
    expect(extended).toMatchObject({ dueAt: later, warnedAt: null, nextCheckAt: T('2026-03-10T09:36:00Z') });
    const stopped = fold([stored('route')], [{ op: 'stop', clock: 'route', at }]).map.get('route')!;
    expect(stopped).toMatchObject({ stoppedAt: at, nextCheckAt: null });
  });

  it('an effect on a clock the case does not have is ignored and not reported as changed', () => {
    const { map, touched } = fold([], [{ op: 'meet', clock: 'verify', at: START }]);
    expect(map.size).toBe(0);
    expect(touched.size).toBe(0);
  });
});

describe('clockSummary: what the case row keeps of its clocks', () => {
  it('the earliest due time of the counting, unpaused clocks', () => {
    expect(
      clockSummary([
        stored('reply', { dueAt: T('2026-03-10T03:00:00Z'), metAt: START }),
        stored('route', { dueAt: T('2026-03-10T02:00:00Z'), stoppedAt: START }),
        stored('resolve', { dueAt: T('2026-03-10T01:00:00Z'), pausedAt: START }),
        stored('verify', { dueAt: T('2026-03-10T05:00:00Z') }),
        stored('callback', { dueAt: T('2026-03-10T04:00:00Z') }),
      ]),
    ).toEqual({ nextDueAt: T('2026-03-10T04:00:00Z'), calendarUnknown: false });
  });

  it('an unknown calendar year is flagged while its clock counts (paused too), not once it is met', () => {
    expect(clockSummary([stored('resolve', { calendarUnknown: true, pausedAt: START })])).toEqual({
      nextDueAt: null,
      calendarUnknown: true,
    });
    expect(clockSummary([stored('resolve', { calendarUnknown: true, metAt: START })]).calendarUnknown).toBe(
      false,
    );
    expect(clockSummary([])).toEqual({ nextDueAt: null, calendarUnknown: false });
  });
});
