/**
 * The periodic work of the duty ledger (004 第十三条) and recurring-problem detection, looked at every 30 s by its schedule (below) and done when due: the duty
 * ledger is derived every 10 minutes (this month, and last month so the last minutes of a month are not lost), and
 * recurring problems are detected every hour. Both are idempotent and safe on several instances: violations are
 * filed with ON CONFLICT DO NOTHING, detection takes a per-company advisory lock and one open problem per cluster
 * is guarded by problems_open_cluster_uq. Errors are logged; the sweep goes on.
 */
import { monthOf, previousMonth } from '../../domain/accountability/period';
import type { Clock } from '../platform/clock';
import type { Db } from '../db/client';
import type { Schedule } from '../schedule/scheduler';
import { deriveDutyViolations } from './accountability.service';
import { companyTimeZones } from '../org/org.repository';
import { detectProblems } from '../problems/problems.service';

export const DERIVE_EVERY_MS = 10 * 60_000;
export const DETECT_EVERY_MS = 60 * 60_000;

const last = new WeakMap<Db, { derive: number; detect: number }>();

async function deriveRecentMonths(db: Db, clock: Clock) {
  for (const company of await companyTimeZones(db)) {
    const current = monthOf(clock.now(), company.time_zone);
    for (const m of [previousMonth(current), current])
      await deriveDutyViolations(db, clock, { companyId: company.id, ...m });
  }
}

/** Call after each sweep; does what is due. The clock may be a fake one moved by tests (either direction). */
export async function runAccountabilityJobs(
  db: Db,
  clock: Clock,
  log: { error: (o: object, m: string) => void },
) {
  const now = clock.now().getTime();
  const times = last.get(db) ?? { derive: -Infinity, detect: -Infinity };
  last.set(db, times);
  if (Math.abs(now - times.derive) >= DERIVE_EVERY_MS) {
    times.derive = now;
    await deriveRecentMonths(db, clock).catch((err) => log.error({ err }, 'duty ledger derivation failed'));
  }
  if (Math.abs(now - times.detect) >= DETECT_EVERY_MS) {
    times.detect = now;
    await detectProblems(db, clock).catch((err) => log.error({ err }, 'recurring-problem detection failed'));
  }
}

/**
 * Looked at as often as the deadline sweep; the work itself runs every DERIVE_EVERY_MS / DETECT_EVERY_MS of the
 * app's clock, so a fake clock moved by tests brings it on at the next look.
 */
export function accountabilitySchedules(
  db: Db,
  clock: Clock,
  log: { error: (o: object, m: string) => void },
): Schedule[] {
  return [
    {
      name: 'duty ledger and problem detection',
      everyMs: 30_000,
      run: () => runAccountabilityJobs(db, clock, log),
    },
  ];
}
