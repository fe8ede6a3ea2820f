/** The case desk's timed work: the director's daily results list (CALLBACK-8), checked every hour. */
import type { Clock } from '../platform/clock';
import type { Db } from '../db/client';
import type { Schedule } from '../schedule/scheduler';
import { sendDailyResults } from './daily-results';

export function caseSchedules(db: Db, clock: Clock): Schedule[] {
  return [
    {
      name: "sending directors the previous day's results",
      everyMs: 3_600_000,
      firstAfterMs: 30_000,
      run: () => sendDailyResults(db, clock),
    },
  ];
}
