/**
 * The working-day calendar behind `working_days` clocks (CLOCK-2, **ours**): the national calendar of
 * statutory holidays and adjusted working weekends (法定节假日与调休), plus a per-company override table that admins
 * fill for years the `chinese-days` package does not cover yet.
 *
 * This is the ONLY file that imports `chinese-days`; everything else in the domain takes a `WorkingCalendar`
 * argument, so tests can hand in `createStaticCalendar(...)`.
 *
 * Two traps of the package, both guarded here (CLOCK-2):
 * 1. For a year it has no data for it silently answers "working day" on every Monday–Friday (even 1 January).
 *    We find out which years it really covers (years with at least one entry in its holiday table) and answer
 *    `unknown` for any other year unless the company has entered that year.
 * 2. Under Node ESM only its default import works; named imports pass under Vite/Vitest and crash `npm start`.
 *
 * A third trap found while writing this: the package parses `YYYY-MM-DD` as UTC midnight and then reads it back
 * with local getters, so in a process time zone west of UTC its own answers (weekday, returned date) are off by
 * one day. Its holiday/workday *tables* are keyed with the same shifted parse, so a lookup with a `YYYY-MM-DD`
 * string still hits the right entry; we therefore only ask it "is this date in your holiday or workday table?"
 * and compute the weekday ourselves, which makes the answers independent of the process time zone.
 */
import chineseDays from 'chinese-days';

/** A local calendar date in the company's time zone, `YYYY-MM-DD`. */
export type IsoDate = string;

/**
 * - `workday` — an ordinary Monday–Friday;
 * - `holiday` — a statutory holiday or a day off in lieu (法定节假日 / 调休放假), whatever the weekday;
 * - `weekend` — an ordinary Saturday or Sunday;
 * - `adjusted_workday` — a weekend day worked in exchange for a holiday (调休上班);
 * - `unknown` — a date in a year the calendar has no data for: never guess it is a working day.
 */
export type DayKind = 'workday' | 'holiday' | 'weekend' | 'adjusted_workday' | 'unknown';

export interface WorkingCalendar {
  /** `date`: local calendar date `YYYY-MM-DD`. Throws RangeError on anything else. */
  dayKind(date: IsoDate): DayKind;
  /** true for `workday` and `adjusted_workday`, false for `holiday` and `weekend`, undefined for `unknown`. */
  isWorkingDay(date: IsoDate): boolean | undefined;
  /** Years for which every date has a reliable answer (package data, or entered by the company). */
  readonly knownYears: ReadonlySet<number>;
}

/** One row of the company's calendar table, entered by an admin. */
export interface CalendarOverride {
  /** local calendar date `YYYY-MM-DD` */
  date: IsoDate;
  /** `holiday`: a day off (法定节假日 / 调休放假); `workday`: a day worked (调休上班), usually a weekend day */
  kind: 'holiday' | 'workday';
  /** e.g. 春节, shown to admins; optional */
  name?: string;
}

export interface WorkingCalendarOptions {
  /** The company's calendar table. An override wins over the package for its date. */
  overrides?: readonly CalendarOverride[];
  /**
   * Years the company declares complete in its calendar table. When given, it is authoritative: a year the
   * package lacks is known only if listed here (a single company-specific day off entered for 2027 does not make
   * 2027 known). When omitted, any year with at least one override counts as known.
   */
  knownYears?: Iterable<number>;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates without a time zone: plain arithmetic on the proleptic Gregorian calendar through Date.UTC.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30. */
export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(date);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return formatIsoDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday, for the calendar date itself (no time zone involved). */
export function weekdayOf(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

// ---------------------------------------------------------------------------------------------------------------
// The shared rule, fed either by the package or by static tables.

type TableEntry = 'holiday' | 'workday' | undefined;

function buildCalendar(
  knownYears: ReadonlySet<number>,
  overrideEntry: (date: IsoDate) => TableEntry,
  baseEntry: (date: IsoDate, year: number) => TableEntry,
): WorkingCalendar {
  const dayKind = (date: IsoDate): DayKind => {
    const { year } = parseIsoDate(date);
    // An explicit row for the date is an answer even in a year the company has not completed.
    const entry = overrideEntry(date) ?? (knownYears.has(year) ? baseEntry(date, year) : undefined);
    if (entry === 'holiday') return 'holiday';
    if (entry === 'workday') return isWeekend(date) ? 'adjusted_workday' : 'workday';
    if (!knownYears.has(year)) return 'unknown';
    return isWeekend(date) ? 'weekend' : 'workday';
  };
  return {
    dayKind,
    isWorkingDay(date) {
      const kind = dayKind(date);
      if (kind === 'unknown') return undefined;
      return kind === 'workday' || kind === 'adjusted_workday';
    },
    knownYears,
  };
}

function tableOf(entries: readonly CalendarOverride[]): Map<IsoDate, CalendarOverride> {
  const table = new Map<IsoDate, CalendarOverride>();
  for (const entry of entries) {
    parseIsoDate(entry.date);
    const previous = table.get(entry.date);
    if (previous && previous.kind !== entry.kind) {
      throw new RangeError(`calendar override ${entry.date} is both a holiday and a workday`);
    }
    table.set(entry.date, entry);
  }
  return table;
}

// ---------------------------------------------------------------------------------------------------------------
// chinese-days

/** English weekday names: what `getDayDetail` returns as `name` for a date that is in none of its tables. */
const PLAIN_DAY_NAMES = new Set([
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
]);

/**
 * Which table of `chinese-days` holds `date`: `holiday` (放假), `workday` (调休上班) or none. Raw package data,
 * without the unknown-year guard — for the admin screen and tests. We pass a `YYYY-MM-DD` string on purpose
 * (see trap 3 above).
 */
export function chineseDaysEntry(date: IsoDate): 'holiday' | 'workday' | undefined {
  parseIsoDate(date);
  const detail = chineseDays.getDayDetail(date);
  if (PLAIN_DAY_NAMES.has(detail.name)) return undefined;
  return detail.work ? 'workday' : 'holiday';
}

/**
 * Years scanned for package coverage. The package has shipped 2004 onwards, one year added each November when
 * the State Council publishes the next arrangement; the window leaves room for upgrades.
 */
const PACKAGE_SCAN_FROM = 1949;
const PACKAGE_SCAN_TO = 2199;

/**
 * 元旦, 劳动节 and 国庆节 are statutory holidays every year, so a year the package covers has at least one of these
 * dates in its holiday table, and a year it lacks has none (the test suite checks this against a full scan).
 */
const SENTINEL_DAYS = ['01-01', '05-01', '10-01'];

let packageYears: ReadonlySet<number> | undefined;

/** Years the installed `chinese-days` really has data for (2004–2026 in 1.5.7). */
export function chineseDaysYears(): ReadonlySet<number> {
  if (!packageYears) {
    const years = new Set<number>();
    for (let year = PACKAGE_SCAN_FROM; year <= PACKAGE_SCAN_TO; year++) {
      if (SENTINEL_DAYS.some((monthDay) => chineseDaysEntry(`${year}-${monthDay}`) === 'holiday'))
        years.add(year);
    }
    packageYears = years;
  }
  return packageYears;
}

/**
 * The production calendar: `chinese-days` for the years it covers, the company's overrides on top, and
 * `unknown` for every other year.
 */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const overrides = tableOf(options.overrides ?? []);
  const coveredByPackage = chineseDaysYears();
  const companyYears = options.knownYears
    ? [...options.knownYears]
    : [...overrides.keys()].map((date) => parseIsoDate(date).year);
  const knownYears = new Set([...coveredByPackage, ...companyYears]);
  return buildCalendar(
    knownYears,
    (date) => overrides.get(date)?.kind,
    (date, year) => (coveredByPackage.has(year) ? chineseDaysEntry(date) : undefined),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Static calendar for tests and for anything that must not depend on the package.

export interface StaticCalendarTables {
  /** days off (法定节假日 / 调休放假) */
  holidays?: Iterable<IsoDate>;
  /** weekend days worked (调休上班) */
  workdays?: Iterable<IsoDate>;
  /** years with complete data; default: the years that appear in `holidays` and `workdays` */
  knownYears?: Iterable<number>;
}

/**
 * A calendar from explicit tables, for tests: a listed date is always answered; other dates follow the
 * Monday–Friday rule in known years and are `unknown` elsewhere.
 */
export function createStaticCalendar(tables: StaticCalendarTables = {}): WorkingCalendar {
  const entries = tableOf([
    ...[...(tables.holidays ?? [])].map((date) => ({ date, kind: 'holiday' as const })),
    ...[...(tables.workdays ?? [])].map((date) => ({ date, kind: 'workday' as const })),
  ]);
  const knownYears = new Set(
    tables.knownYears ? [...tables.knownYears] : [...entries.keys()].map((date) => parseIsoDate(date).year),
  );
  return buildCalendar(
    knownYears,
    (date) => entries.get(date)?.kind,
    () => undefined,
  );
}
