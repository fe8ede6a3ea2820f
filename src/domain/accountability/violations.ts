/**
 * The duty ledger (首问责任制 accountability, 004 第十三条, LEDGER-1): violations are derived from
 * facts that the case desk has already recorded — breached clocks and `return` actions — never typed in by hand.
 * Each one waits for the director, who confirms or waives it with a reason; only confirmed ones cost money.
 *
 * Who answers for which clock (ours, read from 004):
 * - the first responder answers for `route` (routing done and the resident told within 60 minutes, 004 第十条) and
 *   for `callback` when the callback was theirs (004 第十一条; a callback the policy gave to the director — a major
 *   complaint, CALLBACK-2 — is not the first responder's duty) — 第十三条 (1), 50 yuan;
 * - the department a case was routed to when a clock breached answers for the handling clocks `dispatch`,
 *   `verify`, `reply`, `resolve` and `corrective` — 第十三条 (2) "拖延", 100 yuan. A clock that breached while
 *   the case was with nobody's department (still `received`, or with a sister/external unit) makes no department
 *   violation; the first responder's `route` breach already covers an unrouted case;
 * - a department that sent a case back with `return` — 第十三条 (2) "推諉、扯皮". Whether the case really was
 *   theirs is for the director to judge: a misrouted case is waived with that reason.
 * `contact` (a sister unit contacted within 30 minutes) is left out: LEDGER-1 names no subject for it
 * (004 第十三条 says who answers for delay and shirking, not for this contact).
 *
 * One violation per case, kind, subject and clock: a clock that breaches again on the same case (restarted after a
 * return) costs its subject once. Each `return` is its own fact (keyed by its timeline entry).
 */
import type { ClockName } from '../policy/defaults';
import type { AccountabilityPolicy } from './policy';

export const VIOLATION_KINDS = [
  'first_responder_route_breached',
  'first_responder_callback_breached',
  'department_clock_breached',
  'department_returned',
  // LEDGER-5: the answer promised at a callback, owed by whoever owed the callback
  'callback_appointment_breached',
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

export const VIOLATION_STATUSES = ['pending', 'confirmed', 'waived'] as const;
export type ViolationStatus = (typeof VIOLATION_STATUSES)[number];

export const SUBJECT_TYPES = ['user', 'department'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/**
 * Who answers for each clock's breach (LEDGER-5) — a wrong entry fines people for nothing, so this table is the rule
 * and its test names every clock:
 * - `firstResponder` — `route`; `callback` when the callback was theirs;
 * - `department` — the department the case was with when it breached (none: no violation);
 * - `callbackAssignee` — whoever owed the callback (the first responder by default, CALLBACK-2);
 * - `null` — nobody: `contact` (LEDGER-1 names no subject), `followUp` (chasing another unit, ROUTE-7) and
 *   `homeVisit` (a visit the policy may ask for, CALLBACK-7).
 */
export type ClockDuty = 'firstResponder' | 'department' | 'callbackAssignee' | null;
export const CLOCK_DUTY: Readonly<Record<ClockName, ClockDuty>> = Object.freeze({
  route: 'firstResponder',
  callback: 'firstResponder',
  dispatch: 'department',
  verify: 'department',
  reply: 'department',
  resolve: 'department',
  corrective: 'department',
  onsite: 'department',
  progress: 'department',
  appointment: 'callbackAssignee',
  contact: null,
  followUp: null,
  homeVisit: null,
});

/** The clocks the case's department answers for (see CLOCK_DUTY). */
export const DEPARTMENT_CLOCKS: readonly ClockName[] = (Object.keys(CLOCK_DUTY) as ClockName[]).filter(
  (clock) => CLOCK_DUTY[clock] === 'department',
);
/** The clocks the first responder answers for. */
export const FIRST_RESPONDER_CLOCKS: readonly ClockName[] = ['route', 'callback'];

interface CaseRef {
  caseId: string;
  caseNumber: string;
  /** the case's office (管理处) */
  officeId: string | null;
  /** the `clock_breached` or `returned` timeline entry that is the evidence */
  timelineSeq: number;
}

/** A `clock_breached` timeline entry, with who held the case at that moment. */
export interface BreachFact extends CaseRef {
  type: 'breach';
  clock: ClockName;
  dueAt: Date | null;
  breachedAt: Date;
  firstResponderId: string;
  /** who owed the callback; null = the first responder (the policy default) */
  callbackAssigneeId: string | null;
  /** the department the case was routed to when the clock breached; null when it was not with a department */
  departmentId: string | null;
}

/** A `returned` timeline entry: the case went back to the first responder for re-routing. */
export interface ReturnFact extends CaseRef {
  type: 'return';
  returnedAt: Date;
  /** the department the case was routed to before the return; null when it was with a unit or a leader */
  departmentId: string | null;
  /** who pressed `return` */
  actorId: string | null;
  reason: string | null;
}

export type DutyFact = BreachFact | ReturnFact;

/** What the director sees as proof: enough to open the case and check the clock or the entry. */
export interface ViolationEvidence {
  caseNumber: string;
  timelineSeq: number;
  clock?: ClockName;
  dueAt?: string | null;
  breachedAt?: string;
  returnedAt?: string;
  reason?: string | null;
  actorId?: string | null;
}

export interface DerivedViolation {
  kind: ViolationKind;
  subjectType: SubjectType;
  subjectId: string;
  caseId: string;
  /** the case's office; the server files the violation under the subject's office (decidingOffice) */
  officeId: string | null;
  /** the clock for a breach; `returned#<timeline seq>` for a return (the fact's unique key) */
  clockName: string;
  occurredAt: Date;
  /** yuan, from the policy in force when it was derived */
  amount: number;
  evidence: ViolationEvidence;
}

export const violationKey = (v: Pick<DerivedViolation, 'caseId' | 'kind' | 'subjectId' | 'clockName'>) =>
  `${v.caseId}|${v.kind}|${v.subjectId}|${v.clockName}`;

/** The violations the facts prove, one per case, kind, subject and clock (the earliest fact wins). */
export function deriveViolations(
  facts: readonly DutyFact[],
  policy: Pick<AccountabilityPolicy, 'firstResponderAmount' | 'departmentAmount'>,
): DerivedViolation[] {
  const out = new Map<string, DerivedViolation>();
  const add = (v: DerivedViolation) => {
    const key = violationKey(v);
    const seen = out.get(key);
    if (!seen || v.occurredAt < seen.occurredAt) out.set(key, v);
  };
  for (const f of facts) {
    const ref = { caseId: f.caseId, officeId: f.officeId };
    if (f.type === 'breach') {
      const evidence: ViolationEvidence = {
        caseNumber: f.caseNumber,
        timelineSeq: f.timelineSeq,
        clock: f.clock,
        dueAt: f.dueAt ? f.dueAt.toISOString() : null,
        breachedAt: f.breachedAt.toISOString(),
      };
      const base = { ...ref, clockName: f.clock, occurredAt: f.breachedAt, evidence };
      if (f.clock === 'route') {
        add({
          ...base,
          kind: 'first_responder_route_breached',
          subjectType: 'user',
          subjectId: f.firstResponderId,
          amount: policy.firstResponderAmount,
        });
      } else if (f.clock === 'callback') {
        if ((f.callbackAssigneeId ?? f.firstResponderId) === f.firstResponderId)
          add({
            ...base,
            kind: 'first_responder_callback_breached',
            subjectType: 'user',
            subjectId: f.firstResponderId,
            amount: policy.firstResponderAmount,
          });
      } else if (CLOCK_DUTY[f.clock] === 'callbackAssignee') {
        add({
          ...base,
          kind: 'callback_appointment_breached',
          subjectType: 'user',
          subjectId: f.callbackAssigneeId ?? f.firstResponderId,
          amount: policy.firstResponderAmount,
        });
      } else if (CLOCK_DUTY[f.clock] === 'department' && f.departmentId) {
        add({
          ...base,
          kind: 'department_clock_breached',
          subjectType: 'department',
          subjectId: f.departmentId,
          amount: policy.departmentAmount,
        });
      }
    } else if (f.departmentId) {
      add({
        ...ref,
        kind: 'department_returned',
        subjectType: 'department',
        subjectId: f.departmentId,
        clockName: `returned#${f.timelineSeq}`,
        occurredAt: f.returnedAt,
        amount: policy.departmentAmount,
        evidence: {
          caseNumber: f.caseNumber,
          timelineSeq: f.timelineSeq,
          returnedAt: f.returnedAt.toISOString(),
          reason: f.reason,
          actorId: f.actorId,
        },
      });
    }
  }
  return [...out.values()].sort(
    (a, b) =>
      a.occurredAt.getTime() - b.occurredAt.getTime() || violationKey(a).localeCompare(violationKey(b)),
  );
}

/** One subject's month in the ledger. */
export interface ViolationTotals {
  pending: number;
  confirmed: number;
  waived: number;
  /** yuan of the confirmed violations: the deduction from the month's performance pay */
  confirmedAmount: number;
  /** yuan still waiting for the director: shown apart, never added to the deduction */
  pendingAmount: number;
}

export const emptyTotals = (): ViolationTotals => ({
  pending: 0,
  confirmed: 0,
  waived: 0,
  confirmedAmount: 0,
  pendingAmount: 0,
});

/**
 * Monthly totals per subject (`user:<id>` / `department:<id>`): confirmed violations count money, pending ones are
 * shown apart, waived ones cost nothing.
 */
export function monthlyTotals(
  violations: readonly {
    subjectType: SubjectType;
    subjectId: string;
    status: ViolationStatus;
    amount: number;
  }[],
): Map<string, ViolationTotals> {
  const totals = new Map<string, ViolationTotals>();
  for (const v of violations) {
    const key = `${v.subjectType}:${v.subjectId}`;
    const t = totals.get(key) ?? emptyTotals();
    t[v.status]++;
    if (v.status === 'confirmed') t.confirmedAmount += v.amount;
    if (v.status === 'pending') t.pendingAmount += v.amount;
    totals.set(key, t);
  }
  return totals;
}

/**
 * The office whose director decides a violation: the subject's own office — nobody sees another office's people
 * (LEDGER-3). A person in several offices answers to the case's office when it is one of theirs, otherwise to
 * their first; company-level people and company departments (no office) are decided by the manager (null).
 */
export function decidingOffice(
  subjectOfficeIds: readonly string[],
  caseOfficeId: string | null,
): string | null {
  if (caseOfficeId && subjectOfficeIds.includes(caseOfficeId)) return caseOfficeId;
  return [...subjectOfficeIds].sort()[0] ?? null;
}

/**
 * What a director may do with a violation: decide it once. Returns the rule broken, or null.
 * Nobody decides a violation of their own (ours): a director who was the first responder leaves it to the manager.
 */
export function decisionProblem(
  v: { status: ViolationStatus; subjectType: SubjectType; subjectId: string },
  actorUserId: string,
): 'violation_decided' | 'violation_own' | null {
  if (v.status !== 'pending') return 'violation_decided';
  if (v.subjectType === 'user' && v.subjectId === actorUserId) return 'violation_own';
  return null;
}
