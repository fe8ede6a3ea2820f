import { describe, expect, it } from 'vitest';
import {
  afterStep,
  extendDeadline,
  nextOccurrence,
  pauseDeadline,
  resumeDeadline,
  remindsOfBreach,
  escalateOnce,
  escalationRecipients,
  nextCheckAt,
  sweepStep,
  type DeadlineFacts,
  type DeadlineRules,
  type StaffMember,
} from './deadline';

const T = (iso: string) => new Date(iso);
const deadline = (o: Partial<DeadlineFacts> = {}): DeadlineFacts => ({
  startedAt: T('2026-03-10T00:00:00Z'),
  dueAt: T('2026-03-10T10:00:00Z'),
  warnedAt: null,
  breachedAt: null,
  metAt: null,
  stoppedAt: null,
  pausedAt: null,
  ...o,
});
/** the case's chain (ours, company policy): supervisor → director → manager */
const CASE: DeadlineRules = { warnAtFraction: 0.8, escalation: ['supervisor', 'director', 'manager'] };
/** a subject kind that warns at half time and does not escalate (a notice's take-down, say) */
const QUIET: DeadlineRules = { warnAtFraction: 0.5, escalation: null };

describe('sweepStep: warned once at the warning point, breached once at the due time', () => {
  it.each([
    ['before the warning point', CASE, deadline(), '2026-03-10T07:59:59Z', { op: 'none' }],
    ['at 80 %', CASE, deadline(), '2026-03-10T08:00:00Z', { op: 'warn' }],
    ['at 50 % for a kind that warns at half time', QUIET, deadline(), '2026-03-10T05:00:00Z', { op: 'warn' }],
    [
      'warned, before the due time',
      CASE,
      deadline({ warnedAt: T('2026-03-10T08:00:00Z') }),
      '2026-03-10T09:00:00Z',
      { op: 'none' },
    ],
    [
      'at the due time: breach, the subject rises to tier 1',
      CASE,
      deadline(),
      '2026-03-10T10:00:00Z',
      { op: 'breach', escalateTo: { tier: 1, role: 'supervisor' } },
    ],
    [
      'a kind without escalation breaches without a tier',
      QUIET,
      deadline(),
      '2026-03-10T11:00:00Z',
      { op: 'breach', escalateTo: null },
    ],
    [
      'already breached',
      CASE,
      deadline({ breachedAt: T('2026-03-10T10:00:00Z') }),
      '2026-03-11T00:00:00Z',
      { op: 'none' },
    ],
    ['met', CASE, deadline({ metAt: T('2026-03-10T01:00:00Z') }), '2026-03-11T00:00:00Z', { op: 'none' }],
    [
      'stopped',
      CASE,
      deadline({ stoppedAt: T('2026-03-10T01:00:00Z') }),
      '2026-03-11T00:00:00Z',
      { op: 'none' },
    ],
    [
      'paused',
      CASE,
      deadline({ pausedAt: T('2026-03-10T01:00:00Z') }),
      '2026-03-11T00:00:00Z',
      { op: 'none' },
    ],
  ] as const)('%s', (_name, rules, d, now, step) => {
    expect(sweepStep(d, rules, 0, T(now))).toEqual(step);
  });

  it('the tier rises from the subject’s current tier, and not past the chain’s top', () => {
    const due = T('2026-03-10T10:00:00Z');
    expect(sweepStep(deadline(), CASE, 1, due)).toEqual({
      op: 'breach',
      escalateTo: { tier: 2, role: 'director' },
    });
    expect(sweepStep(deadline(), CASE, 2, due)).toEqual({
      op: 'breach',
      escalateTo: { tier: 3, role: 'manager' },
    });
    expect(sweepStep(deadline(), CASE, 3, due)).toEqual({ op: 'breach', escalateTo: null });
  });

  it('nextCheckAt: the warning point, then the due time; none once settled or for a kind that never warns', () => {
    expect(nextCheckAt(deadline(), CASE)).toEqual(T('2026-03-10T08:00:00Z'));
    expect(nextCheckAt(deadline({ warnedAt: T('2026-03-10T08:00:00Z') }), CASE)).toEqual(
      T('2026-03-10T10:00:00Z'),
    );
    expect(nextCheckAt(deadline(), { warnAtFraction: null, escalation: null })).toEqual(
      T('2026-03-10T10:00:00Z'),
    );
    expect(nextCheckAt(deadline({ metAt: T('2026-03-10T01:00:00Z') }), CASE)).toBeNull();
  });
});

describe('escalateOnce: the manual escalate and the sweep take the same step', () => {
  it.each([
    [0, { tier: 1, role: 'supervisor' }],
    [1, { tier: 2, role: 'director' }],
    [2, { tier: 3, role: 'manager' }],
    [3, null],
    [-1, null],
    [1.5, null],
  ] as const)('from tier %s', (tier, next) => {
    expect(escalateOnce(CASE.escalation, tier)).toEqual(next);
  });

  it('a kind without a chain never escalates', () => {
    expect(escalateOnce(null, 0)).toBeNull();
  });
});

describe('escalationRecipients: who is told at a tier (ours, company policy)', () => {
  const staff: StaffMember[] = [
    { id: 'sup-a', roles: ['supervisor'], officeIds: ['A'], active: true },
    { id: 'sup-b', roles: ['supervisor'], officeIds: ['B'], active: true },
    { id: 'sup-a-gone', roles: ['supervisor'], officeIds: ['A'], active: false },
    { id: 'dir-ab', roles: ['director', 'agent'], officeIds: ['A', 'B'], active: true },
    { id: 'mgr', roles: ['manager'], officeIds: [], active: true },
    { id: 'mgr-b', roles: ['manager'], officeIds: ['B'], active: true },
    { id: 'mgr-gone', roles: ['manager'], officeIds: [], active: false },
    { id: 'agent-a', roles: ['agent'], officeIds: ['A'], active: true },
  ];

  it.each([
    ['supervisor', 'A', ['sup-a']],
    ['supervisor', 'B', ['sup-b']],
    ['director', 'A', ['dir-ab']],
    ['director', 'B', ['dir-ab']],
    ['manager', 'A', ['mgr', 'mgr-b']],
    ['manager', null, ['mgr', 'mgr-b']],
    ['supervisor', null, []],
    ['director', 'C', []],
  ] as const)('%s of office %s', (role, office, ids) => {
    expect(escalationRecipients(role, office, staff)).toEqual(ids);
  });
});

describe('reminder instants in place of the warning point (the quarterly report keeps its reminder days)', () => {
  // due at the end of the 10th; reminded on the 7th, 9th, 10th at 09:00 and the 11th at 09:00 (overdue)
  const remindAt = [
    T('2026-10-07T01:00:00Z'),
    T('2026-10-09T01:00:00Z'),
    T('2026-10-10T01:00:00Z'),
    T('2026-10-11T01:00:00Z'),
  ];
  const step = deadline({
    startedAt: T('2026-09-30T16:00:00Z'),
    dueAt: T('2026-10-10T15:59:59.999Z'),
    remindAt,
    remindersSent: 0,
  });
  const REMINDED: DeadlineRules = { warnAtFraction: null, escalation: null };

  it('each reminder once, at its instant; the next check is the next reminder, then the due time', () => {
    expect(nextCheckAt(step, REMINDED)).toEqual(remindAt[0]);
    expect(sweepStep(step, REMINDED, 0, T('2026-10-07T00:59:59Z'))).toEqual({ op: 'none' });
    const first = sweepStep(step, REMINDED, 0, remindAt[0]);
    expect(first).toEqual({ op: 'warn', reminder: 0 });
    const after = afterStep(step, first, remindAt[0]);
    expect(after).toMatchObject({ remindersSent: 1, warnedAt: remindAt[0] });
    expect(sweepStep(after, REMINDED, 0, T('2026-10-08T00:00:00Z'))).toEqual({ op: 'none' });
    expect(nextCheckAt(after, REMINDED)).toEqual(remindAt[1]);
  });

  it('a late sweep sends the latest reminder due and passes over the earlier ones, never a burst', () => {
    const late = sweepStep(step, REMINDED, 0, T('2026-10-10T03:00:00Z'));
    expect(late).toEqual({ op: 'warn', reminder: 2 });
    expect(afterStep(step, late, T('2026-10-10T03:00:00Z')).remindersSent).toBe(3);
  });

  it('the breach at the due time is recorded once; the reminder after it still goes out, then nothing', () => {
    const sent3 = { ...step, remindersSent: 3, warnedAt: remindAt[0] };
    expect(nextCheckAt(sent3, REMINDED)).toEqual(step.dueAt);
    const breach = sweepStep(sent3, REMINDED, 0, step.dueAt);
    expect(breach).toEqual({ op: 'breach', escalateTo: null });
    const breached = afterStep(sent3, breach, step.dueAt);
    expect(nextCheckAt(breached, REMINDED)).toEqual(remindAt[3]);
    const overdue = sweepStep(breached, REMINDED, 0, remindAt[3]);
    expect(overdue).toEqual({ op: 'warn', reminder: 3 });
    const done = afterStep(breached, overdue, remindAt[3]);
    expect(nextCheckAt(done, REMINDED)).toBeNull();
    expect(sweepStep(done, REMINDED, 0, T('2026-12-01T00:00:00Z'))).toEqual({ op: 'none' });
  });

  it('a reminder after the due time reminds of the breach; one before it does not', () => {
    expect([0, 1, 2, 3].map((i) => remindsOfBreach(step, i))).toEqual([false, false, false, true]);
    expect(remindsOfBreach(step, 4)).toBe(false);
  });

  it('a sweep that first comes after the due time and a reminder breaches and reminds at once', () => {
    expect(sweepStep(step, REMINDED, 0, T('2026-10-11T02:00:00Z'))).toEqual({
      op: 'breach',
      escalateTo: null,
      reminder: 3,
    });
  });

  it('met, stopped or paused: no reminder either', () => {
    for (const o of [
      { metAt: T('2026-10-08T00:00:00Z') },
      { stoppedAt: T('2026-10-08T00:00:00Z') },
      { pausedAt: T('2026-10-08T00:00:00Z') },
    ]) {
      expect(nextCheckAt({ ...step, ...o }, REMINDED)).toBeNull();
      expect(sweepStep({ ...step, ...o }, REMINDED, 0, T('2026-10-11T02:00:00Z'))).toEqual({ op: 'none' });
    }
  });
});

describe('afterStep: what the sweep records', () => {
  it('a warning sets warnedAt once; a breach sets breachedAt and warnedAt if it was never warned', () => {
    const now = T('2026-03-10T10:00:00Z');
    expect(afterStep(deadline(), { op: 'none' }, now)).toEqual(deadline());
    expect(afterStep(deadline(), { op: 'warn' }, now)).toMatchObject({ warnedAt: now, breachedAt: null });
    const earlier = T('2026-03-10T08:00:00Z');
    expect(afterStep(deadline({ warnedAt: earlier }), { op: 'breach', escalateTo: null }, now)).toMatchObject(
      {
        warnedAt: earlier,
        breachedAt: now,
      },
    );
  });
});

describe('CLOCK-6 pause, extension and recurrence: what a kind allows, decided once for every kind', () => {
  const t0 = new Date('2026-03-10T10:00:00Z');
  const due = new Date('2026-03-10T12:00:00Z');
  const d = {
    startedAt: t0,
    dueAt: due,
    warnedAt: new Date('2026-03-10T11:36:00Z'),
    breachedAt: null,
    metAt: null,
    stoppedAt: null,
    pausedAt: null,
  };
  const all = {
    warnAtFraction: 0.8,
    escalation: null,
    pausable: true,
    extendable: true,
    recursEveryMs: 7_200_000,
  };
  const none = { warnAtFraction: 0.8, escalation: null };

  it('CLOCK-6 a kind that does not allow them refuses pause, extension and recurrence', () => {
    expect(pauseDeadline(d, none, t0)).toBe('not_allowed');
    expect(extendDeadline(d, none, new Date('2026-03-11T12:00:00Z'), t0)).toBe('not_allowed');
    expect(nextOccurrence(none, t0)).toBeNull();
  });

  it('FLOW-3 a pause moves the due time by its length; paused twice or resumed unpaused is refused', () => {
    const paused = pauseDeadline(d, all, new Date('2026-03-10T11:00:00Z'));
    if (typeof paused === 'string') throw new Error(paused);
    expect(pauseDeadline(paused, all, t0)).toBe('clock_not_running');
    expect(nextCheckAt(paused, all)).toBeNull();
    const resumed = resumeDeadline(paused, all, new Date('2026-03-10T11:30:00Z'));
    expect(resumed).toMatchObject({ pausedAt: null, dueAt: new Date('2026-03-10T12:30:00Z') });
    expect(resumeDeadline(d, all, t0)).toBe('clock_not_running');
  });

  it('CLOCK-3 an extension is before the due time and later; the warning comes again', () => {
    const later = new Date('2026-03-11T12:00:00Z');
    expect(extendDeadline(d, all, later, new Date('2026-03-10T11:59:00Z'))).toMatchObject({
      dueAt: later,
      warnedAt: null,
    });
    expect(extendDeadline(d, all, later, due)).toBe('extend_after_deadline');
    expect(extendDeadline(d, all, due, t0)).toBe('extend_not_later');
    expect(extendDeadline({ ...d, metAt: t0 }, all, later, t0)).toBe('clock_not_running');
  });

  it('EMERGENCY-3 a recurring kind falls due again an interval after it was met', () => {
    const met = new Date('2026-03-10T11:50:00Z');
    expect(nextOccurrence(all, met)).toEqual({ startedAt: met, dueAt: new Date('2026-03-10T13:50:00Z') });
  });
});
