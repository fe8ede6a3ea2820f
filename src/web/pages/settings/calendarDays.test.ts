import { describe, expect, it } from 'vitest';
import { mergeCalendarDays } from './calendarDays';

describe('the calendar entries a confirmed notice saves (CLOCK-9)', () => {
  it("keeps the year's own entries, the proposal winning on the same date, sorted by date", () => {
    expect(
      mergeCalendarDays(
        2027,
        [
          { date: '2027-10-08', kind: 'holiday', name: '司庆' },
          { date: '2027-02-07', kind: 'holiday', name: null },
        ],
        [
          { date: '2027-02-07', kind: 'workday', name: '春节' },
          { date: '2027-02-06', kind: 'holiday', name: '春节' },
        ],
      ),
    ).toEqual([
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
      { date: '2027-02-07', kind: 'workday', name: '春节' },
      { date: '2027-10-08', kind: 'holiday', name: '司庆' },
    ]);
  });

  it('drops dates outside the year, which the PUT refuses', () => {
    expect(mergeCalendarDays(2027, [], [{ date: '2026-12-31', kind: 'holiday', name: '元旦' }])).toEqual([]);
  });
});
