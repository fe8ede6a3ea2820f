/**
 * The defaults every company starts with: the clock table of CLOCK-1 and the case-number prefixes of
 * INTAKE-8. Each company may change them in its settings (see policy.ts).
 */
import type { ClockDuration } from '../clock/deadlines';

/** Case kinds (CLASS-1): 000 篇3 附件4, repair from 001 细则, praise is ours. */
export const CASE_KINDS = ['complaint', 'repair', 'inquiry', 'suggestion', 'praise', 'other'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Severities (CLASS-2). */
export const SEVERITIES = ['emergency', 'major', 'general'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Clock names, fixed by API-6 (`clocks[].name`) — rename nothing. */
export const CLOCK_NAMES = [
  'dispatch',
  'contact',
  'route',
  'verify',
  'reply',
  'resolve',
  'callback',
  'corrective',
  'onsite',
  'progress',
  'appointment',
  'followUp',
  'homeVisit',
] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];

const duration = (amount: number, unit: ClockDuration['unit']): Readonly<ClockDuration> =>
  Object.freeze({ amount, unit });

/**
 * The default clock table (CLOCK-1). `null`: the clock has no default duration — its due date is set when
 * the clock starts.
 */
export const DEFAULT_CLOCK_DURATIONS: Readonly<Record<ClockName, Readonly<ClockDuration> | null>> =
  Object.freeze({
    // Repair work order reaches the repair team within 5 minutes — 001 细则 三.二 (REPAIR-2).
    dispatch: duration(5, 'minutes'),
    // A sister unit is contacted within 30 minutes with the resident's details — 004 第六条 (ROUTE-3).
    contact: duration(30, 'minutes'),
    // Routing done and the resident told the status or time limit within 60 minutes — 004 第十条 (ROUTE-2).
    route: duration(60, 'minutes'),
    // Investigation and verification the same day — 000 篇2 一.3, 003 第2篇 三. The sources disagree (003 5.(7)
    // says 立即, 001 says X working days); same day is the policy default (HANDLE-1).
    verify: duration(0, 'same_day'),
    // Resolved or answered within 24 hours — 000 §6; first feedback within 24 h — 001 规定 5.
    reply: duration(24, 'hours'),
    // Handling finished — policy: the sources set no general limit, so 7 calendar days by default. The only limits
    // they give are for move-in defects (003 第1篇 3.(7)): small ones the same day, larger ones within 7 days —
    // see MOVE_IN_DEFECT_RESOLVE.
    resolve: duration(7, 'calendar_days'),
    // Called back within 2 days of handling — 004 第十一条 (CALLBACK-2: the first responder, policy).
    callback: duration(2, 'calendar_days'),
    // Corrective action (纠正措施) done by its own due date, set when it is recorded — 003 第2篇 七.1.
    corrective: null,
    // Emergency: the handler on site within 30 minutes of intake — 001 通知 三.1 asks for "立即" (CLOCK-1, ours:
    // the number is policy).
    onsite: duration(30, 'minutes'),
    // Emergency: the resident updated every 2 hours while it is handled — 001 通知 四.2 (ours: the interval).
    progress: duration(2, 'hours'),
    // The reply promised at a callback, due at the appointment itself — 000 篇2 二.1(3).
    appointment: null,
    // A sister or external unit's result chased and fed back within 2 working days of each contact — 004 第六条,
    // 000 §7 (ours: the number is policy).
    followUp: duration(2, 'working_days'),
    // A home visit after a complaint within 7 days — 003 第1篇 5.(9) "可以": off by default; a company turns it
    // on in its clock policy (HOME_VISIT_SUGGESTED is what the settings offer).
    homeVisit: null,
  });

/** What the settings offer when a company turns the home visit after a complaint on (003 第1篇 5.(9)). */
export const HOME_VISIT_SUGGESTED: Readonly<ClockDuration> = duration(7, 'calendar_days');

/**
 * Clocks whose due time is given when they start (a corrective action's own date, the appointment's time), not
 * computed from a duration: the policy has no duration for them.
 */
export const CLOCKS_DUE_AT_GIVEN_TIME: readonly ClockName[] = ['corrective', 'appointment'];

/**
 * Kinds whose matters, answered on the spot at intake, need no callback (INTAKE-6, policy): the case is closed at
 * once (closure `on_the_spot`) and left out of the callback rate. A complaint is always called back.
 */
export const DEFAULT_CALLBACK_EXEMPT_KINDS: readonly CaseKind[] = ['inquiry', 'praise'];

/** Move-in (入伙) defects, 003 第1篇 3.(7) (CLOCK-1): small ones the same day, larger ones within 7 days. */
export const MOVE_IN_DEFECT_RESOLVE: Readonly<Record<'small' | 'large', Readonly<ClockDuration>>> =
  Object.freeze({
    small: duration(0, 'same_day'),
    large: duration(7, 'calendar_days'),
  });

/**
 * Case-number prefixes per kind (INTAKE-8, `number` = `<prefix>-<year>-<6+ digits>`; policy).
 * 投诉 TouSu, 报修 BaoXiu, 咨询 ZiXun, 建议 JianYi, 表扬 BiaoYang, 其他 QiTa.
 */
export const DEFAULT_CASE_NUMBER_PREFIXES: Readonly<Record<CaseKind, string>> = Object.freeze({
  complaint: 'TS',
  repair: 'BX',
  inquiry: 'ZX',
  suggestion: 'JY',
  praise: 'BY',
  other: 'QT',
});
