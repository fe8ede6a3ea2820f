import { describe, expect, it } from 'vitest';
import { createStaticCalendar } from '../clock/working-calendar';
import type { Role } from '../access/roles';
import { DomainError } from '../errors';
import type { CaseAction, CaseActor, CaseClockFact, CaseFacts, CaseState } from './case';
import type { ClockEffect } from './case-clocks';
import {
  allowedActions,
  canSeeCase,
  decide,
  mergeTargetProblem,
  refusalToError,
  DEFAULT_ACTION_POLICY,
  type CaseActionInputs,
  type Decision,
  type DecideContext,
  type DecisionAccepted,
} from './lifecycle';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-03-10T10:00:00+08:00');
const ctx: DecideContext = { now: NOW, calendar: createStaticCalendar({ knownYears: [2026, 2027] }) };
const MIN = 60_000;

// ---------------------------------------------------------------------------------------------------------------
// The cast: one case of office o1, routed to the repair team eng1

const actor = (
  userId: string,
  roles: Role[],
  officeIds: string[] = ['o1'],
  departmentIds: string[] = [],
  headOfDepartmentIds: string[] = [],
): CaseActor => ({ userId, roles, officeIds, departmentIds, headOfDepartmentIds });

const cast = {
  firstResponder: actor('u-fr', ['agent'], ['o1'], ['cs1']),
  recorder: actor('u-rec', ['agent'], ['o1'], ['cs1']),
  handler: actor('u-tech', ['technician'], ['o1'], ['eng1']),
  departmentHead: actor('u-head', ['technician'], ['o1'], ['eng1'], ['eng1']),
  departmentMate: actor('u-mate', ['technician'], ['o1'], ['eng1']),
  supervisor: actor('u-sup', ['supervisor'], ['o1'], ['cs1']),
  director: actor('u-dir', ['director'], ['o1']),
  manager: actor('u-mgr', ['manager'], []),
  otherAgent: actor('u-agent', ['agent'], ['o1'], ['cs1']),
  otherTechnician: actor('u-tech-x', ['technician'], ['o1'], ['security1']),
  otherOfficeSupervisor: actor('u-sup2', ['supervisor'], ['o2']),
  otherOfficeDirector: actor('u-dir2', ['director'], ['o2']),
  auditor: actor('u-aud', ['auditor'], ['o1']),
  admin: actor('u-admin', ['admin'], []),
} satisfies Record<string, CaseActor>;
type Member = keyof typeof cast;
const everyone = Object.keys(cast) as Member[];

const clock = (
  name: CaseClockFact['name'],
  dueAt: Date,
  extra: Partial<CaseClockFact> = {},
): CaseClockFact => ({
  name,
  startedAt: at('2026-03-10T08:00:00+08:00'),
  dueAt,
  metAt: null,
  breachedAt: null,
  pausedAt: null,
  pausedMs: 0,
  stoppedAt: null,
  ...extra,
});

/** A coherent case in `state`: routed to eng1 with handler u-tech from `routed` on. */
function facts(state: CaseState, overrides: Partial<CaseFacts> = {}): CaseFacts {
  const routed = state !== 'received';
  return {
    id: 'c1',
    state,
    kind: 'repair',
    severity: 'general',
    categoryId: null,
    officeId: 'o1',
    firstResponderId: 'u-fr',
    recordedById: 'u-rec',
    handlerId: routed ? 'u-tech' : null,
    target: routed ? { type: 'department', id: 'eng1' } : null,
    targetDepartmentHeadId: routed ? 'u-head' : null,
    callbackAssigneeId: null,
    officeDirectorId: 'u-dir',
    escalationTier: 0,
    reopenCount: 0,
    mergedIntoId: null,
    replyCount: 0,
    serviceComplaint: false,
    receivedAt: at('2026-03-10T08:00:00+08:00'),
    channel: 'phone',
    residentContact: 'resident',
    residentToldAt: routed ? at('2026-03-10T08:30:00+08:00') : null,
    targetIsRepairTeam: routed,
    clocks: [
      clock(
        'route',
        at('2026-03-10T09:00:00+08:00'),
        routed ? { metAt: at('2026-03-10T08:30:00+08:00') } : {},
      ),
      clock('reply', at('2026-03-11T08:00:00+08:00')),
      clock('resolve', at('2026-03-17T23:59:59.999+08:00')),
      // a corrective action from an earlier round, still counting (HANDLE-3): completeCorrective may be taken
      clock('corrective', at('2026-03-31T18:00:00+08:00')),
    ],
    ...overrides,
  };
}

// Inputs that pass every body check, per action.
const goodInput: { [A in CaseAction]: CaseActionInputs[A] } = {
  route: { target: { type: 'department', id: 'eng1' } },
  assign: { handlerId: 'u-mate' },
  accept: {},
  recordContact: { unitId: 'unit-water', contactPerson: '李工', via: 'phone' },
  return: { reason: '不属于工程维修组，请改派保洁' },
  wait: { reason: '等待配件到货' },
  resume: {},
  extend: {
    clock: 'resolve',
    dueAt: at('2026-03-20T18:00:00+08:00'),
    reason: '配件缺货',
    residentAgreed: true,
  },
  reply: { message: '您好，维修师傅今天下午三点上门', via: 'phone' },
  resolve: { result: '已更换水龙头阀芯' },
  callback: { method: 'phone', reached: true, satisfaction: 'satisfied' },
  reopen: { reason: '业主反映仍在漏水' },
  close: { reason: '业主长期联系不上，经主任批准结案' },
  invalidate: { explanation: '经核实，噪音来自市政施工，已向业主耐心解释' },
  merge: { intoCaseId: 'c0' },
  escalate: { reason: '超时未处理' },
  comment: { text: '业主白天不在家，请傍晚上门' },
  assignCallback: { assigneeId: 'u-agent', note: '首问人休假' },
  verify: { findings: '现场查看，确有渗水', method: 'site' },
  arrive: {},
  completeCorrective: { result: '已加装防水层并复查' },
  recordReportSent: { unitId: 'unit-power', copies: 2, receiver: '供电所刘工' },
  refer: { reason: '涉及公共维修基金，需主任决定' },
  recordDecision: { decision: 'handle', handlerId: 'u-mate' },
  arrangeLeaderMeeting: { leaderId: 'u-dir', at: at('2026-03-12T10:00:00+08:00') },
  flagSpecialIncident: { reason: '业主情绪激动，扬言上访' },
};

function act<A extends CaseAction>(
  f: CaseFacts,
  who: CaseActor,
  action: A,
  input: CaseActionInputs[A] = goodInput[action],
  context: DecideContext = ctx,
): Decision {
  return decide(f, who, action, input, context);
}

function accepted(decision: Decision): DecisionAccepted {
  if (!decision.ok) throw new Error(`expected acceptance, got ${JSON.stringify(decision)}`);
  return decision;
}

// ---------------------------------------------------------------------------------------------------------------
// The table, written out from the action table of FLOW-1 independently of the implementation

const TABLE_FROM: Record<CaseAction, CaseState[]> = {
  route: ['received', 'routed', 'in_progress'],
  assign: ['routed', 'in_progress'],
  accept: ['routed'],
  recordContact: ['received', 'routed', 'in_progress', 'waiting'],
  return: ['routed', 'in_progress'],
  wait: ['in_progress'],
  resume: ['waiting'],
  extend: ['received', 'routed', 'in_progress', 'waiting'],
  // and resolved: the answer promised at a callback (CALLBACK-5)
  reply: ['received', 'routed', 'in_progress', 'waiting', 'resolved'],
  resolve: ['in_progress'],
  callback: ['resolved'],
  reopen: ['resolved', 'closed'],
  close: ['received', 'routed', 'in_progress', 'waiting', 'resolved'],
  invalidate: ['received', 'routed', 'in_progress', 'waiting'],
  merge: ['received', 'routed', 'in_progress', 'waiting'],
  escalate: ['received', 'routed', 'in_progress', 'waiting'],
  comment: ['received', 'routed', 'in_progress', 'waiting', 'resolved', 'closed'],
  // ours (CALLBACK-6), not in FLOW-1
  assignCallback: ['resolved'],
  verify: ['received', 'routed', 'in_progress', 'waiting'],
  arrive: ['routed', 'in_progress'],
  completeCorrective: ['received', 'routed', 'in_progress', 'waiting', 'resolved', 'closed'],
  recordReportSent: ['received', 'routed', 'in_progress', 'waiting'],
  refer: ['received', 'routed', 'in_progress', 'waiting'],
  recordDecision: ['received', 'routed', 'in_progress', 'waiting'],
  arrangeLeaderMeeting: ['received', 'routed', 'in_progress', 'waiting'],
  flagSpecialIncident: ['received', 'routed', 'in_progress', 'waiting'],
};

const TABLE_TO: Partial<Record<CaseAction, CaseState>> = {
  route: 'routed',
  accept: 'in_progress',
  return: 'received',
  wait: 'waiting',
  resume: 'in_progress',
  resolve: 'resolved',
  reopen: 'in_progress',
  close: 'closed',
  invalidate: 'closed',
  merge: 'closed',
  arrive: 'in_progress',
};

/** Who may, from the table's "who" column, as cast members (manager wherever the director is). */
const TABLE_WHO: Record<CaseAction, Member[]> = {
  route: ['firstResponder', 'supervisor', 'director', 'manager'],
  assign: ['departmentHead', 'supervisor', 'director', 'manager'],
  accept: ['handler', 'departmentHead', 'departmentMate'],
  recordContact: ['firstResponder', 'handler'],
  return: ['handler', 'departmentHead', 'departmentMate'],
  wait: ['handler'],
  resume: ['handler'],
  extend: ['handler', 'supervisor'],
  reply: ['firstResponder', 'handler'],
  resolve: ['handler'],
  callback: ['firstResponder', 'supervisor', 'director', 'manager'],
  reopen: ['supervisor', 'director', 'manager'],
  close: ['director', 'manager'],
  invalidate: ['supervisor', 'director', 'manager'],
  merge: ['firstResponder', 'supervisor'],
  escalate: [
    'firstResponder',
    'recorder',
    'handler',
    'departmentHead',
    'departmentMate',
    'supervisor',
    'director',
    'manager',
  ],
  comment: [
    'firstResponder',
    'recorder',
    'handler',
    'departmentHead',
    'departmentMate',
    'supervisor',
    'director',
    'manager',
    'otherAgent',
    'otherTechnician',
  ],
  assignCallback: ['supervisor', 'director', 'manager'],
  verify: ['firstResponder', 'handler', 'supervisor'],
  arrive: ['handler', 'departmentHead', 'departmentMate'],
  completeCorrective: ['handler', 'departmentHead', 'director', 'manager'],
  recordReportSent: ['firstResponder', 'handler'],
  refer: [
    'firstResponder',
    'recorder',
    'handler',
    'departmentHead',
    'departmentMate',
    'supervisor',
    'director',
    'manager',
  ],
  recordDecision: ['director', 'manager'],
  arrangeLeaderMeeting: ['firstResponder', 'supervisor', 'director', 'manager'],
  flagSpecialIncident: [
    'firstResponder',
    'recorder',
    'handler',
    'departmentHead',
    'departmentMate',
    'supervisor',
    'director',
    'manager',
  ],
};

const STATES: CaseState[] = ['received', 'routed', 'in_progress', 'waiting', 'resolved', 'closed'];

/** One person who is everything on the case, to test states apart from roles. */
const omni = actor('u-all', ['supervisor', 'director', 'manager', 'agent'], ['o1'], ['eng1'], ['eng1']);
const omniFacts = (state: CaseState) =>
  facts(state, {
    firstResponderId: 'u-all',
    recordedById: 'u-all',
    handlerId: 'u-all',
    target: { type: 'department', id: 'eng1' },
    targetDepartmentHeadId: 'u-all',
  });

describe('FLOW-1 — from-states (409 invalid_transition otherwise)', () => {
  for (const state of STATES) {
    it(`FLOW-1: in state ${state} exactly the actions whose "from" lists it are allowed`, () => {
      const expected = (Object.keys(TABLE_FROM) as CaseAction[]).filter((a) => TABLE_FROM[a].includes(state));
      expect(allowedActions(omniFacts(state), omni).sort()).toEqual(expected.sort());
    });
  }

  for (const action of Object.keys(TABLE_FROM) as CaseAction[]) {
    const refused = STATES.filter((s) => !TABLE_FROM[action].includes(s));
    if (refused.length === 0) continue;
    it(`FLOW-1 ${action}: refused with invalid_transition from ${refused.join(', ')}`, () => {
      for (const state of refused) {
        const decision = act(omniFacts(state), omni, action);
        expect(decision).toEqual({
          ok: false,
          reason: 'invalid_transition',
          state,
          allowedActions: allowedActions(omniFacts(state), omni),
        });
      }
    });
  }

  it('FLOW-1 "any open": resolved is not open — recordContact, return, wait, extend, invalidate, merge, escalate refused when resolved; close allowed, and reply (CALLBACK-5: the answer promised at a callback)', () => {
    const resolved = omniFacts('resolved');
    for (const action of ['recordContact', 'extend', 'invalidate', 'merge', 'escalate'] as const) {
      expect(act(resolved, omni, action)).toMatchObject({ ok: false, reason: 'invalid_transition' });
    }
    expect(act(resolved, omni, 'close').ok).toBe(true);
    expect(act(resolved, omni, 'reply').ok).toBe(true);
  });

  it('FLOW-1: the to-states (route → routed, accept → in_progress, return → received, wait ⇄ resume, resolve → resolved, reopen → in_progress, close/invalidate/merge → closed)', () => {
    for (const [action, to] of Object.entries(TABLE_TO) as [CaseAction, CaseState][]) {
      const from = TABLE_FROM[action][0];
      const f = omniFacts(from);
      const decision = accepted(act(f, omni, action));
      expect(decision.to).toBe(to);
      expect(decision.from).toBe(from);
      expect(decision.effects.changes.state).toBe(to === from ? undefined : to);
    }
  });

  it('FLOW-1: assign, recordContact, extend, reply, escalate, comment keep the state', () => {
    for (const action of ['assign', 'recordContact', 'extend', 'reply', 'escalate', 'comment'] as const) {
      const f = omniFacts('in_progress');
      const decision = accepted(act(f, omni, action));
      expect(decision.to).toBe('in_progress');
      expect(decision.effects.changes.state).toBeUndefined();
    }
  });
});

describe('FLOW-1 — who (403 forbidden otherwise)', () => {
  /** a state the table allows the action in, with the facts that make the row meaningful */
  const stateFor: Record<CaseAction, CaseState> = {
    route: 'in_progress',
    assign: 'routed',
    accept: 'routed',
    recordContact: 'in_progress',
    return: 'routed',
    wait: 'in_progress',
    resume: 'waiting',
    extend: 'in_progress',
    reply: 'in_progress',
    resolve: 'in_progress',
    callback: 'resolved',
    reopen: 'closed',
    close: 'resolved',
    invalidate: 'received',
    merge: 'routed',
    escalate: 'waiting',
    comment: 'closed',
    assignCallback: 'resolved',
    verify: 'routed',
    arrive: 'routed',
    completeCorrective: 'closed',
    recordReportSent: 'routed',
    refer: 'in_progress',
    recordDecision: 'in_progress',
    arrangeLeaderMeeting: 'received',
    flagSpecialIncident: 'waiting',
  };

  for (const action of Object.keys(TABLE_WHO) as CaseAction[]) {
    const who = TABLE_WHO[action];
    it(`FLOW-1 ${action}: allowed for ${who.join(', ')}; forbidden for everyone else`, () => {
      // a decision to handle is taken on a case before the director (ESCALATE-3)
      const f = facts(stateFor[action], action === 'recordDecision' ? { escalationTier: 2 } : {});
      for (const member of everyone) {
        const decision = act(f, cast[member], action);
        if (who.includes(member)) {
          expect({ member, ok: decision.ok }).toEqual({ member, ok: true });
          expect(allowedActions(f, cast[member])).toContain(action);
        } else {
          expect({ member, decision }).toEqual({ member, decision: { ok: false, reason: 'forbidden' } });
          expect(allowedActions(f, cast[member])).not.toContain(action);
        }
      }
    });
  }

  it('scope: a supervisor or director of another office may not route, reopen, close or invalidate', () => {
    for (const member of ['otherOfficeSupervisor', 'otherOfficeDirector'] as const) {
      expect(allowedActions(facts('in_progress'), cast[member])).toEqual([]);
      expect(allowedActions(facts('closed'), cast[member])).toEqual([]);
    }
  });

  it('scope: a case without an office is beyond every supervisor and director; the manager still acts', () => {
    const f = facts('resolved', { officeId: null });
    expect(act(f, cast.director, 'close')).toEqual({ ok: false, reason: 'forbidden' });
    expect(act(f, cast.manager, 'close').ok).toBe(true);
  });

  it('admin is a system role: no case action, not even a comment', () => {
    for (const state of STATES) expect(allowedActions(facts(state), cast.admin)).toEqual([]);
  });

  it('auditor reads (canSeeCase) but may not comment', () => {
    expect(canSeeCase(facts('closed'), cast.auditor)).toBe(true);
    expect(act(facts('closed'), cast.auditor, 'comment')).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('ACCESS-7 the auditor reads every office, even with none of their own, and may take no action', () => {
    const nowhere = actor('u-aud0', ['auditor'], []);
    expect(canSeeCase(facts('in_progress', { officeId: 'o2' }), nowhere)).toBe(true);
    expect(allowedActions(facts('in_progress', { officeId: 'o2' }), nowhere)).toEqual([]);
  });

  it('canSeeCase: staff of another office may not see it unless on the case', () => {
    expect(canSeeCase(facts('routed'), cast.otherOfficeSupervisor)).toBe(false);
    const outside = actor('u-tech', ['technician'], ['o9'], ['eng1']);
    expect(canSeeCase(facts('routed'), outside)).toBe(true);
    expect(canSeeCase(facts('routed'), cast.manager)).toBe(true);
  });

  it('an identity counts wherever the office is: a company-level handler outside o1 may resolve', () => {
    const companyEngineer = actor('u-tech', ['technician'], [], ['eng-company']);
    expect(act(facts('in_progress'), companyEngineer, 'resolve').ok).toBe(true);
  });

  it('assignCallback (CALLBACK-6): the supervisor hands the callback to a colleague, who then owns it', () => {
    const f = facts('resolved');
    const d = accepted(act(f, cast.supervisor, 'assignCallback'));
    expect(d.to).toBe('resolved');
    expect(d.effects.changes).toEqual({ callbackAssigneeId: 'u-agent' });
    expect(d.effects.timeline.type).toBe('callback_assigned');
    expect(d.effects.timeline.data).toEqual({
      assigneeId: 'u-agent',
      previousAssigneeId: 'u-fr',
      note: '首问人休假',
    });
    // the callback clock keeps running: no clock effects
    expect(d.effects.clocks).toEqual([]);
    const after = { ...f, callbackAssigneeId: 'u-agent' };
    expect(act(after, cast.otherAgent, 'callback').ok).toBe(true);
    expect(act(after, cast.firstResponder, 'callback')).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('assignCallback refuses the current assignee and a blank id; a major complaint starts with the director', () => {
    expect(act(facts('resolved'), cast.supervisor, 'assignCallback', { assigneeId: 'u-fr' })).toMatchObject({
      ok: false,
      fields: { assigneeId: 'field.unchanged' },
    });
    expect(act(facts('resolved'), cast.supervisor, 'assignCallback', { assigneeId: ' ' })).toMatchObject({
      ok: false,
      fields: { assigneeId: 'field.required' },
    });
    const major = facts('resolved', { kind: 'complaint', severity: 'major', officeDirectorId: 'u-dir' });
    const d = accepted(act(major, cast.director, 'assignCallback', { assigneeId: 'u-sup' }));
    expect(d.effects.timeline.data).toMatchObject({ previousAssigneeId: 'u-dir' });
  });

  it('callback: a named callback assignee may call back and the first responder then may not', () => {
    const f = facts('resolved', { callbackAssigneeId: 'u-agent' });
    expect(act(f, cast.otherAgent, 'callback').ok).toBe(true);
    expect(act(f, cast.firstResponder, 'callback')).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('accept: without a target department only the handler may accept (sister unit routing)', () => {
    const f = facts('routed', { target: { type: 'sisterUnit', id: 'water-co' }, handlerId: 'u-fr' });
    expect(act(f, cast.firstResponder, 'accept').ok).toBe(true);
    expect(act(f, cast.departmentMate, 'accept')).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('policy: a company may change who may act (e.g. let directors extend)', () => {
    const actionPolicy = {
      ...DEFAULT_ACTION_POLICY,
      extend: [...DEFAULT_ACTION_POLICY.extend, 'director' as const],
    };
    expect(act(facts('in_progress'), cast.director, 'extend')).toEqual({ ok: false, reason: 'forbidden' });
    expect(
      act(facts('in_progress'), cast.director, 'extend', goodInput.extend, { ...ctx, actionPolicy }).ok,
    ).toBe(true);
    expect(allowedActions(facts('in_progress'), cast.director, actionPolicy)).toContain('extend');
  });

  it('order of checks: a wrong state is 409 before a wrong role is 403', () => {
    expect(act(facts('closed'), cast.otherTechnician, 'resolve')).toMatchObject({
      reason: 'invalid_transition',
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Effects per action

const clockOps = (d: Decision) => accepted(d).effects.clocks.map((e) => `${e.op}:${e.clock}`);
const effect = (d: Decision, op: ClockEffect['op'], name: string) =>
  accepted(d).effects.clocks.find((e) => e.op === op && e.clock === name);

describe('route (REPAIR-2, ROUTE-1 to ROUTE-5)', () => {
  it('ROUTE-2 route meets the route clock and sets the target, once the resident was told (here: by an earlier reply)', () => {
    const told = facts('received', { residentToldAt: at('2026-03-10T08:10:00+08:00') });
    const d = accepted(act(told, cast.firstResponder, 'route'));
    expect(d.effects.changes).toEqual({
      state: 'routed',
      target: { type: 'department', id: 'eng1' },
      departmentId: 'eng1',
      handlerId: null,
    });
    expect(effect(d, 'meet', 'route')).toEqual({ op: 'meet', clock: 'route', at: NOW });
    expect(d.effects.timeline).toEqual({
      type: 'routed',
      data: { target: { type: 'department', id: 'eng1' }, handlerId: null },
    });
  });

  it('REPAIR-2 routing a repair to a repair team meets dispatch, which counts from receipt; to another department it keeps counting', () => {
    const f = facts('received', {
      residentToldAt: NOW,
      clocks: [
        clock('route', new Date(NOW.getTime() + MIN)),
        clock('dispatch', new Date(NOW.getTime() + MIN)),
      ],
    });
    const toTeam = act(f, cast.firstResponder, 'route', {
      target: { type: 'department', id: 'eng1' },
      targetIsRepairTeam: true,
    });
    expect(clockOps(toTeam)).toEqual(['meet:route', 'meet:dispatch']);
    const toCleaning = act(f, cast.firstResponder, 'route', { target: { type: 'department', id: 'clean1' } });
    expect(clockOps(toCleaning)).toEqual(['meet:route']);
    const toLeader = act(f, cast.firstResponder, 'route', { target: { type: 'leader', id: 'u-dir' } });
    expect(clockOps(toLeader)).toEqual(['meet:route', 'stop:dispatch']);
  });

  it('REPAIR-2 routing starts no dispatch clock: a complaint has none', () => {
    const d = act(
      facts('received', { kind: 'complaint', residentToldAt: NOW }),
      cast.firstResponder,
      'route',
    );
    expect(clockOps(d)).toEqual(['meet:route']);
  });

  it('ROUTE-3 routing to a sister unit starts contact (30 minutes); the first responder handles (presses for the result)', () => {
    const d = accepted(
      act(facts('received'), cast.firstResponder, 'route', {
        target: { type: 'sisterUnit', id: 'water-co' },
      }),
    );
    expect(effect(d, 'start', 'contact')).toMatchObject({ dueAt: new Date(NOW.getTime() + 30 * MIN) });
    expect(d.effects.changes.handlerId).toBe('u-fr');
    expect(effect(d, 'start', 'dispatch')).toBeUndefined();
  });

  it('ROUTE-5 unclear → to a leader, who becomes the handler; a named handler wins', () => {
    const leader = act(facts('received'), cast.firstResponder, 'route', {
      target: { type: 'leader', id: 'u-dir' },
    });
    expect(accepted(leader).effects.changes.handlerId).toBe('u-dir');
    const named = act(facts('received'), cast.firstResponder, 'route', {
      target: { type: 'department', id: 'eng1' },
      handlerId: 'u-mate',
      note: '请尽快',
    });
    expect(accepted(named).effects.changes.handlerId).toBe('u-mate');
    expect(accepted(named).effects.timeline.data).toMatchObject({ note: '请尽快', handlerId: 'u-mate' });
  });

  it('re-routing a repair to a sister unit stops the unmet dispatch clock', () => {
    const f = facts('routed', { clocks: [clock('dispatch', new Date(NOW.getTime() + MIN))] });
    const d = act(f, cast.supervisor, 'route', { target: { type: 'sisterUnit', id: 'power-co' } });
    expect(clockOps(d)).toEqual(['stop:dispatch', 'start:contact', 'start:followUp']);
  });

  it('route requires a target (400 with fields)', () => {
    const d = act(facts('received'), cast.firstResponder, 'route', {
      target: { type: 'nowhere', id: '' },
    } as never);
    expect(d).toEqual({
      ok: false,
      reason: 'invalid_input',
      fields: { 'target.type': 'field.invalid_value', 'target.id': 'field.required' },
    });
  });
});

describe('route of a private repair: the visit agreed with the owner (REPAIR-3)', () => {
  const target = { type: 'department' as const, id: 'eng1' };
  const privateRepair = facts('received', { kind: 'repair', repairType: 'private' });

  it('sets and records the agreed visit; without one the case keeps its own', () => {
    const visitAt = new Date(NOW.getTime() + 3 * 3_600_000);
    const d = accepted(act(privateRepair, cast.firstResponder, 'route', { target, visitAt }));
    expect(d.effects.changes.visitAt).toEqual(visitAt);
    expect(d.effects.timeline.data.visitAt).toBe(visitAt.toISOString());
    const plain = accepted(act(privateRepair, cast.firstResponder, 'route', { target }));
    expect('visitAt' in plain.effects.changes).toBe(false);
  });

  it('refuses a visit in the past, and a visit on anything but a private repair', () => {
    expect(
      act(privateRepair, cast.firstResponder, 'route', { target, visitAt: new Date(NOW.getTime() - 60_000) }),
    ).toMatchObject({ ok: false, fields: { visitAt: 'field.visit_in_past' } });
    const future = new Date(NOW.getTime() + 3_600_000);
    for (const f of [
      facts('received', { kind: 'repair', repairType: 'shared' }),
      facts('received', { kind: 'complaint' }),
    ])
      expect(act(f, cast.firstResponder, 'route', { target, visitAt: future })).toMatchObject({
        ok: false,
        fields: { visitAt: 'field.visit_only_for_private_repairs' },
      });
  });
});

describe('assign, accept, recordContact, return', () => {
  it('assign sets the handler', () => {
    const d = accepted(act(facts('routed'), cast.departmentHead, 'assign'));
    expect(d.effects.changes).toEqual({ handlerId: 'u-mate' });
    expect(d.effects.timeline.data).toEqual({ handlerId: 'u-mate', previousHandlerId: 'u-tech' });
    expect(act(facts('routed'), cast.departmentHead, 'assign', { handlerId: ' ' })).toMatchObject({
      reason: 'invalid_input',
    });
  });

  it('accept meets dispatch; a member accepting an unassigned case becomes its handler', () => {
    const f = facts('routed', {
      handlerId: null,
      clocks: [clock('dispatch', new Date(NOW.getTime() + MIN))],
    });
    const d = accepted(act(f, cast.departmentMate, 'accept'));
    expect(d.effects.changes).toEqual({ state: 'in_progress', handlerId: 'u-mate' });
    expect(clockOps(d)).toEqual(['meet:dispatch']);
  });

  it('accept by a colleague keeps the named handler', () => {
    const d = accepted(act(facts('routed'), cast.departmentMate, 'accept'));
    expect(d.effects.changes).toEqual({ state: 'in_progress' });
  });

  it('ROUTE-3 recordContact meets the contact clock', () => {
    const f = facts('routed', { clocks: [clock('contact', new Date(NOW.getTime() + 10 * MIN))] });
    expect(clockOps(act(f, cast.firstResponder, 'recordContact'))).toEqual(['meet:contact']);
    expect(act(f, cast.firstResponder, 'recordContact', { unitId: '', contactPerson: '', via: '' })).toEqual({
      ok: false,
      reason: 'invalid_input',
      fields: { unitId: 'field.required', contactPerson: 'field.required', via: 'field.required' },
    });
  });

  it('return sends it back to the first responder: target and handler cleared, route due again in 60 minutes', () => {
    const f = facts('routed', {
      clocks: [
        clock('route', at('2026-03-10T09:00:00+08:00'), { metAt: at('2026-03-10T08:30:00+08:00') }),
        clock('dispatch', new Date(NOW.getTime() + MIN)),
      ],
    });
    const d = accepted(act(f, cast.handler, 'return'));
    expect(d.effects.changes).toEqual({
      state: 'received',
      target: null,
      departmentId: null,
      handlerId: null,
    });
    // a repair's dispatch counts on from receipt until it reaches a repair team (REPAIR-2)
    expect(clockOps(d)).toEqual(['start:route']);
    expect(effect(d, 'start', 'route')).toMatchObject({ dueAt: new Date(NOW.getTime() + 60 * MIN) });
    expect(act(f, cast.handler, 'return', { reason: '' })).toMatchObject({
      fields: { reason: 'field.required' },
    });
  });
});

describe('wait / resume pause and restart the resolve clock (FLOW-3)', () => {
  it('wait pauses resolve', () => {
    const d = accepted(act(facts('in_progress'), cast.handler, 'wait'));
    expect(d.effects.clocks).toEqual([{ op: 'pause', clock: 'resolve', at: NOW }]);
    expect(d.effects.timeline).toEqual({ type: 'waiting', data: { reason: '等待配件到货' } });
    expect(act(facts('in_progress'), cast.handler, 'wait', { reason: '  ' })).toMatchObject({
      reason: 'invalid_input',
    });
  });

  it('resume moves the due time by the length of the pause and adds it to pausedMs', () => {
    const pausedAt = at('2026-03-09T10:00:00+08:00'); // a day before NOW
    const f = facts('waiting', {
      clocks: [clock('resolve', at('2026-03-17T23:59:59.999+08:00'), { pausedAt, pausedMs: 3_600_000 })],
    });
    const d = accepted(act(f, cast.handler, 'resume'));
    expect(d.effects.clocks).toEqual([
      {
        op: 'resume',
        clock: 'resolve',
        at: NOW,
        dueAt: at('2026-03-18T23:59:59.999+08:00'),
        pausedMs: 3_600_000 + 86_400_000,
      },
    ]);
    expect(d.effects.timeline.data).toEqual({ pausedMs: 86_400_000 });
  });
});

describe('extend — before the deadline, with the resident agreeing (CLOCK-3)', () => {
  const due = at('2026-03-10T12:00:00+08:00');
  const f = facts('in_progress', { clocks: [clock('resolve', due)] });
  const input = (dueAt: Date, residentAgreed = true) => ({
    clock: 'resolve' as const,
    dueAt,
    reason: '配件缺货，与业主约定新时间',
    residentAgreed,
  });

  it('CLOCK-3 extend before the deadline to a later time', () => {
    const later = at('2026-03-12T18:00:00+08:00');
    const d = accepted(act(f, cast.handler, 'extend', input(later)));
    expect(d.effects.clocks).toEqual([{ op: 'extend', clock: 'resolve', dueAt: later, previousDueAt: due }]);
    expect(d.effects.timeline).toEqual({
      type: 'extended',
      data: {
        clock: 'resolve',
        from: due.toISOString(),
        to: later.toISOString(),
        reason: '配件缺货，与业主约定新时间',
        residentAgreed: true,
      },
    });
  });

  it('CLOCK-3 extend at or after the deadline is refused (rule extend_after_deadline)', () => {
    const later = at('2026-03-12T18:00:00+08:00');
    for (const now of [due, new Date(due.getTime() + 1)]) {
      expect(act(f, cast.handler, 'extend', input(later), { ...ctx, now })).toEqual({
        ok: false,
        reason: 'rule',
        rule: 'extend_after_deadline',
      });
    }
    const breached = facts('in_progress', { clocks: [clock('resolve', due, { breachedAt: NOW })] });
    expect(act(breached, cast.handler, 'extend', input(later))).toMatchObject({
      rule: 'extend_after_deadline',
    });
  });

  it('CLOCK-3 the new due time must be after the old one', () => {
    expect(act(f, cast.handler, 'extend', input(due))).toEqual({
      ok: false,
      reason: 'rule',
      rule: 'extend_not_later',
    });
  });

  it('CLOCK-3 the resident must agree (residentAgreed: true)', () => {
    expect(act(f, cast.handler, 'extend', input(at('2026-03-12T18:00:00+08:00'), false))).toEqual({
      ok: false,
      reason: 'invalid_input',
      fields: { residentAgreed: 'field.resident_agreement_required' },
    });
  });

  it('extend of a clock that is not running is refused', () => {
    const met = facts('in_progress', { clocks: [clock('resolve', due, { metAt: NOW })] });
    expect(act(met, cast.handler, 'extend', input(at('2026-03-12T18:00:00+08:00')))).toMatchObject({
      rule: 'clock_not_running',
    });
    expect(
      act(f, cast.handler, 'extend', { ...input(at('2026-03-12T18:00:00+08:00')), clock: 'callback' }),
    ).toMatchObject({ rule: 'clock_not_running' });
  });
});

describe('reply (FIRSTASK-3, HANDLE-4)', () => {
  it('CLOCK-1 reply meets the reply clock', () => {
    const d = accepted(act(facts('in_progress'), cast.firstResponder, 'reply'));
    expect(d.effects.clocks).toEqual([{ op: 'meet', clock: 'reply', at: NOW }]);
    expect(d.effects.timeline).toEqual({
      type: 'replied',
      data: { message: '您好，维修师傅今天下午三点上门', via: 'phone' },
    });
  });

  it('FIRSTASK-3 a deflection needs an override reason (rule reply_warnings with the warnings)', () => {
    const input = { message: '这个不归我们管，您找自来水公司', via: 'phone' as const };
    expect(act(facts('in_progress'), cast.handler, 'reply', input)).toEqual({
      ok: false,
      reason: 'rule',
      rule: 'reply_warnings',
      details: { warnings: [{ code: 'deflection', phrase: '不归我们管' }] },
    });
    const d = accepted(
      act(facts('in_progress'), cast.handler, 'reply', {
        ...input,
        warningOverrideReason: '属外单位，已告知联系方式',
      }),
    );
    expect(d.warnings).toEqual([{ code: 'deflection', phrase: '不归我们管' }]);
    expect(d.effects.timeline.data).toMatchObject({ warningOverrideReason: '属外单位，已告知联系方式' });
  });

  it('HANDLE-4 the first answer to a service complaint must apologise; later ones need not', () => {
    const f = facts('in_progress', { kind: 'complaint', serviceComplaint: true });
    const plain = { message: '已核实，会加强员工培训', via: 'phone' as const };
    expect(act(f, cast.firstResponder, 'reply', plain)).toMatchObject({
      rule: 'reply_warnings',
      details: { warnings: [{ code: 'apology_missing' }] },
    });
    expect(act(f, cast.firstResponder, 'reply', { ...plain, message: '非常抱歉，' + plain.message }).ok).toBe(
      true,
    );
    expect(act({ ...f, replyCount: 1 }, cast.firstResponder, 'reply', plain).ok).toBe(true);
  });

  it('reply requires a message and a known channel', () => {
    expect(act(facts('in_progress'), cast.handler, 'reply', { message: '', via: 'pigeon' } as never)).toEqual(
      {
        ok: false,
        reason: 'invalid_input',
        fields: { message: 'field.required', via: 'field.invalid_value' },
      },
    );
  });
});

describe('resolve (CLOCK-1, CALLBACK-2)', () => {
  it('CLOCK-1 resolve meets resolve, reply and verify, and starts the callback clock (2 days)', () => {
    const f = facts('in_progress', {
      kind: 'complaint',
      clocks: [
        clock('verify', at('2026-03-10T23:59:59.999+08:00')),
        clock('reply', at('2026-03-11T08:00:00+08:00')),
        clock('resolve', at('2026-03-17T23:59:59.999+08:00')),
        clock('route', at('2026-03-10T09:00:00+08:00'), { metAt: at('2026-03-10T08:30:00+08:00') }),
      ],
    });
    const d = accepted(act(f, cast.handler, 'resolve'));
    expect(d.effects.clocks).toEqual([
      { op: 'meet', clock: 'resolve', at: NOW },
      { op: 'meet', clock: 'reply', at: NOW },
      { op: 'meet', clock: 'verify', at: NOW },
      {
        op: 'start',
        clock: 'callback',
        startedAt: NOW,
        dueAt: at('2026-03-12T23:59:59.999+08:00'),
        calendarUnknown: false,
      },
    ]);
    expect(d.effects.changes).toEqual({ state: 'resolved', resolvedAt: NOW, callbackAssigneeId: 'u-fr' });
    expect(d.effects.timeline).toEqual({ type: 'resolved', data: { result: '已更换水龙头阀芯' } });
  });

  it('CALLBACK-2 a major complaint is called back by the office director', () => {
    const f = facts('in_progress', { kind: 'complaint', severity: 'major' });
    expect(accepted(act(f, cast.handler, 'resolve')).effects.changes.callbackAssigneeId).toBe('u-dir');
  });

  it('HANDLE-3 a corrective action starts the corrective clock at its own due date; it must be in the future', () => {
    const dueAt = at('2026-04-01T18:00:00+08:00');
    const d = act(facts('in_progress'), cast.handler, 'resolve', {
      result: '已修复',
      remedial: '临时封堵',
      corrective: { action: '更换整段排水管', dueAt },
    });
    expect(effect(d, 'start', 'corrective')).toEqual({
      op: 'start',
      clock: 'corrective',
      startedAt: NOW,
      dueAt,
      calendarUnknown: false,
    });
    expect(accepted(d).effects.timeline.data).toEqual({
      result: '已修复',
      remedial: '临时封堵',
      corrective: { action: '更换整段排水管', dueAt: dueAt.toISOString() },
    });
    expect(
      act(facts('in_progress'), cast.handler, 'resolve', {
        result: '已修复',
        corrective: { action: '', dueAt: at('2026-03-01T00:00:00+08:00') },
      }),
    ).toEqual({
      ok: false,
      reason: 'invalid_input',
      fields: { 'corrective.action': 'field.required', 'corrective.dueAt': 'field.must_be_future' },
    });
  });

  it('resolve requires a result', () => {
    expect(act(facts('in_progress'), cast.handler, 'resolve', { result: '' })).toMatchObject({
      fields: { result: 'field.required' },
    });
  });
});

describe('callback outcomes (CALLBACK-3, CALLBACK-5)', () => {
  const callbackClock = clock('callback', at('2026-03-12T23:59:59.999+08:00'));
  const resolved = facts('resolved', {
    clocks: [callbackClock, clock('corrective', at('2026-04-01T00:00:00+08:00'))],
  });

  it('CALLBACK-3 satisfied → closed: callback met, the case closed by its callback; corrective keeps running', () => {
    const d = accepted(act(resolved, cast.firstResponder, 'callback'));
    expect(d.to).toBe('closed');
    expect(d.effects.changes).toEqual({
      state: 'closed',
      satisfaction: 'satisfied',
      closure: 'callback',
      closedUnsatisfied: false,
      invalid: false,
      closedAt: NOW,
    });
    expect(d.effects.clocks).toEqual([{ op: 'meet', clock: 'callback', at: NOW }]);
    expect(d.effects.timeline.data).toEqual({
      method: 'phone',
      reached: true,
      satisfaction: 'satisfied',
      outcome: 'closed',
    });
  });

  it('CALLBACK-3 basically satisfied → closed', () => {
    const d = act(resolved, cast.supervisor, 'callback', {
      method: 'visit',
      reached: true,
      satisfaction: 'basically_satisfied',
    });
    expect(accepted(d).to).toBe('closed');
    expect(accepted(d).effects.changes.satisfaction).toBe('basically_satisfied');
  });

  it('CALLBACK-3 unsatisfied reopens the case: in_progress, reopenCount + 1, resolve restarted', () => {
    const d = accepted(
      act(resolved, cast.firstResponder, 'callback', {
        method: 'phone',
        reached: true,
        satisfaction: 'unsatisfied',
        reason: '卫生间仍有渗水',
      }),
    );
    expect(d.to).toBe('in_progress');
    expect(d.effects.changes).toEqual({
      state: 'in_progress',
      satisfaction: 'unsatisfied',
      reopenCount: 1,
      resolvedAt: null,
    });
    expect(d.effects.clocks).toEqual([
      { op: 'meet', clock: 'callback', at: NOW },
      {
        op: 'start',
        clock: 'resolve',
        startedAt: NOW,
        dueAt: at('2026-03-17T23:59:59.999+08:00'),
        calendarUnknown: false,
      },
    ]);
    expect(d.effects.timeline.data).toMatchObject({
      outcome: 'reopened',
      reason: '卫生间仍有渗水',
      reopenCount: 1,
    });
  });

  it('CALLBACK-3 unsatisfied requires the reason', () => {
    expect(
      act(resolved, cast.firstResponder, 'callback', {
        method: 'phone',
        reached: true,
        satisfaction: 'unsatisfied',
      }),
    ).toEqual({ ok: false, reason: 'invalid_input', fields: { reason: 'field.required' } });
  });

  it('CALLBACK-5 not reached → stays resolved, the callback clock keeps running; an appointment may be recorded', () => {
    const appointmentAt = at('2026-03-11T19:00:00+08:00');
    const d = accepted(
      act(resolved, cast.firstResponder, 'callback', { method: 'phone', reached: false, appointmentAt }),
    );
    expect(d.to).toBe('resolved');
    expect(d.effects.changes).toEqual({});
    expect(d.effects.clocks).toEqual([]);
    expect(d.effects.timeline.data).toEqual({
      method: 'phone',
      reached: false,
      appointmentAt: appointmentAt.toISOString(),
      outcome: 'not_reached',
    });
  });

  it('not reached must not carry a satisfaction; reached must', () => {
    expect(
      act(resolved, cast.firstResponder, 'callback', {
        method: 'phone',
        reached: false,
        satisfaction: 'satisfied',
      }),
    ).toEqual({
      ok: false,
      reason: 'invalid_input',
      fields: { satisfaction: 'field.satisfaction_not_reached' },
    });
    expect(act(resolved, cast.firstResponder, 'callback', { method: 'phone', reached: true })).toEqual({
      ok: false,
      reason: 'invalid_input',
      fields: { satisfaction: 'field.required' },
    });
  });

  it('an appointment in the past is refused', () => {
    expect(
      act(resolved, cast.firstResponder, 'callback', {
        method: 'phone',
        reached: false,
        appointmentAt: at('2026-03-09T10:00:00+08:00'),
      }),
    ).toMatchObject({ fields: { appointmentAt: 'field.must_be_future' } });
  });
});

describe('reopen, close, invalidate, merge', () => {
  it('CALLBACK-3 reopen → in_progress with a reason: reopenCount + 1, resolve restarted, a running callback clock stopped', () => {
    const f = facts('resolved', {
      reopenCount: 1,
      clocks: [clock('callback', at('2026-03-12T23:59:59.999+08:00'))],
    });
    const d = accepted(act(f, cast.supervisor, 'reopen'));
    expect(d.effects.changes).toEqual({
      state: 'in_progress',
      reopenCount: 2,
      resolvedAt: null,
      closure: null,
      closedUnsatisfied: false,
      invalid: false,
      closedAt: null,
    });
    expect(clockOps(d)).toEqual(['stop:callback', 'start:resolve']);
    expect(act(f, cast.supervisor, 'reopen', { reason: '' })).toMatchObject({
      fields: { reason: 'field.required' },
    });
  });

  it('reopen may name a new handler', () => {
    const d = act(facts('closed'), cast.director, 'reopen', { reason: '业主再次投诉', handlerId: 'u-mate' });
    expect(accepted(d).effects.changes.handlerId).toBe('u-mate');
  });

  it('a merged case is not reopened (rule merged_case_reopen) and reopen is not offered', () => {
    const f = facts('closed', { mergedIntoId: 'c0' });
    expect(act(f, cast.director, 'reopen')).toEqual({
      ok: false,
      reason: 'rule',
      rule: 'merged_case_reopen',
    });
    expect(allowedActions(f, cast.director)).not.toContain('reopen');
  });

  it('CALLBACK-4 close (director) needs a reason and is recorded as a director closure; running clocks stop except corrective', () => {
    const f = facts('waiting', {
      clocks: [
        clock('resolve', at('2026-03-17T23:59:59.999+08:00'), { pausedAt: at('2026-03-09T10:00:00+08:00') }),
        clock('reply', at('2026-03-11T08:00:00+08:00'), { metAt: at('2026-03-10T09:00:00+08:00') }),
        clock('corrective', at('2026-04-01T00:00:00+08:00')),
      ],
    });
    const d = accepted(act(f, cast.director, 'close'));
    expect(d.effects.changes).toEqual({
      state: 'closed',
      closure: 'director',
      closedUnsatisfied: true,
      invalid: false,
      closedAt: NOW,
    });
    expect(d.effects.clocks).toEqual([{ op: 'stop', clock: 'resolve', at: NOW }]);
    expect(act(f, cast.director, 'close', { reason: '' })).toMatchObject({ reason: 'invalid_input' });
  });

  it('CALLBACK-4 a director closure counts as closed unsatisfied unless the latest callback was (basically) satisfied', () => {
    const waiting = facts('waiting');
    const close = (satisfaction: CaseFacts['satisfaction']) =>
      accepted(act({ ...waiting, satisfaction }, cast.director, 'close')).effects.changes.closedUnsatisfied;
    expect(close(null)).toBe(true);
    expect(close('unsatisfied')).toBe(true);
    expect(close('satisfied')).toBe(false);
    expect(close('basically_satisfied')).toBe(false);
  });

  it('decide returns the derived columns too: a reply counts itself; a route elsewhere clears the department', () => {
    const f = facts('in_progress', { replyCount: 2 });
    const replied = accepted(act(f, cast.handler, 'reply'));
    expect(replied.effects.changes.replyCount).toBe(3);
    const elsewhere = accepted(
      act(facts('received'), cast.firstResponder, 'route', { target: { type: 'sisterUnit', id: 'water' } }),
    );
    expect(elsewhere.effects.changes).toMatchObject({
      target: { type: 'sisterUnit', id: 'water' },
      departmentId: null,
    });
  });

  it('CLASS-4 invalidate: explained to the resident — meets reply, closes as invalidated', () => {
    const d = accepted(act(facts('received'), cast.supervisor, 'invalidate'));
    expect(d.effects.changes).toEqual({
      state: 'closed',
      closure: 'invalidated',
      closedUnsatisfied: false,
      invalid: true,
      closedAt: NOW,
    });
    expect(clockOps(d)).toEqual(['meet:reply', 'stop:route', 'stop:resolve']);
    expect(act(facts('received'), cast.supervisor, 'invalidate', { explanation: '' })).toMatchObject({
      fields: { explanation: 'field.required' },
    });
  });

  it('merge closes the case with mergedInto; never into itself', () => {
    const d = accepted(act(facts('routed'), cast.firstResponder, 'merge'));
    expect(d.effects.changes).toEqual({
      state: 'closed',
      closure: 'merged',
      closedUnsatisfied: false,
      invalid: false,
      mergedIntoId: 'c0',
      closedAt: NOW,
    });
    expect(act(facts('routed'), cast.firstResponder, 'merge', { intoCaseId: 'c1' })).toEqual({
      ok: false,
      reason: 'invalid_input',
      fields: { intoCaseId: 'field.merge_into_self' },
    });
  });

  it('merge target: another case that is not closed', () => {
    expect(mergeTargetProblem({ id: 'c1' }, { id: 'c0', state: 'in_progress' })).toBeNull();
    expect(mergeTargetProblem({ id: 'c1' }, { id: 'c0', state: 'resolved' })).toBeNull();
    expect(mergeTargetProblem({ id: 'c1' }, { id: 'c0', state: 'closed' })).toBe('merge_target_closed');
    expect(mergeTargetProblem({ id: 'c1' }, { id: 'c1', state: 'routed' })).toBe('merge_target_closed');
  });
});

describe('escalate and comment (ESCALATE-2)', () => {
  it('ESCALATE-2 escalate raises the tier by one, up to 3', () => {
    for (const tier of [0, 1, 2]) {
      const d = accepted(act(facts('in_progress', { escalationTier: tier }), cast.recorder, 'escalate'));
      expect(d.effects.changes).toEqual({ escalationTier: tier + 1 });
      expect(d.effects.timeline).toEqual({
        type: 'escalated',
        data: { reason: '超时未处理', tier: tier + 1 },
      });
    }
  });

  it('ESCALATE-2 escalate beyond tier 3 is refused and not offered', () => {
    const f = facts('in_progress', { escalationTier: 3 });
    expect(act(f, cast.director, 'escalate')).toEqual({
      ok: false,
      reason: 'rule',
      rule: 'escalation_max_tier',
    });
    expect(allowedActions(f, cast.director)).not.toContain('escalate');
  });

  it('escalate needs a reason', () => {
    expect(act(facts('in_progress'), cast.recorder, 'escalate', { reason: '' })).toMatchObject({
      reason: 'invalid_input',
    });
  });

  it('comment works in every state, even closed, and needs text', () => {
    const d = accepted(act(facts('closed'), cast.otherAgent, 'comment'));
    expect(d.effects).toEqual({
      changes: {},
      clocks: [],
      timeline: { type: 'commented', data: { text: '业主白天不在家，请傍晚上门' } },
    });
    expect(act(facts('closed'), cast.otherAgent, 'comment', { text: '' })).toMatchObject({
      reason: 'invalid_input',
    });
  });
});

describe('refusalToError — one mapping to HTTP (API-1 codes)', () => {
  it('invalid_transition → 409 code with details { state, allowedActions }', () => {
    const d = act(facts('closed'), cast.director, 'resolve');
    if (d.ok) throw new Error('expected refusal');
    const error = refusalToError(d);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('invalid_transition');
    expect(error.details).toEqual({
      state: 'closed',
      allowedActions: ['reopen', 'comment', 'completeCorrective'],
    });
  });

  it('forbidden → forbidden; rule → rule_violation with { rule } (+ details); invalid_input → validation_failed with fields', () => {
    expect(refusalToError({ ok: false, reason: 'forbidden' }).code).toBe('forbidden');
    const rule = refusalToError({
      ok: false,
      reason: 'rule',
      rule: 'reply_warnings',
      details: { warnings: [] },
    });
    expect([rule.code, rule.messageKey, rule.details]).toEqual([
      'rule_violation',
      'rule.reply_warnings',
      { rule: 'reply_warnings', warnings: [] },
    ]);
    const input = refusalToError({
      ok: false,
      reason: 'invalid_input',
      fields: { reason: 'field.required' },
    });
    expect([input.code, input.fields]).toEqual(['validation_failed', { reason: 'field.required' }]);
  });
});
