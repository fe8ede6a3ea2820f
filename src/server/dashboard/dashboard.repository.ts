/**
 * The SQL of the dashboard (REPORT-7). Every figure is a count PostgreSQL computes; Node receives at most a row
 * per clock, per category or per office and community, never the cases. The month's rates use the monthly
 * summary's definitions (the fragments of src/server/reports/summary.repository.ts), so the two never disagree.
 *
 * Only the current month is counted here; the trend's finished months come from their kept rollups
 * (src/server/reports/month-rollups.ts, docs/adr/0011-finished-month-rollups.md), so a load reads one month of
 * cases, clocks and entries instead of a year. For the whole company the clocks and entries are not joined to
 * their cases at all; an office or community filter joins them through the covering cases_company_office_id_idx.
 *
 * Indexes (src/server/db/schema.ts):
 * - today's open cases: cases_company_state_idx (company_id, state, received_at);
 * - overdue and due soon: cases_next_due_idx (company_id, next_due_at) — the two are OR-ed by a bitmap scan;
 * - received and valid complaints: cases_company_received_trend_idx (company_id, received_at, kind, invalid,
 *   merged_into_id, office_id, community_id), index-only; the Pareto reads the rows of valid complaints only;
 * - clocks: case_clocks_company_due_idx (company_id, due_at);
 * - callbacks, reopenings, resolutions: case_timeline_company_type_at_idx (company_id, type, at, case_id), the
 *   resolutions index-only.
 */
import { sql, type SQL } from 'drizzle-orm';
import { OPEN_STATES } from '../../domain/case/case';
import type { Tx } from '../db/client';
import * as summaryRepo from '../reports/summary.repository';

/** Which cases a dashboard counts: the company, its offices in scope ('all' or a list), maybe one community. */
export interface DashboardScope {
  companyId: string;
  officeIds: 'all' | readonly string[];
  communityId: string | null;
}

const uuids = (values: readonly string[]) =>
  values.length
    ? sql.join(
        values.map((v) => sql`${v}::uuid`),
        sql`, `,
      )
    : sql`null::uuid`;
const texts = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** ` and …` restricting `cases c` to the scope's offices and community (company_id is the caller's). */
function caseFilter(s: DashboardScope): SQL {
  const parts: SQL[] = [];
  if (s.officeIds !== 'all') parts.push(sql` and c.office_id in (${uuids(s.officeIds)})`);
  if (s.communityId) parts.push(sql` and c.community_id = ${s.communityId}`);
  return sql.join(parts, sql``);
}
const filtered = (s: DashboardScope) => s.officeIds !== 'all' || s.communityId !== null;

export type TodayRow = { open: number; overdue: number; due_soon: number };

/** Open cases now, and cases whose nearest running clock is past due or falls due before `soon`. */
export async function todayCounts(db: Tx, s: DashboardScope, now: Date, soon: Date): Promise<TodayRow> {
  const { rows } = await db.execute<TodayRow>(todayCountsSql(s, now, soon));
  return rows[0] ?? { open: 0, overdue: 0, due_soon: 0 };
}

export function todayCountsSql(s: DashboardScope, now: Date, soon: Date): SQL {
  const open = sql`c.state in (${texts(OPEN_STATES)})`;
  if (!filtered(s)) {
    // The whole company: two index-only counts (cases_company_state_idx, cases_next_due_idx) instead of one pass
    // over the rows of both sets (40 % less on the bench data set).
    return sql`select
        (select count(*) from cases c where c.company_id = ${s.companyId} and ${open})::int as open,
        count(*) filter (where c.next_due_at < ${now})::int as overdue,
        count(*) filter (where c.next_due_at >= ${now})::int as due_soon
      from cases c
      where c.company_id = ${s.companyId} and c.next_due_at < ${soon}`;
  }
  return sql`select
      count(*) filter (where ${open})::int as open,
      count(*) filter (where c.next_due_at < ${now})::int as overdue,
      count(*) filter (where c.next_due_at >= ${now} and c.next_due_at < ${soon})::int as due_soon
    from cases c
    where c.company_id = ${s.companyId}${caseFilter(s)} and (${open} or c.next_due_at < ${soon})`;
}

/** A month of the scope: the current one, up to `now` for the clocks (src/domain/metrics/period.ts). */
export interface MonthScope {
  start: Date;
  end: Date;
  now: Date;
}

/**
 * The join narrowing clocks (`k`) or timeline entries (`t`) to the scope's cases — none for the whole company:
 * every clock belongs to a case of its company (foreign key) and entries are only appended with their case's id,
 * so the join would only cost a hash of all the company's cases.
 */
function scopeJoin(s: DashboardScope, alias: 'k' | 't'): SQL {
  if (!filtered(s)) return sql``;
  return sql` join cases c on c.id = ${sql.raw(alias)}.case_id and c.company_id = ${s.companyId}${caseFilter(s)}`;
}

export type MonthReceivedRow = { received: number; complaints: number };

/** Cases and valid complaints received in the month (index-only on cases_company_received_trend_idx). */
export async function monthReceived(db: Tx, s: DashboardScope, m: MonthScope): Promise<MonthReceivedRow> {
  const { rows } = await db.execute<MonthReceivedRow>(monthReceivedSql(s, m));
  return rows[0] ?? { received: 0, complaints: 0 };
}

export function monthReceivedSql(s: DashboardScope, m: MonthScope): SQL {
  return sql`select count(*)::int as received,
      count(*) filter (where c.kind = 'complaint' and ${summaryRepo.COUNTED})::int as complaints
    from cases c
    where c.company_id = ${s.companyId}${caseFilter(s)} and c.received_at >= ${m.start} and c.received_at < ${m.end}`;
}

export type CategoryCountRow = { category_id: string | null; count: number };

/**
 * Valid complaints received in the month per category (the Pareto): the index finds the valid complaints, only
 * their rows are read for the category.
 */
export async function complaintsByCategory(
  db: Tx,
  s: DashboardScope,
  m: MonthScope,
): Promise<CategoryCountRow[]> {
  const { rows } = await db.execute<CategoryCountRow>(complaintsByCategorySql(s, m));
  return rows;
}

export function complaintsByCategorySql(s: DashboardScope, m: MonthScope): SQL {
  return sql`select c.category_id, count(*)::int as count
    from cases c
    where c.company_id = ${s.companyId}${caseFilter(s)} and c.received_at >= ${m.start} and c.received_at < ${m.end}
      and c.kind = 'complaint' and ${summaryRepo.COUNTED}
    group by c.category_id`;
}

export type ClockTotalRow = { name: string; fell_due: number; on_time: number; met: number };

/** Clocks that fell due in the month so far, per clock (the summary's definitions). */
export async function monthClocks(db: Tx, s: DashboardScope, m: MonthScope): Promise<ClockTotalRow[]> {
  const { rows } = await db.execute<ClockTotalRow>(monthClocksSql(s, m));
  return rows;
}

export function monthClocksSql(s: DashboardScope, m: MonthScope): SQL {
  const fellDue = summaryRepo.FELL_DUE({ companyId: s.companyId, officeId: null, ...m });
  return sql`select k.name,
      count(*)::int as fell_due,
      count(*) filter (where ${summaryRepo.ON_TIME})::int as on_time,
      count(*) filter (where k.met_at is not null)::int as met
    from case_clocks k${scopeJoin(s, 'k')}
    where k.company_id = ${s.companyId} and ${fellDue}
    group by k.name`;
}

export type EventTotalRow = {
  answered: number;
  satisfied: number;
  basically_satisfied: number;
  reopened: number;
  resolved: number;
};

/**
 * Callbacks answered, reopenings and resolutions in the month (the summary's definitions): the callbacks and
 * reopenings read their rows for the answers, the resolutions are counted from the index alone.
 */
export async function monthEvents(db: Tx, s: DashboardScope, m: MonthScope): Promise<EventTotalRow> {
  const { rows } = await db.execute<EventTotalRow>(monthEventsSql(s, m));
  return rows[0];
}

export function monthEventsSql(s: DashboardScope, m: MonthScope): SQL {
  return sql`select
      count(*) filter (where ${summaryRepo.ANSWERED})::int as answered,
      count(*) filter (where ${summaryRepo.ANSWERED} and t.data->>'satisfaction' = 'satisfied')::int as satisfied,
      count(*) filter (where ${summaryRepo.ANSWERED} and t.data->>'satisfaction' = 'basically_satisfied')::int as basically_satisfied,
      count(distinct t.case_id) filter (where ${summaryRepo.REOPENED})::int as reopened,
      (select count(distinct t.case_id) from case_timeline t${scopeJoin(s, 't')}
        where t.company_id = ${s.companyId} and t.type = 'resolved' and t.at >= ${m.start} and t.at < ${m.end})::int as resolved
    from case_timeline t${scopeJoin(s, 't')}
    where t.company_id = ${s.companyId} and t.type in ('callback', 'reopened') and t.at >= ${m.start} and t.at < ${m.end}`;
}

/**
 * Occupied households of the scope's communities (rooms with status occupied; rooms keep no history, so the count
 * now, as the summary's).
 */
export async function occupiedHouseholds(db: Tx, s: DashboardScope): Promise<number> {
  const { rows } = await db.execute<{ occupied: number }>(occupiedHouseholdsSql(s));
  return rows[0]?.occupied ?? 0;
}

export function occupiedHouseholdsSql(s: DashboardScope): SQL {
  return sql`select count(*)::int as occupied
    from rooms r join communities cm on cm.id = r.community_id and cm.company_id = ${s.companyId}
    where r.company_id = ${s.companyId} and r.status = 'occupied'
      ${s.officeIds !== 'all' ? sql` and cm.office_id in (${uuids(s.officeIds)})` : sql``}
      ${s.communityId ? sql` and cm.id = ${s.communityId}` : sql``}`;
}

/** The community's office, when the community is the company's. */
export async function communityOffice(
  db: Tx,
  companyId: string,
  communityId: string,
): Promise<{ office_id: string | null } | undefined> {
  const { rows } = await db.execute<{ office_id: string | null }>(
    sql`select office_id from communities where company_id = ${companyId} and id = ${communityId}`,
  );
  return rows[0];
}

/** Whether the office is the company's. */
export async function officeExists(db: Tx, companyId: string, officeId: string): Promise<boolean> {
  const { rows } = await db.execute(
    sql`select 1 from offices where company_id = ${companyId} and id = ${officeId}`,
  );
  return rows.length > 0;
}
