/**
 * Case rows ↔ domain facts and API views. The timeline chain head (seq, hash) lives on the case row, which every
 * writer locks (FOR UPDATE), so entries are appended strictly in order.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { CaseActor, CaseClockFact, CaseFacts, ClockName, RouteTarget } from '../../domain/case/case';
import type { ClockEffect } from '../../domain/case/case-clocks';
import { warnAt } from '../../domain/clock/deadlines';
import { REPORTER_CONTACT_ROLES, type ReporterViewer } from '../../domain/privacy/case-visibility';
import type { Actor } from '../../domain/access/access';
import type { Tx } from '../db/client';
import type { CaseEventParties } from '../events/event-bus';

export type CaseRow = {
  id: string;
  company_id: string;
  number: string;
  version: number;
  channel: string;
  kind: string;
  severity: string;
  category_id: string | null;
  repair_type: string | null;
  visit_at: Date | null;
  state: string;
  received_at: Date;
  created_at: Date;
  recorded_by_id: string;
  first_responder_id: string;
  handler_id: string | null;
  department_id: string | null;
  target_type: string | null;
  target_id: string | null;
  office_id: string | null;
  community_id: string | null;
  room_id: string | null;
  address: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_anonymous: boolean;
  description: string;
  self_complaint: boolean;
  service_complaint: boolean;
  reply_count: number;
  escalation_tier: number;
  satisfaction: string | null;
  reopen_count: number;
  merged_into_id: string | null;
  invalid: boolean;
  closure: string | null;
  callback_assignee_id: string | null;
  calendar_unknown: boolean;
  resolved_at: Date | null;
  closed_at: Date | null;
  next_due_at: Date | null;
  timeline_seq: number;
  timeline_head: string;
  // joined
  target_department_head_id: string | null;
  office_director_id: string | null;
};

export type ClockRow = {
  id: string;
  case_id: string;
  name: ClockName;
  started_at: Date;
  due_at: Date;
  met_at: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  paused_at: Date | null;
  paused_ms: number;
  stopped_at: Date | null;
  calendar_unknown: boolean;
  next_check_at: Date | null;
};

export { toDate } from '../db/dates';
import { toDate } from '../db/dates';

const CASE_DATES = [
  'received_at',
  'created_at',
  'resolved_at',
  'closed_at',
  'next_due_at',
  'visit_at',
] as const;
const CLOCK_DATES = [
  'started_at',
  'due_at',
  'met_at',
  'warned_at',
  'breached_at',
  'paused_at',
  'stopped_at',
  'next_check_at',
] as const;

export function normaliseCase<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = { ...row };
  for (const k of CASE_DATES) if (k in out) out[k] = toDate(out[k]);
  return out as T;
}

export function normaliseClock<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = { ...row };
  for (const k of CLOCK_DATES) if (k in out) out[k] = toDate(out[k]);
  if ('paused_ms' in out) out.paused_ms = Number(out.paused_ms);
  return out as T;
}

const CASE_SELECT = sql`select c.*, d.head_id as target_department_head_id, o.director_id as office_director_id
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
    sql`select * from case_clocks where case_id in (${sql.join(
      caseIds.map((i) => sql`${i}::uuid`),
      sql`, `,
    )}) order by started_at, name`,
  );
  return rows.map(normaliseClock);
}

export function toClockFact(r: ClockRow): CaseClockFact {
  return {
    name: r.name,
    startedAt: r.started_at,
    dueAt: r.due_at,
    metAt: r.met_at,
    breachedAt: r.breached_at,
    pausedAt: r.paused_at,
    pausedMs: r.paused_ms,
    stoppedAt: r.stopped_at,
  };
}

export function toFacts(row: CaseRow, clocks: readonly ClockRow[]): CaseFacts {
  return {
    id: row.id,
    state: row.state as CaseFacts['state'],
    kind: row.kind as CaseFacts['kind'],
    repairType: (row.repair_type as CaseFacts['repairType']) ?? null,
    severity: row.severity as CaseFacts['severity'],
    categoryId: row.category_id,
    officeId: row.office_id,
    firstResponderId: row.first_responder_id,
    recordedById: row.recorded_by_id,
    handlerId: row.handler_id,
    target:
      row.target_type && row.target_id ? ({ type: row.target_type, id: row.target_id } as RouteTarget) : null,
    targetDepartmentHeadId: row.target_department_head_id,
    callbackAssigneeId: row.callback_assignee_id,
    officeDirectorId: row.office_director_id,
    escalationTier: row.escalation_tier,
    reopenCount: row.reopen_count,
    mergedIntoId: row.merged_into_id,
    replyCount: row.reply_count,
    serviceComplaint: row.service_complaint,
    clocks: clocks.map(toClockFact),
  };
}

/** The people on a case as a live event carries them (event-bus.ts CaseEventParties). */
export function eventParties(
  row: Pick<
    CaseRow,
    | 'first_responder_id'
    | 'recorded_by_id'
    | 'handler_id'
    | 'callback_assignee_id'
    | 'target_type'
    | 'target_id'
  >,
): CaseEventParties {
  return {
    firstResponderId: row.first_responder_id,
    recordedById: row.recorded_by_id,
    handlerId: row.handler_id,
    callbackAssigneeId: row.callback_assignee_id,
    target:
      row.target_type && row.target_id ? ({ type: row.target_type, id: row.target_id } as RouteTarget) : null,
  };
}

/** When the sweeper must look at a clock next: its 80 % warning, then its deadline; never once met, stopped or paused. */
export function nextCheckAt(
  c: Pick<
    ClockRow,
    'started_at' | 'due_at' | 'met_at' | 'warned_at' | 'breached_at' | 'paused_at' | 'stopped_at'
  >,
): Date | null {
  if (c.met_at || c.stopped_at || c.paused_at || c.breached_at) return null;
  if (!c.warned_at) {
    const warning = warnAt(c.started_at, c.due_at);
    if (warning < c.due_at) return warning;
  }
  return c.due_at;
}

/**
 * Folds the domain's clock effects into the clocks of one case (by name), in order, and sets each changed clock's
 * next_check_at. Returns the names it changed. Pure: the callers store the result.
 */
export function foldClockEffects(
  current: Map<ClockName, ClockRow>,
  caseId: string,
  effects: readonly ClockEffect[],
): Set<ClockName> {
  const touched = new Set<ClockName>();
  for (const e of effects) {
    const c = current.get(e.clock);
    if (e.op === 'start') {
      current.set(e.clock, {
        id: c?.id ?? '',
        case_id: caseId,
        name: e.clock,
        started_at: e.startedAt,
        due_at: e.dueAt,
        met_at: null,
        warned_at: null,
        breached_at: null,
        paused_at: null,
        paused_ms: 0,
        stopped_at: null,
        calendar_unknown: e.calendarUnknown,
        next_check_at: null,
      });
    } else if (c) {
      if (e.op === 'meet') c.met_at = e.at;
      else if (e.op === 'pause') c.paused_at = e.at;
      else if (e.op === 'resume')
        Object.assign(c, { paused_at: null, due_at: e.dueAt, paused_ms: e.pausedMs });
      else if (e.op === 'extend') Object.assign(c, { due_at: e.dueAt, warned_at: null });
      else if (e.op === 'stop') c.stopped_at = e.at;
    } else continue;
    touched.add(e.clock);
  }
  for (const name of touched) {
    const c = current.get(name)!;
    c.next_check_at = nextCheckAt(c);
  }
  return touched;
}

/** What a case row keeps about its clocks: the earliest due time still counting, and an unknown-calendar flag. */
export function clockSummary(clocks: Iterable<ClockRow>): {
  nextDueAt: Date | null;
  calendarUnknown: boolean;
} {
  let nextDueAt: Date | null = null;
  let calendarUnknown = false;
  for (const c of clocks) {
    if (c.met_at || c.stopped_at) continue;
    if (c.calendar_unknown) calendarUnknown = true;
    if (!c.paused_at && (!nextDueAt || c.due_at < nextDueAt)) nextDueAt = c.due_at;
  }
  return { nextDueAt, calendarUnknown };
}

/** Stores the clocks `names` of `clocks` (the result of foldClockEffects) for one case. */
export async function saveClocks(
  tx: Tx,
  companyId: string,
  caseId: string,
  clocks: ReadonlyMap<ClockName, ClockRow>,
  names: Iterable<ClockName>,
) {
  for (const name of names) {
    const c = clocks.get(name)!;
    await tx.execute(sql`insert into case_clocks (company_id, case_id, name, started_at, due_at, met_at, warned_at, breached_at,
        paused_at, paused_ms, stopped_at, calendar_unknown, next_check_at)
      values (${companyId}, ${caseId}, ${name}, ${c.started_at}, ${c.due_at}, ${c.met_at}, ${c.warned_at}, ${c.breached_at},
        ${c.paused_at}, ${c.paused_ms}, ${c.stopped_at}, ${c.calendar_unknown}, ${c.next_check_at})
      on conflict (case_id, name) do update set started_at = excluded.started_at, due_at = excluded.due_at,
        met_at = excluded.met_at, warned_at = excluded.warned_at, breached_at = excluded.breached_at,
        paused_at = excluded.paused_at, paused_ms = excluded.paused_ms, stopped_at = excluded.stopped_at,
        calendar_unknown = excluded.calendar_unknown, next_check_at = excluded.next_check_at`);
  }
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
  category: string | null;
  room_label: string | null;
  merged_into_number: string | null;
  target_name: string | null;
};

export async function loadNames(db: Tx, caseIds: readonly string[]): Promise<Map<string, CaseNames>> {
  if (!caseIds.length) return new Map();
  const { rows } = await db.execute<CaseNames & { id: string }>(sql`select c.id,
      rb.name as recorded_by, fr.name as first_responder, h.name as handler, ca.name as callback_assignee,
      d.name as department, o.name as office, cat.name as category,
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

/** The facts the case rules take about a user: their roles, offices, departments and the departments they head. */
export async function caseActorOf(
  db: Tx,
  actor: Pick<Actor, 'userId' | 'roles' | 'officeIds'>,
): Promise<CaseActor> {
  const { rows } = await db.execute<{
    department_id: string | null;
    heads: string[];
  }>(sql`select u.department_id,
      array(select d.id::text from departments d where d.head_id = u.id and d.company_id = u.company_id) as heads
    from users u where u.id = ${actor.userId}`);
  const r = rows[0];
  return {
    userId: actor.userId,
    roles: actor.roles,
    officeIds: actor.officeIds,
    departmentIds: [r?.department_id, ...(r?.heads ?? [])].filter((x): x is string => !!x),
    headOfDepartmentIds: r?.heads ?? [],
  };
}

const uuidList = (list: readonly string[]) =>
  list.length
    ? sql.join(
        list.map((i) => sql`${i}::uuid`),
        sql`, `,
      )
    : sql`null::uuid`;

/**
 * SQL for "this viewer may see the case `c`": canSeeCase (src/domain/case/lifecycle.ts) written as a predicate,
 * from the same CaseActor the domain takes, so a list, a search or a lookup selects exactly the cases the case
 * view would open. Clause for clause: anyone on the case (first responder, recorder, handler, callback assignee,
 * a member or the head of its target department), the manager and admin, and anyone with a role in its office.
 * `c.department_id` is the target department (the writers set it with the target: cases.service act/intake), and
 * the actor's departments include those they head (caseActorOf), which covers `targetDepartmentHeadId`.
 */
export function caseVisibleTo(actor: CaseActor): SQL {
  if (actor.roles.includes('manager') || actor.roles.includes('admin')) return sql`true`;
  const me = actor.userId;
  const departments = [...new Set([...actor.departmentIds, ...actor.headOfDepartmentIds])];
  const onCase = sql`c.first_responder_id = ${me} or c.recorded_by_id = ${me} or c.handler_id = ${me}
    or c.callback_assignee_id = ${me}
    or (c.target_type = 'department' and c.department_id in (${uuidList(departments)}))`;
  const office = actor.roles.length ? sql` or c.office_id in (${uuidList(actor.officeIds)})` : sql``;
  return sql`(${onCase}${office})`;
}

/**
 * SQL for "this viewer may see who reported the case `c`" (src/domain/privacy/case-visibility.ts, domain.md §1.8
 * and §1.5): an anonymous reporter only for seesAnonymousIdentity (the first responder, the director of the case's
 * office), a named one for seesReporterContact (the first responder, the handler, the manager, the agent,
 * supervisor and director of its office). A case may be matched by its reporter's phone or name only where this
 * holds: otherwise the match itself tells the viewer who complained. Combine it with caseVisibleTo.
 */
export function reporterVisibleTo(actor: ReporterViewer): SQL {
  const me = actor.userId;
  const office = sql`c.office_id in (${uuidList(actor.officeIds)})`;
  const anonymous = actor.roles.includes('director')
    ? sql`(c.first_responder_id = ${me} or ${office})`
    : sql`c.first_responder_id = ${me}`;
  const contactRole = actor.roles.some((role) =>
    (REPORTER_CONTACT_ROLES as readonly string[]).includes(role),
  );
  const named = actor.roles.includes('manager')
    ? sql`true`
    : sql`(c.first_responder_id = ${me} or c.handler_id = ${me}${contactRole ? sql` or ${office}` : sql``})`;
  return sql`(case when c.reporter_anonymous then ${anonymous} else ${named} end)`;
}

export type CallerCaseRow = {
  id: string;
  number: string;
  kind: string;
  state: string;
  received_at: Date;
  category_id: string | null;
  room_id: string | null;
  description: string;
};

/**
 * Open cases (not closed) the caller reported or of the caller's rooms, newest first, as `viewer` may see them
 * (api.md Lookup). A case is found by its reporter's phone only where the viewer may see that reporter: a
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
    sql`select c.id, c.number, c.kind, c.state, c.received_at, c.category_id, c.room_id, left(c.description, 100) as description
      from cases c where c.company_id = ${companyId} and c.state <> 'closed'
        and ((c.reporter_phone_canonical = ${canonicalPhone} and ${reporterVisibleTo(viewer)})${byRoom})
        and ${caseVisibleTo(viewer)}
      order by c.received_at desc limit 20`,
  );
  return rows.map(normaliseCase);
}
