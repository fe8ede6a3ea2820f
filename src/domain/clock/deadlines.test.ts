import { describe, expect, it } from 'vitest';
import {
  computeDueAt,
  dueAtWithPause,
  endOfLocalDay,
  localDateOf,
  nthWorkingDay,
  startOfLocalDay,
  totalPausedMs,
  warnAt,
  zoneOffsetMs,
  type ClockDuration,
} from './deadlines';
import { createStaticCalendar, createWorkingCalendar } from './working-calendar';

const at = (iso: string) => new Date(iso);
const national = createWorkingCalendar();
/** a calendar with no holidays at all, for the pure time-zone tests */
const plain = createStaticCalendar({ knownYears: [2026, 2027] });

const due = (start: string, duration: ClockDuration, timeZone?: string, calendar = national) =>
  computeDueAt({ start: at(start), duration, timeZone, calendar });

describe('CLOCK-2 working days in Asia/Shanghai with the national calendar', () => {
  it('CLOCK-2 working days: 15 working days after 2026-09-25 is 2026-10-22 (Mid-Autumn + National Day + 调休)', () => {
    // 2026-09-25 10:00 CST. Working days after it: 9-28, 9-29, 9-30, 10-08, 10-09, 10-10 (调休 Saturday),
    // 10-12 … 10-16, 10-19 … 10-22 — the 15th is Thursday 2026-10-22, due at its end (23:59:59.999 CST).
    const result = due('2026-09-25T10:00:00+08:00', { amount: 15, unit: 'working_days' });
    expect(result).toEqual({
      dueAt: at('2026-10-22T23:59:59.999+08:00'),
      calendarUnknown: false,
      unknownYears: [],
    });
  });

  it('CLOCK-2 working days: the 调休 Saturday 2026-10-10 counts — 1 working day after Friday 10-09 is Saturday 10-10', () => {
    expect(due('2026-10-09T16:00:00+08:00', { amount: 1, unit: 'working_days' }).dueAt).toEqual(
      at('2026-10-10T23:59:59.999+08:00'),
    );
    // and the 调休 Sunday 2026-09-20: 1 working day after Saturday 09-19
    expect(nthWorkingDay('2026-09-19', 1, national).date).toBe('2026-09-20');
    // without 调休 the 6th working day after 09-25 would be Monday 10-12
    expect(nthWorkingDay('2026-09-25', 6, national).date).toBe('2026-10-10');
  });

  it('CLOCK-2 working days: counting starts from the LOCAL day — 00:30 CST on 09-25 is still 09-24 in UTC', () => {
    const result = due('2026-09-24T16:30:00Z', { amount: 15, unit: 'working_days' });
    expect(result.dueAt).toEqual(at('2026-10-22T15:59:59.999Z'));
  });

  it('CLOCK-2 working days: 0 working days ends today if it is a working day, else on the next one', () => {
    expect(due('2026-10-08T09:00:00+08:00', { amount: 0, unit: 'working_days' }).dueAt).toEqual(
      at('2026-10-08T23:59:59.999+08:00'),
    );
    expect(due('2026-10-03T09:00:00+08:00', { amount: 0, unit: 'working_days' }).dueAt).toEqual(
      at('2026-10-08T23:59:59.999+08:00'),
    );
  });
});

describe('CLOCK-2 working days in years the calendar does not know', () => {
  it('CLOCK-2 working days: 5 working days after 2027-01-29 without 2027 data → best effort by weekday, calendarUnknown', () => {
    const result = due('2027-01-29T10:00:00+08:00', { amount: 5, unit: 'working_days' });
    expect(result.calendarUnknown).toBe(true);
    expect(result.unknownYears).toEqual([2027]);
    // Mon 2-01 … Fri 2-05 by the weekday rule
    expect(result.dueAt).toEqual(at('2027-02-05T23:59:59.999+08:00'));
  });

  it('CLOCK-2 working days: a walk from late 2026 into 2027 is flagged too', () => {
    const result = due('2026-12-28T10:00:00+08:00', { amount: 5, unit: 'working_days' });
    expect(result.calendarUnknown).toBe(true);
    expect(result.unknownYears).toEqual([2027]);
  });

  it('CLOCK-2 working days (policy): with the company 2027 overrides → calendarUnknown false and its holidays respected', () => {
    const calendar = createWorkingCalendar({
      overrides: [
        // as entered by a company admin (hypothetical 2027 arrangement for the test)
        { date: '2027-02-01', kind: 'holiday', name: '春节' },
        { date: '2027-02-02', kind: 'holiday', name: '春节' },
        { date: '2027-02-03', kind: 'holiday', name: '春节' },
        { date: '2027-02-06', kind: 'workday', name: '春节调休' },
      ],
    });
    const result = due('2027-01-29T10:00:00+08:00', { amount: 5, unit: 'working_days' }, undefined, calendar);
    // 2-04 (1), 2-05 (2), Sat 2-06 调休 (3), 2-08 (4), 2-09 (5)
    expect(result).toEqual({
      dueAt: at('2027-02-09T23:59:59.999+08:00'),
      calendarUnknown: false,
      unknownYears: [],
    });
  });

  it('CLOCK-2 working days: a walk that stays inside known years is not flagged even if the case is late in 2026', () => {
    expect(due('2026-12-01T10:00:00+08:00', { amount: 5, unit: 'working_days' }).calendarUnknown).toBe(false);
  });
});

describe('CLOCK-2 units in Asia/Shanghai across midnight (UTC date differs from the local date)', () => {
  // 2026-03-11 00:30 CST = 2026-03-10 16:30 UTC
  const afterMidnight = '2026-03-10T16:30:00Z';

  it('CLOCK-2 units: the local date is the company date, not the UTC date', () => {
    expect(localDateOf(at(afterMidnight), 'Asia/Shanghai')).toBe('2026-03-11');
    expect(localDateOf(at(afterMidnight), 'UTC')).toBe('2026-03-10');
  });

  it('REPAIR-2 dispatch 5 min / ROUTE-3 contact 30 min: minutes cross local midnight', () => {
    // 23:50 CST + 30 min = 00:20 CST the next day
    const result = due('2026-03-10T15:50:00Z', { amount: 30, unit: 'minutes' }, 'Asia/Shanghai');
    expect(result.dueAt).toEqual(at('2026-03-10T16:20:00Z'));
    expect(localDateOf(result.dueAt, 'Asia/Shanghai')).toBe('2026-03-11');
    expect(due(afterMidnight, { amount: 5, unit: 'minutes' }).dueAt).toEqual(at('2026-03-10T16:35:00Z'));
  });

  it('CLOCK-2 reply 24 h: hours are elapsed time', () => {
    expect(due(afterMidnight, { amount: 24, unit: 'hours' }).dueAt).toEqual(at('2026-03-11T16:30:00Z'));
  });

  it('CLOCK-2 verify same day: ends 23:59:59.999 of the LOCAL day (2026-03-11 CST), not of the UTC day', () => {
    expect(due(afterMidnight, { amount: 0, unit: 'same_day' }).dueAt).toEqual(at('2026-03-11T15:59:59.999Z'));
    // one minute before local midnight: the same local day, due 59.999 s later
    expect(due('2026-03-10T15:59:00Z', { amount: 0, unit: 'same_day' }).dueAt).toEqual(
      at('2026-03-10T15:59:59.999Z'),
    );
  });

  it('CLOCK-2 callback 2 days: calendar days end at the end of the 2nd local day after the start', () => {
    expect(due(afterMidnight, { amount: 2, unit: 'calendar_days' }).dueAt).toEqual(
      at('2026-03-13T23:59:59.999+08:00'),
    );
    // holidays do not matter for calendar days
    expect(due('2026-09-30T12:00:00+08:00', { amount: 2, unit: 'calendar_days' }).dueAt).toEqual(
      at('2026-10-02T23:59:59.999+08:00'),
    );
  });

  it('CLOCK-2 units: the time zone defaults to Asia/Shanghai', () => {
    expect(
      computeDueAt({ start: at(afterMidnight), duration: { amount: 0, unit: 'same_day' }, calendar: plain }),
    ).toEqual(
      computeDueAt({
        start: at(afterMidnight),
        duration: { amount: 0, unit: 'same_day' },
        timeZone: 'Asia/Shanghai',
        calendar: plain,
      }),
    );
  });
});

describe('CLOCK-2 company time zone (policy): Europe/Berlin across DST', () => {
  const berlin = 'Europe/Berlin';

  it('CLOCK-2 units: offsets really follow the zone (CET +1 in winter, CEST +2 in summer)', () => {
    expect(zoneOffsetMs(at('2026-01-15T12:00:00Z'), berlin)).toBe(3_600_000);
    expect(zoneOffsetMs(at('2026-07-15T12:00:00Z'), berlin)).toBe(7_200_000);
    expect(zoneOffsetMs(at('2026-07-15T12:00:00Z'), 'Asia/Shanghai')).toBe(8 * 3_600_000);
  });

  it('CLOCK-2 same day: on the 23-hour spring-forward day 2026-03-29 the day ends at 23:59:59.999 CEST', () => {
    expect(due('2026-03-29T08:00:00Z', { amount: 0, unit: 'same_day' }, berlin, plain).dueAt).toEqual(
      at('2026-03-29T21:59:59.999Z'),
    );
    expect(startOfLocalDay('2026-03-29', berlin)).toEqual(at('2026-03-28T23:00:00Z'));
  });

  it('CLOCK-2 calendar days: 1 day after Saturday 2026-03-28 (CET) ends Sunday 23:59:59.999 CEST', () => {
    expect(due('2026-03-28T12:00:00Z', { amount: 1, unit: 'calendar_days' }, berlin, plain).dueAt).toEqual(
      at('2026-03-29T23:59:59.999+02:00'),
    );
  });

  it('CLOCK-2 hours: 24 h across spring-forward is 24 real hours (the wall clock moves 25 h)', () => {
    const dueAt = due('2026-03-28T12:00:00Z', { amount: 24, unit: 'hours' }, berlin, plain).dueAt;
    expect(dueAt).toEqual(at('2026-03-29T12:00:00Z'));
  });

  it('CLOCK-2 working days: 2 working days after Friday 2026-10-23 end Tuesday 10-27 23:59:59.999 CET (after fall-back)', () => {
    expect(
      due('2026-10-23T10:00:00+02:00', { amount: 2, unit: 'working_days' }, berlin, plain).dueAt,
    ).toEqual(at('2026-10-27T23:59:59.999+01:00'));
    // the 25-hour day itself ends at 23:59:59.999 CET
    expect(endOfLocalDay('2026-10-25', berlin)).toEqual(at('2026-10-25T22:59:59.999Z'));
  });

  it('CLOCK-2 same day: a zone whose day starts at 01:00 (America/Santiago DST gap at midnight) still ends days right', () => {
    expect(endOfLocalDay('2026-09-05', 'America/Santiago')).toEqual(at('2026-09-05T23:59:59.999-04:00'));
    expect(startOfLocalDay('2026-09-06', 'America/Santiago')).toEqual(at('2026-09-06T01:00:00-03:00'));
  });

  it('CLOCK-2 units: an unknown time zone or a bad amount fails loudly', () => {
    expect(() => due('2026-03-10T00:00:00Z', { amount: 1, unit: 'same_day' }, 'Mars/Olympus', plain)).toThrow(
      RangeError,
    );
    expect(() => due('2026-03-10T00:00:00Z', { amount: -1, unit: 'minutes' })).toThrow(RangeError);
    expect(() => due('2026-03-10T00:00:00Z', { amount: 1.5, unit: 'working_days' })).toThrow(RangeError);
  });
});

describe('CLOCK-5 pauses and the 80% warning', () => {
  it('FLOW-3 wait–resume: a pause extends the due time by the time paused', () => {
    const dueAt = at('2026-03-17T23:59:59.999+08:00');
    expect(dueAtWithPause(dueAt, 2 * 3_600_000)).toEqual(at('2026-03-18T01:59:59.999+08:00'));
    expect(dueAtWithPause(dueAt, 0)).toEqual(dueAt);
    expect(() => dueAtWithPause(dueAt, -1)).toThrow(RangeError);
  });

  it('CLOCK-5 warnings at 80% of a clock: 60-minute route clock warns after 48 minutes', () => {
    const start = at('2026-03-10T09:00:00+08:00');
    const { dueAt } = computeDueAt({ start, duration: { amount: 60, unit: 'minutes' }, calendar: plain });
    expect(warnAt(start, dueAt)).toEqual(at('2026-03-10T09:48:00+08:00'));
  });

  it('CLOCK-5 warnings at 80% of a clock: a pause moves the warning as well as the deadline', () => {
    const start = at('2026-03-10T09:00:00+08:00');
    const dueAt = at('2026-03-11T09:00:00+08:00'); // reply: 24 h
    const paused = totalPausedMs(
      [
        { from: at('2026-03-10T10:00:00+08:00'), to: at('2026-03-10T11:00:00+08:00') },
        { from: at('2026-03-10T12:00:00+08:00') }, // still paused at `now`
      ],
      at('2026-03-10T12:30:00+08:00'),
    );
    expect(paused).toBe(90 * 60_000);
    // 80% of 24 h = 19 h 12 min → 03-11 04:12, plus 1 h 30 min paused
    expect(warnAt(start, dueAt, paused)).toEqual(at('2026-03-11T05:42:00+08:00'));
    expect(dueAtWithPause(dueAt, paused)).toEqual(at('2026-03-11T10:30:00+08:00'));
  });
});

describe('CLOCK-2 company time zone: the memoised zone offsets equal Intl at every instant', () => {
  const formatters = new Map<string, Intl.DateTimeFormat>();
  const intlOffset = (ms: number, timeZone: string) => {
    if (!formatters.has(timeZone))
      formatters.set(
        timeZone,
        new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        }),
      );
    const parts = Object.fromEntries(
      formatters
        .get(timeZone)!
        .formatToParts(ms)
        .map((p) => [p.type, p.value]),
    );
    const wall = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
      ((ms % 1000) + 1000) % 1000,
    );
    return wall - ms;
  };

  it.each(['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'])(
    '%s: around every DST change of 2026 and at instants within a minute',
    (timeZone) => {
      const instants: number[] = [];
      // Every 7 hours 13 minutes 17.123 seconds through 2026 (lands on every minute offset and second)...
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 26_000_123) instants.push(t);
      // ...and every 7 seconds of the hours around the changes of the year (found where the offset moves).
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000)
        if (intlOffset(t, timeZone) !== intlOffset(t + 3_600_000, timeZone))
          for (let s = -3_600_000; s <= 7_200_000; s += 7_000) instants.push(t + s + 999);
      for (const ms of instants)
        expect(zoneOffsetMs(new Date(ms), timeZone), `${timeZone} ${ms}`).toBe(intlOffset(ms, timeZone));
    },
  );

  it('Africa/Monrovia: an old change in the middle of a minute (−0:44:30 → 0, 1972-01-07) is read to the second', () => {
    const change = Date.UTC(1972, 0, 7, 0, 44, 30);
    expect(intlOffset(change - 60_000, 'Africa/Monrovia')).not.toBe(
      intlOffset(change + 60_000, 'Africa/Monrovia'),
    );
    for (let ms = change - 90_000; ms <= change + 90_000; ms += 1_000)
      expect(zoneOffsetMs(new Date(ms + 500), 'Africa/Monrovia'), `${ms}`).toBe(
        intlOffset(ms + 500, 'Africa/Monrovia'),
      );
  });
});
