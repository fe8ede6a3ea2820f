/**
 * The bell's text of a deadline notice of the deadlines table (002 篇4 4.2.2.2 monthly summary, 4.2.3 quarterly
 * report): which report, which step, by which day it was due (CLOCK-10: "11月5日前", not the instant it falls
 * due); and a case's notice stays the case's.
 */
import { describe, expect, it } from 'vitest';
import type { Notification, NotificationType } from '../../api/types';
import { NOTIFICATION_TYPES } from '../../../contracts/values/notifications';
import { DEADLINE_STEPS, type StoredDeadlineKind } from '../../../contracts/values/deadlines';
import { uiText, type UiKey, type UiParams } from '../../i18n/dictionaries';
import type { I18n } from '../../i18n/i18n';
import { deadlineKindOf, notificationTarget, notificationText } from './NotificationBell';

const i18n = (locale: 'zh-CN' | 'en-US'): I18n => ({
  locale,
  setLocale: () => {},
  t: (key: UiKey, params?: UiParams) => uiText(locale, key, params),
  label: (prefix, v) => uiText(locale, `${prefix}.${v}` as UiKey),
  dateTime: (iso) => iso ?? '—',
  date: (iso) => iso ?? '—',
});

const notice = (type: Notification['type'], data: Record<string, unknown>, caseId: string | null = null) =>
  ({
    id: 'n1',
    type,
    caseId,
    caseNumber: null,
    data,
    readAt: null,
    createdAt: '2026-11-06T00:00:00Z',
  }) as never;

const zh = i18n('zh-CN');

describe('deadline notices in the bell', () => {
  const summary = {
    reason: 'monthly_summary_due',
    step: 'publication',
    label: '2026-10',
    dueAt: '2026-11-05T16:00:00.000Z',
  };

  it('the monthly summary: warned, breached and escalated to the manager, in both languages', () => {
    expect(notificationText(notice('warning', { ...summary, overdue: false }), i18n('zh-CN'))).toBe(
      '月度投诉汇总 2026-10：“5日前公布”须在11月5日前完成',
    );
    expect(notificationText(notice('breach', { ...summary, overdue: true }), i18n('en-US'))).toBe(
      'Monthly complaint summary 2026-10: “published by the 5th” is past its deadline',
    );
    // the summary's chain is its own: tier 1 is the manager, named by the role the notice carries
    expect(notificationText(notice('escalated', { ...summary, tier: 1, role: 'manager' }), zh)).toBe(
      '月度投诉汇总 2026-10：“5日前公布”逾期未办，已升级到经理',
    );
  });

  it('a quarterly reminder after the due date says overdue; one sent before the label was kept uses year and quarter', () => {
    const old = {
      reason: 'quarterly_report_due',
      step: 'finance',
      year: 2026,
      quarter: 3,
      overdue: true,
      // 23:59:59.999 on 15 October, Beijing time
      dueAt: '2026-10-15T15:59:59.999Z',
    };
    expect(notificationText(notice('warning', old), i18n('en-US'))).toBe(
      'Quarterly management-service report 2026-Q3: “finance part submitted” is overdue (was due by 15 Oct)',
    );
    expect(deadlineKindOf(notice('warning', old))).toBe('quarterly_report');
  });

  it('a case’s notice is not a deadline notice', () => {
    expect(deadlineKindOf(notice('warning', { number: 'TS-1', clock: 'route' }, 'c1'))).toBeNull();
  });
});

describe('case notices of emergencies and verifications', () => {
  it('an emergency received names the case and its kind; a verified complaint its number', () => {
    expect(
      notificationText(notice('emergency', { number: 'BX-2026-000123', kind: 'repair' }, 'c1'), zh),
    ).toBe('紧急报修 BX-2026-000123 已受理，请立即安排人员赶赴现场');
    expect(notificationText(notice('verified', { number: 'TS-2026-000045' }, 'c1'), i18n('en-US'))).toBe(
      'Complaint TS-2026-000045 has been verified: see the findings in its record',
    );
  });
});

describe('case notices of decisions, special incidents, meetings and results', () => {
  it('a referral asks the director to decide (ESCALATE-3); a special incident asks for action at once (HANDLE-7)', () => {
    expect(notificationText(notice('referred', { number: 'TS-2026-000045' }, 'c1'), zh)).toBe(
      '工单 TS-2026-000045 已转交您决定，请确定如何处理、由谁处理',
    );
    expect(
      notificationText(notice('special_incident', { number: 'TS-2026-000046' }, 'c1'), i18n('en-US')),
    ).toBe('Special incident on case TS-2026-000046: find out what happened and direct the response at once');
  });

  it('a meeting arranged tells the leader when (HANDLE-6); a result tells the director (CALLBACK-8)', () => {
    expect(
      notificationText(
        notice('leader_meeting', { number: 'TS-2026-000047', at: '2026-11-26T02:00:00.000Z' }, 'c1'),
        zh,
      ),
    ).toBe('已安排您于 2026-11-26T02:00:00.000Z 接待工单 TS-2026-000047 的业主');
    expect(notificationText(notice('resolved', { number: 'TS-2026-000048' }, 'c1'), i18n('en-US'))).toBe(
      'Case TS-2026-000048 is resolved: see the result in its record',
    );
  });
});

describe('a repeat of a matter closed recently (INTAKE-12)', () => {
  it('names the new case and the one it repeats', () => {
    expect(
      notificationText(
        notice('repeat', { number: 'TS-2026-000050', relatedNumber: 'TS-2026-000031' }, 'c1'),
        zh,
      ),
    ).toBe('新工单 TS-2026-000050 重复反映了近期已关闭的工单 TS-2026-000031，可重新处理原工单');
  });
});

describe("the director's daily results list (CALLBACK-8)", () => {
  it('names the day and how many other matters were resolved', () => {
    expect(
      notificationText(notice('daily_results', { day: '2026-11-23', count: 7, officeId: 'o1' }), zh),
    ).toBe('2026-11-23 管理处另有 7 件一般事项办结，处理结果见各工单');
  });
});

/**
 * Every bell entry a user can get reads as itself and opens its subject (UI-13): each type of NOTIFICATION_TYPES
 * with the data its producer sends, and each deadline of each kind of the deadlines table at each step.
 */
describe('every notification type has its own text in both languages and a target', () => {
  const CASE = { number: 'TS-2026-000123' };
  // a Record over the type union: a new type without a sample fails tsc here
  const SAMPLES: Record<NotificationType, { data: Record<string, unknown>; caseId: string | null }> = {
    queued: { data: CASE, caseId: 'c1' },
    assigned: { data: CASE, caseId: 'c1' },
    warning: { data: { ...CASE, clock: 'route' }, caseId: 'c1' },
    breach: { data: { ...CASE, clock: 'handle' }, caseId: 'c1' },
    callback_due: { data: CASE, caseId: 'c1' },
    callback_result: { data: { ...CASE, satisfaction: 'satisfied' }, caseId: 'c1' },
    escalated: { data: { tier: 2, reason: 'clock_breached', clock: 'route' }, caseId: 'c1' },
    problem_raised: { data: { problemId: 'p1', title: '电梯困人' }, caseId: null },
    problem_assigned: {
      data: { problemId: 'p1', title: '电梯困人', departments: ['工程维修组'] },
      caseId: null,
    },
    problem_overdue: { data: { problemId: 'p1', title: '电梯困人' }, caseId: null },
    emergency: { data: { ...CASE, kind: 'repair' }, caseId: 'c1' },
    verified: { data: CASE, caseId: 'c1' },
    referred: { data: CASE, caseId: 'c1' },
    special_incident: { data: CASE, caseId: 'c1' },
    leader_meeting: { data: { ...CASE, at: '2026-11-26T02:00:00.000Z' }, caseId: 'c1' },
    resolved: { data: CASE, caseId: 'c1' },
    repeat: { data: { ...CASE, relatedNumber: 'TS-2026-000031' }, caseId: 'c1' },
    daily_results: { data: { day: '2026-11-23', count: 7, officeId: 'o1' }, caseId: null },
  };
  const everything = () => true;
  const withNumber = (type: NotificationType, s: (typeof SAMPLES)[NotificationType]) =>
    ({
      ...(notice(type, s.data, s.caseId) as Notification),
      caseNumber: s.caseId ? CASE.number : null,
    }) as Notification;

  // no empty placeholder, no "—" of a missing value, no key shown raw, no unfilled {name}
  const readable = (text: string) => {
    expect(text).not.toMatch(/—|\{\w+\}|^notification\.|undefined|null|NaN/);
    expect(text.length).toBeGreaterThan(8);
  };

  it.each(NOTIFICATION_TYPES)('%s', (type) => {
    const sample = SAMPLES[type];
    const texts = (['zh-CN', 'en-US'] as const).map((l) =>
      notificationText(withNumber(type, sample), i18n(l)),
    );
    for (const text of texts) readable(text);
    // the case's number when it is about a case
    if (sample.caseId) for (const text of texts) expect(text).toContain(CASE.number);
    expect(texts[0]).not.toBe(texts[1]);
    expect(notificationTarget(withNumber(type, sample), everything)).toMatch(/^\/\w/);
  });

  it('UI-13 a type’s text is its own: no two types read alike', () => {
    const texts = NOTIFICATION_TYPES.map((type) => notificationText(withNumber(type, SAMPLES[type]), zh));
    expect(new Set(texts).size).toBe(texts.length);
  });

  const deadlines = (Object.keys(DEADLINE_STEPS) as StoredDeadlineKind[]).flatMap((kind) =>
    DEADLINE_STEPS[kind].flatMap((step) =>
      (['warning', 'breach', 'escalated'] as const).map((type) => ({ kind, step, type })),
    ),
  );
  it.each(deadlines)('a deadline of $kind, step $step, $type', ({ kind, step, type }) => {
    const n = notice(type, {
      reason: `${kind}_due`,
      step,
      label: '2026-Q3',
      dueAt: '2026-10-10T16:00:00.000Z',
      overdue: type !== 'warning',
      officeId: 'o1',
      ...(type === 'escalated' ? { tier: 1, role: 'manager' } : {}),
    });
    expect(deadlineKindOf(n)).toBe(kind);
    const texts = (['zh-CN', 'en-US'] as const).map((l) => notificationText(n, i18n(l)));
    for (const text of texts) {
      readable(text);
      expect(text).toContain('2026-Q3');
      expect(text).not.toContain(`“${step}”`);
    }
    expect(notificationTarget(n, everything)).toMatch(/^\/reports\//);
    // without the report's permission there is no page to open: the entry stays where it is
    expect(notificationTarget(n, () => false)).toBeNull();
  });

  it('CALLBACK-8 the daily list opens the office’s general matters resolved that day', () => {
    expect(notificationTarget(withNumber('daily_results', SAMPLES.daily_results), everything)).toBe(
      '/cases/all?officeId=o1&resolvedOn=2026-11-23',
    );
  });
});
