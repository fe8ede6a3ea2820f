/**
 * The SQL of the dashboard (issue 4 §4). Every figure is a count PostgreSQL computes; Node receives at most a row
 * per month, per category or per community, never the cases. The month's rates reuse the monthly summary's
 * queries (src/server/reports/summary.repository.ts) so the two never disagree.
 *
 * Indexes (src/server/db/schema.ts):
 * - today's open cases: cases_company_state_idx (company_id, state, received_at);
 * - overdue and due soon: cases_next_due_idx (company_id, next_due_at) — the two are OR-ed by a bitmap scan;
 * - the trend's received and complaints: cases_company_office_idx (company_id, office_id, received_at), or
 *   cases_company_received_idx company-wide;
 * - the trend's resolutions: case_timeline_company_type_at_idx (company_id, type, at), joined back to the office
 *   and community through the covering cases_company_office_id_idx only when a filter asks for it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { OPEN_STATES } from '../../domain/case/case';
import type { Tx } from '../db/client';

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
  const open = sql`c.state in (${texts(OPEN_STATES)})`;
  const { rows } = await db.execute<TodayRow>(sql`select
      count(*) filter (where ${open})::int as open,
      count(*) filter (where c.next_due_at < ${now})::int as overdue,
      count(*) filter (where c.next_due_at >= ${now} and c.next_due_at < ${soon})::int as due_soon
    from cases c
    where c.company_id = ${s.companyId}${caseFilter(s)} and (${open} or c.next_due_at < ${soon})`);
  return rows[0] ?? { open: 0, overdue: 0, due_soon: 0 };
}

export type ReceivedMonthRow = { month: string; received: number; complaints: number };

/** Cases and valid complaints received per local month ('YYYY-MM' in `timeZone`) in [start, end). */
export async function receivedByMonth(
  db: Tx,
  s: DashboardScope,
  start: Date,
  end: Date,
  timeZone: string,
): Promise<ReceivedMonthRow[]> {
  const { rows } = await db.execute<ReceivedMonthRow>(sql`select
      to_char(c.received_at at time zone ${timeZone}, 'YYYY-MM') as month,
      count(*)::int as received,
      count(*) filter (where c.kind = 'complaint' and not c.invalid and c.merged_into_id is null)::int as complaints
    from cases c
    where c.company_id = ${s.companyId}${caseFilter(s)} and c.received_at >= ${start} and c.received_at < ${end}
    group by 1`);
  return rows;
}

export type ResolvedMonthRow = { month: string; resolved: number };

/** Cases resolved per local month: a `resolved` timeline entry in it, each case once a month (as rates.ts). */
export async function resolvedByMonth(
  db: Tx,
  s: DashboardScope,
  start: Date,
  end: Date,
  timeZone: string,
): Promise<ResolvedMonthRow[]> {
  const join = filtered(s)
    ? sql` join cases c on c.id = t.case_id and c.company_id = ${s.companyId}${caseFilter(s)}`
    : sql``;
  const { rows } = await db.execute<ResolvedMonthRow>(sql`select
      to_char(t.at at time zone ${timeZone}, 'YYYY-MM') as month,
      count(distinct t.case_id)::int as resolved
    from case_timeline t${join}
    where t.company_id = ${s.companyId} and t.type = 'resolved' and t.at >= ${start} and t.at < ${end}
    group by 1`);
  return rows;
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
