/**
 * The SQL of the monthly complaint summary (REPORT-1). Every figure is an aggregate computed by PostgreSQL over
 * one office (or the whole company) and one local month; Node receives grouped counts, never the cases. The
 * definitions of what is counted are in src/domain/metrics/rates.ts.
 *
 * Indexes (measured on the bench data set: 1,000,000 cases, 4.6 M clocks, 6.4 M timeline rows, 3 offices, one
 * office and month, 2 shared cores; all seven queries in parallel):
 * - cases received in the month: cases_company_office_idx (company_id, office_id, received_at) — exists;
 * - clocks that fell due in the month: needs case_clocks (company_id, due_at);
 * - timeline events of the month (callbacks, reopenings, resolutions, director's closes): needs
 *   case_timeline (company_id, type, at);
 * - the office and community of those clocks and events: a covering cases (company_id, office_id, id,
 *   community_id), so the join reads an index instead of the cases' heap (measured as INCLUDE (community_id);
 *   Drizzle has no INCLUDE, and a fourth key column serves the index-only scan the same way);
 * - explanations of the listed cases: the timeline's primary key (case_id, seq).
 * Without the new indexes 3.2 s; with the first two 1.4 s; with all three 0.72 s (clocks 0.23 s, events 0.46 s).
 * The grouped counts of a finished month are kept once computed (month-rollups.ts): a draft read again pays its
 * lists only.
 */
import { sql, type SQL } from 'drizzle-orm';
import { OPEN_STATES, type CaseActor } from '../../domain/case/case';
import type { Tx } from '../db/client';
import { cappedCount } from '../db/paging';
import { caseVisibleTo } from '../access/case-access.repository';
import { toDate } from '../db/dates';

export interface SummaryScope {
  companyId: string;
  /** null: the whole company */
  officeId: string | null;
  start: Date;
  end: Date;
  /** clocks falling due after now have not fallen due yet */
  now: Date;
}

const officeOf = (s: SummaryScope, column = sql`c.office_id`) =>
  s.officeId ? sql` and ${column} = ${s.officeId}` : sql``;
const receivedIn = (s: SummaryScope) => sql`c.received_at >= ${s.start} and c.received_at < ${s.end}`;
const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
const uuids = (values: readonly string[]) =>
  values.length
    ? sql.join(
        values.map((v) => sql`${v}::uuid`),
        sql`, `,
      )
    : sql`null::uuid`;

/** Not an invalid complaint, not a merged duplicate: what the breakdowns count. */
export const COUNTED = sql`not c.invalid and c.merged_into_id is null`;

/**
 * "Fell due in the month" (rates.ts): effective due time in the month and not after now; not stopped before its
 * due time unmet and unbreached; not paused now unless already breached.
 */
export const FELL_DUE = (
  s: SummaryScope,
) => sql`k.due_at >= ${s.start} and k.due_at < ${s.end} and k.due_at <= ${s.now}
  and not (k.met_at is null and k.breached_at is null and k.stopped_at is not null and k.stopped_at < k.due_at)
  and not (k.paused_at is not null and k.breached_at is null)`;
export const ON_TIME = sql`k.met_at is not null and k.met_at <= k.due_at and k.breached_at is null`;

/** A reached callback (answered) in the timeline. */
export const ANSWERED = sql`t.type = 'callback' and t.data->>'reached' = 'true'`;
export const REOPENED = sql`(t.type = 'reopened' or (t.type = 'callback' and t.data->>'outcome' = 'reopened'))`;

/**
 * A private (paid) repair's last resolution of the month (REPORT-8): `t` a timeline entry of the month, `c` its case.
 * A later resolution in the month is the one that counts.
 */
export const PAID_RESOLUTION = (s: SummaryScope) => sql`t.type = 'resolved' and c.repair_type = 'private'
  and not exists (select 1 from case_timeline r where r.case_id = t.case_id and r.type = 'resolved'
    and r.seq > t.seq and r.at < ${s.end})`;
/** An answered callback follows the resolution `t` before any later resolution, whenever it came (REPORT-8). */
export const CALLED_BACK_AFTER = sql`exists (select 1 from case_timeline cb where cb.case_id = t.case_id
    and cb.type = 'callback' and cb.data->>'reached' = 'true' and cb.seq > t.seq
    and not exists (select 1 from case_timeline r where r.case_id = t.case_id and r.type = 'resolved'
      and r.seq > t.seq and r.seq < cb.seq))`;

// ---------------------------------------------------------------------------------------------------------------
// Counts

export type ReceivedRow = {
  community_id: string | null;
  kind: string;
  category_id: string | null;
  channel: string;
  severity: string;
  received: number;
  counted: number;
  invalid: number;
  merged: number;
  valid_complaints: number;
};

/** Cases received in the month, grouped by every dimension at once (one index range scan). */
export async function receivedCounts(db: Tx, s: SummaryScope): Promise<ReceivedRow[]> {
  const { rows } = await db.execute<ReceivedRow>(receivedCountsSql(s));
  return rows;
}

export function receivedCountsSql(s: SummaryScope): SQL {
  return sql`select c.community_id, c.kind, c.category_id, c.channel, c.severity,
      count(*)::int as received,
      count(*) filter (where ${COUNTED})::int as counted,
      count(*) filter (where c.invalid)::int as invalid,
      count(*) filter (where c.merged_into_id is not null and not c.invalid)::int as merged,
      count(*) filter (where c.kind = 'complaint' and ${COUNTED})::int as valid_complaints
    from cases c
    where c.company_id = ${s.companyId}${officeOf(s)} and ${receivedIn(s)}
    group by c.community_id, c.kind, c.category_id, c.channel, c.severity`;
}

export type ClockCountRow = {
  community_id: string | null;
  name: string;
  fell_due: number;
  on_time: number;
  met: number;
};

/** Clocks that fell due in the month, per community and clock. */
export async function clockCounts(db: Tx, s: SummaryScope): Promise<ClockCountRow[]> {
  const { rows } = await db.execute<ClockCountRow>(clockCountsSql(s));
  return rows;
}

export function clockCountsSql(s: SummaryScope): SQL {
  return sql`select c.community_id, k.name,
      count(*)::int as fell_due,
      count(*) filter (where ${ON_TIME})::int as on_time,
      count(*) filter (where k.met_at is not null)::int as met
    from case_clocks k join cases c on c.id = k.case_id
    where k.company_id = ${s.companyId}${officeOf(s)} and ${FELL_DUE(s)}
    group by c.community_id, k.name`;
}

export type EventCountRow = {
  community_id: string | null;
  answered: number;
  satisfied: number;
  basically_satisfied: number;
  unsatisfied: number;
  reopened: number;
  resolved: number;
  /** private (paid) repairs resolved in the month, and of them those called back after it (REPORT-8) */
  paid_resolved: number;
  paid_called_back: number;
};

/**
 * Callbacks answered, reopenings and resolutions that happened in the month, per community; and the paid-repair
 * callbacks (REPORT-8): a private repair's last resolution of the month, called back when an answered callback
 * follows it in the timeline before any later resolution, whenever it came (migration 0018 makes such a callback touch the resolution's month).
 */
export async function eventCounts(db: Tx, s: SummaryScope): Promise<EventCountRow[]> {
  const { rows } = await db.execute<EventCountRow>(eventCountsSql(s));
  return rows;
}

export function eventCountsSql(s: SummaryScope): SQL {
  return sql`select c.community_id,
      count(*) filter (where ${ANSWERED})::int as answered,
      count(*) filter (where ${ANSWERED} and t.data->>'satisfaction' = 'satisfied')::int as satisfied,
      count(*) filter (where ${ANSWERED} and t.data->>'satisfaction' = 'basically_satisfied')::int as basically_satisfied,
      count(*) filter (where ${ANSWERED} and t.data->>'satisfaction' = 'unsatisfied')::int as unsatisfied,
      count(distinct t.case_id) filter (where ${REOPENED})::int as reopened,
      count(distinct t.case_id) filter (where t.type = 'resolved')::int as resolved,
      count(distinct t.case_id) filter (where ${PAID_RESOLUTION(s)})::int as paid_resolved,
      count(distinct t.case_id) filter (where ${PAID_RESOLUTION(s)} and ${CALLED_BACK_AFTER})::int as paid_called_back
    from case_timeline t join cases c on c.id = t.case_id
    where t.company_id = ${s.companyId} and t.type in ('callback', 'reopened', 'resolved')
      and t.at >= ${s.start} and t.at < ${s.end}${officeOf(s)}
    group by c.community_id`;
}

export type CommunityRow = {
  id: string;
  name: string;
  occupied: number;
};

/**
 * The office's communities with their occupied households (rooms with status occupied): rooms keep no history,
 * so this is the count now — the summary freezes it at approval.
 */
export async function communities(
  db: Tx,
  companyId: string,
  officeId: string | null,
): Promise<CommunityRow[]> {
  const { rows } = await db.execute<CommunityRow>(communitiesSql(companyId, officeId));
  return rows;
}

export function communitiesSql(companyId: string, officeId: string | null): SQL {
  return sql`select cm.id, cm.name,
      (select count(*) from rooms r where r.company_id = ${companyId} and r.community_id = cm.id
        and r.status = 'occupied')::int as occupied
    from communities cm
    where cm.company_id = ${companyId}${officeId ? sql` and cm.office_id = ${officeId}` : sql``}
    order by cm.name`;
}

/** Names of communities met in the counts that are not (or no longer) the office's. */
export async function communityNames(db: Tx, companyId: string, ids: readonly string[]) {
  if (!ids.length) return new Map<string, string>();
  const { rows } = await db.execute<{ id: string; name: string }>(
    sql`select id, name from communities where company_id = ${companyId} and id in (${uuids(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names of the categories that appear in the counts. */
export async function categoryNames(db: Tx, companyId: string, ids: readonly string[]) {
  if (!ids.length) return new Map<string, string>();
  const { rows } = await db.execute<{ id: string; name: string }>(
    sql`select id, name from categories where company_id = ${companyId} and id in (${uuids(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------------------------------------------------------------------------------------------------------------
// Lists

export type ListedCaseRow = {
  id: string;
  number: string;
  kind: string;
  severity: string;
  state: string;
  closure: string | null;
  received_at: Date;
  description: string;
  reporter_name: string | null;
  category: string | null;
  community: string | null;
  reason: string;
};

const LISTED = sql`c.id, c.number, c.kind, c.severity, c.state, c.closure, c.received_at, c.description, c.reporter_name,
  cat.name as category, cm.name as community`;
const LISTED_JOINS = sql`left join categories cat on cat.id = c.category_id left join communities cm on cm.id = c.community_id`;

const normaliseListed = (rows: ListedCaseRow[]) =>
  rows.map((r) => ({ ...r, received_at: toDate(r.received_at)! }));

/** Cases the director closed (closure 'director', "closed unsatisfied") with the close in the month. */
const closedByDirector = (
  s: SummaryScope,
) => sql`c.company_id = ${s.companyId}${officeOf(s)} and c.closure = 'director'
  and c.id in (select t.case_id from case_timeline t where t.company_id = ${s.companyId} and t.type = 'closed'
    and t.at >= ${s.start} and t.at < ${s.end})`;

/** Notable cases: emergency and major cases received in the month, and those closed unsatisfied in it. */
export function notableCasesSql(s: SummaryScope, limit: number): SQL {
  return sql`(select ${LISTED}, c.severity as reason
      from cases c ${LISTED_JOINS}
      where c.company_id = ${s.companyId}${officeOf(s)} and ${receivedIn(s)} and ${COUNTED}
        and c.severity in ('emergency', 'major')
      order by c.received_at, c.id limit ${limit + 1})
    union all
    (select ${LISTED}, 'closed_unsatisfied' as reason from cases c ${LISTED_JOINS}
      where ${closedByDirector(s)} order by c.received_at, c.id limit ${limit + 1})`;
}

export async function notableCases(db: Tx, s: SummaryScope, limit: number): Promise<ListedCaseRow[]> {
  return normaliseListed((await db.execute<ListedCaseRow>(notableCasesSql(s, limit))).rows);
}

/**
 * The ids of the oldest `limit` cases open now and received before the month's end: one ordered branch per open
 * state on cases_company_state_idx (company_id, state, received_at), merged. A single `state in (…)` scan walks the
 * office's cases from the oldest and reads every closed one on the way (65,000 rows on the bench data set).
 */
function openBefore(s: SummaryScope, limit: number): SQL {
  return sql`select x.id from (${sql.join(
    OPEN_STATES.map(
      (state) => sql`(select c.id, c.received_at from cases c
        where c.company_id = ${s.companyId} and c.state = ${state} and c.received_at < ${s.end}${officeOf(s)}
        order by c.received_at, c.id limit ${limit})`,
    ),
    sql` union all `,
  )}) x order by x.received_at, x.id limit ${limit}`;
}

/**
 * Could not be fixed: closed by the director in the month, and cases still open at the end of the month — open
 * now and received before the end, or received in the month and resolved or closed only after it.
 */
export function unresolvedCasesSql(s: SummaryScope, limit: number): SQL {
  return sql`(select ${LISTED}, 'closed_by_director' as reason
      from cases c ${LISTED_JOINS} where ${closedByDirector(s)} order by c.received_at, c.id limit ${limit + 1})
    union all
    (select ${LISTED}, 'open_at_month_end' as reason from cases c ${LISTED_JOINS}
      where c.id in (select o.id from (${openBefore(s, limit + 1)}) o)
      order by c.received_at, c.id limit ${limit + 1})
    union all
    (select ${LISTED}, 'open_at_month_end' as reason from cases c ${LISTED_JOINS}
      where c.company_id = ${s.companyId}${officeOf(s)} and ${receivedIn(s)}
        and c.state not in (${list(OPEN_STATES)}) and ${COUNTED}
        and least(c.resolved_at, c.closed_at) >= ${s.end}
      order by c.received_at, c.id limit ${limit + 1})`;
}

export async function unresolvedCases(db: Tx, s: SummaryScope, limit: number): Promise<ListedCaseRow[]> {
  return normaliseListed((await db.execute<ListedCaseRow>(unresolvedCasesSql(s, limit))).rows);
}

export type ExplanationRow = {
  case_id: string;
  seq: number;
  type: string;
  data: Record<string, unknown>;
};

/**
 * The timeline entries that say what was done or why not, for the listed cases: primary-key lookups, one per case
 * (joined to the list, so the planner does not take `case_id in (…) and type in (…)` to the type index, a skip
 * scan of the whole company's entries: 190 ms instead of 5 on the bench data set).
 */
export async function explanations(db: Tx, caseIds: readonly string[]): Promise<ExplanationRow[]> {
  if (!caseIds.length) return [];
  const { rows } = await db.execute<ExplanationRow>(explanationsSql(caseIds));
  return rows;
}

export function explanationsSql(caseIds: readonly string[]): SQL {
  return sql`select t.case_id, t.seq, t.type, t.data
    from unnest(${sql.param(caseIds)}::uuid[]) as x(id) join case_timeline t on t.case_id = x.id
    where t.type in ('resolved', 'closed', 'invalidated', 'waiting', 'extended', 'returned')
    order by t.case_id, t.seq`;
}

/**
 * Personal names the public text must not contain: the residents of the office's rooms and the reporters of the
 * month's cases.
 */
export async function knownNames(db: Tx, s: SummaryScope): Promise<string[]> {
  const { rows } = await db.execute<{ name: string }>(knownNamesSql(s));
  return rows.map((r) => r.name);
}

export function knownNamesSql(s: SummaryScope): SQL {
  return sql`select distinct r.name from residents r
      join room_residents rr on rr.resident_id = r.id join rooms ro on ro.id = rr.room_id
      join communities cm on cm.id = ro.community_id
      where r.company_id = ${s.companyId}${officeOf(s, sql`cm.office_id`)}
    union
    select distinct c.reporter_name from cases c
      where c.company_id = ${s.companyId}${officeOf(s)} and ${receivedIn(s)} and c.reporter_name is not null`;
}

/**
 * The names of the company's users, current and former (deactivated users stay in the table): staff named in a
 * case's text are personal data in the public version too. Service users are integrations, not people.
 */
export async function staffNames(db: Tx, companyId: string): Promise<string[]> {
  const { rows } = await db.execute<{ name: string }>(
    sql`select distinct name from users where company_id = ${companyId} and not is_service`,
  );
  return rows.map((r) => r.name);
}

// ---------------------------------------------------------------------------------------------------------------
// Drill-down and the detail sheet

export interface DrillFilter {
  figure: string;
  value?: string;
  clock?: string;
  communityId?: string;
}

/**
 * The WHERE of a drill-down over `cases c` as `viewer` may list them (null when the figure's value is missing or
 * unknown). The figure selects the cases, the case rule (caseVisibleTo) then applies to each: a summary in scope
 * is not a licence to list cases its reader could not open.
 */
export function drillWhere(s: SummaryScope, f: DrillFilter, viewer: CaseActor): SQL | null {
  const figure = figureWhere(s, f);
  return figure && sql`${figure} and ${caseVisibleTo(viewer)}`;
}

/** The cases behind one figure of the summary. */
function figureWhere(s: SummaryScope, f: DrillFilter): SQL | null {
  const base = sql`c.company_id = ${s.companyId}${officeOf(s)}`;
  const community =
    f.communityId === 'none'
      ? sql` and c.community_id is null`
      : f.communityId
        ? sql` and c.community_id = ${f.communityId}`
        : sql``;
  const received = sql`${base}${community} and ${receivedIn(s)}`;
  const bucket = (column: SQL) =>
    f.value === 'none'
      ? sql`${received} and ${COUNTED} and ${column} is null`
      : sql`${received} and ${COUNTED} and ${column}::text = ${f.value}`;
  const clocks = (
    name: string,
    extra: SQL,
  ) => sql`${base}${community} and c.id in (select k.case_id from case_clocks k
    where k.company_id = ${s.companyId} and k.name = ${name} and ${FELL_DUE(s)}${extra})`;
  const events = (what: SQL) => sql`${base}${community} and c.id in (select t.case_id from case_timeline t
    where t.company_id = ${s.companyId} and t.type in ('callback', 'reopened', 'resolved')
      and t.at >= ${s.start} and t.at < ${s.end} and ${what})`;
  switch (f.figure) {
    case 'received':
      return received;
    case 'counted':
      return sql`${received} and ${COUNTED}`;
    case 'invalid':
      return sql`${received} and c.invalid`;
    case 'merged':
      return sql`${received} and c.merged_into_id is not null and not c.invalid`;
    case 'validComplaints':
      return sql`${received} and ${COUNTED} and c.kind = 'complaint'`;
    case 'kind':
    case 'channel':
    case 'severity':
      return f.value && f.value !== 'none' ? bucket(sql.raw(`c.${f.figure}`)) : null;
    case 'category':
      return f.value ? bucket(sql`c.category_id`) : null;
    case 'community':
      return f.value ? bucket(sql`c.community_id`) : null;
    case 'clockDue':
      return f.clock ? clocks(f.clock, sql``) : null;
    case 'clockLate':
      return f.clock ? clocks(f.clock, sql` and not (${ON_TIME})`) : null;
    case 'callbackDue':
      return clocks('callback', sql``);
    case 'callbackNotDone':
      return clocks('callback', sql` and k.met_at is null`);
    case 'answered':
      return events(ANSWERED);
    case 'unsatisfied':
      return events(sql`${ANSWERED} and t.data->>'satisfaction' = 'unsatisfied'`);
    case 'reopened':
      return events(REOPENED);
    case 'resolved':
      return events(sql`t.type = 'resolved'`);
    case 'paidRepairResolved':
      return events(PAID_RESOLUTION(s));
    case 'paidRepairNotCalledBack':
      return events(sql`${PAID_RESOLUTION(s)} and not ${CALLED_BACK_AFTER}`);
    default:
      return null;
  }
}

export type DrillRow = {
  id: string;
  number: string;
  kind: string;
  severity: string;
  state: string;
  received_at: Date;
  category: string | null;
  community: string | null;
};

/** One page of a drill-down, newest first (keyset on received_at desc, id desc). */
export async function drillPage(
  db: Tx,
  where: SQL,
  /** the (received_at, id) of the previous page's last row */
  after: readonly [Date, string] | null,
  limit: number,
): Promise<DrillRow[]> {
  const { rows } = await db.execute<DrillRow>(drillPageSql(where, after, limit));
  return rows.map((r) => ({ ...r, received_at: toDate(r.received_at)! }));
}

export function drillPageSql(where: SQL, after: readonly [Date, string] | null, limit: number): SQL {
  const keyset = after ? sql` and (c.received_at, c.id) < (${after[0]}, ${after[1]}::uuid)` : sql``;
  return sql`select c.id, c.number, c.kind, c.severity, c.state, c.received_at,
      cat.name as category, cm.name as community
    from cases c ${LISTED_JOINS}
    where ${where}${keyset}
    order by c.received_at desc, c.id desc limit ${limit + 1}`;
}

/** How many cases the drill's figure holds, counted up to the list cap. */
export function drillCount(db: Tx, where: SQL) {
  return cappedCount(db, drillCountFrom(where));
}

/** The FROM … WHERE drillCount counts over (paging's cappedCountSql renders the statement). */
export const drillCountFrom = (where: SQL): SQL => sql`from cases c where ${where}`;

export type DetailRow = {
  number: string;
  received_at: Date;
  kind: string;
  severity: string;
  channel: string;
  state: string;
  closure: string | null;
  satisfaction: string | null;
  reopen_count: number;
  invalid: boolean;
  merged: boolean;
  category: string | null;
  community: string | null;
};

/** Every case received in the month, for the internal .xlsx 明细 sheet (no personal data). */
export async function detailRows(db: Tx, s: SummaryScope, limit: number): Promise<DetailRow[]> {
  const { rows } = await db.execute<DetailRow>(detailRowsSql(s, limit));
  return rows.map((r) => ({ ...r, received_at: toDate(r.received_at)! }));
}

export function detailRowsSql(s: SummaryScope, limit: number): SQL {
  return sql`select c.number, c.received_at, c.kind, c.severity, c.channel,
      c.state, c.closure, c.satisfaction, c.reopen_count, c.invalid, c.merged_into_id is not null as merged,
      cat.name as category, cm.name as community
    from cases c ${LISTED_JOINS}
    where c.company_id = ${s.companyId}${officeOf(s)} and ${receivedIn(s)}
    order by c.received_at, c.id limit ${limit}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The monthly_summaries rows

export type SummaryRow = {
  id: string;
  company_id: string;
  office_id: string | null;
  year: number;
  month: number;
  status: 'draft' | 'approved' | 'published';
  figures: unknown;
  public_content: unknown;
  drafted_at: Date;
  approved_by_id: string | null;
  approved_at: Date | null;
  published_by_id: string | null;
  published_at: Date | null;
  version: number;
  approved_by_name: string | null;
  published_by_name: string | null;
};

const SUMMARY_SELECT = sql`select s.*, ua.name as approved_by_name, up.name as published_by_name
  from monthly_summaries s left join users ua on ua.id = s.approved_by_id left join users up on up.id = s.published_by_id`;

const normaliseSummary = (r: SummaryRow): SummaryRow => ({
  ...r,
  drafted_at: toDate(r.drafted_at)!,
  approved_at: toDate(r.approved_at),
  published_at: toDate(r.published_at),
});

export async function findSummary(
  db: Tx,
  companyId: string,
  officeId: string | null,
  year: number,
  month: number,
): Promise<SummaryRow | undefined> {
  const { rows } = await db.execute<SummaryRow>(sql`${SUMMARY_SELECT}
    where s.company_id = ${companyId} and s.office_id ${officeId ? sql`= ${officeId}` : sql`is null`}
      and s.year = ${year} and s.month = ${month}`);
  return rows[0] && normaliseSummary(rows[0]);
}

export async function getSummary(
  db: Tx,
  companyId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<SummaryRow | undefined> {
  const { rows } = await db.execute<SummaryRow>(
    sql`${SUMMARY_SELECT} where s.company_id = ${companyId} and s.id = ${id}${opts.lock ? sql` for update of s` : sql``}`,
  );
  return rows[0] && normaliseSummary(rows[0]);
}

/** Inserts a draft unless another request or instance drafted the month first; true when this one did. */
export async function insertDraft(
  db: Tx,
  row: {
    companyId: string;
    officeId: string | null;
    year: number;
    month: number;
    figures: unknown;
    publicContent: unknown;
    at: Date;
  },
): Promise<boolean> {
  const { rows } = await db.execute(sql`insert into monthly_summaries
      (company_id, office_id, year, month, status, figures, public_content, drafted_at, updated_at)
    values (${row.companyId}, ${row.officeId}, ${row.year}, ${row.month}, 'draft', ${JSON.stringify(row.figures)}::jsonb,
      ${JSON.stringify(row.publicContent)}::jsonb, ${row.at}, ${row.at})
    on conflict do nothing returning id`);
  return rows.length > 0;
}

export async function updateSummary(
  db: Tx,
  id: string,
  set: {
    status?: string;
    figures?: unknown;
    publicContent?: unknown;
    approvedById?: string;
    approvedAt?: Date;
    publishedById?: string;
    publishedAt?: Date;
    at: Date;
  },
) {
  const parts: SQL[] = [sql`version = version + 1`, sql`updated_at = ${set.at}`];
  if (set.status) parts.push(sql`status = ${set.status}`);
  if (set.figures !== undefined) parts.push(sql`figures = ${JSON.stringify(set.figures)}::jsonb`);
  if (set.publicContent !== undefined)
    parts.push(sql`public_content = ${JSON.stringify(set.publicContent)}::jsonb`);
  if (set.approvedById)
    parts.push(sql`approved_by_id = ${set.approvedById}`, sql`approved_at = ${set.approvedAt!}`);
  if (set.publishedById)
    parts.push(sql`published_by_id = ${set.publishedById}`, sql`published_at = ${set.publishedAt!}`);
  await db.execute(sql`update monthly_summaries set ${sql.join(parts, sql`, `)} where id = ${id}`);
}

/** Offices (with the company's zone) for the drafting job and the status board. */
export async function officesOf(db: Tx, companyId?: string, officeIds?: readonly string[] | 'all') {
  const { rows } = await db.execute<{
    id: string;
    name: string;
    company_id: string;
    time_zone: string;
  }>(sql`select o.id, o.name, o.company_id, co.time_zone from offices o join companies co on co.id = o.company_id
    where true${companyId ? sql` and o.company_id = ${companyId}` : sql``}
      ${officeIds && officeIds !== 'all' ? sql` and o.id in (${uuids(officeIds)})` : sql``}
    order by o.company_id, o.name`);
  return rows;
}

/** The summaries of these offices from a month on (status board). */
export async function summariesSince(
  db: Tx,
  companyId: string,
  officeIds: readonly string[],
  from: { year: number; month: number },
) {
  if (!officeIds.length) return [];
  const { rows } = await db.execute<{
    id: string;
    office_id: string;
    year: number;
    month: number;
    status: string;
  }>(sql`select id, office_id, year, month, status from monthly_summaries
    where company_id = ${companyId} and office_id in (${uuids(officeIds)})
      and (year, month) >= (${from.year}, ${from.month})`);
  return rows;
}

export async function companyInfo(db: Tx, companyId: string) {
  const { rows } = await db.execute<{ name: string; time_zone: string; report_policy: unknown }>(
    sql`select co.name, co.time_zone, p.report_policy from companies co
      left join company_policies p on p.company_id = co.id where co.id = ${companyId}`,
  );
  return rows[0];
}

export async function officeName(db: Tx, companyId: string, officeId: string) {
  const { rows } = await db.execute<{ name: string }>(
    sql`select name from offices where company_id = ${companyId} and id = ${officeId}`,
  );
  return rows[0]?.name;
}

/** The offices' summaries not yet published, from `since` on, with the company's zone (deadlines' backfill). */
export async function unpublishedSummariesSince(db: Tx, since: Date) {
  const { rows } = await db.execute<{
    id: string;
    company_id: string;
    office_id: string;
    year: number;
    month: number;
    time_zone: string;
  }>(sql`select s.id, s.company_id, s.office_id, s.year, s.month, co.time_zone
    from monthly_summaries s join companies co on co.id = s.company_id
    where s.office_id is not null and s.status <> 'published' and s.drafted_at >= ${since}
    order by s.company_id, s.year, s.month`);
  return rows;
}
