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
