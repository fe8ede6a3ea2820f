import { describe, expect, it } from 'vitest';
import { createStaticCalendar } from '../clock/working-calendar';
import {
  planIntake,
  type IntakeContext,
  type IntakeInput,
  type IntakePlan,
  type IntakeResult,
} from './intake';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-03-10T10:00:00+08:00');
const ctx: IntakeContext = { now: NOW, calendar: createStaticCalendar({ knownYears: [2026, 2027] }) };
const MIN = 60_000;

const base: IntakeInput = { channel: 'phone', kind: 'repair', recordedById: 'u-agent' };

function plan(result: IntakeResult): IntakePlan {
  if (!result.ok) throw new Error(`expected a plan, got ${JSON.stringify(result)}`);
  return result;
}
const starts = (p: IntakePlan) =>
  p.clocks
    .filter((c) => c.op === 'start')
    .map((c) => ({ clock: c.clock, startedAt: c.startedAt, dueAt: c.op === 'start' ? c.dueAt : null }));

describe('INTAKE-1 intake — nobody refuses; the plan of the new case', () => {
  it('FIRSTASK-1 the first responder defaults to the recorder; state received; severity general', () => {
    const p = plan(planIntake(base, ctx));
    expect(p).toMatchObject({
      state: 'received',
      severity: 'general',
      receivedAt: NOW,
      firstResponderId: 'u-agent',
      recordedById: 'u-agent',
      selfComplaint: false,
      serviceComplaint: false,
      handlerId: null,
      callbackAssigneeId: null,
      resolvedAt: null,
      numberYear: 2026,
    });
    expect(p.timeline).toEqual([
      {
        type: 'received',
        data: {
          channel: 'phone',
          kind: 'repair',
          severity: 'general',
          receivedAt: NOW.toISOString(),
          firstResponderId: 'u-agent',
          recordedById: 'u-agent',
        },
      },
    ]);
  });

  it('FIRSTASK-1 an agent records on behalf of the colleague who received it: both kept', () => {
    const p = plan(planIntake({ ...base, firstResponderId: 'u-tech' }, ctx));
    expect([p.firstResponderId, p.recordedById]).toEqual(['u-tech', 'u-agent']);
  });

  it('ROUTE-2/CLOCK-1/REPAIR-2 a repair starts route 60 min, dispatch 5 min from receipt, reply 24 h, resolve 7 days (policy)', () => {
    const p = plan(planIntake(base, ctx));
    expect(starts(p)).toEqual([
      { clock: 'route', startedAt: NOW, dueAt: new Date(NOW.getTime() + 60 * MIN) },
      { clock: 'dispatch', startedAt: NOW, dueAt: new Date(NOW.getTime() + 5 * MIN) },
      { clock: 'reply', startedAt: NOW, dueAt: new Date(NOW.getTime() + 24 * 60 * MIN) },
      { clock: 'resolve', startedAt: NOW, dueAt: at('2026-03-17T23:59:59.999+08:00') },
    ]);
  });

  it('HANDLE-1 a complaint is also verified the same day', () => {
    const p = plan(planIntake({ ...base, kind: 'complaint' }, ctx));
    expect(starts(p).map((s) => s.clock)).toEqual(['route', 'verify', 'reply', 'resolve']);
    expect(starts(p)[1].dueAt).toEqual(at('2026-03-10T23:59:59.999+08:00'));
  });

  it('CLOCK-1 clocks follow the company policy: no resolve for praise, a 1-hour reply for emergencies', () => {
    const clockPolicy = {
      byKind: { praise: { resolve: null } },
      bySeverity: { emergency: { reply: { amount: 1, unit: 'hours' as const } } },
    };
    const praise = plan(planIntake({ ...base, kind: 'praise' }, { ...ctx, clockPolicy }));
    expect(starts(praise).map((s) => s.clock)).toEqual(['route', 'reply']);
    const emergency = plan(planIntake({ ...base, severity: 'emergency' }, { ...ctx, clockPolicy }));
    expect(starts(emergency).find((s) => s.clock === 'reply')?.dueAt).toEqual(
      new Date(NOW.getTime() + 60 * MIN),
    );
  });

  it('INTAKE-4 receivedAt may be earlier than entry: clocks start when it was received', () => {
    const yesterday = at('2026-03-09T16:00:00+08:00');
    const p = plan(planIntake({ ...base, channel: 'letter', receivedAt: yesterday }, ctx));
    expect(p.receivedAt).toEqual(yesterday);
    expect(starts(p)[0]).toEqual({
      clock: 'route',
      startedAt: yesterday,
      dueAt: new Date(yesterday.getTime() + 60 * MIN),
    });
  });

  it('INTAKE-4: receivedAt never in the future (a minute of device clock skew is clamped to now)', () => {
    expect(planIntake({ ...base, receivedAt: new Date(NOW.getTime() + 61_000) }, ctx)).toEqual({
      ok: false,
      reason: 'invalid_input',
      fields: { receivedAt: 'field.not_in_future' },
    });
    expect(
      plan(planIntake({ ...base, receivedAt: new Date(NOW.getTime() + 30_000) }, ctx)).receivedAt,
    ).toEqual(NOW);
  });

  it('receivedAt at most 30 days back (policy)', () => {
    const thirtyDays = new Date(NOW.getTime() - 30 * 86_400_000);
    expect(plan(planIntake({ ...base, receivedAt: thirtyDays }, ctx)).receivedAt).toEqual(thirtyDays);
    expect(planIntake({ ...base, receivedAt: new Date(thirtyDays.getTime() - 1) }, ctx)).toEqual({
      ok: false,
      reason: 'invalid_input',
      fields: { receivedAt: 'field.received_too_early' },
    });
    expect(planIntake({ ...base, receivedAt: thirtyDays }, { ...ctx, maxBackdateDays: 7 })).toMatchObject({
      fields: { receivedAt: 'field.received_too_early' },
    });
  });

  it('INTAKE-8: receivedAt 2026-12-31T16:30Z is numbered in 2027 (Asia/Shanghai)', () => {
    const late = at('2026-12-31T16:30:00Z');
    const p = plan(
      planIntake({ ...base, receivedAt: late }, { ...ctx, now: at('2027-01-01T01:00:00+08:00') }),
    );
    expect(p.numberYear).toBe(2027);
  });

  it('INTAKE-2 a complaint about the person who received it is recorded truthfully and flagged', () => {
    const p = plan(planIntake({ ...base, kind: 'complaint', aboutEmployeeId: 'u-agent' }, ctx));
    expect([p.selfComplaint, p.serviceComplaint]).toEqual([true, true]);
    expect(p.timeline[0].data).toMatchObject({ aboutEmployeeId: 'u-agent', selfComplaint: true });
    const onBehalf = plan(
      planIntake(
        { ...base, kind: 'complaint', firstResponderId: 'u-guard', aboutEmployeeId: 'u-guard' },
        ctx,
      ),
    );
    expect(onBehalf.selfComplaint).toBe(true);
  });

  it('HANDLE-5 a complaint about another employee is a service complaint, not a self-complaint; other kinds are neither', () => {
    const p = plan(planIntake({ ...base, kind: 'complaint', aboutEmployeeId: 'u-tech' }, ctx));
    expect([p.selfComplaint, p.serviceComplaint]).toEqual([false, true]);
    const repair = plan(planIntake({ ...base, aboutEmployeeId: 'u-agent' }, ctx));
    expect([repair.selfComplaint, repair.serviceComplaint]).toEqual([false, false]);
  });

  it('REPAIR-1 repairType only on repairs', () => {
    expect(plan(planIntake({ ...base, repairType: 'shared' }, ctx)).timeline[0].data.repairType).toBe(
      'shared',
    );
    expect(planIntake({ ...base, kind: 'inquiry', repairType: 'shared' }, ctx)).toEqual({
      ok: false,
      reason: 'invalid_input',
      fields: { repairType: 'field.repair_type_only_for_repairs' },
    });
  });

  it('REPAIR-3 a private (paid) repair records the visit agreed with the owner; other matters have none', () => {
    const visitAt = at('2026-03-11T14:00:00+08:00');
    const p = plan(planIntake({ ...base, repairType: 'private', visitAt }, ctx));
    expect(p.visitAt).toEqual(visitAt);
    expect(p.timeline[0].data.visitAt).toBe(visitAt.toISOString());
    expect(plan(planIntake({ ...base, repairType: 'private' }, ctx)).visitAt).toBeNull();
    for (const input of [
      { ...base, repairType: 'shared' as const, visitAt },
      { ...base, visitAt },
      { ...base, kind: 'complaint' as const, visitAt },
    ])
      expect(planIntake(input, ctx)).toEqual({
        ok: false,
        reason: 'invalid_input',
        fields: { visitAt: 'field.visit_only_for_private_repairs' },
      });
    expect(
      planIntake(
        {
          ...base,
          repairType: 'private',
          receivedAt: at('2026-03-10T09:00:00+08:00'),
          visitAt: at('2026-03-10T08:00:00+08:00'),
        },
        ctx,
      ),
    ).toEqual({ ok: false, reason: 'invalid_input', fields: { visitAt: 'field.visit_before_received' } });
    expect(planIntake({ ...base, repairType: 'private', visitAt: new Date(NaN) }, ctx)).toMatchObject({
      fields: { visitAt: 'field.invalid_value' },
    });
  });

  it('INTAKE-6 resolved on the spot: resolved in one step, answered at once, called back within 2 days (a kind the policy does not exempt)', () => {
    const p = plan(
      planIntake(
        { ...base, kind: 'inquiry', resolvedOnTheSpot: { result: '已告知物业费缴纳方式' } },
        { ...ctx, callbackExemptKinds: [] },
      ),
    );
    expect(p).toMatchObject({
      state: 'resolved',
      handlerId: 'u-agent',
      callbackAssigneeId: 'u-agent',
      resolvedAt: NOW,
    });
    expect(p.clocks.map((c) => `${c.op}:${c.clock}`)).toEqual([
      'start:reply',
      'start:resolve',
      'meet:reply',
      'meet:resolve',
      'start:callback',
    ]);
    expect(p.clocks.at(-1)).toMatchObject({ startedAt: NOW, dueAt: at('2026-03-12T23:59:59.999+08:00') });
    expect(p.timeline.map((t) => t.type)).toEqual(['received', 'resolved']);
    expect(p.timeline[1].data).toEqual({ result: '已告知物业费缴纳方式', onTheSpot: true });
  });

  it('INTAKE-6 on the spot a complaint is verified at once; a major one is called back by the director (CALLBACK-2)', () => {
    const p = plan(
      planIntake(
        {
          ...base,
          kind: 'complaint',
          severity: 'major',
          officeDirectorId: 'u-dir',
          resolvedOnTheSpot: { result: '当场道歉并处理' },
        },
        ctx,
      ),
    );
    expect(p.clocks.filter((c) => c.op === 'meet').map((c) => c.clock)).toEqual([
      'verify',
      'reply',
      'resolve',
    ]);
    expect(p.callbackAssigneeId).toBe('u-dir');
  });

  it('INTAKE-6 resolved on the spot needs the result', () => {
    expect(planIntake({ ...base, resolvedOnTheSpot: { result: ' ' } }, ctx)).toEqual({
      ok: false,
      reason: 'invalid_input',
      fields: { 'resolvedOnTheSpot.result': 'field.required' },
    });
  });

  it('unknown channel, kind or severity are refused field by field', () => {
    expect(planIntake({ ...base, channel: 'pigeon', kind: 'rant', severity: 'huge' } as never, ctx)).toEqual({
      ok: false,
      reason: 'invalid_input',
      fields: {
        channel: 'field.invalid_value',
        kind: 'field.invalid_value',
        severity: 'field.invalid_value',
      },
    });
  });
});
