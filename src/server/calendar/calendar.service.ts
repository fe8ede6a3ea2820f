/**
 * The company's working-day calendar (CLOCK-2): the national data of `chinese-days` plus the company's own
 * entries for years the package lacks (2027 today). The case service reads it through loadWorkingCalendar.
 */
import {
  addDays,
  chineseDaysEntry,
  chineseDaysYears,
  createWorkingCalendar,
  parseIsoDate,
  type WorkingCalendar,
} from '../../domain/clock/working-calendar';
import { fieldError } from '../../domain/errors';
import { parseHolidayNotice } from '../../domain/clock/holiday-notice';
import type {
  CalendarDay,
  CalendarOverrides,
  CalendarStatus,
  PutCalendarOverridesBody,
  CalendarNoticeBody,
  CalendarNoticeProposal,
} from '../../contracts/calendar';
import { translate, type Locale } from '../../contracts/messages';
import type { AppDeps } from '../platform/deps';
import type { Tx } from '../db/client';
import type { RequestActor } from '../http/types';
import * as repo from './calendar.repository';

// ---------------------------------------------------------------------------------------------------------------
// The calendar for deadlines, cached per company

/**
 * How long an instance keeps a company's calendar. A change made through this instance is seen at once; another
 * instance sees it within this time (entries are made weeks ahead of the days they describe).
 */
export const CALENDAR_CACHE_MS = 60_000;

const cache = new Map<string, { expiresAt: number; calendar: Promise<WorkingCalendar> }>();

/**
 * The company's WorkingCalendar: national data for the years the package covers, the company's entries on top,
 * and `unknown` for any other year (a year counts as known once the company has entered any day of it).
 * Cached per company for CALENDAR_CACHE_MS; PUT /api/calendar/overrides/:year drops the cache.
 */
export function loadWorkingCalendar(db: Tx, companyId: string): Promise<WorkingCalendar> {
  const now = Date.now();
  const hit = cache.get(companyId);
  if (hit && hit.expiresAt > now) return hit.calendar;
  const calendar = repo.allOverrides(db, companyId).then((overrides) => createWorkingCalendar({ overrides }));
  cache.set(companyId, { expiresAt: now + CALENDAR_CACHE_MS, calendar });
  // A failed read must not stay cached.
  calendar.catch(() => {
    if (cache.get(companyId)?.calendar === calendar) cache.delete(companyId);
  });
  return calendar;
}

export function invalidateWorkingCalendar(companyId: string) {
  cache.delete(companyId);
}

// ---------------------------------------------------------------------------------------------------------------

/** The calendar year of `at` in `timeZone`, and its month (1–12). */
export function localYearMonth(at: Date, timeZone: string): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(at);
  return {
    year: Number(parts.find((p) => p.type === 'year')!.value),
    month: Number(parts.find((p) => p.type === 'month')!.value),
  };
}

/** The package's days off and adjusted workdays of a year it covers. */
function nationalDaysOf(year: number): CalendarDay[] {
  if (!chineseDaysYears().has(year)) return [];
  const out: CalendarDay[] = [];
  for (let date = `${year}-01-01`; date.startsWith(`${year}-`); date = addDays(date, 1)) {
    const kind = chineseDaysEntry(date);
    if (kind) out.push({ date, kind, name: null });
  }
  return out;
}

async function knownYearsOf(db: Tx, companyId: string): Promise<number[]> {
  const years = new Set([...chineseDaysYears(), ...(await repo.yearsWithOverrides(db, companyId))]);
  return [...years].sort((a, b) => a - b);
}

export function calendarService({ db, clock }: AppDeps) {
  const thisYear = async (companyId: string) =>
    localYearMonth(clock.now(), await repo.companyTimeZone(db, companyId));

  const overridesOf = async (companyId: string, year: number): Promise<CalendarOverrides> => {
    const days = await repo.overridesOfYear(db, companyId, year);
    return {
      year,
      days,
      nationalDays: nationalDaysOf(year),
      known: days.length > 0 || chineseDaysYears().has(year),
    };
  };

  return {
    async overrides(actor: RequestActor, year: number | undefined): Promise<CalendarOverrides> {
      return overridesOf(actor.companyId, year ?? (await thisYear(actor.companyId)).year);
    },

    async replace(
      actor: RequestActor,
      year: number,
      body: PutCalendarOverridesBody,
    ): Promise<CalendarOverrides> {
      const problems: Record<string, string> = {};
      const seen = new Set<string>();
      body.days.forEach((d, i) => {
        if (parseIsoDate(d.date).year !== year) problems[`days.${i}.date`] = 'field.date_not_in_year';
        else if (seen.has(d.date)) problems[`days.${i}.date`] = 'field.duplicate_date';
        seen.add(d.date);
      });
      if (Object.keys(problems).length) throw fieldError(problems);
      const sorted = [...body.days].sort((a, b) => a.date.localeCompare(b.date));
      await db.transaction(async (tx) => {
        await repo.lockCompanyCalendar(tx, actor.companyId);
        await repo.replaceYear(tx, actor.companyId, year, sorted);
      });
      invalidateWorkingCalendar(actor.companyId);
      return overridesOf(actor.companyId, year);
    },

    /** The notice read into a proposal (CLOCK-9); the admin confirms it with `replace`. */
    readNotice(body: CalendarNoticeBody): CalendarNoticeProposal {
      const parsed = parseHolidayNotice(body.text, body.year);
      const days = new Map<string, { date: string; kind: 'holiday' | 'workday'; name: string | null }>();
      for (const f of parsed.festivals) {
        for (const date of f.holidays) days.set(date, { date, kind: 'holiday', name: f.name });
        for (const date of f.workdays) days.set(date, { date, kind: 'workday', name: f.name });
      }
      return {
        year: body.year,
        festivals: parsed.festivals,
        days: [...days.values()]
          .filter((d) => d.date.startsWith(`${body.year}-`))
          .sort((a, b) => a.date.localeCompare(b.date)),
        unread: parsed.unread,
      };
    },

    async status(actor: RequestActor, locale: Locale): Promise<CalendarStatus> {
      const knownYears = await knownYearsOf(db, actor.companyId);
      const { year, month } = await thisYear(actor.companyId);
      const missingYears = [year, year + 1].filter((y) => !knownYears.includes(y));
      const warning = missingYears.includes(year) || (month >= 11 && missingYears.includes(year + 1));
      return {
        knownYears,
        missingYears,
        warning,
        message: warning
          ? translate(locale, 'calendar.missing_years', { years: missingYears.join('、') })
          : null,
      };
    },
  };
}
