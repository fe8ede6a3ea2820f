/**
 * Drafts the monthly complaint summaries, so that each can be published by the 5th (002 篇4 4.2.2.2). Every hour —
 * and once shortly after start — it drafts every office's previous month (each company's own time zone) whose
 * summary is missing, so a server that was down on the 1st catches up at once. Drafting is idempotent: several instances
 * may run it, the unique index lets one row win.
 */
import type { Clock } from '../platform/clock';
import type { Db } from '../db/client';
import type { Schedule } from '../schedule/scheduler';
import { draftMonthlySummaries } from './summary.service';

export function reportSchedules(db: Db, clock: Clock): Schedule[] {
  return [
    {
      name: 'drafting monthly summaries',
      everyMs: 3_600_000,
      firstAfterMs: 10_000,
      run: () => draftMonthlySummaries(db, clock),
    },
  ];
}
