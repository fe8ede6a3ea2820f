/**
 * The monthly complaint summary on the deadline engine (002 篇4 4.2.2.2: published by the 5th): each office's
 * month gets its publication deadline when the month is over (the hourly drafting job), and publishing meets it.
 * The sweep warns the office's director, tells of the breach and raises it to the manager (subjects.ts).
 */
import { publicationWindow, type YearMonth } from '../../domain/metrics/period';
import { DEADLINE_STEPS } from '../../domain/deadlines/subjects';
import type { Tx } from '../db/client';
import { ensureDeadlines, meetDeadlines, type NewDeadline } from '../deadlines/stored-deadlines.repository';

const label = (ym: YearMonth) => `${ym.year}-${String(ym.month).padStart(2, '0')}`;
const keyOf = (officeId: string, ym: YearMonth) => `${officeId}:${label(ym)}`;

export interface SummaryMonth {
  companyId: string;
  officeId: string;
  ym: YearMonth;
  timeZone: string;
  /** the summary's row, once drafted */
  summaryId: string | null;
  /** when it was published, if it was */
  publishedAt: Date | null;
}

export function publicationDeadlineOf(m: SummaryMonth): NewDeadline {
  return {
    companyId: m.companyId,
    officeId: m.officeId,
    kind: 'monthly_summary',
    key: keyOf(m.officeId, m.ym),
    subjectId: m.summaryId,
    name: DEADLINE_STEPS.monthly_summary[0],
    label: label(m.ym),
    data: { year: m.ym.year, month: m.ym.month },
    ...publicationWindow(m.ym, m.timeZone),
    metAt: m.publishedAt,
  };
}

export function ensurePublicationDeadlines(tx: Tx, months: readonly SummaryMonth[]) {
  return ensureDeadlines(tx, months.map(publicationDeadlineOf));
}

/** Publishing the office's summary of `ym` meets its deadline. */
export function meetPublication(tx: Tx, companyId: string, officeId: string, ym: YearMonth, at: Date) {
  return meetDeadlines(tx, companyId, 'monthly_summary', [keyOf(officeId, ym)], at);
}
