/**
 * Reads the State Council's yearly notice (国务院办公厅关于YYYY年部分节假日安排的通知), pasted as text, into the
 * days off and the adjusted working days it announces (CLOCK-9): the admin confirms the proposal, which becomes the
 * company's calendar entries for a year the national data does not know yet. Pure text reading: nothing is saved
 * here, and anything not understood is reported, never guessed.
 *
 * The notice lists one festival a line: 「一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。」
 * — a range (or one day) of days off, then the weekend days worked. A range's end may leave out the month
 * (「至3日」) or name another (「至1月2日」, of the next year when its month is earlier), and a date may name its
 * year (「2011年12月31日」); a date without one is of the notice's year.
 */
import { addDays, formatIsoDate, type IsoDate } from './working-calendar';

export interface NoticeFestival {
  /** as the notice names it: 元旦, 春节 … */
  name: string;
  holidays: IsoDate[];
  workdays: IsoDate[];
}

export interface ParsedNotice {
  festivals: NoticeFestival[];
  /** lines that look like a festival but could not be read, for the admin to enter by hand */
  unread: string[];
}

const FESTIVAL_LINE = /^\s*[一二三四五六七八九十]+\s*[、.．]\s*([^：:]{1,10})[：:]\s*(.+)$/;
const DATE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/;
const RANGE = new RegExp(
  `${DATE.source}(?:[（(][^）)]*[）)])?\\s*(?:至|-|—|～|~)\\s*(?:(\\d{4})年)?(?:(\\d{1,2})月)?(\\d{1,2})日`,
);
const ALL_DATES = new RegExp(DATE.source, 'g');
const MAX_RANGE_DAYS = 15;

function validDate(year: number, month: number, day: number): IsoDate | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null;
  return formatIsoDate(year, month, day);
}

function daysBetween(from: IsoDate, to: IsoDate): IsoDate[] | null {
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    out.push(d);
    if (out.length > MAX_RANGE_DAYS) return null;
  }
  return out.length ? out : null;
}

/** Reads the notice for `year`. */
export function parseHolidayNotice(text: string, year: number): ParsedNotice {
  const festivals: NoticeFestival[] = [];
  const unread: string[] = [];
  const yearOf = (explicit: string | undefined) => (explicit ? Number(explicit) : year);
  const lines = text
    .replace(/\r/g, '')
    // one festival a line; pasted without line breaks, a new one starts after a full stop (never inside
    // 「农历腊月二十八、周日」)
    .split(/\n|(?<=。)(?=[一二三四五六七八九十]+、)/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const line of lines) {
    const m = FESTIVAL_LINE.exec(line);
    if (!m) continue;
    const [, name, body] = m;
    const sentences = body.split(/[。；;]/).filter((s) => s.trim());
    const holidays: IsoDate[] = [];
    const workdays: IsoDate[] = [];
    let ok = true;
    for (const sentence of sentences) {
      if (/放假/.test(sentence)) {
        const r = RANGE.exec(sentence);
        if (r) {
          const [, y1, m1, d1, y2, m2, d2] = r;
          const startYear = yearOf(y1);
          const startMonth = Number(m1);
          const from = validDate(startYear, startMonth, Number(d1));
          const endMonth = m2 ? Number(m2) : startMonth;
          const endYear = y2 ? Number(y2) : endMonth < startMonth ? startYear + 1 : startYear;
          const to = validDate(endYear, endMonth, Number(d2));
          const days = from && to ? daysBetween(from, to) : null;
          if (!days) ok = false;
          else holidays.push(...days);
        } else {
          const single = DATE.exec(sentence);
          const date = single ? validDate(yearOf(single[1]), Number(single[2]), Number(single[3])) : null;
          if (!date) ok = false;
          else holidays.push(date);
        }
      } else if (/上班/.test(sentence)) {
        for (const d of sentence.matchAll(ALL_DATES)) {
          const date = validDate(yearOf(d[1]), Number(d[2]), Number(d[3]));
          if (!date) ok = false;
          else workdays.push(date);
        }
      }
    }
    if (!ok || holidays.length === 0) unread.push(line);
    else festivals.push({ name: name.trim(), holidays, workdays });
  }
  return { festivals, unread };
}
