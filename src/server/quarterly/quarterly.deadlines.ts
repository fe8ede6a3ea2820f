/**
 * The quarterly report's steps on the deadline engine (002 篇4 4.2.3): each report gets one deadline per step
 * when it is drafted — service part by the 10th, finance part by the 15th, publication by the 20th, each reminded
 * on its reminder days — and a step is met when the report moves past it. The sweep sends the reminders.
 */
import {
  isStepPending,
  quarterlyStepDeadlines,
  REMINDER_STEPS,
  type QuarterlyStatus,
} from '../../domain/reports/quarterly';
import type { Tx } from '../db/client';
import { ensureDeadlines, meetDeadlines, type NewDeadline } from '../deadlines/stored-deadlines.repository';

interface ReportKey {
  id: string;
  companyId: string;
  officeId: string;
  year: number;
  quarter: number;
}

const keyOf = (reportId: string, step: string) => `${reportId}:${step}`;

/** The report's three deadlines; `sent`: reminder keys the report recorded before the engine kept them. */
export function reportDeadlines(r: ReportKey, timeZone: string, sent?: ReadonlySet<string>): NewDeadline[] {
  return quarterlyStepDeadlines(r, timeZone, sent).map((d) => ({
    companyId: r.companyId,
    officeId: r.officeId,
    kind: 'quarterly_report',
    key: keyOf(r.id, d.step),
    subjectId: r.id,
    name: d.step,
    label: `${r.year}-Q${r.quarter}`,
    data: { reportId: r.id, year: r.year, quarter: r.quarter },
    startedAt: d.startedAt,
    dueAt: d.dueAt,
    remindAt: d.remindAt,
    remindersSent: d.remindersSent,
  }));
}

export function ensureReportDeadlines(tx: Tx, r: ReportKey, timeZone: string, sent?: ReadonlySet<string>) {
  return ensureDeadlines(tx, reportDeadlines(r, timeZone, sent));
}

/** The steps the report has moved past in `status` are met at `at`. */
export function meetFinishedSteps(
  tx: Tx,
  companyId: string,
  reportId: string,
  status: QuarterlyStatus,
  at: Date,
) {
  const done = REMINDER_STEPS.filter((step) => !isStepPending(step, status));
  return meetDeadlines(
    tx,
    companyId,
    'quarterly_report',
    done.map((step) => keyOf(reportId, step)),
    at,
  );
}
