import { describe, expect, it } from 'vitest';
import {
  addDays,
  chineseDaysEntry,
  chineseDaysYears,
  createStaticCalendar,
  createWorkingCalendar,
  parseIsoDate,
  weekdayOf,
} from './working-calendar';

describe('working calendar from chinese-days (CLOCK-2 working days: 法定节假日与调休)', () => {
  const calendar = createWorkingCalendar();

  it('CLOCK-2 working days: chinese-days really covers 2004–2026 and nothing else (it has no 2027 data yet)', () => {
    const years = [...chineseDaysYears()].sort((a, b) => a - b);
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(years).toHaveLength(2026 - 2004 + 1);
    expect(calendar.knownYears.has(2003)).toBe(false);
    expect(calendar.knownYears.has(2027)).toBe(false);
  });

  it('CLOCK-2 working days: coverage = the years with any holiday in the package tables (full scan 1990–2040)', () => {
    const scanned: number[] = [];
    for (let year = 1990; year <= 2040; year++) {
      for (let date = `${year}-01-01`; date.startsWith(`${year}-`); date = addDays(date, 1)) {
        if (chineseDaysEntry(date) === 'holiday') {
          scanned.push(year);
          break;
        }
      }
    }
    expect(scanned).toEqual(
      [...chineseDaysYears()].filter((y) => y >= 1990 && y <= 2040).sort((a, b) => a - b),
    );
    // the package's own answer for an uncovered year is the trap we guard against: 元旦 2027 "is a workday"
    expect(chineseDaysEntry('2027-01-01')).toBeUndefined();
  });

  it('CLOCK-2 working days: 2026 Mid-Autumn (9-25..27) and National Day (10-01..07) are holidays', () => {
    for (const date of ['2026-09-25', '2026-09-26', '2026-09-27'])
      expect(calendar.dayKind(date)).toBe('holiday');
    for (let date = '2026-10-01'; date <= '2026-10-07'; date = addDays(date, 1)) {
      expect(calendar.dayKind(date)).toBe('holiday');
      expect(calendar.isWorkingDay(date)).toBe(false);
    }
  });

  it('CLOCK-2 working days: the 2026 National Day 调休 Sunday 09-20 and Saturday 10-10 are working days', () => {
    expect(weekdayOf('2026-09-20')).toBe(0);
    expect(weekdayOf('2026-10-10')).toBe(6);
    expect(calendar.dayKind('2026-09-20')).toBe('adjusted_workday');
    expect(calendar.dayKind('2026-10-10')).toBe('adjusted_workday');
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    // ordinary days around them
    expect(calendar.dayKind('2026-10-11')).toBe('weekend');
    expect(calendar.dayKind('2026-10-08')).toBe('workday');
    expect(calendar.dayKind('2026-09-19')).toBe('weekend');
  });

  it('CLOCK-2 working days: other 2026 arrangements (元旦 1-01..03, 1-04 worked; 春节 2-14 and 2-28 worked)', () => {
    expect(calendar.dayKind('2026-01-01')).toBe('holiday');
    expect(calendar.dayKind('2026-01-04')).toBe('adjusted_workday');
    expect(calendar.dayKind('2026-02-14')).toBe('adjusted_workday');
    expect(calendar.dayKind('2026-02-23')).toBe('holiday');
    expect(calendar.dayKind('2026-02-28')).toBe('adjusted_workday');
  });

  it('CLOCK-2 working days: a year chinese-days lacks is unknown, never silently a working day (even 2027-01-01)', () => {
    expect(calendar.dayKind('2027-01-01')).toBe('unknown');
    expect(calendar.isWorkingDay('2027-01-01')).toBeUndefined();
    expect(calendar.dayKind('2027-03-01')).toBe('unknown');
    expect(calendar.dayKind('2003-06-02')).toBe('unknown');
  });

  it('CLOCK-2 working days (policy): company overrides make their year known and win over the weekday rule', () => {
    const withOverrides = createWorkingCalendar({
      overrides: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday', name: '春节调休' },
      ],
    });
    expect(withOverrides.knownYears.has(2027)).toBe(true);
    expect(withOverrides.dayKind('2027-01-01')).toBe('holiday');
    expect(withOverrides.dayKind('2027-02-06')).toBe('adjusted_workday');
    expect(withOverrides.dayKind('2027-03-01')).toBe('workday');
    expect(withOverrides.dayKind('2027-03-06')).toBe('weekend');
    expect(withOverrides.dayKind('2028-03-01')).toBe('unknown');
    // the package still answers its own years
    expect(withOverrides.dayKind('2026-10-10')).toBe('adjusted_workday');
  });

  it('CLOCK-2 working days (policy): an override also corrects a year the package covers', () => {
    const corrected = createWorkingCalendar({ overrides: [{ date: '2026-10-10', kind: 'holiday' }] });
    expect(corrected.dayKind('2026-10-10')).toBe('holiday');
  });

  it('CLOCK-2 working days (policy): an explicit knownYears list is authoritative; a lone override does not complete its year', () => {
    const partial = createWorkingCalendar({
      overrides: [{ date: '2027-05-04', kind: 'holiday', name: '公司活动' }],
      knownYears: [],
    });
    expect(partial.dayKind('2027-05-04')).toBe('holiday');
    expect(partial.dayKind('2027-05-05')).toBe('unknown');
    const declared = createWorkingCalendar({ knownYears: [2027] });
    expect(declared.dayKind('2027-05-05')).toBe('workday');
  });

  it('rejects malformed dates and contradictory overrides', () => {
    expect(() => calendar.dayKind('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.dayKind('2026/10/10')).toThrow(RangeError);
    expect(() =>
      createWorkingCalendar({
        overrides: [
          { date: '2027-01-01', kind: 'holiday' },
          { date: '2027-01-01', kind: 'workday' },
        ],
      }),
    ).toThrow(RangeError);
  });
});

describe('static calendar (the fake the rest of the domain tests with)', () => {
  it('CLOCK-2 working days: explicit holidays and 调休 workdays, unknown outside its years', () => {
    const calendar = createStaticCalendar({ holidays: ['2030-01-01'], workdays: ['2030-01-05'] });
    expect(calendar.dayKind('2030-01-01')).toBe('holiday');
    expect(calendar.dayKind('2030-01-05')).toBe('adjusted_workday');
    expect(calendar.dayKind('2030-01-06')).toBe('weekend');
    expect(calendar.dayKind('2030-01-07')).toBe('workday');
    expect(calendar.dayKind('2031-01-07')).toBe('unknown');
    expect([...calendar.knownYears]).toEqual([2030]);
  });
});

describe('date helpers', () => {
  it('adds days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(parseIsoDate('2026-10-22')).toEqual({ year: 2026, month: 10, day: 22 });
  });
});
