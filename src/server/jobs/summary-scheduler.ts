/**
 * Drafts the monthly complaint summaries (issue 4 §1: "drafted automatically on the 1st"). Every hour — and once
 * shortly after start — it drafts every office's previous month (each company's own time zone) whose summary is
 * missing, so a server that was down on the 1st catches up at once. Drafting is idempotent: several instances
 * may run it, the unique index lets one row win.
 */
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { draftMonthlySummaries } from '../reports/summary.service';

export { draftMonthlySummaries };

export function startSummaryScheduler(
  db: Db,
  clock: Clock,
  log: { error: (o: object, m: string) => void },
  intervalMs = 3_600_000,
) {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await draftMonthlySummaries(db, clock);
    } catch (err) {
      log.error({ err }, 'drafting monthly summaries failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, 10_000);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
