/**
 * The hourly job of the quarterly management-service report (002 篇4 4.2.3): drafts each office's report once its
 * month begins and sends the reminders that have come due (sendQuarterlyReminders). Reminders are due at 09:00
 * local, so an hourly run sends each within the hour; every instance may run it, the row lock and the recorded
 * keys keep a reminder from going out twice.
 */
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import type { Schedule } from '../schedule/scheduler';
import { sendQuarterlyReminders } from './quarterly.service';

export const QUARTERLY_REMINDER_INTERVAL_MS = 3_600_000;

export function quarterlySchedules(db: Db, clock: Clock): Schedule[] {
  return [
    {
      name: 'quarterly report reminders',
      everyMs: QUARTERLY_REMINDER_INTERVAL_MS,
      // A server restarted every few minutes would otherwise never reach its first hourly run.
      firstAfterMs: 60_000,
      run: () => sendQuarterlyReminders(db, clock),
    },
  ];
}
