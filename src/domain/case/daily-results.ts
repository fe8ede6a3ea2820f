/**
 * The director hears every result (CALLBACK-8, 000 篇2 一.5: 事事有着落、件件有回音): a complaint, a major or an
 * emergency case at once, when it is resolved; every other result in a daily list — the previous local day's
 * resolutions of the office, one bell entry each morning.
 */
import { localDateOf, startOfLocalDay } from '../clock/deadlines';
import { addDays, type IsoDate } from '../clock/working-calendar';
import { CASE_KINDS, type CaseKind, type Severity } from '../policy/defaults';

/** Results told at once, not in the daily list. */
export function hearsResultAtOnce(c: { kind: CaseKind; severity: Severity }): boolean {
  return c.kind === 'complaint' || c.severity !== 'general';
}

/**
 * The cases a daily list counts, as list filters (the bell opens the list of a day's results with them): every
 * kind but complaints, general severity — the complement of hearsResultAtOnce.
 */
export const DAILY_RESULTS_FILTER: { kinds: readonly CaseKind[]; severities: readonly Severity[] } = {
  kinds: CASE_KINDS.filter((k) => k !== 'complaint'),
  severities: ['general'],
};

/** The local day whose results the list of `now` carries (yesterday in the company's zone) and its bounds. */
export function dailyResultsDay(now: Date, timeZone: string): { day: IsoDate; start: Date; end: Date } {
  const day = addDays(localDateOf(now, timeZone), -1);
  return { day, start: startOfLocalDay(day, timeZone), end: startOfLocalDay(addDays(day, 1), timeZone) };
}
