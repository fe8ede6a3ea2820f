/**
 * The SQL of finished months' kept counts (docs/adr/0011-finished-month-rollups.md): report_month_rollups and
 * report_month_rollup_changes are read and written only here, for the workflow of month-rollups.ts. Each statement
 * is built by a function returning drizzle's `SQL`, so src/server/db/queries/month-rollups.repository.sql renders
 * exactly what runs.
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

export type StateRow = { year: number; month: number; data: unknown; fresh: boolean; settled: boolean };

/** The kept rows of `ms`, with whether each is fresh (computed, nothing since) and settled (may be computed). */
export function readStatesSql(key: RollupKey, ms: readonly MonthPeriod[]): SQL {
  return sql`select r.year, r.month, r.data,
      r.computed_snapshot is not null and not exists (select 1 from report_month_rollup_changes ch
        where ch.company_id = r.company_id and ch.at >= r.period_start and ch.at < r.period_end and ${RELEVANT}
          and not pg_visible_in_snapshot(ch.xid, r.computed_snapshot)) as fresh,
      -- once computed, the writers of its creation had ended: the lock table is read only for rows never computed
      r.computed_snapshot is not null or (r.created_lockers is not null and not exists (select 1 from pg_locks l
        where l.locktype = 'virtualxid' and l.virtualxid = any(r.created_lockers))) as settled
    from ${monthsTable(ms)} join report_month_rollups r on ${rowsOf(key)} and r.year = m.year
      and r.month = m.month and r.period_start = m.period_start and r.period_end = m.period_end`;
}

export async function readStates(db: Tx, key: RollupKey, ms: readonly MonthPeriod[]): Promise<StateRow[]> {
  return (await db.execute<StateRow>(readStatesSql(key, ms))).rows;
}

/**
 * The three statements that create the rows of months that have none (or whose instants moved with the company's
 * time zone), then record the transactions writing the counted tables once they are committed: each runs as its
 * own transaction. A writer holds its RowExclusiveLock on the table until it ends, and its virtual transaction id
 * lock as long.
 */
export function createRowsSql(
  key: RollupKey,
  ms: readonly MonthPeriod[],
): { dropMoved: SQL; insert: SQL; recordLockers: SQL } {
  return {
    dropMoved: sql`delete from report_month_rollups r using ${monthsTable(ms)}
    where ${rowsOf(key)} and r.year = m.year and r.month = m.month
      and (r.period_start <> m.period_start or r.period_end <> m.period_end)`,
    insert: sql`insert into report_month_rollups
      (company_id, year, month, part, office_key, period_start, period_end)
    select ${key.companyId}, m.year, m.month, ${key.part}, ${key.officeKey}::uuid, m.period_start, m.period_end
    from ${monthsTable(ms)}
    on conflict do nothing`,
    recordLockers: sql`update report_month_rollups r set created_lockers = coalesce((
      select array_agg(distinct l.virtualtransaction) from pg_locks l
      where l.locktype = 'relation' and l.mode = 'RowExclusiveLock'
        and l.database = (select oid from pg_database where datname = current_database())
        and l.relation in ('cases'::regclass, 'case_clocks'::regclass, 'case_timeline'::regclass)
        and l.pid <> pg_backend_pid()), '{}')
    from ${monthsTable(ms)}
    where ${rowsOf(key)} and r.year = m.year and r.month = m.month and r.created_lockers is null`,
  };
}

/** Runs createRowsSql's statements in order, each in its own transaction (`db`, not a transaction). */
export async function createRows(db: Db, key: RollupKey, ms: readonly MonthPeriod[]) {
  const steps = createRowsSql(key, ms);
  await db.execute(steps.dropMoved);
  await db.execute(steps.insert);
  await db.execute(steps.recordLockers);
}

/**
 * A computation's opening statements, in its transaction: its settings, the company's advisory lock held shared
 * (forgetCounted waits for no computation), and the row locks of the months (`FOR UPDATE`), so a later snapshot
 * is never overwritten by an earlier one. The trend hashes a company's cases for the resolutions' offices: more
 * than the default 4 MB. A summary's three parts are computed side by side on few cores, where parallel workers
 * only add processes (a cold summary read on the bench data set: 740 ms with them, 510 without).
 */
export function lockForComputeSql(key: RollupKey, ms: readonly MonthPeriod[]): SQL[] {
  return [
    sql`set local work_mem = '64MB'`,
    sql`set local max_parallel_workers_per_gather = 0`,
    sql`select pg_advisory_xact_lock_shared(${LOCK(key.companyId)})`,
    sql`select 1 from report_month_rollups r join ${monthsTable(ms)}
        on r.year = m.year and r.month = m.month
      where ${rowsOf(key)} order by r.year, r.month for update of r`,
  ];
}

export async function lockForCompute(tx: Tx, key: RollupKey, ms: readonly MonthPeriod[]) {
  for (const statement of lockForComputeSql(key, ms)) await tx.execute(statement);
}

/** One statement: computes the months `todo` with `build` and stores them with the snapshot they were read in. */
export function computeAndStoreSql(key: RollupKey, todo: readonly MonthPeriod[], build: RollupSql): SQL {
  return sql`${build(todo)}
      update report_month_rollups r set data = result.data, computed_snapshot = pg_current_snapshot(),
        computed_at = now()
      from result
      where ${rowsOf(key)} and r.year = result.year and r.month = result.month
      returning r.year, r.month, r.data`;
}

export async function computeAndStore(
  tx: Tx,
  key: RollupKey,
  todo: readonly MonthPeriod[],
  build: RollupSql,
) {
  const { rows } = await tx.execute<{ year: number; month: number; data: unknown }>(
    computeAndStoreSql(key, todo, build),
  );
  return rows;
}

/** Computes the months `ms` with `build` without keeping them. */
export function computeLiveSql(ms: readonly MonthPeriod[], build: RollupSql): SQL {
  return sql`${build(ms)} select year, month, data from result`;
}

export async function computeLive<T>(db: Tx, ms: readonly MonthPeriod[], build: RollupSql) {
  return (await db.execute<{ year: number; month: number; data: T }>(computeLiveSql(ms, build))).rows;
}

/** Takes the company's advisory lock exclusively if no computation holds it: `locked`. */
export function tryLockCompanySql(companyId: string): SQL {
  return sql`select pg_try_advisory_xact_lock(${LOCK(companyId)}) as locked`;
}

/** The recorded changes of `ms` that every kept row they concern has counted. */
export function forgetCountedSql(companyId: string, ms: readonly MonthPeriod[]): SQL {
  return sql`delete from report_month_rollup_changes ch using ${monthsTable(ms)}
      where ch.company_id = ${companyId} and ch.at >= m.period_start and ch.at < m.period_end
        and not exists (select 1 from report_month_rollups r
          where r.company_id = ch.company_id and r.period_start <= ch.at and ch.at < r.period_end and ${RELEVANT}
            and not pg_visible_in_snapshot(ch.xid, r.computed_snapshot))`;
}

/**
 * Deletes the recorded changes of `ms` that every kept row they concern has counted (a row not computed yet will
 * be, in a later snapshot that sees the committed change). Only while no computation of the company is running:
 * one could be about to keep a snapshot taken before the change. Else they are left for the next time.
 */
export async function forgetCounted(db: Db, companyId: string, ms: readonly MonthPeriod[]) {
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ locked: boolean }>(tryLockCompanySql(companyId));
    if (!rows[0]?.locked) return;
    await tx.execute(forgetCountedSql(companyId, ms));
  });
}

/** `with result(year, month, data)` of one month: the rows of `select` as a jsonb array. */
export function oneMonth(m: MonthPeriod, select: SQL): SQL {
  return sql`with result as (select ${m.year}::int as year, ${m.month}::int as month,
    coalesce((select jsonb_agg(to_jsonb(x)) from (${select}) x), '[]'::jsonb) as data)`;
}

/**
 * The trend counts of `ms`, one jsonb array per month. Received and complaints by the case's received_at (a valid
 * complaint: kind complaint, not invalid, not merged); resolved: each case with a `resolved` entry in the month
 * once, under the office and community of its case row (none when the row is missing: such entries count only
 * for the whole company, as the live queries count them only unfiltered).
 */
export function trendSql(companyId: string): RollupSql {
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
