import { sweepStep } from '../deadlines/deadline';
import { QUARTERLY_REPORT_DEADLINE } from '../deadlines/subjects';
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  balanceYuan,
  canReadPublished,
  canReadReport,
  decideStep,
  isStepPending,
  quarterlyStepDeadlines,
  REMINDER_OFFSETS,
  isReportOpen,
  missingFigures,
  missingSections,
  overdueFlags,
  quarterlyDeadlines,
  quarterOf,
  quarterRange,
  refusal,
  reminderSchedule,
  reportQuarterAt,
  type QuarterlyActor,
  type QuarterlyStatus,
} from './quarterly';

const TZ = 'Asia/Shanghai';
const iso = (d: Date) => d.toISOString();

describe('REPORT-5 / 002 篇4 4.2.3.1: the report of a quarter is prepared in the first month of the next quarter', () => {
  it('Q3 2026: drafted from 1 Oct, service part by the end of 10 Oct, finance by 15 Oct, published by 20 Oct (Shanghai)', () => {
    const d = quarterlyDeadlines({ year: 2026, quarter: 3 }, TZ);
    expect(iso(d.draftFrom)).toBe('2026-09-30T16:00:00.000Z');
    expect(iso(d.serviceDue)).toBe('2026-10-10T15:59:59.999Z');
    expect(iso(d.financeDue)).toBe('2026-10-15T15:59:59.999Z');
    expect(iso(d.publishDue)).toBe('2026-10-20T15:59:59.999Z');
  });

  it('each quarter: Q1 → April, Q2 → July, Q3 → October, Q4 → January of the next year', () => {
    const months = [1, 2, 3, 4].map((quarter) => quarterlyDeadlines({ year: 2026, quarter }, TZ));
    expect(months.map((d) => iso(d.draftFrom))).toEqual([
      '2026-03-31T16:00:00.000Z',
      '2026-06-30T16:00:00.000Z',
      '2026-09-30T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
    ]);
    expect(iso(months[3].serviceDue)).toBe('2027-01-10T15:59:59.999Z');
    expect(iso(months[3].financeDue)).toBe('2027-01-15T15:59:59.999Z');
    expect(iso(months[3].publishDue)).toBe('2027-01-20T15:59:59.999Z');
  });

  it('the quarter of an instant is read in the company zone: 23:30 on 30 Sep in Shanghai is Q3, 00:30 on 1 Oct is Q4', () => {
    expect(quarterOf(new Date('2026-09-30T15:30:00Z'), TZ)).toEqual({ year: 2026, quarter: 3 });
    expect(quarterOf(new Date('2026-09-30T16:30:00Z'), TZ)).toEqual({ year: 2026, quarter: 4 });
    expect(quarterOf(new Date('2026-09-30T16:30:00Z'), 'UTC')).toEqual({ year: 2026, quarter: 3 });
    const q3 = quarterRange({ year: 2026, quarter: 3 }, TZ);
    expect(iso(q3.start)).toBe('2026-06-30T16:00:00.000Z');
    expect(iso(q3.end)).toBe('2026-09-30T16:00:00.000Z');
    const q4 = quarterRange({ year: 2026, quarter: 4 }, TZ);
    expect(iso(q4.end)).toBe('2026-12-31T16:00:00.000Z');
  });

  it('the report in preparation is the previous quarter’s, Q4 of last year in January; it opens on the 1st', () => {
    expect(reportQuarterAt(new Date('2026-11-24T02:00:00Z'), TZ)).toEqual({ year: 2026, quarter: 3 });
    expect(reportQuarterAt(new Date('2027-01-05T02:00:00Z'), TZ)).toEqual({ year: 2026, quarter: 4 });
    // 31 Dec 2026 23:59 in Shanghai is still Q4: the report in preparation is Q3's.
    expect(reportQuarterAt(new Date('2026-12-31T15:59:00Z'), TZ)).toEqual({ year: 2026, quarter: 3 });
    const q4 = { year: 2026, quarter: 4 };
    expect(isReportOpen(q4, new Date('2026-12-31T15:59:59.999Z'), TZ)).toBe(false);
    expect(isReportOpen(q4, new Date('2026-12-31T16:00:00Z'), TZ)).toBe(true);
  });

  it('refuses what is not a quarter', () => {
    expect(() => quarterlyDeadlines({ year: 2026, quarter: 5 }, TZ)).toThrow(RangeError);
    expect(() => quarterRange({ year: 2026, quarter: 0 }, TZ)).toThrow(RangeError);
  });
});

describe('REPORT-5: the workflow draft → service_submitted → finance_submitted → signed → published', () => {
  it('walks the steps in order', () => {
    expect(decideStep('draft', 'editService')).toEqual({ ok: true, to: 'draft' });
    expect(decideStep('draft', 'submitService')).toEqual({ ok: true, to: 'service_submitted' });
    expect(decideStep('service_submitted', 'submitFinance')).toEqual({ ok: true, to: 'finance_submitted' });
    expect(decideStep('finance_submitted', 'sign')).toEqual({ ok: true, to: 'signed' });
    expect(decideStep('signed', 'publish')).toEqual({ ok: true, to: 'published' });
  });

  it('finance may enter its figures while the service part is written, but submits only after it', () => {
    expect(decideStep('draft', 'editFinance').ok).toBe(true);
    expect(decideStep('service_submitted', 'editFinance').ok).toBe(true);
    expect(decideStep('draft', 'submitFinance')).toEqual({ ok: false, rule: 'quarterly_service_first' });
  });

  it('a step out of order names what must come first, or that it is already done', () => {
    expect(decideStep('service_submitted', 'editService')).toEqual({
      ok: false,
      rule: 'quarterly_service_locked',
    });
    expect(decideStep('finance_submitted', 'editFinance')).toEqual({
      ok: false,
      rule: 'quarterly_finance_locked',
    });
    expect(decideStep('service_submitted', 'sign')).toEqual({ ok: false, rule: 'quarterly_finance_first' });
    expect(decideStep('published', 'sign')).toEqual({ ok: false, rule: 'quarterly_already_signed' });
    expect(decideStep('finance_submitted', 'publish')).toEqual({ ok: false, rule: 'quarterly_sign_first' });
    expect(decideStep('published', 'publish')).toEqual({ ok: false, rule: 'quarterly_already_published' });
    expect(decideStep('published', 'editService')).toEqual({ ok: false, rule: 'quarterly_service_locked' });
  });

  it('the service part needs all three sections; the finance part income, expense and arrears', () => {
    expect(missingSections({ overview: '概况', quality: '  ', nextPlan: '' })).toEqual([
      'quality',
      'nextPlan',
    ]);
    expect(missingSections({ overview: 'a', quality: 'b', nextPlan: 'c' })).toEqual([]);
    expect(missingFigures(null)).toEqual(['incomeYuan', 'expenseYuan', 'arrearsYuan']);
    expect(missingFigures({ incomeYuan: 0, expenseYuan: 12.5, arrearsYuan: null, notes: '' })).toEqual([
      'arrearsYuan',
    ]);
    expect(balanceYuan({ incomeYuan: 100.1, expenseYuan: 0.2, arrearsYuan: 0, notes: '' })).toBe(99.9);
    expect(balanceYuan({ incomeYuan: 1, expenseYuan: null, arrearsYuan: 0, notes: '' })).toBeNull();
  });

  it('overdue: a due time passed with its step not done; a step done late is not overdue', () => {
    const d = quarterlyDeadlines({ year: 2026, quarter: 3 }, TZ);
    const at = (s: string) => new Date(s);
    expect(overdueFlags(d, 'draft', at('2026-10-10T15:59:59.999Z'))).toEqual({
      serviceOverdue: false,
      financeOverdue: false,
      publishOverdue: false,
    });
    expect(overdueFlags(d, 'draft', at('2026-10-10T16:00:00Z')).serviceOverdue).toBe(true);
    expect(overdueFlags(d, 'service_submitted', at('2026-10-16T00:00:00Z'))).toEqual({
      serviceOverdue: false,
      financeOverdue: true,
      publishOverdue: false,
    });
    expect(overdueFlags(d, 'signed', at('2026-10-21T00:00:00Z')).publishOverdue).toBe(true);
    expect(overdueFlags(d, 'published', at('2027-01-01T00:00:00Z'))).toEqual({
      serviceOverdue: false,
      financeOverdue: false,
      publishOverdue: false,
    });
  });
});

describe('REPORT-5: who does each step', () => {
  const office = { id: 'o1', directorId: 'dir1' };
  const actor = (roles: QuarterlyActor['roles'], more: Partial<QuarterlyActor> = {}): QuarterlyActor => ({
    userId: 'u',
    companyId: 'c',
    roles,
    officeIds: ['o1'],
    department: null,
    ...more,
  });
  const director = actor(['director'], { userId: 'dir1' });
  const otherDirector = actor(['director'], { userId: 'dir2', officeIds: ['o2'] });
  const supervisor = actor(['supervisor']);
  const manager = actor(['manager'], { officeIds: [] });
  const agent = actor(['agent']);
  const companyFinance = actor(['agent'], {
    officeIds: [],
    department: { function: 'finance', officeId: null },
  });
  const officeFinance = actor(['agent'], { department: { function: 'finance', officeId: 'o2' } });

  it('the office’s director or supervisor writes and submits the service part; nobody else', () => {
    expect(refusal(director, 'submitService', office)).toBeNull();
    expect(refusal(supervisor, 'editService', office)).toBeNull();
    expect(refusal(otherDirector, 'editService', office)).toBe('forbidden.quarterly_service');
    expect(refusal(manager, 'editService', office)).toBe('forbidden.quarterly_service');
    expect(refusal(agent, 'editService', office)).toBe('forbidden.quarterly_service');
  });

  it('finance: admin/manager (reports.finance) or a member of a finance department covering the office', () => {
    expect(refusal(manager, 'editFinance', office)).toBeNull();
    expect(refusal(actor(['admin'], { officeIds: [] }), 'submitFinance', office)).toBeNull();
    expect(refusal(companyFinance, 'submitFinance', office)).toBeNull();
    // An office's own finance team covers that office only.
    expect(refusal(officeFinance, 'editFinance', office)).toBe('forbidden.quarterly_finance');
    expect(refusal(officeFinance, 'editFinance', { id: 'o2', directorId: null })).toBeNull();
    expect(refusal(director, 'editFinance', office)).toBe('forbidden.quarterly_finance');
    expect(refusal(supervisor, 'submitFinance', office)).toBe('forbidden.quarterly_finance');
  });

  it('signs and publishes: the office’s recorded director or a manager; a director of the office when none is recorded', () => {
    expect(refusal(director, 'sign', office)).toBeNull();
    expect(refusal(manager, 'publish', office)).toBeNull();
    expect(refusal(actor(['director'], { userId: 'deputy' }), 'sign', office)).toBe(
      'forbidden.quarterly_director',
    );
    expect(
      refusal(actor(['director'], { userId: 'deputy' }), 'sign', { id: 'o1', directorId: null }),
    ).toBeNull();
    expect(refusal(otherDirector, 'sign', { id: 'o1', directorId: null })).toBe(
      'forbidden.quarterly_director',
    );
    expect(refusal(supervisor, 'publish', office)).toBe('forbidden.quarterly_director');
  });

  it('allowed actions combine the state and the person', () => {
    expect(allowedActions('draft', director, office)).toEqual(['editService', 'submitService']);
    expect(allowedActions('draft', manager, office)).toEqual(['editFinance']);
    expect(allowedActions('service_submitted', companyFinance, office)).toEqual([
      'editFinance',
      'submitFinance',
    ]);
    expect(allowedActions('finance_submitted', director, office)).toEqual(['sign']);
    expect(allowedActions('signed', manager, office)).toEqual(['publish']);
    expect(allowedActions('published', director, office)).toEqual([]);
  });

  it('reading: reports.read within scope or finance; office staff read it once published (the service-centre copy)', () => {
    expect(canReadReport(director, 'o1')).toBe(true);
    expect(canReadReport(otherDirector, 'o1')).toBe(false);
    expect(canReadReport(companyFinance, 'o1')).toBe(true);
    expect(canReadReport(agent, 'o1')).toBe(false);
    expect(canReadPublished(agent, 'o1')).toBe(true);
    expect(canReadPublished(actor(['agent'], { officeIds: ['o2'] }), 'o1')).toBe(false);
  });
});

describe('REPORT-5: reminders before each date — 3 days and 1 day before, on the day, overdue after (09:00 local)', () => {
  const q3 = { year: 2026, quarter: 3 };
  const at = (s: string) => new Date(s);
  /**
   * The reminders the deadline engine sends at `now` for the report in `status` that recorded `sent`: each step a
   * deadline (quarterlyStepDeadlines), met once the report is past it, and swept by the engine's one decision.
   */
  const run = (status: QuarterlyStatus, sent: string[], now: string) => {
    const labels = REMINDER_OFFSETS.map((o) => o.label);
    const send: { key: string }[] = [];
    const settle: string[] = [];
    for (const d of quarterlyStepDeadlines(q3, TZ, new Set(sent))) {
      if (!isStepPending(d.step, status)) continue;
      const facts = { ...d, warnedAt: null, breachedAt: null, metAt: null, stoppedAt: null, pausedAt: null };
      const step = sweepStep(facts, QUARTERLY_REPORT_DEADLINE, 0, at(now));
      if (step.op === 'none' || step.reminder === undefined) continue;
      send.push({ key: `${d.step}:${labels[step.reminder]}` });
      for (let i = d.remindersSent; i <= step.reminder; i++) settle.push(`${d.step}:${labels[i]}`);
    }
    return { send, settle };
  };

  it('the schedule of the Q3 report: service 7, 9, 10, 11 Oct; finance 12, 14, 15, 16; publish 17, 19, 20, 21 — 09:00 Shanghai', () => {
    const s = reminderSchedule(q3, TZ);
    expect(s.map((r) => [r.key, iso(r.at)])).toEqual([
      ['service:d-3', '2026-10-07T01:00:00.000Z'],
      ['service:d-1', '2026-10-09T01:00:00.000Z'],
      ['service:d0', '2026-10-10T01:00:00.000Z'],
      ['service:overdue', '2026-10-11T01:00:00.000Z'],
      ['finance:d-3', '2026-10-12T01:00:00.000Z'],
      ['finance:d-1', '2026-10-14T01:00:00.000Z'],
      ['finance:d0', '2026-10-15T01:00:00.000Z'],
      ['finance:overdue', '2026-10-16T01:00:00.000Z'],
      ['publish:d-3', '2026-10-17T01:00:00.000Z'],
      ['publish:d-1', '2026-10-19T01:00:00.000Z'],
      ['publish:d0', '2026-10-20T01:00:00.000Z'],
      ['publish:overdue', '2026-10-21T01:00:00.000Z'],
    ]);
    expect(s.find((r) => r.key === 'service:overdue')).toMatchObject({ overdue: true });
    expect(iso(s[0].dueAt)).toBe('2026-10-10T15:59:59.999Z');
  });

  it('Q4’s reminders fall in January of the next year', () => {
    const s = reminderSchedule({ year: 2026, quarter: 4 }, TZ);
    expect(iso(s[0].at)).toBe('2027-01-07T01:00:00.000Z');
    expect(iso(s[s.length - 1].at)).toBe('2027-01-21T01:00:00.000Z');
  });

  it('nothing before its time; each reminder once', () => {
    expect(run('draft', [], '2026-10-07T00:59:59Z')).toEqual({ send: [], settle: [] });
    const first = run('draft', [], '2026-10-07T01:00:00Z');
    expect(first.send.map((r) => r.key)).toEqual(['service:d-3']);
    expect(first.settle).toEqual(['service:d-3']);
    expect(run('draft', first.settle, '2026-10-08T12:00:00Z').send).toEqual([]);
    expect(run('draft', first.settle, '2026-10-09T01:00:00Z').send.map((r) => r.key)).toEqual([
      'service:d-1',
    ]);
  });

  it('a late run sends the latest reminder of each pending step and settles the missed ones', () => {
    const late = run('draft', [], '2026-10-12T03:00:00Z');
    expect(late.send.map((r) => r.key)).toEqual(['service:overdue', 'finance:d-3']);
    expect(late.settle).toEqual([
      'service:d-3',
      'service:d-1',
      'service:d0',
      'service:overdue',
      'finance:d-3',
    ]);
  });

  it('a step done stops its reminders: finance only after the service part is submitted, publication after signing', () => {
    expect(run('service_submitted', [], '2026-10-12T03:00:00Z').send.map((r) => r.key)).toEqual([
      'finance:d-3',
    ]);
    expect(run('signed', [], '2026-10-19T03:00:00Z').send.map((r) => r.key)).toEqual(['publish:d-1']);
    expect(run('published', [], '2026-10-25T00:00:00Z')).toEqual({ send: [], settle: [] });
  });
});
