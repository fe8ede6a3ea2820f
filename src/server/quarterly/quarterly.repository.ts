/**
 * SQL of the quarterly management-service report (REPORT-5). The service figures are aggregates computed by
 * PostgreSQL over one office and one local quarter (GROUP BY / FILTER); Node receives counts, never the cases.
 * What is counted follows src/domain/metrics/rates.ts, so the quarter and the monthly summaries agree.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { quarterlyReports, users } from '../db/schema';

export type ReportRow = typeof quarterlyReports.$inferSelect;

export interface FigureScope {
  companyId: string;
  officeId: string;
  /** the quarter's instants, start inclusive, end exclusive */
  start: Date;
  end: Date;
  /** a clock falling due after now has not fallen due yet */
  now: Date;
}

export type KindCountRow = {
  kind: string;
  received: number;
  counted: number;
  invalid: number;
  merged: number;
};

/** Cases received in the quarter, by kind (cases_company_office_idx: company, office, received_at). */
export async function receivedByKind(db: Tx, s: FigureScope): Promise<KindCountRow[]> {
  const { rows } = await db.execute<KindCountRow>(receivedByKindSql(s));
  return rows;
}

export function receivedByKindSql(s: FigureScope): SQL {
  return sql`select c.kind,
      count(*)::int as received,
      count(*) filter (where not c.invalid and c.merged_into_id is null)::int as counted,
      count(*) filter (where c.invalid)::int as invalid,
      count(*) filter (where c.merged_into_id is not null and not c.invalid)::int as merged
    from cases c
    where c.company_id = ${s.companyId} and c.office_id = ${s.officeId}
      and c.received_at >= ${s.start} and c.received_at < ${s.end}
    group by c.kind`;
}

/**
 * Callback clocks that fell due in the quarter (effective due time in the quarter and not after now; not stopped
 * unmet before it; not paused now unless breached), and those done (met).
 */
export async function callbackCounts(db: Tx, s: FigureScope): Promise<{ due: number; done: number }> {
  const { rows } = await db.execute<{ due: number; done: number }>(callbackCountsSql(s));
  return rows[0] ?? { due: 0, done: 0 };
}

export function callbackCountsSql(s: FigureScope): SQL {
  return sql`select
      count(*)::int as due,
      count(*) filter (where k.met_at is not null)::int as done
    from case_clocks k join cases c on c.id = k.case_id
    where k.company_id = ${s.companyId} and c.office_id = ${s.officeId} and k.name = 'callback'
      and k.due_at >= ${s.start} and k.due_at < ${s.end} and k.due_at <= ${s.now}
      and not (k.met_at is null and k.breached_at is null and k.stopped_at is not null and k.stopped_at < k.due_at)
      and not (k.paused_at is not null and k.breached_at is null)`;
}

export type EventCountRow = {
  answered: number;
  satisfied: number;
  basically_satisfied: number;
  unsatisfied: number;
  resolved: number;
};

/** Callbacks answered (reached) in the quarter with their satisfaction, and cases resolved in the quarter. */
export async function eventCounts(db: Tx, s: FigureScope): Promise<EventCountRow> {
  const { rows } = await db.execute<EventCountRow>(eventCountsSql(s));
  return rows[0];
}

export function eventCountsSql(s: FigureScope): SQL {
  const answered = sql`t.type = 'callback' and t.data->>'reached' = 'true'`;
  return sql`select
      count(*) filter (where ${answered})::int as answered,
      count(*) filter (where ${answered} and t.data->>'satisfaction' = 'satisfied')::int as satisfied,
      count(*) filter (where ${answered} and t.data->>'satisfaction' = 'basically_satisfied')::int as basically_satisfied,
      count(*) filter (where ${answered} and t.data->>'satisfaction' = 'unsatisfied')::int as unsatisfied,
      count(distinct t.case_id) filter (where t.type = 'resolved')::int as resolved
    from case_timeline t join cases c on c.id = t.case_id
    where t.company_id = ${s.companyId} and c.office_id = ${s.officeId} and t.type in ('callback', 'resolved')
      and t.at >= ${s.start} and t.at < ${s.end}`;
}

export type OfficeRow = {
  id: string;
  name: string;
  director_id: string | null;
  company_id: string;
  time_zone: string;
};

export async function getOffice(db: Tx, companyId: string, officeId: string): Promise<OfficeRow | undefined> {
  const { rows } =
    await db.execute<OfficeRow>(sql`select o.id, o.name, o.director_id, o.company_id, c.time_zone
    from offices o join companies c on c.id = o.company_id
    where o.company_id = ${companyId} and o.id = ${officeId}`);
  return rows[0];
}

/** Every office of every company, with the company's zone (the reminder job drafts each office's report). */
export async function allOffices(db: Tx): Promise<OfficeRow[]> {
  const { rows } =
    await db.execute<OfficeRow>(sql`select o.id, o.name, o.director_id, o.company_id, c.time_zone
    from offices o join companies c on c.id = o.company_id order by o.company_id, o.id`);
  return rows;
}

/** The function of the user's department and that department's office (null: no department). */
export async function userDepartment(
  db: Tx,
  companyId: string,
  userId: string,
): Promise<{ function: string; officeId: string | null } | null> {
  const { rows } = await db.execute<{
    function: string;
    office_id: string | null;
  }>(sql`select d.function, d.office_id
    from users u join departments d on d.id = u.department_id
    where u.company_id = ${companyId} and u.id = ${userId}`);
  return rows[0] ? { function: rows[0].function, officeId: rows[0].office_id } : null;
}

export async function getReport(
  db: Tx,
  companyId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ReportRow | undefined> {
  const q = db
    .select()
    .from(quarterlyReports)
    .where(and(eq(quarterlyReports.companyId, companyId), eq(quarterlyReports.id, id)));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

export async function findReport(
  db: Tx,
  companyId: string,
  officeId: string,
  year: number,
  quarter: number,
): Promise<ReportRow | undefined> {
  const [row] = await db
    .select()
    .from(quarterlyReports)
    .where(
      and(
        eq(quarterlyReports.companyId, companyId),
        eq(quarterlyReports.officeId, officeId),
        eq(quarterlyReports.year, year),
        eq(quarterlyReports.quarter, quarter),
      ),
    );
  return row;
}

/** Inserts the draft unless another request or instance drafted it first; returns the stored row either way. */
export async function insertDraft(
  db: Tx,
  v: {
    companyId: string;
    officeId: string;
    year: number;
    quarter: number;
    serviceContent: unknown;
    at: Date;
  },
): Promise<ReportRow> {
  await db
    .insert(quarterlyReports)
    .values({
      companyId: v.companyId,
      officeId: v.officeId,
      year: v.year,
      quarter: v.quarter,
      status: 'draft',
      serviceContent: v.serviceContent,
      draftedAt: v.at,
      updatedAt: v.at,
    })
    .onConflictDoNothing();
  return (await findReport(db, v.companyId, v.officeId, v.year, v.quarter))!;
}

/** Applies a workflow change and increments the version. */
export async function updateReport(
  db: Tx,
  id: string,
  set: Partial<Omit<typeof quarterlyReports.$inferInsert, 'id' | 'companyId' | 'version'>>,
  at: Date,
) {
  await db
    .update(quarterlyReports)
    .set({ ...set, updatedAt: at, version: sql`${quarterlyReports.version} + 1` })
    .where(eq(quarterlyReports.id, id));
}

/**
 * Records the reminders sent without touching the version: a background reminder must not turn a user's next save
 * into a version conflict. The caller holds the row lock, so the content it read is current.
 */
export async function recordReminders(db: Tx, id: string, serviceContent: unknown) {
  await db.update(quarterlyReports).set({ serviceContent }).where(eq(quarterlyReports.id, id));
}

/** Unpublished reports, the candidates for reminders (oldest first). */
export async function unpublishedIds(db: Tx): Promise<string[]> {
  const rows = await db
    .select({ id: quarterlyReports.id })
    .from(quarterlyReports)
    .where(sql`${quarterlyReports.status} <> 'published'`)
    .orderBy(quarterlyReports.year, quarterlyReports.quarter, quarterlyReports.id);
  return rows.map((r) => r.id);
}

/** Locks one report for the reminder job; skipped when a user or another instance holds it (taken next hour). */
export async function lockForReminders(db: Tx, id: string) {
  const { rows } = await db.execute<{
    id: string;
    company_id: string;
    office_id: string;
    year: number;
    quarter: number;
    status: string;
    service_content: unknown;
    director_id: string | null;
    time_zone: string;
  }>(sql`select r.id, r.company_id, r.office_id, r.year, r.quarter, r.status, r.service_content, o.director_id,
      c.time_zone
    from quarterly_reports r join offices o on o.id = r.office_id join companies c on c.id = r.company_id
    where r.id = ${id} for update of r skip locked`);
  return rows[0];
}

/** The office's director: the recorded one, else the active directors among its staff. */
export async function directorsOf(db: Tx, companyId: string, officeId: string, directorId: string | null) {
  if (directorId) return [directorId];
  const { rows } = await db.execute<{ id: string }>(sql`select u.id from users u
    where u.company_id = ${companyId} and u.active and 'director' = any(u.roles)
      and exists (select 1 from user_offices uo where uo.user_id = u.id and uo.office_id = ${officeId})`);
  return rows.map((r) => r.id);
}

/** Members of a finance department covering the office: the company's (no office) or the office's own. */
export async function financeUsersOf(db: Tx, companyId: string, officeId: string) {
  const { rows } = await db.execute<{ id: string }>(sql`select u.id from users u
    join departments d on d.id = u.department_id
    where u.company_id = ${companyId} and u.active and d.function = 'finance'
      and (d.office_id is null or d.office_id = ${officeId})`);
  return rows.map((r) => r.id);
}

export async function userNames(db: Tx, companyId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map<string, string>();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.companyId, companyId), inArray(users.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Unpublished reports of the company's offices in `scope`, with the office's name and the company's zone. */
export async function unpublishedReportsOf(
  db: Tx,
  companyId: string,
  scope: 'all' | readonly string[],
): Promise<
  {
    id: string;
    officeId: string;
    officeName: string;
    year: number;
    quarter: number;
    status: string;
    timeZone: string;
  }[]
> {
  if (scope !== 'all' && !scope.length) return [];
  const { rows } = await db.execute<{
    id: string;
    office_id: string;
    office_name: string;
    year: number;
    quarter: number;
    status: string;
    time_zone: string;
  }>(sql`select r.id, r.office_id, o.name as office_name, r.year, r.quarter, r.status, c.time_zone
    from quarterly_reports r join offices o on o.id = r.office_id join companies c on c.id = r.company_id
    where r.company_id = ${companyId} and r.status <> 'published'
      ${scope === 'all' ? sql`` : sql`and r.office_id = any(${sql.param([...scope])}::uuid[])`}`);
  return rows.map((r) => ({
    id: r.id,
    officeId: r.office_id,
    officeName: r.office_name,
    year: r.year,
    quarter: r.quarter,
    status: r.status,
    timeZone: r.time_zone,
  }));
}

/** Every report not yet published, with its company's zone and the reminders it recorded (deadlines' backfill). */
export async function unpublishedReports(db: Tx) {
  const { rows } = await db.execute<{
    id: string;
    company_id: string;
    office_id: string;
    year: number;
    quarter: number;
    status: string;
    service_content: unknown;
    time_zone: string;
  }>(sql`select r.id, r.company_id, r.office_id, r.year, r.quarter, r.status, r.service_content, c.time_zone
    from quarterly_reports r join companies c on c.id = r.company_id
    where r.status <> 'published' order by r.year, r.quarter, r.id`);
  return rows;
}
