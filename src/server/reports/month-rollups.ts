/**
 * Finished months' report counts, computed once and kept (docs/adr/0011-finished-month-rollups.md): the
 * dashboard's trend (per company and month: cases received, valid complaints, cases resolved, per office and
 * community) and the monthly summary's grouped counts (received, clocks, events; per office or the whole company).
 * The SQL is the live queries' own (src/server/reports/summary.repository.ts, and trendSql for the trend); the
 * statements of the two tables are in month-rollups.repository.ts. A kept month is exact, never a cache that may lag:
 *
 * - Triggers (migration 0009) record every write that touches a month with a kept row — a case inserted, moved,
 *   deleted or changed in what the counts group by; a clock inserted, deleted or changed in due, met, breached,
 *   stopped or paused; a callback, reopening or resolution appended — as a row of report_month_rollup_changes
 *   with where it counts, its source, its case's office and the writer's transaction id.
 * - A kept row holds the snapshot of the one statement that computed it. It is fresh while every change relevant
 *   to it (its sources; its office, or any for the company's) is visible in that snapshot, i.e. already counted;
 *   a change committed later, or still running, makes it stale and the next read computes it again. No clock is
 *   involved: app and database clocks may differ (the tests' fake clock) without breaking this.
 * - A writer that looked for the month's rows before they existed left no record: so a new row is computed only
 *   once every transaction that was writing cases, clocks or entries when it was committed has ended
 *   (`created_lockers`, from pg_locks, as CREATE INDEX CONCURRENTLY waits for writers); until then the month is
 *   computed live for the request and not kept.
 * - A row is computed under its row lock, so a later snapshot is never overwritten by an earlier one. Recorded
 *   changes are deleted once every kept row they concern has counted them, under the company's advisory lock,
 *   which computations hold shared: none can be half-way with an older snapshot.
 *
 * Only finished months are worth keeping: the current one changes with every intake (each change recorded, each
 * making the row stale).
 */
import type { Db } from '../db/client';
import * as repo from './month-rollups.repository';
import type { MonthPeriod, RollupKey, RollupSql } from './month-rollups.repository';

export {
  COMPANY_KEY,
  oneMonth,
  type MonthPeriod,
  type RollupKey,
  type RollupPart,
  type RollupSql,
} from './month-rollups.repository';

/** How long a request waits for the writers that were running when it created a month's rows. */
const SETTLE_WAIT_MS = 1_000;
const SETTLE_POLL_MS = 10;

export const monthKey = (m: { year: number; month: number }) =>
  `${m.year}-${String(m.month).padStart(2, '0')}`;

/** Computes and keeps the settled, stale months of `ms`; returns what it kept (and what it found fresh). */
async function computeAndKeep(db: Db, key: RollupKey, ms: readonly MonthPeriod[], build: RollupSql) {
  const kept = await db.transaction(async (tx) => {
    await repo.lockForCompute(tx, key, ms);
    // Another request may have computed some of them while this one waited for the rows.
    const states = await repo.readStates(tx, key, ms);
    const out = new Map<string, unknown>();
    for (const s of states) if (s.fresh) out.set(monthKey(s), s.data);
    const todo = ms.filter((m) =>
      states.some((s) => s.year === m.year && s.month === m.month && !s.fresh && s.settled),
    );
    if (!todo.length) return out;
    // One statement: the counts and the snapshot they were read in are the same.
    for (const r of await repo.computeAndStore(tx, key, todo, build)) out.set(monthKey(r), r.data);
    return out;
  });
  await repo.forgetCounted(db, key.companyId, ms);
  return kept;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The data of finished months `ms` ('YYYY-MM' → data): kept rows while fresh, the others computed by `build` —
 * and kept when they may be.
 */
export async function keptMonths<T>(
  db: Db,
  key: RollupKey,
  ms: readonly MonthPeriod[],
  build: RollupSql,
): Promise<Map<string, T>> {
  if (!ms.length) return new Map();
  let states = await repo.readStates(db, key, ms);
  const known = new Set(states.map(monthKey));
  const missing = ms.filter((m) => !known.has(monthKey(m)));
  if (missing.length) {
    await repo.createRows(db, key, missing);
    // The writers that were running when the rows were committed normally end within milliseconds.
    for (let waited = 0; ; waited += SETTLE_POLL_MS) {
      states = await repo.readStates(db, key, ms);
      if (states.every((s) => s.fresh || s.settled) || waited >= SETTLE_WAIT_MS) break;
      await sleep(SETTLE_POLL_MS);
    }
  }
  const result = new Map<string, T>();
  for (const s of states) if (s.fresh) result.set(monthKey(s), s.data as T);
  const stale = ms.filter((m) => !result.has(monthKey(m)));
  if (!stale.length) return result;
  const settled = new Set(states.filter((s) => s.settled).map(monthKey));
  const keepable = stale.filter((m) => settled.has(monthKey(m)));
  if (keepable.length)
    for (const [k, v] of await computeAndKeep(db, key, keepable, build)) result.set(k, v as T);
  const rest = stale.filter((m) => !result.has(monthKey(m)));
  if (rest.length)
    for (const r of await repo.computeLive<T>(db, rest, build)) result.set(monthKey(r), r.data);
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// The dashboard's trend

/** One office's and community's counts in a month (null: a case with no office or community). */
export interface TrendCell {
  officeId: string | null;
  communityId: string | null;
  received: number;
  complaints: number;
  resolved: number;
}

/** The trend counts of finished months `ms` ('YYYY-MM' → cells of every office and community). */
export function finishedMonthTrend(db: Db, companyId: string, ms: readonly MonthPeriod[]) {
  return keptMonths<TrendCell[]>(
    db,
    { companyId, part: 'trend', officeKey: repo.COMPANY_KEY },
    ms,
    repo.trendSql(companyId),
  );
}
