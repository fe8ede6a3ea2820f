/**
 * The hourly job of the quarterly management-service report (issue 4 §5): drafts each office's report once its
 * month begins and sends the reminders that have come due (sendQuarterlyReminders). Reminders are due at 09:00
 * local, so an hourly run sends each within the hour; every instance may run it, the row lock and the recorded
 * keys keep a reminder from going out twice.
 */
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { sendQuarterlyReminders } from '../quarterly/quarterly.service';

export const QUARTERLY_REMINDER_INTERVAL_MS = 3_600_000;

/** Runs once shortly after start, then every `intervalMs`, until stopped; errors are logged and the next run runs. */
export function startQuarterlyReminders(
  db: Db,
  clock: Clock,
  log: { error: (o: object, m: string) => void },
  intervalMs = QUARTERLY_REMINDER_INTERVAL_MS,
) {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await sendQuarterlyReminders(db, clock);
    } catch (err) {
      log.error({ err }, 'quarterly report reminders failed');
    } finally {
      running = false;
    }
  };
  // A server restarted every few minutes would otherwise never reach its first hourly run.
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
