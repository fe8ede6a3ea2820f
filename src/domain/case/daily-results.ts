/**
 * The director hears every result (CALLBACK-8, 000 篇2 一.5: 事事有着落、件件有回音): a complaint, a major or an
 * emergency case at once, when it is resolved; every other result in a daily list — the previous local day's
 * resolutions of the office, one bell entry each morning.
 */
import { localDateOf, startOfLocalDay } from '../clock/deadlines';
import { addDays, type IsoDate } from '../clock/working-calendar';
import type { CaseKind, Severity } from '../policy/defaults';

/** Results told at once, not in the daily list. */
export function hearsResultAtOnce(c: { kind: CaseKind; severity: Severity }): boolean {
  return c.kind === 'complaint' || c.severity !== 'general';
}

/** The local day whose results the list of `now` carries (yesterday in the company's zone) and its bounds. */
export function dailyResultsDay(now: Date, timeZone: string): { day: IsoDate; start: Date; end: Date } {
  const day = addDays(localDateOf(now, timeZone), -1);
  return { day, start: startOfLocalDay(day, timeZone), end: startOfLocalDay(addDays(day, 1), timeZone) };
}
