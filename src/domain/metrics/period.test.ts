import { describe, expect, it } from 'vitest';
import {
  compareMonths,
  isFinishedMonth,
  isPublicationOverdue,
  monthOf,
  monthRange,
  monthsBetween,
  nextMonth,
  previousMonth,
  publicationDeadline,
} from './period';

describe('REPORT-2: a case belongs to the month of its receivedAt in the company time zone', () => {
  it('October in Shanghai runs from 30 Sep 16:00 UTC to 31 Oct 16:00 UTC', () => {
    const { start, end } = monthRange(2026, 10, 'Asia/Shanghai');
    expect(start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it('23:30 on 31 October local is October; 00:00 on 1 November local is November', () => {
    expect(monthOf(new Date('2026-10-31T15:30:00Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 10 });
    expect(monthOf(new Date('2026-10-31T16:00:00Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 11 });
    // The same instants are both October in UTC: the zone decides.
    expect(monthOf(new Date('2026-10-31T16:00:00Z'), 'UTC')).toEqual({ year: 2026, month: 10 });
  });

  it('December rolls into the next year; February of a leap year has 29 days', () => {
    const dec = monthRange(2026, 12, 'Asia/Shanghai');
    expect(dec.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    const feb = monthRange(2028, 2, 'UTC');
    expect((feb.end.getTime() - feb.start.getTime()) / 86_400_000).toBe(29);
  });

  it('DST zones: the bounds are local midnights (March in New York is 31 days minus one hour)', () => {
    const { start, end } = monthRange(2026, 3, 'America/New_York');
    expect(start.toISOString()).toBe('2026-03-01T05:00:00.000Z');
    expect(end.toISOString()).toBe('2026-04-01T04:00:00.000Z');
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(31 * 24 - 1);
  });

  it('refuses a month that does not exist', () => {
    expect(() => monthRange(2026, 13, 'UTC')).toThrow(RangeError);
    expect(() => monthRange(2026, 0, 'UTC')).toThrow(RangeError);
  });

  it('next, previous, compare and ranges of months', () => {
    expect(nextMonth({ year: 2026, month: 12 })).toEqual({ year: 2027, month: 1 });
    expect(previousMonth({ year: 2026, month: 1 })).toEqual({ year: 2025, month: 12 });
    expect(compareMonths({ year: 2025, month: 12 }, { year: 2026, month: 1 })).toBeLessThan(0);
    expect(monthsBetween({ year: 2025, month: 11 }, { year: 2026, month: 2 })).toEqual([
      { year: 2025, month: 11 },
      { year: 2025, month: 12 },
      { year: 2026, month: 1 },
      { year: 2026, month: 2 },
    ]);
    expect(monthsBetween({ year: 2026, month: 3 }, { year: 2026, month: 2 })).toEqual([]);
  });

  it('only finished months get a summary', () => {
    const now = new Date('2026-11-01T01:00:00+08:00');
    expect(isFinishedMonth({ year: 2026, month: 10 }, now, 'Asia/Shanghai')).toBe(true);
    expect(isFinishedMonth({ year: 2026, month: 11 }, now, 'Asia/Shanghai')).toBe(false);
  });
});

describe('REPORT-1: published by the 5th of the next month, otherwise overdue', () => {
  const oct = { year: 2026, month: 10 };
  it('the deadline is the end of 5 November, local time', () => {
    expect(publicationDeadline(oct, 'Asia/Shanghai').toISOString()).toBe('2026-11-05T16:00:00.000Z');
    expect(publicationDeadline({ year: 2026, month: 12 }, 'Asia/Shanghai').toISOString()).toBe(
      '2027-01-05T16:00:00.000Z',
    );
  });

  it('not overdue on the 5th at 23:59 local; overdue from 00:00 on the 6th unless published', () => {
    const tz = 'Asia/Shanghai';
    expect(isPublicationOverdue(oct, false, new Date('2026-11-05T23:59:59+08:00'), tz)).toBe(false);
    expect(isPublicationOverdue(oct, false, new Date('2026-11-06T00:00:00+08:00'), tz)).toBe(true);
    expect(isPublicationOverdue(oct, true, new Date('2026-11-20T00:00:00+08:00'), tz)).toBe(false);
  });
});
