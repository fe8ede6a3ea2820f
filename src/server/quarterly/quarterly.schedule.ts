/**
 * The hourly job of the quarterly management-service report (002 篇4 4.2.3): drafts each office's report once its
 * month begins, with its steps' deadlines (draftQuarterlyReports). The reminders are the deadline sweep's; every
 * instance may run this, the unique indexes let one draft and one deadline win.
 */
import type { Clock } from '../platform/clock';
import type { Db } from '../db/client';
import type { Schedule } from '../schedule/scheduler';
import { draftQuarterlyReports } from './quarterly.service';

export const QUARTERLY_DRAFT_INTERVAL_MS = 3_600_000;

export function quarterlySchedules(db: Db, clock: Clock): Schedule[] {
  return [
    {
      name: 'drafting quarterly reports',
      everyMs: QUARTERLY_DRAFT_INTERVAL_MS,
      // A server restarted every few minutes would otherwise never reach its first hourly run.
      firstAfterMs: 60_000,
      run: () => draftQuarterlyReports(db, clock),
    },
  ];
}
