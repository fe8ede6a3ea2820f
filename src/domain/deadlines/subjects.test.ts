import { describe, expect, it } from 'vitest';
import { nextCheckAt, sweepStep } from './deadline';
import {
  audienceRecipients,
  isStoredDeadlineSubject,
  MONTHLY_SUMMARY_DEADLINE,
  QUARTERLY_REPORT_DEADLINE,
  STORED_DEADLINE_KINDS,
  type AudienceMember,
} from './subjects';

const T = (iso: string) => new Date(iso);

describe('the subject kinds of the deadlines table', () => {
  it('every stored kind is registered with its rules and read permission', () => {
    expect(Object.keys(STORED_DEADLINE_KINDS).sort()).toEqual(['monthly_summary', 'quarterly_report']);
    expect(isStoredDeadlineSubject('monthly_summary')).toBe(true);
    expect(isStoredDeadlineSubject('case_clock')).toBe(false);
    expect(isStoredDeadlineSubject('toString')).toBe(false);
  });

  it('002 篇4 4.2.2.2: the monthly summary warns the director at 80 %, and its breach rises to the manager', () => {
    // October's summary: from 1 November 00:00 to the end of the 5th (Shanghai)
    const d = {
      startedAt: T('2026-10-31T16:00:00Z'),
      dueAt: T('2026-11-05T16:00:00Z'),
      warnedAt: null,
      breachedAt: null,
      metAt: null,
      stoppedAt: null,
      pausedAt: null,
    };
    expect(nextCheckAt(d, MONTHLY_SUMMARY_DEADLINE)).toEqual(T('2026-11-04T16:00:00Z'));
    expect(sweepStep(d, MONTHLY_SUMMARY_DEADLINE, 0, T('2026-11-05T00:00:00Z'))).toEqual({ op: 'warn' });
    expect(sweepStep(d, MONTHLY_SUMMARY_DEADLINE, 0, d.dueAt)).toEqual({
      op: 'breach',
      escalateTo: { tier: 1, role: 'manager' },
    });
    expect(sweepStep(d, MONTHLY_SUMMARY_DEADLINE, 1, d.dueAt)).toEqual({ op: 'breach', escalateTo: null });
    expect(MONTHLY_SUMMARY_DEADLINE.warn('publication').roles).toEqual(['director']);
  });

  it('002 篇4 4.2.3: the quarterly report reminds the director, the finance step also finance; its breach is recorded only', () => {
    expect(QUARTERLY_REPORT_DEADLINE.warn('service')).toEqual({
      roles: ['director'],
      departmentFunctions: [],
    });
    expect(QUARTERLY_REPORT_DEADLINE.warn('finance')).toEqual({
      roles: ['director'],
      departmentFunctions: ['finance'],
    });
    expect(QUARTERLY_REPORT_DEADLINE.breach).toBeNull();
    expect(QUARTERLY_REPORT_DEADLINE.escalation).toBeNull();
  });
});

describe('audienceRecipients: who a deadline notice reaches', () => {
  const member = (o: Partial<AudienceMember> & { id: string }): AudienceMember => ({
    roles: [],
    officeIds: [],
    active: true,
    departmentFunction: null,
    departmentOfficeId: null,
    ...o,
  });
  const staff = [
    member({ id: 'dir-a', roles: ['director'], officeIds: ['A'] }),
    member({ id: 'dir-b', roles: ['director'], officeIds: ['B'] }),
    member({ id: 'mgr', roles: ['manager'] }),
    member({ id: 'fin-company', departmentFunction: 'finance' }),
    member({ id: 'fin-a', departmentFunction: 'finance', departmentOfficeId: 'A' }),
    member({ id: 'fin-b', departmentFunction: 'finance', departmentOfficeId: 'B' }),
    member({ id: 'fin-gone', departmentFunction: 'finance', active: false }),
    member({ id: 'eng-a', departmentFunction: 'engineering', departmentOfficeId: 'A' }),
  ];
  const directors = { roles: ['director'], departmentFunctions: [] } as const;
  const directorsAndFinance = { roles: ['director'], departmentFunctions: ['finance'] } as const;

  it.each([
    ['the office’s directors by role', directors, 'A', null, ['dir-a']],
    ['the recorded director only, when the office has one', directors, 'A', 'dir-x', ['dir-x']],
    [
      'the finance departments covering the office',
      directorsAndFinance,
      'A',
      null,
      ['dir-a', 'fin-company', 'fin-a'],
    ],
    ['another office', directorsAndFinance, 'B', 'dir-b', ['dir-b', 'fin-company', 'fin-b']],
    ['the manager, company-wide', { roles: ['manager'], departmentFunctions: [] }, 'A', null, ['mgr']],
  ] as const)('%s', (_name, audience, office, recorded, ids) => {
    expect(audienceRecipients(audience, office, staff, recorded).sort()).toEqual([...ids].sort());
  });
});
