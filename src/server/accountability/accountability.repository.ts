/**
 * SQL of the duty ledger and the performance figures. Facts come from the append-only case timeline
 * (`clock_breached`, `routed`, `returned`, `callback`, `reopened`), which is never rewritten; the clock rows hold
 * only each clock's latest run.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ClockName } from '../../domain/policy/defaults';
import {
  DEPARTMENT_CLOCKS,
  type DerivedViolation,
  type DutyFact,
  type SubjectType,
  type ViolationStatus,
} from '../../domain/accountability/violations';
import type { Tx } from '../db/client';
import { uuidArray } from '../db/params';
import { toDate } from '../cases/cases.repository';

/**
 * Breached clocks and returns of the month, with who held the case at that moment: the department is the target
 * of the last `routed` entry before the fact, unless a `returned` entry came after it.
 */
export async function dutyFacts(db: Tx, companyId: string, start: Date, end: Date): Promise<DutyFact[]> {
  const q = dutyFactsSql(companyId, start, end);
  const breaches = await db.execute<{
    case_id: string;
    seq: number;
    at: string;
    clock: ClockName;
    due_at: string | null;
    number: string;
    office_id: string | null;
    first_responder_id: string;
    callback_assignee_id: string | null;
    department_id: string | null;
  }>(q.breaches);
  const returns = await db.execute<{
    case_id: string;
    seq: number;
    at: string;
    actor_id: string | null;
    reason: string | null;
    target_type: string | null;
    target_id: string | null;
    number: string;
    office_id: string | null;
  }>(q.returns);
  return [
    ...breaches.rows.map((r): DutyFact => ({
      type: 'breach',
      caseId: r.case_id,
      caseNumber: r.number,
      officeId: r.office_id,
      timelineSeq: r.seq,
      clock: r.clock,
      dueAt: r.due_at ? new Date(r.due_at) : null,
      breachedAt: toDate(r.at)!,
      firstResponderId: r.first_responder_id,
      callbackAssigneeId: r.callback_assignee_id,
      departmentId: r.department_id,
    })),
    ...returns.rows.map((r): DutyFact => ({
      type: 'return',
      caseId: r.case_id,
      caseNumber: r.number,
      officeId: r.office_id,
      timelineSeq: r.seq,
      returnedAt: toDate(r.at)!,
      departmentId: r.target_type === 'department' ? r.target_id : null,
      actorId: r.actor_id,
      reason: r.reason,
    })),
  ];
}

/** The two reads of dutyFacts: the month's breached clocks and its returns. */
export function dutyFactsSql(companyId: string, start: Date, end: Date): { breaches: SQL; returns: SQL } {
  return {
    breaches: sql`select t.case_id, t.seq, t.at, t.data->>'clock' as clock, t.data->>'dueAt' as due_at,
      c.number, c.office_id, c.first_responder_id, c.callback_assignee_id,
      case when r.type = 'routed' and r.data->'target'->>'type' = 'department' then r.data->'target'->>'id' end as department_id
    from case_timeline t join cases c on c.id = t.case_id
    left join lateral (
      select t2.type, t2.data from case_timeline t2
      where t2.case_id = t.case_id and t2.seq < t.seq and t2.type in ('routed', 'returned')
      order by t2.seq desc limit 1
    ) r on true
    where t.company_id = ${companyId} and t.type = 'clock_breached' and t.at >= ${start} and t.at < ${end}`,
    returns: sql`select t.case_id, t.seq, t.at, t.actor_id, t.data->>'reason' as reason,
      t.data->'previousTarget'->>'type' as target_type, t.data->'previousTarget'->>'id' as target_id,
      c.number, c.office_id
    from case_timeline t join cases c on c.id = t.case_id
    where t.company_id = ${companyId} and t.type = 'returned' and t.at >= ${start} and t.at < ${end}`,
  };
}

/** Offices of the subjects: a person's offices, a department's office (none for company departments). */
export async function subjectOffices(db: Tx, companyId: string, userIds: string[], departmentIds: string[]) {
  const offices = new Map<string, string[]>();
  if (userIds.length) {
    const { rows } = await db.execute<{ user_id: string; office_id: string }>(
      sql`select user_id, office_id from user_offices where company_id = ${companyId} and user_id = any(${uuidArray(userIds)})`,
    );
    for (const r of rows) offices.set(r.user_id, [...(offices.get(r.user_id) ?? []), r.office_id]);
  }
  if (departmentIds.length) {
    const { rows } = await db.execute<{ id: string; office_id: string | null }>(
      sql`select id, office_id from departments where company_id = ${companyId} and id = any(${uuidArray(departmentIds)})`,
    );
    for (const r of rows) offices.set(r.id, r.office_id ? [r.office_id] : []);
  }
  return offices;
}

/**
 * Files new violations; a fact already in the ledger (same case, kind, subject and clock) is left alone — whether
 * pending or decided (ON CONFLICT DO NOTHING on duty_violations_fact_uq). Returns how many were new.
 */
export async function insertViolations(
  db: Tx,
  companyId: string,
  month: { year: number; month: number },
  rows: readonly (DerivedViolation & { filedOfficeId: string | null })[],
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const res = await db.execute(insertViolationsSql(companyId, month, rows.slice(i, i + 500)));
    inserted += res.rowCount ?? 0;
  }
  return inserted;
}

/** The insert of one chunk of insertViolations (up to 500 rows): a VALUES row per violation. */
export function insertViolationsSql(
  companyId: string,
  month: { year: number; month: number },
  chunk: readonly (DerivedViolation & { filedOfficeId: string | null })[],
): SQL {
  const values = sql.join(
    chunk.map(
      (
        v,
      ) => sql`(${companyId}, ${v.filedOfficeId}, ${month.year}, ${month.month}, ${v.subjectType}, ${v.subjectId},
          ${v.kind}, ${v.caseId}, ${v.clockName}, ${JSON.stringify(v.evidence)}::jsonb, ${v.occurredAt}, ${v.amount})`,
    ),
    sql`, `,
  );
  return sql`insert into duty_violations (company_id, office_id, year, month, subject_type,
        subject_id, kind, case_id, clock_name, evidence, occurred_at, amount)
      values ${values}
      on conflict (case_id, kind, subject_id, clock_name) do nothing`;
}

export type ViolationRow = {
  id: string;
  company_id: string;
  office_id: string | null;
  office_name: string | null;
  year: number;
  month: number;
  subject_type: SubjectType;
  subject_id: string;
  subject_name: string | null;
  kind: string;
  case_id: string;
  case_number: string;
  clock_name: string;
  evidence: Record<string, unknown>;
  actor_name: string | null;
  occurred_at: Date;
  amount: number;
  status: ViolationStatus;
  decided_by_id: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  version: number;
};

const SELECT_VIOLATION = sql`select v.id, v.company_id, v.office_id, o.name as office_name, v.year, v.month,
    v.subject_type, v.subject_id, case v.subject_type when 'user' then su.name else sd.name end as subject_name,
    v.kind, v.case_id, c.number as case_number, v.clock_name, v.evidence, au.name as actor_name, v.occurred_at,
    v.amount, v.status, v.decided_by_id, du.name as decided_by_name, v.decided_at, v.decision_reason, v.version
  from duty_violations v
    join cases c on c.id = v.case_id
    left join offices o on o.id = v.office_id
    left join users su on su.id = v.subject_id and v.subject_type = 'user'
    left join departments sd on sd.id = v.subject_id and v.subject_type = 'department'
    left join users du on du.id = v.decided_by_id
    left join users au on au.id = (v.evidence->>'actorId')::uuid`;

const normalise = (r: ViolationRow): ViolationRow => ({
  ...r,
  occurred_at: toDate(r.occurred_at)!,
  decided_at: toDate(r.decided_at),
});

export async function getViolation(db: Tx, companyId: string, id: string, opts: { lock?: boolean } = {}) {
  const { rows } = await db.execute<ViolationRow>(getViolationSql(companyId, id, opts));
  return rows[0] && normalise(rows[0]);
}

export function getViolationSql(companyId: string, id: string, opts: { lock?: boolean } = {}): SQL {
  return sql`${SELECT_VIOLATION} where v.company_id = ${companyId} and v.id = ${id}${opts.lock ? sql` for update of v` : sql``}`;
}

export interface ViolationListFilter {
  companyId: string;
  year: number;
  month: number;
  /** null: every office of the company (and violations filed under none) */
  officeIds: readonly string[] | null;
  status?: string;
  kind?: string;
  subjectType?: string;
  subjectId?: string;
  limit: number;
  /** the (occurred_at, id) of the previous page's last row */
  after: readonly [Date, string] | null;
}

export async function listViolations(db: Tx, f: ViolationListFilter) {
  const q = listViolationsSql(f);
  const { rows } = await db.execute<ViolationRow>(q.page);
  return { rows: rows.map(normalise), where: q.fromWhere };
}

/** A page of listViolations, and the FROM … WHERE its capped count is taken over (paging's cappedCount). */
export function listViolationsSql(f: ViolationListFilter): { page: SQL; fromWhere: SQL } {
  const conds: SQL[] = [
    sql`v.company_id = ${f.companyId}`,
    sql`v.year = ${f.year}`,
    sql`v.month = ${f.month}`,
  ];
  if (f.officeIds) conds.push(sql`v.office_id = any(${uuidArray(f.officeIds)})`);
  if (f.status) conds.push(sql`v.status = ${f.status}`);
  if (f.kind) conds.push(sql`v.kind = ${f.kind}`);
  if (f.subjectType) conds.push(sql`v.subject_type = ${f.subjectType}`);
  if (f.subjectId) conds.push(sql`v.subject_id = ${f.subjectId}`);
  const where = sql.join(conds, sql` and `);
  const keyset = f.after ? sql` and (v.occurred_at, v.id) < (${f.after[0]}, ${f.after[1]}::uuid)` : sql``;
  return {
    page: sql`${SELECT_VIOLATION} where ${where}${keyset} order by v.occurred_at desc, v.id desc limit ${f.limit + 1}`,
    fromWhere: sql`from duty_violations v where ${where}`,
  };
}

export async function decideViolation(
  db: Tx,
  id: string,
  d: { status: ViolationStatus; byId: string; at: Date; reason: string | null },
) {
  await db.execute(sql`update duty_violations set status = ${d.status}, decided_by_id = ${d.byId},
      decided_at = ${d.at}, decision_reason = ${d.reason}, version = version + 1
    where id = ${id}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Performance

export type PersonRow = {
  id: string;
  name: string;
  job_number: string | null;
  active: boolean;
  department_id: string | null;
  department_name: string | null;
  /** the department's office (null for a company department): the ledger names a department with its office */
  department_office_id: string | null;
  department_office_name: string | null;
};

export type DepartmentRow = {
  id: string;
  name: string;
  office_id: string | null;
  office_name: string | null;
};

/** People of the offices (or of the whole company, `officeIds` null); service users are not people. */
export async function peopleOf(db: Tx, companyId: string, officeIds: readonly string[] | null) {
  const { rows } = await db.execute<PersonRow>(sql`select u.id, u.name, u.job_number, u.active,
      u.department_id, d.name as department_name, d.office_id as department_office_id,
      do_.name as department_office_name
    from users u left join departments d on d.id = u.department_id left join offices do_ on do_.id = d.office_id
    where u.company_id = ${companyId} and not u.is_service
      ${officeIds ? sql`and exists (select 1 from user_offices uo where uo.user_id = u.id and uo.office_id = any(${uuidArray(officeIds)}))` : sql``}
    order by u.name, u.id`);
  return rows;
}

/** Departments of the offices (or every department of the company, company departments included). */
export async function departmentsOf(db: Tx, companyId: string, officeIds: readonly string[] | null) {
  const { rows } = await db.execute<DepartmentRow>(sql`select d.id, d.name, d.office_id, o.name as office_name
    from departments d left join offices o on o.id = d.office_id
    where d.company_id = ${companyId} ${officeIds ? sql`and d.office_id = any(${uuidArray(officeIds)})` : sql``}
    order by o.name nulls first, d.name, d.id`);
  return rows;
}

export type Tally = { on_time: number; breached: number; total: number; met: number };

const clockOutcome = sql`count(*) filter (where k.met_at is not null and k.met_at <= k.due_at and k.breached_at is null)::int as on_time,
  count(*) filter (where k.breached_at is not null or k.met_at > k.due_at)::int as breached,
  count(*)::int as total, count(*) filter (where k.met_at is not null)::int as met`;

/**
 * Clocks that fell due in [start, end), by who answers for them (see Performance in the contracts):
 * `fr` — `route` of the cases a person first received; `cb` — `callback` of the callbacks they owed;
 * `h` — the handling clocks of the cases they handle; `d` — the department clocks and `dcb` — the callbacks of the
 * cases routed to a department.
 */
export async function clockTallies(
  db: Tx,
  companyId: string,
  start: Date,
  end: Date,
  people: readonly string[],
  departments: readonly string[],
) {
  const { rows } = await db.execute<Tally & { role: string; subject_id: string }>(
    clockTalliesSql(companyId, start, end, people, departments),
  );
  return rows;
}

export function clockTalliesSql(
  companyId: string,
  start: Date,
  end: Date,
  people: readonly string[],
  departments: readonly string[],
): SQL {
  const P = uuidArray(people);
  const D = uuidArray(departments);
  const due = sql`c.company_id = ${companyId} and k.due_at >= ${start} and k.due_at < ${end}`;
  const from = sql`from case_clocks k join cases c on c.id = k.case_id`;
  const handlerClocks = sql.join(
    (['dispatch', 'contact', 'verify', 'reply', 'resolve', 'corrective'] as const).map((n) => sql`${n}`),
    sql`, `,
  );
  const deptClocks = sql.join(
    DEPARTMENT_CLOCKS.map((n) => sql`${n}`),
    sql`, `,
  );
  return sql`
    select 'fr' as role, c.first_responder_id as subject_id, ${clockOutcome} ${from}
      where ${due} and k.name = 'route' and c.first_responder_id = any(${P}) group by 2
    union all
    select 'cb', coalesce(c.callback_assignee_id, c.first_responder_id), ${clockOutcome} ${from}
      where ${due} and k.name = 'callback' and coalesce(c.callback_assignee_id, c.first_responder_id) = any(${P}) group by 2
    union all
    select 'h', c.handler_id, ${clockOutcome} ${from}
      where ${due} and k.name in (${handlerClocks}) and c.handler_id = any(${P}) group by 2
    union all
    select 'd', c.department_id, ${clockOutcome} ${from}
      where ${due} and k.name in (${deptClocks}) and c.department_id = any(${D}) group by 2
    union all
    select 'dcb', c.department_id, ${clockOutcome} ${from}
      where ${due} and k.name = 'callback' and c.department_id = any(${D}) group by 2`;
}

/** Cases received in the month with the person as first responder, and by the department's members. */
export async function firstReceived(
  db: Tx,
  companyId: string,
  start: Date,
  end: Date,
  people: readonly string[],
  departments: readonly string[],
) {
  const { rows } = await db.execute<{ role: string; subject_id: string; n: number }>(
    firstReceivedSql(companyId, start, end, people, departments),
  );
  return rows;
}

export function firstReceivedSql(
  companyId: string,
  start: Date,
  end: Date,
  people: readonly string[],
  departments: readonly string[],
): SQL {
  return sql`
    select 'u' as role, c.first_responder_id as subject_id, count(*)::int as n from cases c
      where c.company_id = ${companyId} and c.received_at >= ${start} and c.received_at < ${end}
        and c.first_responder_id = any(${uuidArray(people)}) group by 2
    union all
    select 'd', u.department_id, count(*)::int from cases c join users u on u.id = c.first_responder_id
      where c.company_id = ${companyId} and c.received_at >= ${start} and c.received_at < ${end}
        and u.department_id = any(${uuidArray(departments)}) group by 2`;
}

/**
 * Reopenings and answered callbacks in the month on the cases a person handles or a department holds. Only cases
 * open at some point of the month are read (received before its end, not closed before its start).
 */
export async function outcomeTallies(
  db: Tx,
  companyId: string,
  start: Date,
  end: Date,
  people: readonly string[],
  departments: readonly string[],
) {
  const { rows } = await db.execute<{
    handler_id: string | null;
    department_id: string | null;
    reopens: number;
    satisfied: number;
    basically: number;
    unsatisfied: number;
  }>(outcomeTalliesSql(companyId, start, end, people, departments));
  return rows;
}

export function outcomeTalliesSql(
  companyId: string,
  start: Date,
  end: Date,
  people: readonly string[],
  departments: readonly string[],
): SQL {
  return sql`select c.handler_id, c.department_id,
      count(*) filter (where t.type = 'reopened' or (t.type = 'callback' and t.data->>'outcome' = 'reopened'))::int as reopens,
      count(*) filter (where t.type = 'callback' and t.data->>'satisfaction' = 'satisfied')::int as satisfied,
      count(*) filter (where t.type = 'callback' and t.data->>'satisfaction' = 'basically_satisfied')::int as basically,
      count(*) filter (where t.type = 'callback' and t.data->>'satisfaction' = 'unsatisfied')::int as unsatisfied
    from cases c join case_timeline t on t.case_id = c.id
    where c.company_id = ${companyId}
      and (c.handler_id = any(${uuidArray(people)}) or c.department_id = any(${uuidArray(departments)}))
      and c.received_at < ${end} and (c.closed_at is null or c.closed_at >= ${start})
      and t.at >= ${start} and t.at < ${end} and t.type in ('reopened', 'callback')
    group by 1, 2`;
}

export async function monthViolations(
  db: Tx,
  companyId: string,
  year: number,
  month: number,
  subjectIds: readonly string[],
) {
  const { rows } = await db.execute<{
    subject_type: SubjectType;
    subject_id: string;
    status: ViolationStatus;
    amount: number;
  }>(monthViolationsSql(companyId, year, month, subjectIds));
  return rows.map((r) => ({
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    status: r.status,
    amount: r.amount,
  }));
}

export function monthViolationsSql(
  companyId: string,
  year: number,
  month: number,
  subjectIds: readonly string[],
): SQL {
  return sql`select subject_type, subject_id, status, amount from duty_violations
    where company_id = ${companyId} and year = ${year} and month = ${month} and subject_id = any(${uuidArray(subjectIds)})`;
}
