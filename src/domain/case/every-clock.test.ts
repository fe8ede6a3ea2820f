/**
 * CLOCK-7: every clock the policy can start has an action that meets it. Each case below is taken from intake
 * (planIntake) through the actions (decide), its clocks folded as the store folds them (foldClockEffects), until
 * the clock under test is met — by the action the rule names, by someone allowed to take it. The last test checks
 * that the walks cover every clock name, so a new clock without a walk fails here.
 */
import { describe, expect, it } from 'vitest';
import { createStaticCalendar } from '../clock/working-calendar';
import type { Role } from '../access/roles';
import {
  CLOCK_NAMES,
  residentContactOf,
  type CaseAction,
  type CaseActor,
  type CaseFacts,
  type Channel,
  type ClockName,
} from './case';
import { decide, type CaseActionInputs, type DecideContext } from './lifecycle';
import { callbackExemptionProblem, planIntake, type IntakeInput } from './intake';
import { caseClockRules } from './escalation';
import { emergencyRecipients } from './emergency';
import { DAILY_RESULTS_FILTER, dailyResultsDay, hearsResultAtOnce } from './daily-results';
import { sweepStep } from '../deadlines/deadline';
import { foldClockEffects, type StoredClock } from './stored-clocks';
import { targetDepartmentIdOf } from './case';
import { CASE_KINDS, SEVERITIES } from '../policy/defaults';

const T0 = new Date('2026-03-10T10:00:00+08:00');
const MIN = 60_000;
const calendar = createStaticCalendar({ knownYears: [2026, 2027] });

const person = (userId: string, roles: Role[], departmentIds: string[] = [], heads: string[] = []) =>
  ({ userId, roles, officeIds: ['o1'], departmentIds, headOfDepartmentIds: heads }) satisfies CaseActor;
const agent = person('u-agent', ['agent'], ['cs1']);
const tech = person('u-tech', ['technician'], ['eng1']);
const engHead = person('u-head', ['technician'], ['eng1'], ['eng1']);
const supervisor = person('u-sup', ['supervisor'], ['cs1']);
const director = person('u-dir', ['director']);

/** A case on its way: facts as the server would load them, and its clocks as stored. */
class Walk {
  facts: CaseFacts;
  clocks = new Map<ClockName, StoredClock>();
  now = T0;
  policy: DecideContext['clockPolicy'] = {};

  constructor(
    input: Partial<IntakeInput> & Pick<IntakeInput, 'kind'>,
    reporter: { anonymous?: boolean; phone?: string | null } = { phone: '13800000000' },
    policy: DecideContext['clockPolicy'] = {},
  ) {
    this.policy = policy;
    const channel: Channel = input.channel ?? 'phone';
    const plan = planIntake(
      { channel, recordedById: agent.userId, ...input },
      { now: T0, calendar, clockPolicy: policy },
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan));
    foldClockEffects(this.clocks, 'c1', plan.clocks);
    this.facts = {
      id: 'c1',
      state: plan.state,
      kind: input.kind,
      severity: plan.severity,
      officeId: 'o1',
      firstResponderId: plan.firstResponderId,
      recordedById: plan.recordedById,
      handlerId: plan.handlerId,
      target: null,
      targetDepartmentHeadId: null,
      callbackAssigneeId: plan.callbackAssigneeId,
      officeDirectorId: director.userId,
      escalationTier: 0,
      reopenCount: 0,
      mergedIntoId: null,
      replyCount: 0,
      serviceComplaint: plan.serviceComplaint,
      receivedAt: plan.receivedAt,
      channel,
      residentContact: residentContactOf({
        channel,
        reporterAnonymous: reporter.anonymous ?? false,
        reporterPhone: reporter.phone,
      }),
      residentToldAt: null,
      targetIsRepairTeam: false,
      clocks: [],
    };
    this.sync();
  }

  private sync() {
    this.facts = { ...this.facts, clocks: [...this.clocks.values()] };
  }

  later(minutes: number) {
    this.now = new Date(this.now.getTime() + minutes * MIN);
    return this;
  }

  do<A extends CaseAction>(who: CaseActor, action: A, input: CaseActionInputs[A]) {
    const d = decide(this.facts, who, action, input, { now: this.now, calendar, clockPolicy: this.policy });
    if (!d.ok) throw new Error(`${action} refused: ${JSON.stringify(d)}`);
    foldClockEffects(this.clocks, 'c1', d.effects.clocks);
    const c = d.effects.changes;
    const target = c.target !== undefined ? c.target : this.facts.target;
    this.facts = {
      ...this.facts,
      state: c.state ?? this.facts.state,
      target,
      handlerId: c.handlerId !== undefined ? c.handlerId : this.facts.handlerId,
      callbackAssigneeId:
        c.callbackAssigneeId !== undefined ? c.callbackAssigneeId : this.facts.callbackAssigneeId,
      residentToldAt: c.residentToldAt !== undefined ? c.residentToldAt : this.facts.residentToldAt,
      replyCount: c.replyCount ?? this.facts.replyCount,
      reopenCount: c.reopenCount ?? this.facts.reopenCount,
      // the register: eng1 is the repair team, cs1 customer service
      targetIsRepairTeam: targetDepartmentIdOf({ target }) === 'eng1',
      targetDepartmentHeadId: targetDepartmentIdOf({ target }) === 'eng1' ? engHead.userId : null,
    };
    this.sync();
    return this;
  }

  clock(name: ClockName): StoredClock {
    const c = this.clocks.get(name);
    if (!c) throw new Error(`no ${name} clock; have ${[...this.clocks.keys()].join(', ')}`);
    return c;
  }

  /** The clock runs: started, neither met nor stopped. */
  running(name: ClockName) {
    const c = this.clock(name);
    expect({ name, metAt: c.metAt, stoppedAt: c.stoppedAt }).toEqual({ name, metAt: null, stoppedAt: null });
    return this;
  }

  /** The clock was met (at `at`, default now), not stopped. */
  met(name: ClockName, at: Date = this.now) {
    const c = this.clock(name);
    expect({ name, metAt: c.metAt, stoppedAt: c.stoppedAt }).toEqual({ name, metAt: at, stoppedAt: null });
    return this;
  }
}

const toEng = { target: { type: 'department' as const, id: 'eng1' }, targetIsRepairTeam: true };
const reply = (via: CaseActionInputs['reply']['via'] = 'phone') => ({ message: '您好，已安排处理', via });
const walked = new Set<ClockName>();
const walk = (name: ClockName, title: string, fn: () => void) =>
  it(`CLOCK-7 ${name}: ${title}`, () => {
    fn();
    walked.add(name);
  });

describe('CLOCK-7 every clock the policy starts can be met', () => {
  walk('dispatch', 'starts at intake from receipt (REPAIR-2), met by routing to the repair team', () => {
    const w = new Walk({ kind: 'repair' }).running('dispatch');
    expect(w.clock('dispatch').dueAt).toEqual(new Date(T0.getTime() + 5 * MIN));
    w.later(2).do(agent, 'route', toEng).met('dispatch');
  });

  walk('contact', 'starts on routing to a sister unit (ROUTE-3), met by recordContact', () => {
    new Walk({ kind: 'complaint' })
      .do(agent, 'route', { target: { type: 'sisterUnit', id: 'water' } })
      .running('contact')
      .later(10)
      .do(agent, 'recordContact', { unitId: 'water', contactPerson: '王工', via: 'phone' })
      .met('contact');
  });

  walk('route', 'starts at intake (ROUTE-2), met at the later of routing and telling the resident', () => {
    new Walk({ kind: 'complaint' })
      .do(agent, 'route', { target: { type: 'department', id: 'cs1' } })
      .running('route')
      .later(5)
      .do(agent, 'reply', reply())
      .met('route');
  });

  walk('verify', 'starts at intake of a complaint (HANDLE-1), met by verify', () => {
    new Walk({ kind: 'complaint' })
      .running('verify')
      .later(30)
      .do(supervisor, 'verify', { findings: '现场核实属实', method: 'both_parties' })
      .met('verify');
  });

  walk('reply', 'starts at intake, met by a reply', () => {
    new Walk({ kind: 'inquiry' }).running('reply').later(3).do(agent, 'reply', reply()).met('reply');
  });

  walk('resolve', 'starts at intake, met by resolving', () => {
    new Walk({ kind: 'repair' })
      .do(agent, 'route', toEng)
      .do(tech, 'accept', {})
      .running('resolve')
      .later(60)
      .do(tech, 'resolve', { result: '已更换阀门' })
      .met('resolve');
  });

  walk('callback', 'starts on resolving (CALLBACK-2), met by a reached callback', () => {
    new Walk({ kind: 'repair' })
      .do(agent, 'route', toEng)
      .do(tech, 'accept', {})
      .do(tech, 'resolve', { result: '已更换阀门' })
      .running('callback')
      .later(600)
      .do(agent, 'callback', { method: 'phone', reached: true, satisfaction: 'satisfied' })
      .met('callback');
  });

  walk(
    'corrective',
    'starts with a corrective action at resolution (HANDLE-3), met by completeCorrective after closing',
    () => {
      const w = new Walk({ kind: 'complaint' })
        .do(agent, 'route', toEng)
        .do(tech, 'accept', {})
        .do(tech, 'resolve', {
          result: '已清理',
          corrective: { action: '加装防堵网', dueAt: new Date(T0.getTime() + 7 * 24 * 60 * MIN) },
        })
        .do(agent, 'callback', { method: 'phone', reached: true, satisfaction: 'satisfied' })
        .running('corrective');
      expect(w.facts.state).toBe('closed');
      w.later(24 * 60)
        .do(engHead, 'completeCorrective', { result: '防堵网已加装' })
        .met('corrective');
    },
  );

  walk(
    'onsite',
    'starts at intake of an emergency (EMERGENCY-2), met by arrive at the time of arrival',
    () => {
      const w = new Walk({ kind: 'repair', severity: 'emergency' }).running('onsite');
      expect(w.clock('onsite').dueAt).toEqual(new Date(T0.getTime() + 30 * MIN));
      const arrivedAt = new Date(T0.getTime() + 20 * MIN);
      w.later(3).do(agent, 'route', toEng).later(25).do(tech, 'arrive', { at: arrivedAt });
      w.met('onsite', arrivedAt).met('dispatch', new Date(T0.getTime() + 3 * MIN));
      expect(w.facts).toMatchObject({ state: 'in_progress', handlerId: 'u-tech' });
    },
  );

  walk(
    'progress',
    'starts when an emergency is taken in hand (EMERGENCY-3), met and started over by each reply',
    () => {
      const w = new Walk({ kind: 'repair', severity: 'emergency' })
        .do(agent, 'route', toEng)
        .do(tech, 'accept', {})
        .running('progress');
      expect(w.clock('progress').dueAt).toEqual(new Date(w.now.getTime() + 2 * 60 * MIN));
      w.later(100).do(tech, 'reply', reply());
      // met, and due again an interval later
      expect(w.clock('progress')).toMatchObject({
        startedAt: w.now,
        dueAt: new Date(w.now.getTime() + 2 * 60 * MIN),
        metAt: null,
      });
      w.do(tech, 'resolve', { result: '已抢修' });
      expect(w.clock('progress').stoppedAt).toEqual(w.now);
    },
  );

  walk(
    'appointment',
    'starts at a callback with appointmentAt (CALLBACK-5), met by the reply then given',
    () => {
      const appointmentAt = new Date(T0.getTime() + 2 * 24 * 60 * MIN);
      const w = new Walk({ kind: 'inquiry' })
        .do(agent, 'route', { target: { type: 'department', id: 'cs1' } })
        .do(agent, 'reply', reply())
        .do(agent, 'accept', {})
        .do(agent, 'resolve', { result: '已答复' })
        .later(60)
        .do(agent, 'callback', {
          method: 'phone',
          reached: true,
          satisfaction: 'basically_satisfied',
          appointmentAt,
        })
        .met('callback')
        .running('appointment');
      expect(w.facts.state).toBe('resolved');
      expect(w.clock('appointment').dueAt).toEqual(appointmentAt);
      w.later(24 * 60)
        .do(agent, 'reply', reply())
        .met('appointment');
    },
  );

  walk(
    'followUp',
    'starts on routing to an external unit (ROUTE-7), starts over at each contact, met by the reply feeding the result back',
    () => {
      const w = new Walk({ kind: 'complaint' })
        .do(agent, 'route', { target: { type: 'externalUnit', id: 'telecom' } })
        .running('followUp');
      const firstDue = w.clock('followUp').dueAt;
      w.later(24 * 60).do(agent, 'recordContact', {
        unitId: 'telecom',
        contactPerson: '李经理',
        via: 'phone',
      });
      expect(w.clock('followUp').dueAt.getTime()).toBeGreaterThan(firstDue.getTime());
      w.later(60).do(agent, 'reply', reply()).met('followUp');
    },
  );

  walk(
    'homeVisit',
    'starts on resolving a complaint when the policy turns it on (CALLBACK-7), met by a callback by visit',
    () => {
      const w = new Walk({ kind: 'complaint' }, undefined, {
        defaults: { homeVisit: { amount: 7, unit: 'calendar_days' } },
      })
        .do(agent, 'route', toEng)
        .do(tech, 'accept', {})
        .do(tech, 'resolve', { result: '已处理' })
        .running('homeVisit')
        .later(24 * 60)
        .do(agent, 'callback', { method: 'visit', reached: true, satisfaction: 'satisfied' })
        .met('homeVisit');
      // off by default: no clock at all
      const off = new Walk({ kind: 'complaint' })
        .do(agent, 'route', toEng)
        .do(tech, 'accept', {})
        .do(tech, 'resolve', { result: '已处理' });
      expect(off.clocks.has('homeVisit')).toBe(false);
      expect(w.facts.state).toBe('closed');
    },
  );

  it('CLOCK-7 the walks above cover every clock name', () => {
    expect([...walked].sort()).toEqual([...CLOCK_NAMES].sort());
  });
});

describe('ROUTE-2 the route clock waits for the resident to be told (004 第十条)', () => {
  const toCs = { target: { type: 'department' as const, id: 'cs1' } };

  it('ROUTE-2 routing with residentTold meets it at once and records when the resident was told', () => {
    const w = new Walk({ kind: 'complaint' }).later(10);
    w.do(agent, 'route', {
      ...toCs,
      residentTold: { via: 'phone', promisedBy: new Date(T0.getTime() + 86_400_000) },
    });
    w.met('route');
    expect(w.facts.residentToldAt).toEqual(w.now);
  });

  it('ROUTE-2 a reply before routing counts: the routing then meets it', () => {
    const w = new Walk({ kind: 'complaint' }).do(agent, 'reply', reply()).running('route');
    w.later(20).do(agent, 'route', toCs).met('route');
  });

  it('ROUTE-2 nobody to tell (anonymous; a letter without a phone): routing alone meets it', () => {
    new Walk({ kind: 'complaint' }, { anonymous: true }).do(agent, 'route', toCs).met('route');
    new Walk({ kind: 'complaint', channel: 'letter' }, { phone: null }).do(agent, 'route', toCs).met('route');
    // a letter that gave a phone: the resident is called
    new Walk({ kind: 'complaint', channel: 'letter' }).do(agent, 'route', toCs).running('route');
  });

  it('ROUTE-2 a hotline case is told by answering the hotline, not by calling the resident', () => {
    const w = new Walk({ kind: 'complaint', channel: 'hotline' }).do(agent, 'route', toCs);
    w.do(agent, 'reply', reply('phone')).running('route');
    w.later(5).do(agent, 'reply', reply('hotline')).met('route');
  });

  it('ROUTE-2 a promised time must lie ahead', () => {
    const w = new Walk({ kind: 'complaint' });
    expect(
      decide(
        w.facts,
        agent,
        'route',
        { ...toCs, residentTold: { via: 'phone', promisedBy: T0 } },
        {
          now: T0,
          calendar,
        },
      ),
    ).toMatchObject({ ok: false, fields: { 'residentTold.promisedBy': 'field.must_be_future' } });
  });
});

describe('REPAIR-2 dispatch counts from receipt', () => {
  it('REPAIR-2 routed to a sister unit it stops, not breached; resolved on the spot it never starts', () => {
    const w = new Walk({ kind: 'repair' }).do(agent, 'route', {
      target: { type: 'sisterUnit', id: 'power' },
    });
    expect(w.clock('dispatch').stoppedAt).toEqual(w.now);
    const spot = new Walk({ kind: 'repair', resolvedOnTheSpot: { result: '指导业主复位电闸' } });
    expect(spot.clocks.has('dispatch')).toBe(false);
  });

  it('REPAIR-2 routed to customer service first, it counts on and is met when the repair team accepts', () => {
    const w = new Walk({ kind: 'repair' })
      .do(agent, 'route', { target: { type: 'department', id: 'cs1' } })
      .running('dispatch')
      .do(supervisor, 'route', toEng)
      .met('dispatch');
    expect(w.facts.target).toEqual({ type: 'department', id: 'eng1' });
  });
});

describe('EMERGENCY-2 arrive', () => {
  it('EMERGENCY-2 the time of arrival is not in the future, nor before the case was received', () => {
    const w = new Walk({ kind: 'repair', severity: 'emergency' }).do(agent, 'route', toEng);
    const ctx = { now: T0, calendar };
    expect(decide(w.facts, tech, 'arrive', { at: new Date(T0.getTime() + 10 * MIN) }, ctx)).toMatchObject({
      ok: false,
      fields: { at: 'field.not_in_future' },
    });
    expect(decide(w.facts, tech, 'arrive', { at: new Date(T0.getTime() - 10 * MIN) }, ctx)).toMatchObject({
      ok: false,
      fields: { at: 'field.invalid_value' },
    });
  });

  it('EMERGENCY-3 a non-emergency has no progress clock; an emergency reopened by an unsatisfied callback updates again', () => {
    const plain = new Walk({ kind: 'repair' }).do(agent, 'route', toEng).do(tech, 'arrive', {});
    expect(plain.clocks.has('progress')).toBe(false);
    const w = new Walk({ kind: 'repair', severity: 'emergency' })
      .do(agent, 'route', toEng)
      .do(tech, 'arrive', {})
      .do(tech, 'resolve', { result: '已抢修' })
      .later(60)
      .do(agent, 'callback', {
        method: 'phone',
        reached: true,
        satisfaction: 'unsatisfied',
        reason: '仍漏水',
      })
      .running('progress');
    expect(w.facts.state).toBe('in_progress');
  });
});

describe('HANDLE-3 completeCorrective', () => {
  it('HANDLE-3 refused (clock_not_running) without a corrective action counting, and not offered', () => {
    const w = new Walk({ kind: 'complaint' }).do(agent, 'route', toEng).do(tech, 'accept', {});
    expect(decide(w.facts, tech, 'completeCorrective', { result: '完成' }, { now: T0, calendar })).toEqual({
      ok: false,
      reason: 'rule',
      rule: 'clock_not_running',
    });
  });
});

describe('CALLBACK-5 an appointment keeps the case resolved', () => {
  it('CALLBACK-5 even an unsatisfied answer with an appointment does not reopen; the next callback meets the appointment', () => {
    const appointmentAt = new Date(T0.getTime() + 3 * 24 * 60 * MIN);
    const w = new Walk({ kind: 'repair' })
      .do(agent, 'route', toEng)
      .do(tech, 'accept', {})
      .do(tech, 'resolve', { result: '已修' })
      .do(agent, 'callback', {
        method: 'phone',
        reached: true,
        satisfaction: 'unsatisfied',
        reason: '费用有疑问',
        appointmentAt,
      });
    expect(w.facts.state).toBe('resolved');
    w.later(60).do(agent, 'callback', { method: 'phone', reached: true, satisfaction: 'satisfied' });
    w.met('appointment');
    expect(w.facts.state).toBe('closed');
  });
});

describe('INTAKE-11 answered on the spot without a callback', () => {
  it('INTAKE-11 an inquiry answered on the spot is closed at intake (on_the_spot), with no callback clock', () => {
    const p = planIntake(
      { channel: 'phone', kind: 'inquiry', recordedById: 'u-agent', resolvedOnTheSpot: { result: '已告知' } },
      { now: T0, calendar },
    );
    if (!p.ok) throw new Error('refused');
    expect(p).toMatchObject({ state: 'closed', closure: 'on_the_spot', closedAt: T0, resolvedAt: T0 });
    expect(p.clocks.some((c) => c.clock === 'callback')).toBe(false);
    expect(p.timeline.map((t) => t.type)).toEqual(['received', 'resolved', 'closed']);
  });

  it('INTAKE-11 a complaint is called back even when the settings list it', () => {
    const p = planIntake(
      {
        channel: 'phone',
        kind: 'complaint',
        recordedById: 'u-agent',
        resolvedOnTheSpot: { result: '已道歉' },
      },
      { now: T0, calendar, callbackExemptKinds: ['complaint', 'inquiry'] },
    );
    if (!p.ok) throw new Error('refused');
    expect(p.state).toBe('resolved');
    expect(p.clocks.some((c) => c.op === 'start' && c.clock === 'callback')).toBe(true);
    expect(callbackExemptionProblem(['inquiry', 'complaint'])).toBe('complaint_needs_callback');
    expect(callbackExemptionProblem(['inquiry', 'praise'])).toBeNull();
  });
});

describe('CLOCK-8 a breach on a closed case raises no tier', () => {
  it('CLOCK-8 the sweep decides with no escalation chain for a closed case', () => {
    const due = {
      startedAt: T0,
      dueAt: new Date(T0.getTime() + MIN),
      metAt: null,
      warnedAt: T0,
      breachedAt: null,
      pausedAt: null,
      stoppedAt: null,
    };
    const later = new Date(T0.getTime() + 2 * MIN);
    expect(sweepStep(due, caseClockRules('closed'), 0, later)).toMatchObject({
      op: 'breach',
      escalateTo: null,
    });
    expect(sweepStep(due, caseClockRules('resolved'), 0, later)).toMatchObject({
      op: 'breach',
      escalateTo: { tier: 1, role: 'supervisor' },
    });
  });
});

describe('EMERGENCY-1 who is told at once', () => {
  const people = {
    officeDirectorId: 'u-dir',
    officeSupervisorIds: ['u-sup', 'u-dir'],
    repairTeamHeadIds: ['u-head'],
  };
  it('EMERGENCY-1 director, supervisors and — for a repair — the repair teams heads; nobody for a non-emergency', () => {
    expect(emergencyRecipients({ severity: 'emergency', kind: 'repair' }, people)).toEqual([
      'u-dir',
      'u-sup',
      'u-head',
    ]);
    expect(emergencyRecipients({ severity: 'emergency', kind: 'complaint' }, people)).toEqual([
      'u-dir',
      'u-sup',
    ]);
    expect(emergencyRecipients({ severity: 'major', kind: 'repair' }, people)).toEqual([]);
  });
});

describe('CALLBACK-8 the director hears every result', () => {
  it('CALLBACK-8 complaints, major and emergency cases at once; the rest in the daily list of the previous local day', () => {
    expect(hearsResultAtOnce({ kind: 'complaint', severity: 'general' })).toBe(true);
    expect(hearsResultAtOnce({ kind: 'repair', severity: 'major' })).toBe(true);
    expect(hearsResultAtOnce({ kind: 'repair', severity: 'emergency' })).toBe(true);
    expect(hearsResultAtOnce({ kind: 'repair', severity: 'general' })).toBe(false);
    // 07:30 on 11 March in Shanghai is 23:30 UTC on the 10th: the list is of 10 March, local midnight to midnight
    expect(dailyResultsDay(new Date('2026-03-10T23:30:00Z'), 'Asia/Shanghai')).toEqual({
      day: '2026-03-10',
      start: new Date('2026-03-09T16:00:00Z'),
      end: new Date('2026-03-10T16:00:00Z'),
    });
  });

  it('CALLBACK-8 the daily list’s filters take exactly the cases not told at once', () => {
    for (const kind of CASE_KINDS)
      for (const severity of SEVERITIES)
        expect(
          DAILY_RESULTS_FILTER.kinds.includes(kind) && DAILY_RESULTS_FILTER.severities.includes(severity),
        ).toBe(!hearsResultAtOnce({ kind, severity }));
  });
});
