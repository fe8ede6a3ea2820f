/**
 * The duty ledger and the monthly performance of people and departments (LEDGER-1,
 * 004 第十三条). Violations are derived from the case timeline by deriveDutyViolations (after sweeps, and on demand
 * in tests); the director of the subject's office, or the manager, confirms or waives each with a reason.
 *
 * Scope: a director, supervisor or auditor sees the people and departments of their own offices only; managers
 * and admins see the whole company. A violation is filed under the subject's office (decidingOffice), so a list
 * never names another office's people.
 */
import type {
  ConfirmViolationBody,
  DepartmentPerformance,
  Performance,
  PerformanceQuery,
  PersonPerformance,
  Violation,
  ViolationListQuery,
  WaiveViolationBody,
} from '../../contracts/accountability';
import { canManageInOffice, canSeeOffice, officeScope } from '../../domain/access/access';
import { resolveAccountabilityPolicy } from '../../domain/accountability/policy';
import { monthOf, monthRange, type Month } from '../../domain/accountability/period';
import { satisfactionRate } from '../../domain/accountability/satisfaction';
import {
  decidingOffice,
  decisionProblem,
  deriveViolations,
  emptyTotals,
  monthlyTotals,
  type ViolationStatus,
} from '../../domain/accountability/violations';
import { fieldError, notFound, ruleViolation, versionConflict } from '../../domain/errors';
import type { AppDeps } from '../platform/deps';
import type { Clock } from '../platform/clock';
import type { Db, Tx } from '../db/client';
import { cappedCount, cursorKey, defineCursor } from '../db/paging';
import { companyTimeZone as storedTimeZone, companyTimeZones, officeExists } from '../org/org.repository';
import type { RequestActor } from '../http/types';
import * as repo from './accountability.repository';
import { loadReportPolicy } from '../policies/policies.repository';

/**
 * Derives the month's violations from the timeline and files the new ones (idempotent: a fact already in the
 * ledger — pending, confirmed or waived — is never touched). Every company when `companyId` is omitted; the
 * current month of each company's time zone when `year`/`month` are.
 */
export async function deriveDutyViolations(
  db: Db,
  clock: Clock,
  opts: { companyId?: string; year?: number; month?: number } = {},
): Promise<{ derived: number; inserted: number }> {
  let derived = 0;
  let inserted = 0;
  for (const company of await companyTimeZones(db, opts.companyId)) {
    const month: Month =
      opts.year && opts.month
        ? { year: opts.year, month: opts.month }
        : monthOf(clock.now(), company.time_zone);
    const { start, end } = monthRange(month, company.time_zone);
    const policy = resolveAccountabilityPolicy(await loadReportPolicy(db, company.id));
    const violations = deriveViolations(await repo.dutyFacts(db, company.id, start, end), policy);
    if (!violations.length) continue;
    const userIds = [...new Set(violations.filter((v) => v.subjectType === 'user').map((v) => v.subjectId))];
    const departmentIds = [
      ...new Set(violations.filter((v) => v.subjectType === 'department').map((v) => v.subjectId)),
    ];
    const offices = await repo.subjectOffices(db, company.id, userIds, departmentIds);
    derived += violations.length;
    inserted += await repo.insertViolations(
      db,
      company.id,
      month,
      violations.map((v) => ({
        ...v,
        filedOfficeId: decidingOffice(offices.get(v.subjectId) ?? [], v.officeId),
      })),
    );
  }
  return { derived, inserted };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The duty ledger is ordered by (occurred_at, id), newest first. */
const VIOLATION_CURSOR = defineCursor([cursorKey.time, cursorKey.uuid]);

function toViolation(r: repo.ViolationRow): Violation {
  const e = r.evidence as Record<string, unknown>;
  const str = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : undefined);
  const isReturn = r.kind === 'department_returned';
  const clock = isReturn ? null : (r.clock_name as NonNullable<Violation['clock']>);
  return {
    id: r.id,
    kind: r.kind as Violation['kind'],
    status: r.status,
    subject: { type: r.subject_type, id: r.subject_id, name: r.subject_name ?? '' },
    office: r.office_id ? { id: r.office_id, name: r.office_name ?? '' } : null,
    year: r.year,
    month: r.month,
    case: { id: r.case_id, number: r.case_number },
    clock,
    evidence: {
      caseNumber: str('caseNumber') ?? r.case_number,
      timelineSeq: typeof e.timelineSeq === 'number' ? e.timelineSeq : 0,
      ...(clock === null
        ? {
            returnedAt: str('returnedAt'),
            reason: str('reason') ?? null,
            actor: str('actorId') ? { id: str('actorId')!, name: r.actor_name ?? '' } : null,
          }
        : {
            clock,
            dueAt: str('dueAt') ?? null,
            breachedAt: str('breachedAt'),
          }),
    },
    occurredAt: r.occurred_at.toISOString(),
    amount: r.amount,
    decidedBy: r.decided_by_id ? { id: r.decided_by_id, name: r.decided_by_name ?? '' } : null,
    decidedAt: iso(r.decided_at),
    decisionReason: r.decision_reason,
    version: r.version,
  };
}

async function companyTimeZone(db: Tx, companyId: string) {
  return (await storedTimeZone(db, companyId)) ?? 'Asia/Shanghai';
}

/**
 * The offices a request covers: the one asked for (404 when it is another company's or outside the caller's
 * offices), or all of the caller's — null meaning the whole company, for managers and admins.
 */
async function officesFor(db: Tx, actor: RequestActor, officeId: string | undefined) {
  if (officeId) {
    if (!(await officeExists(db, actor.companyId, officeId)) || !canSeeOffice(actor, officeId))
      throw notFound();
    return [officeId];
  }
  const scope = officeScope(actor);
  return scope === 'all' ? null : [...scope];
}

const ratio = (t: { satisfied: number; basically: number; unsatisfied: number }) => {
  const tally = { satisfied: t.satisfied, basicallySatisfied: t.basically, unsatisfied: t.unsatisfied };
  return {
    answered: t.satisfied + t.basically + t.unsatisfied,
    ...tally,
    rate: satisfactionRate(tally),
  };
};

export function accountabilityService({ db, clock }: AppDeps) {
  async function monthOfQuery(actor: RequestActor, q: { year?: number; month?: number }) {
    const timeZone = await companyTimeZone(db, actor.companyId);
    const current = monthOf(clock.now(), timeZone);
    const month: Month = { year: q.year ?? current.year, month: q.month ?? current.month };
    return { month, timeZone, ...monthRange(month, timeZone) };
  }

  async function decide(
    actor: RequestActor,
    id: string,
    status: Exclude<ViolationStatus, 'pending'>,
    body: { version: number; reason?: string },
  ): Promise<Violation> {
    return db.transaction(async (tx) => {
      const row = await repo.getViolation(tx, actor.companyId, id, { lock: true });
      // Outside the caller's offices it does not exist for them (never reveal another office's people); one filed
      // under no office (company-level people and departments) is the manager's.
      if (!row || !canManageInOffice(actor, row.office_id)) throw notFound();
      const reason = body.reason?.trim() || null;
      if (status === 'waived' && !reason) throw fieldError({ reason: 'field.required' });
      if (row.version !== body.version) throw versionConflict(row.version);
      const problem = decisionProblem(
        { status: row.status, subjectType: row.subject_type, subjectId: row.subject_id },
        actor.userId,
      );
      if (problem) throw ruleViolation(problem);
      await repo.decideViolation(tx, id, { status, byId: actor.userId, at: clock.now(), reason });
      return toViolation((await repo.getViolation(tx, actor.companyId, id))!);
    });
  }

  return {
    async performance(actor: RequestActor, q: PerformanceQuery): Promise<Performance> {
      const officeIds = await officesFor(db, actor, q.officeId);
      const { month, start, end } = await monthOfQuery(actor, q);
      const policy = resolveAccountabilityPolicy(await loadReportPolicy(db, actor.companyId));
      const people = await repo.peopleOf(db, actor.companyId, officeIds);
      const departments = await repo.departmentsOf(db, actor.companyId, officeIds);
      const P = people.map((p) => p.id);
      const D = departments.map((d) => d.id);
      const [tallies, received, outcomes, violations] = await Promise.all([
        repo.clockTallies(db, actor.companyId, start, end, P, D),
        repo.firstReceived(db, actor.companyId, start, end, P, D),
        repo.outcomeTallies(db, actor.companyId, start, end, P, D),
        repo.monthViolations(db, actor.companyId, month.year, month.month, [...P, ...D]),
      ]);
      const tally = (role: string, id: string) => tallies.find((t) => t.role === role && t.subject_id === id);
      const count = (role: string, id: string) =>
        received.find((r) => r.role === role && r.subject_id === id)?.n ?? 0;
      const sumOutcomes = (match: (o: (typeof outcomes)[number]) => boolean) => {
        const t = { reopens: 0, satisfied: 0, basically: 0, unsatisfied: 0 };
        for (const o of outcomes.filter(match)) {
          t.reopens += o.reopens;
          t.satisfied += o.satisfied;
          t.basically += o.basically;
          t.unsatisfied += o.unsatisfied;
        }
        return t;
      };
      const totals = monthlyTotals(violations);

      const peopleOut: PersonPerformance[] = people
        .map((p) => {
          const fr = tally('fr', p.id);
          const cb = tally('cb', p.id);
          const h = tally('h', p.id);
          const o = sumOutcomes((x) => x.handler_id === p.id);
          return {
            user: { id: p.id, name: p.name, jobNumber: p.job_number, active: p.active },
            department: p.department_id
              ? {
                  id: p.department_id,
                  name: p.department_name ?? '',
                  office: p.department_office_id
                    ? { id: p.department_office_id, name: p.department_office_name ?? '' }
                    : null,
                }
              : null,
            casesFirstReceived: count('u', p.id),
            firstResponderClocks: {
              onTime: (fr?.on_time ?? 0) + (cb?.on_time ?? 0),
              breached: (fr?.breached ?? 0) + (cb?.breached ?? 0),
            },
            handlerClocks: { onTime: h?.on_time ?? 0, breached: h?.breached ?? 0 },
            callbacksOwed: cb?.total ?? 0,
            callbacksDone: cb?.met ?? 0,
            reopenCount: o.reopens,
            satisfaction: ratio(o),
            violations: totals.get(`user:${p.id}`) ?? emptyTotals(),
          };
        })
        // A former employee is listed only for a month in which something is on their record.
        .filter(
          (x, i) =>
            people[i].active ||
            x.casesFirstReceived ||
            x.violations.pending + x.violations.confirmed + x.violations.waived ||
            x.firstResponderClocks.onTime +
              x.firstResponderClocks.breached +
              x.handlerClocks.onTime +
              x.handlerClocks.breached,
        );

      const departmentsOut: DepartmentPerformance[] = departments.map((d) => {
        const k = tally('d', d.id);
        const cb = tally('dcb', d.id);
        const o = sumOutcomes((x) => x.department_id === d.id);
        return {
          department: {
            id: d.id,
            name: d.name,
            officeId: d.office_id,
            office: d.office_id ? { id: d.office_id, name: d.office_name ?? '' } : null,
          },
          casesFirstReceived: count('d', d.id),
          clocks: { onTime: k?.on_time ?? 0, breached: k?.breached ?? 0 },
          callbacksOwed: cb?.total ?? 0,
          callbacksDone: cb?.met ?? 0,
          reopenCount: o.reopens,
          satisfaction: ratio(o),
          violations: totals.get(`department:${d.id}`) ?? emptyTotals(),
        };
      });

      return {
        officeId: q.officeId ?? null,
        year: month.year,
        month: month.month,
        from: start.toISOString(),
        to: end.toISOString(),
        amounts: { firstResponder: policy.firstResponderAmount, department: policy.departmentAmount },
        people: peopleOut,
        departments: departmentsOut,
      };
    },

    async listViolations(actor: RequestActor, q: ViolationListQuery) {
      const officeIds = await officesFor(db, actor, q.officeId);
      const { month } = await monthOfQuery(actor, q);
      const { rows, where } = await repo.listViolations(db, {
        companyId: actor.companyId,
        year: month.year,
        month: month.month,
        officeIds,
        status: q.status,
        kind: q.kind,
        subjectType: q.subjectType,
        subjectId: q.subjectId,
        limit: q.limit,
        after: VIOLATION_CURSOR.decode(q.cursor)?.key ?? null,
      });
      const counted = await cappedCount(db, where);
      const items = rows.slice(0, q.limit).map(toViolation);
      const last = rows.length > q.limit ? rows[q.limit - 1] : null;
      return {
        items,
        nextCursor: last ? VIOLATION_CURSOR.encode([last.occurred_at.toISOString(), last.id]) : null,
        ...counted,
      };
    },

    confirm: (actor: RequestActor, id: string, body: ConfirmViolationBody) =>
      decide(actor, id, 'confirmed', body),
    waive: (actor: RequestActor, id: string, body: WaiveViolationBody) => decide(actor, id, 'waived', body),
  };
}
