/**
 * An office's desk hours (MSG-6): "HH:mm" opening and closing in the company's time zone; closing at or before
 * opening wraps past midnight (a night desk, 20:00–08:00). Default 08:00–20:00.
 */
export interface DeskHours {
  opens: string;
  closes: string;
}

export const DEFAULT_DESK_HOURS: DeskHours = { opens: '08:00', closes: '20:00' };
export const DESK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The minute of the day of `at` in `timeZone`. */
function localMinute(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

export function withinDeskHours(at: Date, hours: DeskHours, timeZone: string): boolean {
  const now = localMinute(at, timeZone);
  const opens = minutesOf(hours.opens);
  const closes = minutesOf(hours.closes);
  if (closes > opens) return now >= opens && now < closes;
  // wraps midnight (or opens === closes: open all day)
  return opens === closes || now >= opens || now < closes;
}
