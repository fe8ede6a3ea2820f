/**
 * Finished months' report counts, computed once and kept (docs/adr/0011-finished-month-rollups.md): the
 * dashboard's trend (per company and month: cases received, valid complaints, cases resolved, per office and
 * community) and the monthly summary's grouped counts (received, clocks, events; per office or the whole company).
 * The SQL is the live queries' own (src/server/reports/summary.repository.ts, and trendSql below for the trend);
 * a kept month is exact, never a cache that may lag:
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
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { COUNTED } from './summary.repository';

/** A local month and its instants (src/domain/metrics/period.ts monthRange). */
export interface MonthPeriod {
  year: number;
  month: number;
  start: Date;
  end: Date;
}

export type RollupPart = 'trend' | 'received' | 'clocks' | 'events';

/** Which kept rows: a company's part, for one office or (COMPANY_KEY) the whole company. */
export interface RollupKey {
  companyId: string;
  part: RollupPart;
  officeKey: string;
}

/** office_key of the whole company's rows, and the office of a change to a case without one. */
export const COMPANY_KEY = '00000000-0000-0000-0000-000000000000';

/** `with …, result(year, month, data) as (…)`: the part's data for each month of `ms`, in one statement. */
export type RollupSql = (ms: readonly MonthPeriod[]) => SQL;

/** How long a request waits for the writers that were running when it created a month's rows. */
const SETTLE_WAIT_MS = 1_000;
const SETTLE_POLL_MS = 10;

export const monthKey = (m: { year: number; month: number }) =>
  `${m.year}-${String(m.month).padStart(2, '0')}`;

/** `unnest(…) as m(year, month, period_start, period_end)` */
const monthsTable = (ms: readonly MonthPeriod[]) => sql`unnest(${sql.param(ms.map((m) => m.year))}::int[],
    ${sql.param(ms.map((m) => m.month))}::int[],
    ${sql.param(ms.map((m) => m.start.toISOString()))}::timestamptz[],
    ${sql.param(ms.map((m) => m.end.toISOString()))}::timestamptz[]) as m(year, month, period_start, period_end)`;

/** Whether the change `ch` concerns the kept row `r`: one of its sources, and its office (or any, for the company). */
const RELEVANT = sql`(r.office_key = ${COMPANY_KEY}::uuid or ch.office_id is null or ch.office_id = r.office_key)
  and ch.source = any(case r.part when 'trend' then array['cases', 'events'] when 'received' then array['cases']
    else array[r.part] end)`;

const LOCK = (companyId: string) => sql`hashtext('huiyin.month_rollups'), hashtext(${companyId})`;

const rowsOf = (key: RollupKey) => sql`r.company_id = ${key.companyId} and r.part = ${key.part}
  and r.office_key = ${key.officeKey}::uuid`;

type StateRow = { year: number; month: number; data: unknown; fresh: boolean; settled: boolean };

/** The kept rows of `ms`, with whether each is fresh (computed, nothing since) and settled (may be computed). */
async function readStates(db: Tx, key: RollupKey, ms: readonly MonthPeriod[]): Promise<StateRow[]> {
  const { rows } = await db.execute<StateRow>(sql`select r.year, r.month, r.data,
      r.computed_snapshot is not null and not exists (select 1 from report_month_rollup_changes ch
        where ch.company_id = r.company_id and ch.at >= r.period_start and ch.at < r.period_end and ${RELEVANT}
          and not pg_visible_in_snapshot(ch.xid, r.computed_snapshot)) as fresh,
      -- once computed, the writers of its creation had ended: the lock table is read only for rows never computed
      r.computed_snapshot is not null or (r.created_lockers is not null and not exists (select 1 from pg_locks l
        where l.locktype = 'virtualxid' and l.virtualxid = any(r.created_lockers))) as settled
    from ${monthsTable(ms)} join report_month_rollups r on ${rowsOf(key)} and r.year = m.year
      and r.month = m.month and r.period_start = m.period_start and r.period_end = m.period_end`);
  return rows;
}

/**
 * Creates the rows of months that have none (or whose instants moved with the company's time zone), then records
 * the transactions writing the counted tables once they are committed: separate statements, each its own
 * transaction. A writer holds its RowExclusiveLock on the table until it ends, and its virtual transaction id
 * lock as long.
 */
async function createRows(db: Db, key: RollupKey, ms: readonly MonthPeriod[]) {
  await db.execute(sql`delete from report_month_rollups r using ${monthsTable(ms)}
    where ${rowsOf(key)} and r.year = m.year and r.month = m.month
      and (r.period_start <> m.period_start or r.period_end <> m.period_end)`);
  await db.execute(sql`insert into report_month_rollups
      (company_id, year, month, part, office_key, period_start, period_end)
    select ${key.companyId}, m.year, m.month, ${key.part}, ${key.officeKey}::uuid, m.period_start, m.period_end
    from ${monthsTable(ms)}
    on conflict do nothing`);
  await db.execute(sql`update report_month_rollups r set created_lockers = coalesce((
      select array_agg(distinct l.virtualtransaction) from pg_locks l
      where l.locktype = 'relation' and l.mode = 'RowExclusiveLock'
        and l.database = (select oid from pg_database where datname = current_database())
        and l.relation in ('cases'::regclass, 'case_clocks'::regclass, 'case_timeline'::regclass)
        and l.pid <> pg_backend_pid()), '{}')
    from ${monthsTable(ms)}
    where ${rowsOf(key)} and r.year = m.year and r.month = m.month and r.created_lockers is null`);
}

/** Computes and keeps the settled, stale months of `ms`; returns what it kept (and what it found fresh). */
async function computeAndKeep(db: Db, key: RollupKey, ms: readonly MonthPeriod[], build: RollupSql) {
  const kept = await db.transaction(async (tx) => {
    // The trend hashes a company's cases for the resolutions' offices: more than the default 4 MB. A summary's
    // three parts are computed side by side on few cores, where parallel workers only add processes (a cold
    // summary read on the bench data set: 740 ms with them, 510 without).
    await tx.execute(sql`set local work_mem = '64MB'`);
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    await tx.execute(sql`select pg_advisory_xact_lock_shared(${LOCK(key.companyId)})`);
    await tx.execute(sql`select 1 from report_month_rollups r join ${monthsTable(ms)}
        on r.year = m.year and r.month = m.month
      where ${rowsOf(key)} order by r.year, r.month for update of r`);
    // Another request may have computed some of them while this one waited for the rows.
    const states = await readStates(tx, key, ms);
    const out = new Map<string, unknown>();
    for (const s of states) if (s.fresh) out.set(monthKey(s), s.data);
    const todo = ms.filter((m) =>
      states.some((s) => s.year === m.year && s.month === m.month && !s.fresh && s.settled),
    );
    if (!todo.length) return out;
    // One statement: the counts and the snapshot they were read in are the same.
    const { rows } = await tx.execute<{ year: number; month: number; data: unknown }>(sql`${build(todo)}
      update report_month_rollups r set data = result.data, computed_snapshot = pg_current_snapshot(),
        computed_at = now()
      from result
      where ${rowsOf(key)} and r.year = result.year and r.month = result.month
      returning r.year, r.month, r.data`);
    for (const r of rows) out.set(monthKey(r), r.data);
    return out;
  });
  await forgetCounted(db, key.companyId, ms);
  return kept;
}

/**
 * Deletes the recorded changes of `ms` that every kept row they concern has counted (a row not computed yet will
 * be, in a later snapshot that sees the committed change). Only while no computation of the company is running:
 * one could be about to keep a snapshot taken before the change. Else they are left for the next time.
 */
async function forgetCounted(db: Db, companyId: string, ms: readonly MonthPeriod[]) {
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ locked: boolean }>(
      sql`select pg_try_advisory_xact_lock(${LOCK(companyId)}) as locked`,
    );
    if (!rows[0]?.locked) return;
    await tx.execute(sql`delete from report_month_rollup_changes ch using ${monthsTable(ms)}
      where ch.company_id = ${companyId} and ch.at >= m.period_start and ch.at < m.period_end
        and not exists (select 1 from report_month_rollups r
          where r.company_id = ch.company_id and r.period_start <= ch.at and ch.at < r.period_end and ${RELEVANT}
            and not pg_visible_in_snapshot(ch.xid, r.computed_snapshot))`);
  });
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
  let states = await readStates(db, key, ms);
  const known = new Set(states.map(monthKey));
  const missing = ms.filter((m) => !known.has(monthKey(m)));
  if (missing.length) {
    await createRows(db, key, missing);
    // The writers that were running when the rows were committed normally end within milliseconds.
    for (let waited = 0; ; waited += SETTLE_POLL_MS) {
      states = await readStates(db, key, ms);
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
  if (rest.length) {
    const { rows } = await db.execute<{ year: number; month: number; data: T }>(
      sql`${build(rest)} select year, month, data from result`,
    );
    for (const r of rows) result.set(monthKey(r), r.data);
  }
  return result;
}

/** `with result(year, month, data)` of one month: the rows of `select` as a jsonb array. */
export function oneMonth(m: MonthPeriod, select: SQL): SQL {
  return sql`with result as (select ${m.year}::int as year, ${m.month}::int as month,
    coalesce((select jsonb_agg(to_jsonb(x)) from (${select}) x), '[]'::jsonb) as data)`;
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

/**
 * The trend counts of `ms`, one jsonb array per month. Received and complaints by the case's received_at (a valid
 * complaint: kind complaint, not invalid, not merged); resolved: each case with a `resolved` entry in the month
 * once, under the office and community of its case row (none when the row is missing: such entries count only
 * for the whole company, as the live queries count them only unfiltered).
 */
function trendSql(companyId: string): RollupSql {
  return (ms) => sql`with m as (select * from ${monthsTable(ms)}),
    received as (
      select m.year, m.month, c.office_id, c.community_id, count(*)::int as received,
        count(*) filter (where c.kind = 'complaint' and ${COUNTED})::int as complaints,
        0 as resolved
      from m join cases c on c.company_id = ${companyId}
        and c.received_at >= m.period_start and c.received_at < m.period_end
      group by 1, 2, 3, 4),
    resolved as (
      select m.year, m.month, c.office_id, c.community_id, 0, 0, count(distinct t.case_id)::int
      from m join case_timeline t on t.company_id = ${companyId} and t.type = 'resolved'
          and t.at >= m.period_start and t.at < m.period_end
        left join cases c on c.id = t.case_id and c.company_id = ${companyId}
      group by 1, 2, 3, 4),
    cells as (
      select year, month, office_id, community_id, sum(received)::int as received,
        sum(complaints)::int as complaints, sum(resolved)::int as resolved
      from (select * from received union all select * from resolved) u
      group by 1, 2, 3, 4),
    result as (
      select m.year, m.month, coalesce(jsonb_agg(jsonb_build_object('officeId', cells.office_id,
          'communityId', cells.community_id, 'received', cells.received, 'complaints', cells.complaints,
          'resolved', cells.resolved)) filter (where cells.year is not null), '[]'::jsonb) as data
      from m left join cells on cells.year = m.year and cells.month = m.month
      group by m.year, m.month)`;
}

/** The trend counts of finished months `ms` ('YYYY-MM' → cells of every office and community). */
export function finishedMonthTrend(db: Db, companyId: string, ms: readonly MonthPeriod[]) {
  return keptMonths<TrendCell[]>(
    db,
    { companyId, part: 'trend', officeKey: COMPANY_KEY },
    ms,
    trendSql(companyId),
  );
}
