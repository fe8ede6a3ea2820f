/** The case store's clock writes (see decision.ts): only the store writes `case_clocks`. */
import { sql, type SQL } from 'drizzle-orm';
import type { ClockName } from '../../../domain/case/case';
import type { StoredClock } from '../../../domain/case/stored-clocks';
import type { Tx } from '../../db/client';

/** Stores the clocks `names` of `clocks` (the result of foldClockEffects) for one case. */
export async function saveClocks(
  tx: Tx,
  companyId: string,
  caseId: string,
  clocks: ReadonlyMap<ClockName, StoredClock>,
  names: Iterable<ClockName>,
) {
  for (const name of names) await tx.execute(saveClockSql(companyId, caseId, name, clocks.get(name)!));
}

/** The upsert of one clock of saveClocks. */
export function saveClockSql(companyId: string, caseId: string, name: ClockName, c: StoredClock): SQL {
  return sql`insert into case_clocks (company_id, case_id, name, started_at, due_at, met_at, warned_at, breached_at,
        paused_at, paused_ms, stopped_at, calendar_unknown, next_check_at)
      values (${companyId}, ${caseId}, ${name}, ${c.startedAt}, ${c.dueAt}, ${c.metAt}, ${c.warnedAt}, ${c.breachedAt},
        ${c.pausedAt}, ${c.pausedMs}, ${c.stoppedAt}, ${c.calendarUnknown}, ${c.nextCheckAt})
      on conflict (case_id, name) do update set started_at = excluded.started_at, due_at = excluded.due_at,
        met_at = excluded.met_at, warned_at = excluded.warned_at, breached_at = excluded.breached_at,
        paused_at = excluded.paused_at, paused_ms = excluded.paused_ms, stopped_at = excluded.stopped_at,
        calendar_unknown = excluded.calendar_unknown, next_check_at = excluded.next_check_at`;
}
