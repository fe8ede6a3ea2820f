/**
 * Decisions above the office, suggestions, service complaints and sister units' reports: refer, recordDecision,
 * arrangeLeaderMeeting, flagSpecialIncident, recordReportSent, and what recordContact may pass on.
 */
import { describe, expect, it } from 'vitest';
import { createStaticCalendar } from '../clock/working-calendar';
import type { CaseActor, CaseFacts } from './case';
import { decide, type CaseActionInputs, type DecideContext } from './lifecycle';
import type { CaseAction } from './case';

const NOW = new Date('2026-03-10T10:00:00+08:00');
const ctx: DecideContext = { now: NOW, calendar: createStaticCalendar({ knownYears: [2026] }) };
const person = (userId: string, roles: CaseActor['roles']): CaseActor => ({
  userId,
  roles,
  officeIds: ['o1'],
  departmentIds: [],
  headOfDepartmentIds: [],
});
const agent = person('u-fr', ['agent']);
const director = person('u-dir', ['director']);

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  id: 'c1',
  state: 'in_progress',
  kind: 'complaint',
  severity: 'general',
  officeId: 'o1',
  firstResponderId: 'u-fr',
  recordedById: 'u-fr',
  handlerId: 'u-fr',
  target: { type: 'sisterUnit', id: 'power' },
  callbackAssigneeId: null,
  escalationTier: 0,
  reopenCount: 0,
  mergedIntoId: null,
  replyCount: 0,
  serviceComplaint: false,
  receivedAt: new Date('2026-03-10T08:00:00+08:00'),
  channel: 'phone',
  residentContact: 'resident',
  residentToldAt: null,
  targetIsRepairTeam: false,
  clocks: [],
  ...over,
});

function run<A extends CaseAction>(f: CaseFacts, who: CaseActor, action: A, input: CaseActionInputs[A]) {
  return decide(f, who, action, input, ctx);
}

describe('ESCALATE-3 refer and the director decides', () => {
  it('ESCALATE-3 refer puts the case before the director: tier at least 2, never lowered', () => {
    const d = run(facts(), agent, 'refer', { reason: '涉及维修基金' });
    expect(d).toMatchObject({ ok: true, effects: { changes: { escalationTier: 2 } } });
    const manager = run(facts({ escalationTier: 3 }), agent, 'refer', { reason: '再次上报' });
    expect(manager).toMatchObject({ ok: true, effects: { changes: {}, timeline: { data: { tier: 3 } } } });
  });

  it('ESCALATE-3 the director decides to handle a case before them, naming the handler; not one below their tier', () => {
    const d = run(facts({ escalationTier: 2 }), director, 'recordDecision', {
      decision: 'handle',
      handlerId: 'u-eng',
      note: '工程部牵头',
    });
    expect(d).toMatchObject({ ok: true, effects: { changes: { handlerId: 'u-eng' } } });
    expect(run(facts(), director, 'recordDecision', { decision: 'handle' })).toMatchObject({
      ok: false,
      fields: { decision: 'field.decision_not_referred' },
    });
    expect(run(facts({ escalationTier: 2 }), agent, 'recordDecision', { decision: 'handle' })).toEqual({
      ok: false,
      reason: 'forbidden',
    });
  });
});

describe('SUGGEST-1 a suggestion is adopted with a plan or declined with the reason', () => {
  const suggestion = facts({ kind: 'suggestion' });
  it('SUGGEST-1 adopt needs the plan, decline the reason; only suggestions are adopted or declined', () => {
    expect(
      run(suggestion, director, 'recordDecision', { decision: 'adopt', plan: '增设非机动车棚' }),
    ).toMatchObject({
      ok: true,
      effects: { timeline: { type: 'decided', data: { decision: 'adopt', plan: '增设非机动车棚' } } },
    });
    expect(run(suggestion, director, 'recordDecision', { decision: 'adopt' })).toMatchObject({
      fields: { plan: 'field.required' },
    });
    expect(run(suggestion, director, 'recordDecision', { decision: 'decline' })).toMatchObject({
      fields: { reason: 'field.required' },
    });
    expect(run(facts(), director, 'recordDecision', { decision: 'adopt', plan: 'x' })).toMatchObject({
      fields: { decision: 'field.decision_suggestions_only' },
    });
  });
});

describe('HANDLE-6, HANDLE-7 a leader meeting and a special incident', () => {
  it('HANDLE-6 a meeting with a leader is arranged for a time ahead', () => {
    const at = new Date(NOW.getTime() + 86_400_000);
    expect(run(facts(), agent, 'arrangeLeaderMeeting', { leaderId: 'u-dir', at })).toMatchObject({
      ok: true,
      effects: { timeline: { type: 'leader_meeting_arranged', data: { leaderId: 'u-dir' } } },
    });
    expect(run(facts(), agent, 'arrangeLeaderMeeting', { leaderId: 'u-dir', at: NOW })).toMatchObject({
      fields: { at: 'field.must_be_future' },
    });
  });

  it('HANDLE-7 a special incident is recorded with its reason', () => {
    expect(run(facts(), agent, 'flagSpecialIncident', { reason: '业主扬言堵门' })).toMatchObject({
      ok: true,
      effects: { timeline: { type: 'special_incident', data: { reason: '业主扬言堵门' } } },
    });
    expect(run(facts(), agent, 'flagSpecialIncident', { reason: ' ' })).toMatchObject({ ok: false });
  });
});

describe('ROUTE-3 what a sister unit is given', () => {
  const contact = { unitId: 'power', contactPerson: '刘工', via: 'phone' };
  it('ROUTE-3 by default only the matter; name, address or contact only with the resident’s agreement (PIPL 第二十三条)', () => {
    expect(run(facts(), agent, 'recordContact', contact)).toMatchObject({
      ok: true,
      effects: { timeline: { data: { passed: ['matter'] } } },
    });
    expect(run(facts(), agent, 'recordContact', { ...contact, passed: ['name', 'matter'] })).toMatchObject({
      fields: { residentAgreed: 'field.resident_agreement_required' },
    });
    expect(
      run(facts(), agent, 'recordContact', {
        ...contact,
        passed: ['contact', 'name', 'matter'],
        residentAgreed: true,
      }),
    ).toMatchObject({
      ok: true,
      effects: { timeline: { data: { passed: ['name', 'contact', 'matter'], residentAgreed: true } } },
    });
  });

  it('ROUTE-3 the written report handed over: copies, receiver, not in the future', () => {
    expect(
      run(facts(), agent, 'recordReportSent', { unitId: 'power', copies: 2, receiver: '刘工' }),
    ).toMatchObject({
      ok: true,
      effects: {
        timeline: { type: 'report_sent', data: { copies: 2, receiver: '刘工', at: NOW.toISOString() } },
      },
    });
    expect(
      run(facts(), agent, 'recordReportSent', {
        unitId: 'power',
        copies: 0,
        receiver: '',
        at: new Date(NOW.getTime() + 3_600_000),
      }),
    ).toMatchObject({
      fields: { copies: 'field.invalid_value', receiver: 'field.required', at: 'field.not_in_future' },
    });
  });
});
