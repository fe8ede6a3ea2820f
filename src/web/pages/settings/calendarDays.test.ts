import { describe, expect, it } from 'vitest';
import { mergeCalendarDays, putCalendarDay, removeCalendarDay } from './calendarDays';

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

describe("one company entry added, changed or removed (CLOCK-2), the year's other entries kept", () => {
  const year: { date: string; kind: 'holiday' | 'workday'; name: string | null }[] = [
    { date: '2027-02-07', kind: 'workday', name: '春节' },
    { date: '2027-10-08', kind: 'holiday', name: '司庆' },
  ];

  it.each([
    {
      what: 'a new day off with a note, in date order',
      entry: { date: '2027-06-01', kind: 'holiday', name: ' 员工活动 ' },
      replacing: undefined,
      days: [
        { date: '2027-02-07', kind: 'workday', name: '春节' },
        { date: '2027-06-01', kind: 'holiday', name: '员工活动' },
        { date: '2027-10-08', kind: 'holiday', name: '司庆' },
      ],
    },
    {
      what: 'an entry changed in place, its note cleared',
      entry: { date: '2027-10-08', kind: 'workday', name: '' },
      replacing: '2027-10-08',
      days: [
        { date: '2027-02-07', kind: 'workday', name: '春节' },
        { date: '2027-10-08', kind: 'workday' },
      ],
    },
    {
      what: 'an entry moved to another date: the old date is gone',
      entry: { date: '2027-10-09', kind: 'holiday', name: '司庆' },
      replacing: '2027-10-08',
      days: [
        { date: '2027-02-07', kind: 'workday', name: '春节' },
        { date: '2027-10-09', kind: 'holiday', name: '司庆' },
      ],
    },
    {
      what: 'a new entry on a date that has one: it replaces it',
      entry: { date: '2027-02-07', kind: 'holiday', name: '春节' },
      replacing: undefined,
      days: [
        { date: '2027-02-07', kind: 'holiday', name: '春节' },
        { date: '2027-10-08', kind: 'holiday', name: '司庆' },
      ],
    },
  ] as const)('$what', ({ entry, replacing, days }) => {
    expect(putCalendarDay(2027, year, entry, replacing)).toEqual(days);
  });

  it('removes one entry and keeps the rest', () => {
    expect(removeCalendarDay(2027, year, '2027-02-07')).toEqual([
      { date: '2027-10-08', kind: 'holiday', name: '司庆' },
    ]);
    expect(removeCalendarDay(2027, year, '2027-03-01')).toHaveLength(2);
  });
});
