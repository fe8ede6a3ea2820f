/**
 * Case rows ↔ domain facts and API views. The timeline chain head (seq, hash) lives on the case row, which every
 * writer locks (FOR UPDATE), so entries are appended strictly in order.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  residentContactOf,
  type CaseActor,
  type CaseClockFact,
  type CaseFacts,
  type RouteTarget,
} from '../../domain/case/case';
import type { CaseListQuery } from '../../contracts/cases';
import { TOTAL_CAP } from '../../contracts/common';
import type { Db, Tx } from '../db/client';
import { columnsAs } from '../db/columns';
import { uuidList } from '../db/params';
import { caseVisibleTo, reporterVisibleTo } from '../access/case-access.repository';
import { caseClocks, cases } from '../db/schema';
import type { CaseEventParties } from '../events/event-bus';
import { searchQuery } from './search-text';
import { parsePhone } from '../../domain/property/phone';

/**
 * A case as its readers load it: the schema's row (every column but the search vector, which only the search
 * reads) and two names joined for the lifecycle — the target department's head and the office's director.
 */
export type CaseRow = Omit<typeof cases.$inferSelect, 'searchVector'> & {
  targetDepartmentHeadId: string | null;
  officeDirectorId: string | null;
  /** the target department's function is `engineering` (REPAIR-2) */
  targetIsRepairTeam: boolean | null;
};

/** The columns of a case row in raw SQL over `cases c` (columnsAs: the schema's keys). */
export const CASE_COLUMNS = columnsAs(cases, 'c', ['searchVector']);

/** A case clock as stored: the schema's row. */
export type ClockRow = typeof caseClocks.$inferSelect;

/** The columns of a clock row in raw SQL over `case_clocks k`. */
export const CLOCK_COLUMNS = columnsAs(caseClocks, 'k');

export { toDate } from '../db/dates';
import { toDate } from '../db/dates';

const CASE_DATES = [
  'receivedAt',
  'createdAt',
  'updatedAt',
  'resolvedAt',
  'closedAt',
  'nextDueAt',
  'visitAt',
  'residentToldAt',
] as const;
const CLOCK_DATES = [
  'startedAt',
  'dueAt',
  'metAt',
  'warnedAt',
  'breachedAt',
  'pausedAt',
  'stoppedAt',
  'nextCheckAt',
] as const;

export function normaliseCase<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = { ...row };
  for (const k of CASE_DATES) if (k in out) out[k] = toDate(out[k]);
  return out as T;
}

export function normaliseClock<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = { ...row };
  for (const k of CLOCK_DATES) if (k in out) out[k] = toDate(out[k]);
  if ('pausedMs' in out) out.pausedMs = Number(out.pausedMs);
  return out as T;
}

const CASE_SELECT = sql`select ${CASE_COLUMNS}, d.head_id as "targetDepartmentHeadId", o.director_id as "officeDirectorId",
    d.function = 'engineering' as "targetIsRepairTeam"
  from cases c left join departments d on d.id = c.department_id left join offices o on o.id = c.office_id`;

export async function loadCaseRow(db: Tx, companyId: string, id: string, opts: { lock?: boolean } = {}) {
  const { rows } = await db.execute<CaseRow>(
    sql`${CASE_SELECT} where c.company_id = ${companyId} and c.id = ${id}${opts.lock ? sql` for update of c` : sql``}`,
  );
  return rows[0] && normaliseCase(rows[0]);
}

export async function loadClocks(db: Tx, caseIds: readonly string[]): Promise<ClockRow[]> {
  if (!caseIds.length) return [];
  const { rows } = await db.execute<ClockRow>(
    sql`select ${CLOCK_COLUMNS} from case_clocks k where case_id in (${sql.join(
      caseIds.map((i) => sql`${i}::uuid`),
      sql`, `,
    )}) order by started_at, name`,
  );
  return rows.map(normaliseClock);
}

export function toClockFact(r: ClockRow): CaseClockFact {
  return {
    name: r.name,
    startedAt: r.startedAt,
    dueAt: r.dueAt,
    metAt: r.metAt,
    breachedAt: r.breachedAt,
    pausedAt: r.pausedAt,
    pausedMs: r.pausedMs,
    stoppedAt: r.stoppedAt,
  };
}

export function toFacts(row: CaseRow, clocks: readonly ClockRow[]): CaseFacts {
  return {
    id: row.id,
    state: row.state as CaseFacts['state'],
    kind: row.kind as CaseFacts['kind'],
    repairType: (row.repairType as CaseFacts['repairType']) ?? null,
    severity: row.severity as CaseFacts['severity'],
    categoryId: row.categoryId,
    officeId: row.officeId,
    firstResponderId: row.firstResponderId,
    recordedById: row.recordedById,
    handlerId: row.handlerId,
    target:
      row.targetType && row.targetId ? ({ type: row.targetType, id: row.targetId } as RouteTarget) : null,
    targetDepartmentHeadId: row.targetDepartmentHeadId,
    callbackAssigneeId: row.callbackAssigneeId,
    officeDirectorId: row.officeDirectorId,
    escalationTier: row.escalationTier,
    reopenCount: row.reopenCount,
    mergedIntoId: row.mergedIntoId,
    replyCount: row.replyCount,
    satisfaction: row.satisfaction,
    serviceComplaint: row.serviceComplaint,
    receivedAt: row.receivedAt,
    channel: row.channel,
    residentContact: residentContactOf(row),
    residentToldAt: row.residentToldAt,
    targetIsRepairTeam: row.targetIsRepairTeam === true,
    clocks: clocks.map(toClockFact),
  };
}

/** The people on a case as a live event carries them (event-bus.ts CaseEventParties). */
export function eventParties(
  row: Pick<
    CaseRow,
    'firstResponderId' | 'recordedById' | 'handlerId' | 'callbackAssigneeId' | 'targetType' | 'targetId'
  >,
): CaseEventParties {
  return {
    firstResponderId: row.firstResponderId,
    recordedById: row.recordedById,
    handlerId: row.handlerId,
    callbackAssigneeId: row.callbackAssigneeId,
    target:
      row.targetType && row.targetId ? ({ type: row.targetType, id: row.targetId } as RouteTarget) : null,
  };
}

export type TimelineRow = {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  type: string;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

export async function loadTimeline(db: Tx, caseId: string): Promise<TimelineRow[]> {
  const { rows } =
    await db.execute<TimelineRow>(sql`select t.seq, t.at, t.actor_id, u.name as actor_name, t.type, t.data, t.prev_hash, t.hash
    from case_timeline t left join users u on u.id = t.actor_id where t.case_id = ${caseId} order by t.seq`);
  return rows.map((r) => ({ ...r, at: toDate(r.at)! }));
}

/** Names for the ids a case view shows, in one query. */
export type CaseNames = {
  recorded_by: string | null;
  first_responder: string | null;
  handler: string | null;
  callback_assignee: string | null;
  department: string | null;
  office: string | null;
  /** the office's own phone (not a person's): the reporting department's phone on the written report (FORM-1) */
  office_phone: string | null;
  category: string | null;
  room_label: string | null;
  merged_into_number: string | null;
  target_name: string | null;
};

export async function loadNames(db: Tx, caseIds: readonly string[]): Promise<Map<string, CaseNames>> {
  if (!caseIds.length) return new Map();
  const { rows } = await db.execute<CaseNames & { id: string }>(sql`select c.id,
      rb.name as recorded_by, fr.name as first_responder, h.name as handler, ca.name as callback_assignee,
      d.name as department, o.name as office, o.phone as office_phone, cat.name as category,
      case when r.id is null then null else cm.name || ' ' || b.name || bu.name || r.number end as room_label,
      m.number as merged_into_number,
      case c.target_type when 'department' then td.name when 'leader' then tl.name else tp.name end as target_name
    from cases c
      left join users rb on rb.id = c.recorded_by_id left join users fr on fr.id = c.first_responder_id
      left join users h on h.id = c.handler_id left join users ca on ca.id = coalesce(c.callback_assignee_id, case when c.state = 'resolved' then c.first_responder_id end)
      left join departments d on d.id = c.department_id left join offices o on o.id = c.office_id
      left join categories cat on cat.id = c.category_id
      left join rooms r on r.id = c.room_id left join buildings b on b.id = r.building_id
      left join building_units bu on bu.id = r.unit_id left join communities cm on cm.id = r.community_id
      left join cases m on m.id = c.merged_into_id
      left join departments td on td.id = c.target_id and c.target_type = 'department'
      left join users tl on tl.id = c.target_id and c.target_type = 'leader'
      left join partner_units tp on tp.id = c.target_id and c.target_type in ('sisterUnit', 'externalUnit')
    where c.id in (${sql.join(
      caseIds.map((i) => sql`${i}::uuid`),
      sql`, `,
    )})`);
  return new Map(rows.map((r) => [r.id, r]));
}

export type CallerCaseRow = Pick<
  CaseRow,
  'id' | 'number' | 'kind' | 'state' | 'receivedAt' | 'categoryId' | 'roomId' | 'description'
> & {
  /** reported from this phone, and the viewer may see that (else a hidden reporter would show through) */
  sameCaller: boolean;
};

/**
 * Open cases (not closed) the caller reported or of the caller's rooms, newest first, as `viewer` may see them
 * (REGISTER-5, PRIV-3). A case is found by its reporter's phone only where the viewer may see that reporter: a
 * technician who could open an anonymous complaint must not learn from the phone who made it. By room it is found
 * whenever the case is visible: the room is a case field every viewer of the case has.
 */
export async function openCasesOfCaller(
  db: Tx,
  companyId: string,
  viewer: CaseActor,
  canonicalPhone: string,
  roomIds: readonly string[],
): Promise<CallerCaseRow[]> {
  const byRoom = roomIds.length ? sql` or c.room_id in (${uuidList(roomIds)})` : sql``;
  const { rows } = await db.execute<CallerCaseRow>(
    sql`select c.id, c.number, c.kind, c.state, c.received_at as "receivedAt", c.category_id as "categoryId",
        c.room_id as "roomId", left(c.description, 100) as description,
        (c.reporter_phone_canonical is not distinct from ${canonicalPhone} and ${reporterVisibleTo(viewer)}) as "sameCaller"
      from cases c where c.company_id = ${companyId} and c.state <> 'closed'
        and ((c.reporter_phone_canonical = ${canonicalPhone} and ${reporterVisibleTo(viewer)})${byRoom})
        and ${caseVisibleTo(viewer)}
      order by c.received_at desc limit 20`,
  );
  return rows.map(normaliseCase);
}

/**
 * Cases of these rooms closed since `since` (INTAKE-12: the repeat hint), newest first, as `viewer` may see them.
 */
export async function recentlyClosedOfRooms(
  db: Tx,
  companyId: string,
  viewer: CaseActor,
  roomIds: readonly string[],
  since: Date,
) {
  if (!roomIds.length) return [];
  const { rows } = await db.execute<{
    id: string;
    number: string;
    kind: string;
    categoryId: string | null;
    roomId: string | null;
    closedAt: Date | string | null;
    description: string;
  }>(sql`select c.id, c.number, c.kind, c.category_id as "categoryId", c.room_id as "roomId",
        c.closed_at as "closedAt", left(c.description, 100) as description
      from cases c where c.company_id = ${companyId} and c.state = 'closed' and c.merged_into_id is null
        and c.room_id in (${uuidList(roomIds)}) and c.closed_at >= ${since} and ${caseVisibleTo(viewer)}
      order by c.closed_at desc limit 20`);
  return rows.map((r) => ({ ...r, closedAt: toDate(r.closedAt) }));
}

/** A case of the company the viewer may see, for a link from a new case (INTAKE-12). */
export async function visibleCaseOffice(db: Tx, companyId: string, viewer: CaseActor, id: string) {
  const { rows } = await db.execute<{ id: string; office_id: string | null; number: string }>(
    sql`select c.id, c.office_id, c.number from cases c where c.company_id = ${companyId} and c.id = ${id}
      and ${caseVisibleTo(viewer)}`,
  );
  return rows[0] ?? null;
}

// ── what an action names, checked against the company (act-on-case.ts), and whom the desk tells ────────────────

/** An active, non-service user of the company (an id a client sends), with their department. */
export async function activeStaffUser(db: Tx, companyId: string, id: string) {
  const { rows } = await db.execute<{ id: string; department_id: string | null }>(
    sql`select id, department_id from users where company_id = ${companyId} and id = ${id} and active and not is_service`,
  );
  return rows[0];
}

export async function companyTimeZone(db: Tx, companyId: string): Promise<string | undefined> {
  const { rows } = await db.execute<{ time_zone: string }>(
    sql`select time_zone from companies where id = ${companyId}`,
  );
  return rows[0]?.time_zone;
}

/** Whether the company has this route target: a department, a sister or external unit of that relation, a user. */
export async function routeTargetExists(db: Tx, companyId: string, target: RouteTarget): Promise<boolean> {
  const { rows } =
    target.type === 'department'
      ? await db.execute(sql`select 1 from departments where company_id = ${companyId} and id = ${target.id}`)
      : target.type === 'leader'
        ? await db.execute(sql`select 1 from users where company_id = ${companyId} and id = ${target.id}`)
        : await db.execute(
            sql`select 1 from partner_units where company_id = ${companyId} and id = ${target.id}
              and relation = ${target.type === 'sisterUnit' ? 'sister' : 'external'}`,
          );
  return rows.length > 0;
}

/** An external unit's name, address and phone, as the resident is told them (ROUTE-4). */
export async function partnerUnitContact(
  db: Tx,
  companyId: string,
  id: string,
): Promise<{ name: string; address: string | null; phone: string | null } | null> {
  const { rows } = await db.execute<{ name: string; address: string | null; phone: string | null }>(
    sql`select name, address, phone from partner_units where company_id = ${companyId} and id = ${id}`,
  );
  return rows[0] ?? null;
}

/** The head of the department the employee belongs to (their direct superior, HANDLE-6), if any. */
export async function superiorOf(db: Tx, companyId: string, employeeId: string): Promise<string | null> {
  const { rows } = await db.execute<{ id: string | null }>(sql`select d.head_id as id from users u
    join departments d on d.id = u.department_id
    where u.company_id = ${companyId} and u.id = ${employeeId} and d.head_id <> u.id`);
  return rows[0]?.id ?? null;
}

/** The company's active managers (ESCALATE-1: company-wide). */
export async function activeManagers(db: Tx, companyId: string): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(
    sql`select id from users where company_id = ${companyId} and active and 'manager' = any(roles)`,
  );
  return rows.map((r) => r.id);
}

export async function partnerUnitExists(db: Tx, companyId: string, id: string): Promise<boolean> {
  const { rows } = await db.execute(
    sql`select 1 from partner_units where company_id = ${companyId} and id = ${id}`,
  );
  return rows.length > 0;
}

/** The department's active members and its head. */
export async function departmentMembers(db: Tx, departmentId: string): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(sql`select id from users where active
    and (department_id = ${departmentId} or id = (select head_id from departments where id = ${departmentId}))`);
  return rows.map((r) => r.id);
}

/** Whether the department is a repair team (function `engineering`): a repair routed there is dispatched (REPAIR-2). */
export async function isRepairTeam(db: Tx, companyId: string, departmentId: string): Promise<boolean> {
  const { rows } = await db.execute(sql`select 1 from departments
    where company_id = ${companyId} and id = ${departmentId} and function = 'engineering'`);
  return rows.length > 0;
}

/** Whether the user is a member of the department or its head. */
export async function inDepartment(db: Tx, userId: string, departmentId: string): Promise<boolean> {
  const { rows } = await db.execute(sql`select 1 from users u where u.id = ${userId}
    and (u.department_id = ${departmentId} or u.id = (select head_id from departments where id = ${departmentId}))`);
  return rows.length > 0;
}

/** The company's active admins (told when a deadline falls in a year without a working calendar). */
export async function activeAdmins(db: Tx, companyId: string): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(
    sql`select id from users where company_id = ${companyId} and active and 'admin' = any(roles)`,
  );
  return rows.map((r) => r.id);
}

// ── the cases list and full-text search (list-cases.ts): tuned SQL, rendered in src/server/db/queries/ ──────────

/** The list's filters as the repository takes them: the query's, with the instant "overdue" is measured at. */
export type CaseListFilter = Pick<
  CaseListQuery,
  | 'state'
  | 'kind'
  | 'severity'
  | 'communityId'
  | 'departmentId'
  | 'handlerId'
  | 'firstResponderId'
  | 'callbackAssigneeId'
  | 'overdue'
  | 'receivedFrom'
  | 'receivedTo'
  | 'q'
  | 'roomId'
  | 'officeId'
> & {
  companyId: string;
  now: Date;
  /** the query's `resolvedOn` as the instants of that local day in the company's zone: [from, to) */
  resolvedBetween?: readonly [Date, Date];
};

const anyOf = (column: SQL, values: readonly string[]) =>
  sql`${column} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;

/** The list's WHERE over `cases c`: the company, the case rule and each filter given. */
export function caseListWhere(viewer: CaseActor, f: CaseListFilter): SQL {
  const conds = [sql`c.company_id = ${f.companyId}`, caseVisibleTo(viewer)];
  const columns = [
    [sql`c.state`, f.state],
    [sql`c.kind`, f.kind],
    [sql`c.severity`, f.severity],
    [sql`c.community_id`, f.communityId],
    [sql`c.department_id`, f.departmentId],
    [sql`c.handler_id`, f.handlerId],
    [sql`c.first_responder_id`, f.firstResponderId],
    [sql`c.office_id`, f.officeId],
  ] as const;
  for (const [column, values] of columns) if (values?.length) conds.push(anyOf(column, values));
  if (f.callbackAssigneeId?.length)
    conds.push(
      sql`c.state = 'resolved' and ${anyOf(sql`coalesce(c.callback_assignee_id, c.first_responder_id)`, f.callbackAssigneeId)}`,
    );
  if (f.overdue === 'true') conds.push(sql`c.next_due_at < ${f.now}`);
  if (f.overdue === 'false') conds.push(sql`(c.next_due_at is null or c.next_due_at >= ${f.now})`);
  if (f.receivedFrom) conds.push(sql`c.received_at >= ${new Date(f.receivedFrom)}`);
  if (f.receivedTo) conds.push(sql`c.received_at < ${new Date(f.receivedTo)}`);
  if (f.roomId?.length) conds.push(anyOf(sql`c.room_id`, f.roomId));
  if (f.resolvedBetween)
    conds.push(sql`c.resolved_at >= ${f.resolvedBetween[0]} and c.resolved_at < ${f.resolvedBetween[1]}`);
  if (f.q) {
    const q = f.q.trim();
    const tsq = searchQuery(q);
    const matches = [sql`c.number = ${q.toUpperCase()}`];
    if (tsq) matches.push(sql`c.search_vector @@ to_tsquery('simple', ${tsq})`);
    // A resident's history (SEARCH-2): by the reporter's phone or name — only where this viewer may see who
    // reported the case, or the match itself would tell them (PRIV-3).
    const phone = parsePhone(q);
    if (phone.ok)
      matches.push(sql`(c.reporter_phone_canonical = ${phone.canonical} and ${reporterVisibleTo(viewer)})`);
    else if (q.length <= 20) matches.push(sql`(c.reporter_name = ${q} and ${reporterVisibleTo(viewer)})`);
    conds.push(sql`(${sql.join(matches, sql` or `)})`);
  }
  return sql.join(conds, sql` and `);
}

/**
 * The list's order and where the page starts. By arrival: (received_at, id) descending. By next due: nearest due
 * first, the cases with no running clock last (UI-2; a null time in the cursor: theirs).
 */
export type CaseListPage =
  | { sort: 'received'; after: readonly [Date, string] | null; limit: number }
  | { sort: 'nextDue'; after: readonly [Date | null, string] | null; limit: number };

/** One page of the list and one row more (a next page exists). */
export function caseListPageSql(where: SQL, p: CaseListPage): SQL {
  let keyset = sql``;
  let order: SQL;
  if (p.sort === 'nextDue') {
    order = sql`coalesce(c.next_due_at, 'infinity'::timestamptz) asc, c.id asc`;
    if (p.after)
      keyset = sql` and (coalesce(c.next_due_at, 'infinity'::timestamptz), c.id) > (${p.after[0] === null ? sql`'infinity'::timestamptz` : sql`${p.after[0]}`}, ${p.after[1]}::uuid)`;
  } else {
    order = sql`c.received_at desc, c.id desc`;
    if (p.after) keyset = sql` and (c.received_at, c.id) < (${p.after[0]}, ${p.after[1]}::uuid)`;
  }
  return sql`select ${CASE_COLUMNS}, null as "targetDepartmentHeadId", null as "officeDirectorId" from cases c where ${where}${keyset} order by ${order} limit ${p.limit + 1}`;
}

/** The list's count, up to one more than TOTAL_CAP. */
export function caseListCountSql(where: SQL): SQL {
  return sql`select count(*)::int as n from (select 1 from cases c where ${where} limit ${TOTAL_CAP + 1}) t`;
}

/**
 * The search's settings, for its one transaction. No parallel workers: on a small server they compete with the
 * requests around. A common word matches ~100,000 cases; with the default 4 MB the bitmap of their rows turns lossy
 * and every row of half the pages is checked again (漏水: 85 → 50 ms with 16 MB).
 */
export const SEARCH_SETTINGS: readonly SQL[] = [
  sql`set local max_parallel_workers_per_gather = 0`,
  sql`set local work_mem = '16MB'`,
];

/**
 * When a search matches more than TOTAL_CAP cases the newest ones are dense: walking the received_at index and
 * filtering is the plan (3–13 ms instead of 40–60 ms at a million cases); bitmap and sequential scans are turned
 * off for the page's statement.
 */
export const DENSE_SEARCH_SETTINGS: readonly SQL[] = [
  sql`set local enable_bitmapscan = off`,
  sql`set local enable_seqscan = off`,
];

/**
 * A page of the list and its count (`carried`: the count the cursor carries from the first page, then not counted
 * again). A full-text search runs in one transaction: count first, then the page's plan chosen from the count —
 * PostgreSQL estimates a tsquery of several words as if they were independent (电梯 & 困人: 1,276 rows estimated,
 * 21,281 found), so for common words it would read and sort every match to return 51. (Each SET is a round trip
 * of well under a millisecond; the count it speeds up takes 10–90 ms.)
 */
export async function listCasePage(
  db: Db,
  where: SQL,
  p: CaseListPage,
  opts: { search: boolean; carried: number | undefined },
): Promise<{ rows: CaseRow[]; counted: number }> {
  const pageQuery = caseListPageSql(where, p);
  const countQuery = caseListCountSql(where);
  if (opts.search)
    return db.transaction(async (tx) => {
      for (const s of SEARCH_SETTINGS) await tx.execute(s);
      const n = opts.carried ?? (await tx.execute<{ n: number }>(countQuery)).rows[0].n;
      if (n > TOTAL_CAP && p.sort !== 'nextDue') for (const s of DENSE_SEARCH_SETTINGS) await tx.execute(s);
      return { rows: (await tx.execute<CaseRow>(pageQuery)).rows, counted: n };
    });
  const [page, n] = await Promise.all([
    db.execute<CaseRow>(pageQuery),
    opts.carried ?? db.execute<{ n: number }>(countQuery).then((r) => r.rows[0].n),
  ]);
  return { rows: page.rows, counted: n };
}
