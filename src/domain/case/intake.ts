/**
 * Intake (受理, INTAKE-1, INTAKE-4; `POST /api/cases`): nobody refuses a matter, so intake has no "reject" —
 * only checks of what was typed, and the plan of what the new case starts with: its state, people, clocks and
 * first timeline entries.
 *
 * Decisions (ours, documented here):
 * - `receivedAt` may be earlier than entry (a letter read today arrived yesterday, INTAKE-4) but not in the future;
 *   up to 60 s ahead of the server is taken as clock skew of the recording device and clamped to `now`.
 * - It may be at most `maxBackdateDays` (policy, default 30) days before `now`: an older matter is still recorded,
 *   with the day it is entered, and the real date goes in the description — clocks started a month back would
 *   all be breached at once and say nothing.
 * - Clocks start at `receivedAt`, not at entry: the resident has waited since then.
 * - `resolvedOnTheSpot` (INTAKE-6): recorded as received and resolved in one step — state `resolved`, the first
 *   responder is the handler, the `verify`/`reply`/`resolve` clocks start and are met at once (answered on the
 *   spot), no `route`, `dispatch` or `onsite` clock (nothing to route or send), and the `callback` clock starts:
 *   solved on the spot is still called back (target callback rate 100 %, CALLBACK-2) — unless its kind is one the
 *   policy exempts (default inquiry and praise, never a complaint: INTAKE-11), which is closed at once with closure
 *   `on_the_spot` and left out of the callback rate.
 * - A repair's `dispatch` counts from receipt (REPAIR-2: 五分钟内通知到工程修理组), not from routing; an emergency's
 *   `onsite` too (EMERGENCY-2).
 * - Timeline data never holds the reporter's name or phone: the chain cannot be rewritten, and personal data
 *   must stay erasable (PRIV-1).
 */
import { DEFAULT_TIME_ZONE } from '../clock/deadlines';
import {
  CASE_KINDS,
  CHANNELS,
  REPAIR_TYPES,
  SEVERITIES,
  type CaseKind,
  type CaseState,
  type Channel,
  type JsonObject,
  type RepairType,
  type Severity,
  type TimelineType,
} from './case';
import { meetRunning, startClock, type ClockContext, type ClockEffect } from './case-clocks';
import { caseNumberYear } from './number';
import { DEFAULT_CALLBACK_EXEMPT_KINDS } from '../policy/defaults';

/** How far back `receivedAt` may go (policy default; INTAKE-4 allows a earlier time, we bound it). */
export const DEFAULT_MAX_BACKDATE_DAYS = 30;

/** Clock skew tolerated on `receivedAt` from a recording device (clamped to the server's `now`). */
export const RECEIVED_AT_SKEW_MS = 60_000;

const DAY_MS = 86_400_000;

export interface IntakeInput {
  channel: Channel;
  kind: CaseKind;
  /** default `general` */
  severity?: Severity | null;
  categoryId?: string | null;
  /** the category's ancestors, nearest first (for the clock policy) */
  categoryAncestorIds?: readonly string[];
  /** default `now` */
  receivedAt?: Date | null;
  /** the signed-in user who records the case */
  recordedById: string;
  /** who actually received it (FIRSTASK-1); default the recorder */
  firstResponderId?: string | null;
  /** the employee the complaint is about, when it is about one (INTAKE-2, HANDLE-5 service complaint) */
  aboutEmployeeId?: string | null;
  /** repairs only (REPAIR-1) */
  repairType?: RepairType | null;
  /** private (paid) repairs only (REPAIR-3 "dispatch at the time agreed with the owner"): the agreed visit */
  visitAt?: Date | null;
  /** received and resolved in one step (INTAKE-6) */
  resolvedOnTheSpot?: { result: string } | null;
  /** the office's director, when known: calls back major complaints (CALLBACK-2) */
  officeDirectorId?: string | null;
  /** a special incident: recorded on the `received` entry; the director and the manager are told (HANDLE-7) */
  specialIncident?: boolean | null;
  /** a case closed recently that this one repeats (INTAKE-12), recorded on the `received` entry with its number */
  relatedCaseId?: string | null;
  relatedCaseNumber?: string | null;
}

export interface IntakeContext extends ClockContext {
  now: Date;
  /** policy; default 30 */
  maxBackdateDays?: number;
  /** kinds answered on the spot that need no callback (INTAKE-11, policy); default inquiry and praise */
  callbackExemptKinds?: readonly CaseKind[];
}

export interface IntakePlan {
  ok: true;
  state: Extract<CaseState, 'received' | 'resolved' | 'closed'>;
  /** `on_the_spot` when answered at intake and exempt from the callback (INTAKE-11) */
  closure: 'on_the_spot' | null;
  closedAt: Date | null;
  severity: Severity;
  /** clamped to `now` when it was within the skew tolerance ahead of it */
  receivedAt: Date;
  /** the year of the case number (`receivedAt` in the company's time zone) */
  numberYear: number;
  firstResponderId: string;
  recordedById: string;
  /** the complaint is about the person who received or recorded it (INTAKE-2): recorded truthfully, shown on the case */
  selfComplaint: boolean;
  /** a complaint about an employee: its first reply must apologise (HANDLE-4) */
  serviceComplaint: boolean;
  /** the visit agreed with the owner, private repairs only */
  visitAt: Date | null;
  /** set only for `resolvedOnTheSpot` */
  handlerId: string | null;
  callbackAssigneeId: string | null;
  resolvedAt: Date | null;
  /** clock starts (and, on the spot, meets), in order */
  clocks: ClockEffect[];
  /** `received`, then `resolved` when resolved on the spot; each at `now`, by the recorder */
  timeline: { type: TimelineType; data: JsonObject }[];
}

export type IntakeResult =
  IntakePlan | { ok: false; reason: 'invalid_input'; fields: Record<string, string> };

/**
 * Message keys of intake field errors: `field.not_in_future`, `field.received_too_early`,
 * `field.repair_type_only_for_repairs`, `field.required`, `field.invalid_value`.
 */
export const INTAKE_FIELD_MESSAGES = [
  'field.not_in_future',
  'field.received_too_early',
  'field.repair_type_only_for_repairs',
  'field.visit_only_for_private_repairs',
  'field.visit_before_received',
  'field.visit_in_past',
  'field.required',
  'field.invalid_value',
] as const;

/**
 * What is wrong with an agreed visit time (REPAIR-3), as a field message key, or null: only a private (paid)
 * repair has one, and it is not before `notBefore` (receipt at intake, now when re-agreed on route).
 */
export function agreedVisitProblem(
  visitAt: Date | null,
  c: { kind: CaseKind; repairType?: RepairType | null },
  notBefore: Date,
  tooEarly: 'field.visit_before_received' | 'field.visit_in_past',
): string | null {
  if (!visitAt) return null;
  if (!(visitAt instanceof Date) || Number.isNaN(visitAt.getTime())) return 'field.invalid_value';
  if (c.kind !== 'repair' || c.repairType !== 'private') return 'field.visit_only_for_private_repairs';
  return visitAt.getTime() < notBefore.getTime() ? tooEarly : null;
}

/** The complaint is about the person who received or recorded it (INTAKE-2). */
export function isSelfComplaint(input: {
  kind: CaseKind;
  aboutEmployeeId?: string | null;
  firstResponderId: string;
  recordedById: string;
}): boolean {
  if (input.kind !== 'complaint' || !input.aboutEmployeeId) return false;
  return input.aboutEmployeeId === input.firstResponderId || input.aboutEmployeeId === input.recordedById;
}

/**
 * Checks an intake and plans the new case. The server then draws the number (`numberYear`, the kind's prefix),
 * inserts the case with `state`, applies `clocks`, and appends `timeline` in order.
 */
export function planIntake(input: IntakeInput, ctx: IntakeContext): IntakeResult {
  const { now } = ctx;
  const fields: Record<string, string> = {};
  if (!CHANNELS.includes(input.channel)) fields.channel = 'field.invalid_value';
  if (!CASE_KINDS.includes(input.kind)) fields.kind = 'field.invalid_value';
  const severity = input.severity ?? 'general';
  if (!SEVERITIES.includes(severity)) fields.severity = 'field.invalid_value';
  if (!input.recordedById) fields.recordedById = 'field.required';

  let receivedAt = input.receivedAt ?? now;
  if (!(receivedAt instanceof Date) || Number.isNaN(receivedAt.getTime())) {
    fields.receivedAt = 'field.invalid_value';
  } else if (receivedAt.getTime() > now.getTime() + RECEIVED_AT_SKEW_MS) {
    fields.receivedAt = 'field.not_in_future';
  } else {
    if (receivedAt.getTime() > now.getTime()) receivedAt = now;
    const maxDays = ctx.maxBackdateDays ?? DEFAULT_MAX_BACKDATE_DAYS;
    if (receivedAt.getTime() < now.getTime() - maxDays * DAY_MS)
      fields.receivedAt = 'field.received_too_early';
  }

  if (input.repairType != null) {
    if (!REPAIR_TYPES.includes(input.repairType)) fields.repairType = 'field.invalid_value';
    else if (input.kind !== 'repair') fields.repairType = 'field.repair_type_only_for_repairs';
  }
  const visitAt = input.visitAt ?? null;
  const visitProblem = fields.receivedAt
    ? null
    : agreedVisitProblem(visitAt, input, receivedAt, 'field.visit_before_received');
  if (visitProblem) fields.visitAt = visitProblem;
  const onTheSpot = input.resolvedOnTheSpot ?? null;
  if (onTheSpot && !onTheSpot.result?.trim()) fields['resolvedOnTheSpot.result'] = 'field.required';
  if (Object.keys(fields).length > 0) return { ok: false, reason: 'invalid_input', fields };

  const recordedById = input.recordedById;
  const firstResponderId = input.firstResponderId || recordedById;
  const policyFacts = {
    kind: input.kind,
    severity,
    categoryId: input.categoryId ?? null,
    categoryAncestorIds: input.categoryAncestorIds ?? [],
  };
  const selfComplaint = isSelfComplaint({ ...input, firstResponderId, recordedById });
  const serviceComplaint = input.kind === 'complaint' && !!input.aboutEmployeeId;

  // Every case must be routed within 60 minutes (004 第十条); complaints verified the same day (000 篇2 一.3);
  // an answer within 24 h (000 §6); handling finished by the policy's limit (003 第1篇 3.(7)).
  // A repair reaches the repair team within 5 minutes of the call (001 细则); someone is on site at an emergency
  // within the policy's time (001 通知 三.1).
  const names = [
    ...(onTheSpot ? [] : (['route'] as const)),
    ...(input.kind === 'repair' && !onTheSpot ? (['dispatch'] as const) : []),
    ...(severity === 'emergency' && !onTheSpot ? (['onsite'] as const) : []),
    ...(input.kind === 'complaint' ? (['verify'] as const) : []),
    'reply' as const,
    'resolve' as const,
  ];
  const clocks: ClockEffect[] = [];
  for (const name of names) {
    const started = startClock(name, receivedAt, policyFacts, ctx);
    if (started) clocks.push(started);
  }

  const receivedData: JsonObject = {
    channel: input.channel,
    kind: input.kind,
    severity,
    receivedAt: receivedAt.toISOString(),
    firstResponderId,
    recordedById,
  };
  if (input.categoryId) receivedData.categoryId = input.categoryId;
  if (input.repairType) receivedData.repairType = input.repairType;
  if (visitAt) receivedData.visitAt = visitAt.toISOString();
  if (input.aboutEmployeeId) receivedData.aboutEmployeeId = input.aboutEmployeeId;
  if (selfComplaint) receivedData.selfComplaint = true;
  if (input.specialIncident) receivedData.specialIncident = true;
  if (input.relatedCaseId) {
    receivedData.relatedCaseId = input.relatedCaseId;
    if (input.relatedCaseNumber) receivedData.relatedCaseNumber = input.relatedCaseNumber;
  }
  const timeline: IntakePlan['timeline'] = [{ type: 'received', data: receivedData }];
  const numberYear = caseNumberYear(receivedAt, ctx.timeZone ?? DEFAULT_TIME_ZONE);
  const base = {
    ok: true as const,
    severity,
    receivedAt,
    numberYear,
    firstResponderId,
    recordedById,
    selfComplaint,
    serviceComplaint,
    visitAt,
  };

  if (!onTheSpot) {
    return {
      ...base,
      state: 'received',
      closure: null,
      closedAt: null,
      handlerId: null,
      callbackAssigneeId: null,
      resolvedAt: null,
      clocks,
      timeline,
    };
  }

  // Resolved on the spot (INTAKE-6): answered and handled at once.
  const running = clocks.map((effect) => ({
    name: effect.clock,
    dueAt: effect.op === 'start' ? effect.dueAt : now,
    metAt: null,
    breachedAt: null,
  }));
  clocks.push(...meetRunning(running, ['verify', 'reply', 'resolve'], now));
  const exempt = isCallbackExempt(input.kind, ctx.callbackExemptKinds ?? DEFAULT_CALLBACK_EXEMPT_KINDS);
  const callback = exempt ? null : startClock('callback', now, policyFacts, ctx);
  if (callback) clocks.push(callback);
  const callbackAssigneeId =
    input.kind === 'complaint' && severity === 'major' && input.officeDirectorId
      ? input.officeDirectorId
      : firstResponderId;
  timeline.push({ type: 'resolved', data: { result: onTheSpot.result, onTheSpot: true } });
  if (exempt) {
    timeline.push({ type: 'closed', data: { closure: 'on_the_spot' } });
    return {
      ...base,
      state: 'closed',
      closure: 'on_the_spot',
      closedAt: now,
      handlerId: firstResponderId,
      callbackAssigneeId: null,
      resolvedAt: now,
      clocks,
      timeline,
    };
  }
  return {
    ...base,
    state: 'resolved',
    closure: null,
    closedAt: null,
    handlerId: firstResponderId,
    callbackAssigneeId,
    resolvedAt: now,
    clocks,
    timeline,
  };
}

/**
 * Whether a matter of this kind, answered on the spot, needs no callback (INTAKE-11, policy): one of the company's
 * exempt kinds — never a complaint, whatever the settings hold (`callbackExemptionProblem` refuses saving one).
 */
export function isCallbackExempt(kind: CaseKind, exemptKinds: readonly CaseKind[]): boolean {
  return kind !== 'complaint' && exemptKinds.includes(kind);
}

/** What is wrong with a company's list of callback-exempt kinds (INTAKE-11): a complaint is always called back. */
export function callbackExemptionProblem(kinds: readonly CaseKind[]): 'complaint_needs_callback' | null {
  return kinds.includes('complaint') ? 'complaint_needs_callback' : null;
}
