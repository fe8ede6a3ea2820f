/**
 * Clock arithmetic (CLOCK-1, CLOCK-5): when a clock falls due, how a pause moves it, when to warn.
 *
 * Pure: the start instant, the company time zone and the working calendar are arguments. Time-zone maths uses
 * only `Intl.DateTimeFormat` (the zone database shipped with Node), no date library.
 */
import {
  addDays,
  isWeekend,
  parseIsoDate,
  formatIsoDate,
  type IsoDate,
  type WorkingCalendar,
} from './working-calendar';

/** The company time zone when none is configured (CLOCK-2, policy). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * - `minutes`, `hours` — elapsed time (a 24-hour clock across a DST change is still 24 real hours);
 * - `calendar_days` — end of the Nth local day after the start's local day (0 = end of the start's day);
 * - `same_day` — end of the start's local day; `amount` is ignored;
 * - `working_days` — end of the Nth working day after the start's local day, following 法定节假日 and 调休
 *   (CLOCK-2, ours); 0 = end of the start's day if it is a working day, else of the next working day.
 *
 * "End of a day" is 23:59:59.999 local time in the company time zone.
 */
export type DurationUnit = 'minutes' | 'hours' | 'calendar_days' | 'same_day' | 'working_days';

export const DURATION_UNITS: readonly DurationUnit[] = [
  'minutes',
  'hours',
  'calendar_days',
  'same_day',
  'working_days',
];

export interface ClockDuration {
  /** in `unit`s; non-negative; whole numbers for the day units */
  amount: number;
  unit: DurationUnit;
}

export interface DueAtInput {
  /** the instant the clock starts (e.g. `receivedAt`, or when handling finished for `callback`) */
  start: Date;
  duration: ClockDuration;
  /** IANA zone of the company; default Asia/Shanghai */
  timeZone?: string;
  calendar: WorkingCalendar;
}

export interface DueAtResult {
  dueAt: Date;
  /**
   * true when a `working_days` walk met a date the calendar does not know (a year neither `chinese-days` nor the
   * company's calendar table covers). `dueAt` is then a best effort that counts every Monday–Friday of those
   * years as a working day: flag the case and warn the admin to enter that year's holidays.
   */
  calendarUnknown: boolean;
  /** the unknown years met by the walk, ascending; empty when `calendarUnknown` is false */
  unknownYears: number[];
}

// ---------------------------------------------------------------------------------------------------------------
// Time zones through Intl.DateTimeFormat

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone: a misconfigured company must fail loudly, not fall back to UTC.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function assertValidInstant(instant: Date, what: string): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`${what} is not a valid instant`);
  }
}

/** The UTC offset of `timeZone` at `at`, read through Intl (to the second: Intl formats no milliseconds). */
function intlOffsetAt(at: number, timeZone: string): number {
  const second = Math.floor(at / 1000) * 1000;
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(second)) fields[part.type] = part.value;
  const yearOfEra = Number(fields.year);
  return (
    wallClockAsUtc({
      year: fields.era === 'BC' ? 1 - yearOfEra : yearOfEra,
      month: Number(fields.month),
      day: Number(fields.day),
      hour: Number(fields.hour),
      minute: Number(fields.minute),
      second: Number(fields.second),
      millisecond: 0,
    }) - second
  );
}

/**
 * The UTC offset of `timeZone` at `instant`, memoised per minute: Intl formatting is the slowest step of a
 * deadline, and intake computes a few dozen readings for the same few minutes (now, the ends of the next days).
 * Since 1973 every zone changes its offset at a whole minute, so one reading per minute is exact; a few earlier
 * changes fell within a minute (Africa/Monrovia 1972, Asia/Kolkata 1942), so older instants are read each time.
 */
const minuteOffsets = new Map<string, number>();
const MINUTE_OFFSETS_KEPT = 50_000;
const WHOLE_MINUTE_CHANGES_SINCE = Date.UTC(1973, 0, 1);

function offsetAt(instant: number, timeZone: string): number {
  if (instant < WHOLE_MINUTE_CHANGES_SINCE) return intlOffsetAt(instant, timeZone);
  const minuteStart = Math.floor(instant / 60_000) * 60_000;
  const key = `${timeZone}|${minuteStart}`;
  let offset = minuteOffsets.get(key);
  if (offset === undefined) {
    offset = intlOffsetAt(minuteStart, timeZone);
    if (minuteOffsets.size >= MINUTE_OFFSETS_KEPT) minuteOffsets.clear();
    minuteOffsets.set(key, offset);
  }
  return offset;
}

/** The local wall-clock reading of `instant` in `timeZone`. */
function wallClockOf(instant: number, timeZone: string): WallClock {
  const local = new Date(instant + offsetAt(instant, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
  };
}

function wallClockAsUtc(wall: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** UTC offset of `timeZone` at `instant`, in ms (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  return wallClockAsUtc(wallClockOf(ms, timeZone)) - ms;
}

/**
 * The instant at which the clocks of `timeZone` read `wall`. A reading that happens twice (autumn DST overlap)
 * gives the later instant — the resident-friendly end of a deadline; a reading skipped by a spring gap is moved
 * forward by the gap's length, as Temporal's "compatible" does.
 */
function instantOfWallClock(wall: WallClock, timeZone: string): number {
  const asUtc = wallClockAsUtc(wall);
  const day = 86_400_000;
  const offsetBefore = zoneOffsetMs(new Date(asUtc - day), timeZone);
  const offsetAfter = zoneOffsetMs(new Date(asUtc + day), timeZone);
  const reads = (t: number) => wallClockAsUtc(wallClockOf(t, timeZone)) === asUtc;
  const candidates = [asUtc - offsetBefore, asUtc - offsetAfter].filter(reads);
  if (candidates.length > 0) return Math.max(...candidates);
  return asUtc - offsetBefore;
}

/** The company-local calendar date of `instant`. */
export function localDateOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): IsoDate {
  assertValidInstant(instant, 'instant');
  const wall = wallClockOf(instant.getTime(), timeZone);
  return formatIsoDate(wall.year, wall.month, wall.day);
}

/** 23:59:59.999 local time on `date` in `timeZone`. */
export function endOfLocalDay(date: IsoDate, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const { year, month, day } = parseIsoDate(date);
  return new Date(
    instantOfWallClock({ year, month, day, hour: 23, minute: 59, second: 59, millisecond: 999 }, timeZone),
  );
}

/** 00:00:00.000 local time on `date` in `timeZone` (the first instant of that local day). */
export function startOfLocalDay(date: IsoDate, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return new Date(endOfLocalDay(addDays(date, -1), timeZone).getTime() + 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Due times

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

function assertAmount(duration: ClockDuration): void {
  const { amount, unit } = duration;
  if (!Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`clock duration must be a non-negative number, got ${amount} ${unit}`);
  }
  if ((unit === 'calendar_days' || unit === 'working_days') && !Number.isInteger(amount)) {
    throw new RangeError(`clock duration in ${unit} must be a whole number, got ${amount}`);
  }
}

/**
 * The Nth working day after `from` (N ≥ 1), or the first working day from `from` itself (N = 0). Days the
 * calendar does not know are counted by the Monday–Friday rule and reported.
 */
export function nthWorkingDay(
  from: IsoDate,
  n: number,
  calendar: WorkingCalendar,
): { date: IsoDate; unknownYears: number[] } {
  const unknownYears = new Set<number>();
  const isWorking = (date: IsoDate): boolean => {
    const working = calendar.isWorkingDay(date);
    if (working !== undefined) return working;
    unknownYears.add(parseIsoDate(date).year);
    return !isWeekend(date);
  };
  // No real calendar has a year without a working day; the cap turns a broken table into an error, not a hang.
  const maxSteps = n * 7 + 400;
  let date = from;
  let steps = 0;
  let remaining = n;
  if (n === 0) {
    while (!isWorking(date)) {
      date = addDays(date, 1);
      if (++steps > maxSteps) throw new RangeError(`no working day found after ${from}`);
    }
  }
  while (remaining > 0) {
    date = addDays(date, 1);
    if (isWorking(date)) remaining--;
    if (++steps > maxSteps) throw new RangeError(`no working day found after ${from}`);
  }
  return { date, unknownYears: [...unknownYears].sort((a, b) => a - b) };
}

/** When a clock started at `start` falls due (CLOCK-1). */
export function computeDueAt(input: DueAtInput): DueAtResult {
  const { start, duration, calendar } = input;
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  assertValidInstant(start, 'start');
  assertAmount(duration);
  const known = (dueAt: Date): DueAtResult => ({ dueAt, calendarUnknown: false, unknownYears: [] });
  switch (duration.unit) {
    case 'minutes':
      return known(new Date(start.getTime() + Math.round(duration.amount * MINUTE_MS)));
    case 'hours':
      return known(new Date(start.getTime() + Math.round(duration.amount * HOUR_MS)));
    case 'same_day':
      return known(endOfLocalDay(localDateOf(start, timeZone), timeZone));
    case 'calendar_days':
      return known(endOfLocalDay(addDays(localDateOf(start, timeZone), duration.amount), timeZone));
    case 'working_days': {
      const { date, unknownYears } = nthWorkingDay(localDateOf(start, timeZone), duration.amount, calendar);
      return { dueAt: endOfLocalDay(date, timeZone), calendarUnknown: unknownYears.length > 0, unknownYears };
    }
    default: {
      const unit: never = duration.unit;
      throw new RangeError(`unknown clock unit ${String(unit)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Pauses and warnings

/** Warnings go out at 80% of a clock (CLOCK-5, ours/policy). */
export const WARNING_FRACTION = 0.8;

/**
 * The due time after the clock stood still for `pausedMs` (the `wait`/`resume` actions pause `resolve`, FLOW-3).
 * A pause moves the deadline by the elapsed time it lasted, whatever the clock's unit.
 */
export function dueAtWithPause(dueAt: Date, pausedMs: number): Date {
  assertValidInstant(dueAt, 'dueAt');
  if (!Number.isFinite(pausedMs) || pausedMs < 0)
    throw new RangeError(`pausedMs must be ≥ 0, got ${pausedMs}`);
  return new Date(dueAt.getTime() + pausedMs);
}

/**
 * When to warn: `fraction` (default 80%) of the running time from `start` to the unpaused `dueAt`, moved by the
 * time the clock was paused. A clock that is already due at its start warns at its start.
 */
export function warnAt(start: Date, dueAt: Date, pausedMs = 0, fraction = WARNING_FRACTION): Date {
  assertValidInstant(start, 'start');
  if (!(fraction >= 0 && fraction <= 1))
    throw new RangeError(`fraction must be within 0..1, got ${fraction}`);
  const span = Math.max(0, dueAt.getTime() - start.getTime());
  return dueAtWithPause(new Date(start.getTime() + Math.round(span * fraction)), pausedMs);
}

/** A pause of a clock: from `from` until `to` (open while `to` is absent). */
export interface PauseInterval {
  from: Date;
  to?: Date | null;
}

/** Total paused time up to `now` (an open pause counts until `now`). */
export function totalPausedMs(pauses: readonly PauseInterval[], now: Date): number {
  let total = 0;
  for (const pause of pauses) {
    const end = pause.to ?? now;
    total += Math.max(0, Math.min(end.getTime(), now.getTime()) - pause.from.getTime());
  }
  return total;
}
