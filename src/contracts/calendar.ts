/**
 * The company's working-day calendar (CLOCK-2): 法定节假日 and 调休 entered by admins for years the national
 * data (`chinese-days`) does not cover yet, or to correct a single day.
 */
import { z } from 'zod';

/** A local calendar date `YYYY-MM-DD` that exists (2027-02-30 does not). */
export const IsoDateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'field.invalid_format')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    const probe = new Date(Date.UTC(y, m - 1, d));
    return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
  }, 'field.invalid_date');

/** The years a calendar can be entered for. */
export const CalendarYear = z.coerce.number().int().min(2000).max(2199);

export const CalendarDayKind = z.enum(['holiday', 'workday']);

export const CalendarDayInput = z.object({
  date: IsoDateString,
  /** `holiday`: a day off (法定节假日 / 调休放假); `workday`: a day worked (调休上班), usually a weekend day */
  kind: CalendarDayKind,
  /** e.g. 春节 */
  name: z.string().trim().max(30).optional(),
});
export type CalendarDayInput = z.infer<typeof CalendarDayInput>;

export const CalendarDay = z.object({
  date: z.string(),
  kind: CalendarDayKind,
  name: z.string().nullable(),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const CalendarOverridesQuery = z.object({
  /** default: the current year in the company's time zone */
  year: CalendarYear.optional(),
});
export type CalendarOverridesQuery = z.infer<typeof CalendarOverridesQuery>;

export const CalendarYearParams = z.object({ year: CalendarYear });
export type CalendarYearParams = z.infer<typeof CalendarYearParams>;

/** Replaces every entry of the year; an empty list removes the year's entries. All dates must be in the year. */
export const PutCalendarOverridesBody = z.object({
  days: z.array(CalendarDayInput).max(366),
});
export type PutCalendarOverridesBody = z.infer<typeof PutCalendarOverridesBody>;

export const CalendarOverrides = z.object({
  year: z.number().int(),
  /** the company's entries for the year, by date */
  days: z.array(CalendarDay),
  /** the national calendar's days off and adjusted workdays for the year (empty when the package lacks it) */
  nationalDays: z.array(CalendarDay),
  /** every date of the year has a reliable answer (national data or the company's entries) */
  known: z.boolean(),
});
export type CalendarOverrides = z.infer<typeof CalendarOverrides>;

/** The State Council's yearly notice, pasted as text, to read into a proposal (CLOCK-9). */
export const CalendarNoticeBody = z.object({
  year: CalendarYear,
  text: z.string().trim().min(1).max(20_000),
});
export type CalendarNoticeBody = z.infer<typeof CalendarNoticeBody>;

/** What the notice announces, for the admin to confirm with PUT /api/calendar/overrides/{year}; nothing saved. */
export const CalendarNoticeProposal = z.object({
  year: z.number().int(),
  festivals: z.array(
    z.object({ name: z.string(), holidays: z.array(z.string()), workdays: z.array(z.string()) }),
  ),
  /** the proposal as calendar entries: the days off and the weekend days worked of `year` */
  days: z.array(CalendarDay),
  /** festival lines that could not be read: enter them by hand */
  unread: z.array(z.string()),
});
export type CalendarNoticeProposal = z.infer<typeof CalendarNoticeProposal>;

export const CalendarStatus = z.object({
  /** years with national data or company entries, ascending */
  knownYears: z.array(z.number().int()),
  /** of this year and next year (company time zone), those not known */
  missingYears: z.array(z.number().int()),
  /**
   * true when this year is missing, or next year is missing from November on (when the State Council publishes
   * it and working-day deadlines start to cross the new year)
   */
  warning: z.boolean(),
  /** the warning for admins, in the request's language; null when there is none */
  message: z.string().nullable(),
});
export type CalendarStatus = z.infer<typeof CalendarStatus>;
