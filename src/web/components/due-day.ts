/**
 * A deadline set by a day (CLOCK-10): the monthly summary published by the 5th (REPORT-1), a quarterly report's
 * step by the 10th, 15th or 20th (REPORT-5). The engine stores the instant it falls due — 00:00 of the 6th, or
 * 23:59:59.999 of the day — and every page shows the last day it can still be met: "12月5日前", "by 5 Dec", never
 * "12月06日 00:00". When it falls due is not changed here.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { DeadlineKind } from '../api/types';
import type { I18n } from '../i18n/i18n';

/** The last local day on which a deadline due at `iso` can still be met: the day of the instant just before it. */
export function lastDayOf(iso: string): Dayjs | null {
  const due = dayjs(iso);
  return due.isValid() ? due.subtract(1, 'millisecond').startOf('day') : null;
}

/** "12月5日前" / "by 5 Dec"; '—' without a due time. */
export function dueByDayText(i18n: Pick<I18n, 't'>, iso: string | null | undefined): string {
  const day = iso ? lastDayOf(iso) : null;
  return day ? i18n.t('due.byDay', { day: day.format(i18n.t('due.dayFormat')) }) : '—';
}

/**
 * A deadline's due time as its kind reads: a case's clock to the minute; the report deadlines, which are set by a
 * day, as that day.
 */
export function deadlineDueText(
  i18n: Pick<I18n, 't' | 'dateTime'>,
  kind: DeadlineKind,
  iso: string | null | undefined,
): string {
  return kind === 'case_clock' ? i18n.dateTime(iso) : dueByDayText(i18n, iso);
}
