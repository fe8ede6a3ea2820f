/**
 * The company's calendar entries a confirmed notice saves (CLOCK-9): the year's existing entries with the
 * proposal's days over them — on the same date the proposal wins — as PUT /api/calendar/overrides/{year} takes them
 * (it replaces the whole year), by date.
 */
import type { CalendarDay, CalendarDayInput } from '../../../contracts/calendar';

const input = (d: CalendarDay): CalendarDayInput => ({
  date: d.date,
  kind: d.kind,
  ...(d.name ? { name: d.name } : {}),
});

export function mergeCalendarDays(
  year: number,
  existing: readonly CalendarDay[],
  proposed: readonly CalendarDay[],
): CalendarDayInput[] {
  const byDate = new Map<string, CalendarDayInput>();
  for (const d of existing) byDate.set(d.date, input(d));
  for (const d of proposed) byDate.set(d.date, input(d));
  // the PUT refuses a date outside its year
  return [...byDate.values()]
    .filter((d) => d.date.startsWith(`${year}-`))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The year's entries with one company entry added or changed (CLOCK-2): `replacing` is the date the entry had
 * before an edit moved it; an entry already on the new date is replaced. As the PUT takes them, by date.
 */
export function putCalendarDay(
  year: number,
  existing: readonly CalendarDay[],
  entry: CalendarDayInput,
  replacing?: string,
): CalendarDayInput[] {
  const kept = existing.filter((d) => d.date !== replacing);
  const name = entry.name?.trim();
  return mergeCalendarDays(year, kept, [{ date: entry.date, kind: entry.kind, name: name || null }]);
}

/** The year's entries without the one of `date` (the day goes back to the national calendar). */
export function removeCalendarDay(
  year: number,
  existing: readonly CalendarDay[],
  date: string,
): CalendarDayInput[] {
  return mergeCalendarDays(
    year,
    existing.filter((d) => d.date !== date),
    [],
  );
}
