import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNTABILITY_POLICY, resolveAccountabilityPolicy } from './policy';
import { monthOf, monthRange, previousMonth } from './period';
import {
  CLOCK_DUTY,
  decidingOffice,
  decisionProblem,
  deriveViolations,
  monthlyTotals,
  type BreachFact,
  type DutyFact,
  type ReturnFact,
} from './violations';
import { satisfactionRate } from './satisfaction';

const at = (s: string) => new Date(s);
const breach = (over: Partial<BreachFact>): BreachFact => ({
  type: 'breach',
  caseId: 'c1',
  caseNumber: 'TS-2026-000001',
  officeId: 'o1',
  timelineSeq: 3,
  clock: 'route',
  dueAt: at('2026-10-05T02:00:00Z'),
  breachedAt: at('2026-10-05T02:00:30Z'),
  firstResponderId: 'alice',
  callbackAssigneeId: null,
  departmentId: null,
  ...over,
});
const returned = (over: Partial<ReturnFact>): ReturnFact => ({
  type: 'return',
  caseId: 'c9',
  caseNumber: 'BX-2026-000009',
  officeId: 'o1',
  timelineSeq: 4,
  returnedAt: at('2026-10-20T03:00:00Z'),
  departmentId: 'eng',
  actorId: 'tech',
  reason: '不属于本部门',
  ...over,
});

describe('accountability policy (LEDGER-1 amounts are policy; 004 第十三条)', () => {
  it('defaults: 50 yuan a first responder, 100 a department, 30 days, 3 cases', () => {
    expect(resolveAccountabilityPolicy(undefined)).toEqual(DEFAULT_ACCOUNTABILITY_POLICY);
    expect(DEFAULT_ACCOUNTABILITY_POLICY).toMatchObject({
      firstResponderAmount: 50,
      departmentAmount: 100,
      problemWindowDays: 30,
      problemMinCases: 3,
    });
  });

  it('a company’s own values win; invalid ones and unknown keys fall back to the defaults', () => {
    const p = resolveAccountabilityPolicy({
      firstResponderAmount: 80,
      departmentAmount: -5,
      problemMinCases: 2.5,
      similarityThreshold: 0.75,
      problemKinds: ['complaint', 'nonsense'],
      publishByDay: 5,
    });
    expect(p.firstResponderAmount).toBe(80);
    expect(p.departmentAmount).toBe(100);
    expect(p.problemMinCases).toBe(3);
    expect(p.similarityThreshold).toBe(0.75);
    expect(p.problemKinds).toEqual(['complaint']);
  });
});

describe('months in the company time zone (004 第十三条 "當月")', () => {
  it('October 2026 in Shanghai starts at 16:00 UTC on 30 September', () => {
    const { start, end } = monthRange({ year: 2026, month: 10 }, 'Asia/Shanghai');
    expect(start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(monthOf(at('2026-10-31T15:59:59Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 10 });
    expect(monthOf(at('2026-10-31T16:00:00Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 11 });
    expect(previousMonth({ year: 2026, month: 1 })).toEqual({ year: 2025, month: 12 });
    expect(monthRange({ year: 2026, month: 12 }).end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('deriveViolations: the duty ledger from facts (LEDGER-1, 004 第十三条)', () => {
  const policy = { firstResponderAmount: 50, departmentAmount: 100 };

  it('a scripted month gives exactly the expected violations with the policy amounts', () => {
    const facts: DutyFact[] = [
      // alice did not route case 1 within 60 minutes (004 第十条) → 第十三条 (1)
      breach({ caseId: 'c1', clock: 'route' }),
      // bob owed the callback of case 2 and missed it (004 第十一条)
      breach({
        caseId: 'c2',
        caseNumber: 'BX-2026-000002',
        clock: 'callback',
        firstResponderId: 'bob',
        breachedAt: at('2026-10-10T01:00:00Z'),
      }),
      // the director owed case 3's callback (major complaint): not the first responder's violation
      breach({ caseId: 'c3', clock: 'callback', firstResponderId: 'bob', callbackAssigneeId: 'director' }),
      // engineering let case 4's resolve clock breach → 第十三条 (2)
      breach({ caseId: 'c4', clock: 'resolve', departmentId: 'eng', breachedAt: at('2026-10-12T01:00:00Z') }),
      // the reply clock breached while case 5 was still unrouted: no department to blame
      breach({ caseId: 'c5', clock: 'reply', departmentId: null }),
      // contact is not a clock of the ledger
      breach({ caseId: 'c6', clock: 'contact', departmentId: 'eng' }),
      // engineering sent case 9 back
      returned({}),
      // a return from a sister unit (no department) is nobody's department violation
      returned({ caseId: 'c10', departmentId: null, timelineSeq: 6 }),
    ];
    const v = deriveViolations(facts, policy);
    expect(v.map((x) => [x.kind, x.subjectType, x.subjectId, x.caseId, x.clockName, x.amount])).toEqual([
      ['first_responder_route_breached', 'user', 'alice', 'c1', 'route', 50],
      ['first_responder_callback_breached', 'user', 'bob', 'c2', 'callback', 50],
      ['department_clock_breached', 'department', 'eng', 'c4', 'resolve', 100],
      ['department_returned', 'department', 'eng', 'c9', 'returned#4', 100],
    ]);
    expect(v[0].evidence).toEqual({
      caseNumber: 'TS-2026-000001',
      timelineSeq: 3,
      clock: 'route',
      dueAt: '2026-10-05T02:00:00.000Z',
      breachedAt: '2026-10-05T02:00:30.000Z',
    });
    expect(v[3].evidence).toMatchObject({
      reason: '不属于本部门',
      actorId: 'tech',
      returnedAt: '2026-10-20T03:00:00.000Z',
    });
    expect(v[0].officeId).toBe('o1');
  });

  it('the same clock breaching twice on one case costs its subject once; two returns are two facts', () => {
    const v = deriveViolations(
      [
        breach({ timelineSeq: 9, breachedAt: at('2026-10-06T00:00:00Z') }),
        breach({ timelineSeq: 3 }),
        returned({ timelineSeq: 4 }),
        returned({ timelineSeq: 8, returnedAt: at('2026-10-21T03:00:00Z') }),
      ],
      policy,
    );
    expect(v.filter((x) => x.kind === 'first_responder_route_breached')).toHaveLength(1);
    expect(v[0].evidence.timelineSeq).toBe(3);
    expect(v.filter((x) => x.kind === 'department_returned').map((x) => x.clockName)).toEqual([
      'returned#4',
      'returned#8',
    ]);
  });

  it('amounts follow the company policy', () => {
    const v = deriveViolations([breach({}), returned({})], {
      firstResponderAmount: 80,
      departmentAmount: 200,
    });
    expect(v.map((x) => x.amount)).toEqual([80, 200]);
  });
});

describe('LEDGER-5 who answers for each clock', () => {
  const policy = { firstResponderAmount: 50, departmentAmount: 100 };
  it('LEDGER-5 the table: every clock has its subject, or nobody', () => {
    expect(CLOCK_DUTY).toEqual({
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
  });

  it('LEDGER-5 onsite and progress: the department; appointment: whoever owed the callback; followUp, homeVisit, contact: nobody', () => {
    const facts = [
      breach({ clock: 'onsite', departmentId: 'eng1', timelineSeq: 1 }),
      breach({ clock: 'progress', departmentId: 'eng1', timelineSeq: 2 }),
      breach({ clock: 'appointment', callbackAssigneeId: 'bob', timelineSeq: 3 }),
      breach({ caseId: 'c2', clock: 'appointment', callbackAssigneeId: null, timelineSeq: 3 }),
      breach({ clock: 'followUp', departmentId: null, timelineSeq: 4 }),
      breach({ clock: 'homeVisit', departmentId: 'eng1', timelineSeq: 5 }),
      breach({ clock: 'contact', departmentId: null, timelineSeq: 6 }),
      // verify while the first responder verifies (no department): nobody
      breach({ caseId: 'c3', clock: 'verify', departmentId: null, timelineSeq: 7 }),
    ];
    const v = deriveViolations(facts, policy).map(
      (x) => `${x.caseId}:${x.clockName}:${x.kind}:${x.subjectId}`,
    );
    expect(v.sort()).toEqual(
      [
        'c1:onsite:department_clock_breached:eng1',
        'c1:progress:department_clock_breached:eng1',
        'c1:appointment:callback_appointment_breached:bob',
        'c2:appointment:callback_appointment_breached:alice',
      ].sort(),
    );
  });
});

describe('monthly totals: confirmed count money, pending apart, waived excluded (LEDGER-2)', () => {
  it('adds up per subject', () => {
    const totals = monthlyTotals([
      { subjectType: 'user', subjectId: 'alice', status: 'confirmed', amount: 50 },
      { subjectType: 'user', subjectId: 'alice', status: 'confirmed', amount: 50 },
      { subjectType: 'user', subjectId: 'alice', status: 'pending', amount: 50 },
      { subjectType: 'user', subjectId: 'alice', status: 'waived', amount: 50 },
      { subjectType: 'department', subjectId: 'alice', status: 'waived', amount: 100 },
    ]);
    expect(totals.get('user:alice')).toEqual({
      pending: 1,
      confirmed: 2,
      waived: 1,
      confirmedAmount: 100,
      pendingAmount: 50,
    });
    expect(totals.get('department:alice')).toEqual({
      pending: 0,
      confirmed: 0,
      waived: 1,
      confirmedAmount: 0,
      pendingAmount: 0,
    });
  });

  it('a violation is decided once, and never by its own subject', () => {
    const v = { status: 'pending' as const, subjectType: 'user' as const, subjectId: 'alice' };
    expect(decisionProblem(v, 'director')).toBeNull();
    expect(decisionProblem(v, 'alice')).toBe('violation_own');
    expect(decisionProblem({ ...v, status: 'waived' }, 'director')).toBe('violation_decided');
    expect(decisionProblem({ ...v, subjectType: 'department' }, 'alice')).toBeNull();
  });
});

describe('who decides: the subject’s own office (LEDGER-3: nobody sees another office’s people)', () => {
  it('the case’s office when the person belongs to it, else their first office, else the manager (null)', () => {
    expect(decidingOffice(['o2', 'o1'], 'o1')).toBe('o1');
    expect(decidingOffice(['o3', 'o2'], 'o1')).toBe('o2');
    expect(decidingOffice([], 'o1')).toBeNull();
  });
});

describe('satisfaction (CALLBACK-3): satisfied + basically ÷ answered', () => {
  it('is null when nobody answered', () => {
    expect(satisfactionRate({ satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 })).toBeNull();
    expect(satisfactionRate({ satisfied: 2, basicallySatisfied: 1, unsatisfied: 1 })).toBe(0.75);
  });
});
