/**
 * Months in the company's time zone: the ledger and the performance figures are monthly (004 第十三条 "當月").
 */
import { DEFAULT_TIME_ZONE, localDateOf, startOfLocalDay } from '../clock/deadlines';
import { formatIsoDate, parseIsoDate } from '../clock/working-calendar';

export interface Month {
  year: number;
  /** 1–12 */
  month: number;
}

/** [start, end): the first instant of the month and the first instant of the next, local time. */
export function monthRange(m: Month, timeZone: string = DEFAULT_TIME_ZONE): { start: Date; end: Date } {
  const next = nextMonth(m);
  return {
    start: startOfLocalDay(formatIsoDate(m.year, m.month, 1), timeZone),
    end: startOfLocalDay(formatIsoDate(next.year, next.month, 1), timeZone),
  };
}

/** The local month `instant` falls in. */
export function monthOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): Month {
  const { year, month } = parseIsoDate(localDateOf(instant, timeZone));
  return { year, month };
}

export function nextMonth(m: Month): Month {
  return m.month === 12 ? { year: m.year + 1, month: 1 } : { year: m.year, month: m.month + 1 };
}

export function previousMonth(m: Month): Month {
  return m.month === 1 ? { year: m.year - 1, month: 12 } : { year: m.year, month: m.month - 1 };
}
