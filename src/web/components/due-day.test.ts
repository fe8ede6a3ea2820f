/**
 * Deadlines set by a day shown as that day (CLOCK-10; REPORT-1 by the 5th, REPORT-5 by the 10th, 15th, 20th): the
 * instant stored — 00:00 of the next day, or the day's last millisecond — reads as the last day it can be met.
 * Instants are built in the machine's own zone, as the browser shows them.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { describe, expect, it } from 'vitest';
import { uiText, type UiKey, type UiParams } from '../i18n/dictionaries';
import { deadlineDueText, dueByDayText, lastDayOf } from './due-day';

const local = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0) =>
  new Date(y, m - 1, d, h, min, s, ms).toISOString();
const i18n = (locale: 'zh-CN' | 'en-US') => ({
  t: (key: UiKey, params?: UiParams) => uiText(locale, key, params),
  dateTime: (iso: string | null | undefined) =>
    iso ? dayjs(iso).format(uiText(locale, 'format.dateTime')) : '—',
});

describe('deadlines set by a day (CLOCK-10)', () => {
  it.each([
    // REPORT-1: the summary of November, overdue from 00:00 on 6 December
    { due: local(2026, 12, 6), day: '2026-12-05', zh: '12月5日前', en: 'by 5 Dec' },
    // REPORT-5: a quarterly step due at the end of its day
    { due: local(2027, 1, 15, 23, 59, 59, 999), day: '2027-01-15', zh: '1月15日前', en: 'by 15 Jan' },
    // across a year: the December summary is due by 5 January
    { due: local(2027, 1, 6), day: '2027-01-05', zh: '1月5日前', en: 'by 5 Jan' },
    // a due time within a day stays on its day
    { due: local(2026, 12, 5, 14, 30), day: '2026-12-05', zh: '12月5日前', en: 'by 5 Dec' },
  ])('due $due is met by $day: "$zh", "$en"', ({ due, day, zh, en }) => {
    expect(lastDayOf(due)?.format('YYYY-MM-DD')).toBe(day);
    expect(dueByDayText(i18n('zh-CN'), due)).toBe(zh);
    expect(dueByDayText(i18n('en-US'), due)).toBe(en);
  });

  it('shows nothing it cannot read as a dash', () => {
    expect(dueByDayText(i18n('zh-CN'), null)).toBe('—');
    expect(dueByDayText(i18n('zh-CN'), 'not a time')).toBe('—');
  });

  it("a case's clock keeps its minute; the report deadlines read as their day", () => {
    const due = local(2026, 12, 6);
    expect(deadlineDueText(i18n('zh-CN'), 'case_clock', due)).toBe('2026年12月06日 00:00');
    expect(deadlineDueText(i18n('zh-CN'), 'monthly_summary', due)).toBe('12月5日前');
    expect(deadlineDueText(i18n('en-US'), 'quarterly_report', due)).toBe('by 5 Dec');
  });
});
