/**
 * Reporting periods in the company's time zone (REPORT-2): a case belongs to the month of its `receivedAt`, an
 * event to the month it happened, both read on the company's local calendar — a complaint received at 23:30 on
 * 31 October in Shanghai (15:30 UTC) is October's, whatever the server's zone.
 *
 * Pure: the instant and the zone are arguments.
 */
import { localDateOf, startOfLocalDay } from '../clock/deadlines';
import { formatIsoDate, parseIsoDate } from '../clock/working-calendar';

export interface YearMonth {
  year: number;
  /** 1–12 */
  month: number;
}

/** A half-open interval of instants: `start` ≤ t < `end`. */
export interface Period {
  start: Date;
  end: Date;
}

/** The month after `ym`. */
export function nextMonth({ year, month }: YearMonth): YearMonth {
  return month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
}

/** The month before `ym`. */
export function previousMonth({ year, month }: YearMonth): YearMonth {
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

/** Compares two months: negative when `a` is earlier. */
export function compareMonths(a: YearMonth, b: YearMonth): number {
  return a.year - b.year || a.month - b.month;
}

/**
 * The instants of a local month: from 00:00 on the 1st to 00:00 on the 1st of the next month, local time in
 * `timeZone` (end exclusive). DST-safe: the bounds are local midnights, however long the month is in hours.
 */
export function monthRange(year: number, month: number, timeZone: string): Period {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`not a month: ${year}-${month}`);
  const next = nextMonth({ year, month });
  return {
    start: startOfLocalDay(formatIsoDate(year, month, 1), timeZone),
    end: startOfLocalDay(formatIsoDate(next.year, next.month, 1), timeZone),
  };
}

/** The local date of `at` in `timeZone`, as numbers. */
export function localDateParts(at: Date, timeZone: string): { year: number; month: number; day: number } {
  return parseIsoDate(localDateOf(at, timeZone));
}

/** The local month `at` falls in. */
export function monthOf(at: Date, timeZone: string): YearMonth {
  const { year, month } = localDateParts(at, timeZone);
  return { year, month };
}

/** Whether the whole of month `ym` lies before `now` (local): only finished months get a summary. */
export function isFinishedMonth(ym: YearMonth, now: Date, timeZone: string): boolean {
  return compareMonths(ym, monthOf(now, timeZone)) < 0;
}

/**
 * The day of the following month by which a month's summary must be published (REPORT-1: "monthly, by the
 * 5th"; 002 篇4 4.2.2.2).
 */
export const PUBLICATION_DAY = 5;

/**
 * The instant a month's summary becomes overdue: the end of the 5th of the next month, local time (i.e. 00:00 on
 * the 6th). A summary not published before this instant is overdue.
 */
export function publicationDeadline(ym: YearMonth, timeZone: string): Date {
  const next = nextMonth(ym);
  return startOfLocalDay(formatIsoDate(next.year, next.month, PUBLICATION_DAY + 1), timeZone);
}

/** A month's publication as a deadline of the engine: from the month's end to the end of the 5th. */
export function publicationWindow(ym: YearMonth, timeZone: string): { startedAt: Date; dueAt: Date } {
  const next = nextMonth(ym);
  return {
    startedAt: startOfLocalDay(formatIsoDate(next.year, next.month, 1), timeZone),
    dueAt: publicationDeadline(ym, timeZone),
  };
}

/** Overdue: past the deadline and not published (published late stays "published", not overdue). */
export function isPublicationOverdue(
  ym: YearMonth,
  published: boolean,
  now: Date,
  timeZone: string,
): boolean {
  return !published && now.getTime() >= publicationDeadline(ym, timeZone).getTime();
}

/** The months from `from` to `to`, both included, oldest first (empty when `from` is later). */
export function monthsBetween(from: YearMonth, to: YearMonth): YearMonth[] {
  const out: YearMonth[] = [];
  for (let m = from; compareMonths(m, to) <= 0; m = nextMonth(m)) out.push(m);
  return out;
}
