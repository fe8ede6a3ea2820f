/**
 * The vocabulary of a case (事项; FLOW-1, API-6): states, channels, actions, and the two
 * snapshots the lifecycle decides on — `CaseFacts` (what the case is now) and `CaseActor` (who is acting).
 *
 * Names are fixed by API-6 ("add freely, rename nothing"). This file is imported by src/contracts, so it must
 * stay free of Node imports (the web bundles it).
 */
import type { ClockName } from '../policy/defaults';
import type { Role } from '../access/roles';

export { CASE_KINDS, SEVERITIES, CLOCK_NAMES } from '../policy/defaults';
export type { CaseKind, Severity, ClockName } from '../policy/defaults';
import type { CaseKind, Severity } from '../policy/defaults';

/** FLOW-1 `state`. */
export const CASE_STATES = ['received', 'routed', 'in_progress', 'waiting', 'resolved', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/**
 * "any open" in FLOW-1: every state but `resolved` and `closed`. `resolved` is not open — the
 * table names it separately where it belongs ("close: resolved, any open → closed"; "reopen: resolved, closed"),
 * and a resolved case waits only for its callback.
 */
export const OPEN_STATES: readonly CaseState[] = ['received', 'routed', 'in_progress', 'waiting'];

export function isOpenState(state: CaseState): boolean {
  return OPEN_STATES.includes(state);
}

/** The intake `channel` (INTAKE-1: every channel, nobody refuses). */
export const CHANNELS = [
  'phone',
  'visit',
  'letter',
  'email',
  'fax',
  'wechat',
  'app',
  'web',
  'mailbox',
  'callback',
  'hotline',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Repairs (REPAIR-1): owner's private part (paid), shared facility, building quality (developer's warranty). */
export const REPAIR_TYPES = ['private', 'shared', 'quality'] as const;
export type RepairType = (typeof REPAIR_TYPES)[number];

/** Where a case is routed (ROUTE-1). */
export const ROUTE_TARGET_TYPES = ['department', 'sisterUnit', 'externalUnit', 'leader'] as const;
export type RouteTargetType = (typeof ROUTE_TARGET_TYPES)[number];

/**
 * `id` is a department id (`department`), a sister/external unit id from the company's unit register
 * (`sisterUnit`, `externalUnit`), or a user id (`leader`: the first responder's department leader, who
 * coordinates an unclear matter, ROUTE-5).
 */
export interface RouteTarget {
  type: RouteTargetType;
  id: string;
}

/** 满意 / 基本满意 / 不满意 (CALLBACK-3). */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** `callback.method` (CALLBACK-2). */
export const CALLBACK_METHODS = ['phone', 'visit'] as const;
export type CallbackMethod = (typeof CALLBACK_METHODS)[number];

/** `reply.via`; `hotline`: the answer went back to the 12345 hotline that passed the matter on (ROUTE-2). */
export const REPLY_VIAS = ['phone', 'sms', 'visit', 'letter', 'app', 'hotline'] as const;
export type ReplyVia = (typeof REPLY_VIAS)[number];

/** `verify.method` (HANDLE-1; 001 2.3: hear the complainant and the person complained about). */
export const VERIFY_METHODS = ['site', 'interview', 'both_parties'] as const;
export type VerifyMethod = (typeof VERIFY_METHODS)[number];

/** The actions of `POST /api/cases/{id}/actions/{action}` (FLOW-1), in the table's order. */
export const CASE_ACTIONS = [
  'route',
  'assign',
  'accept',
  'recordContact',
  'return',
  'wait',
  'resume',
  'extend',
  'reply',
  'resolve',
  'callback',
  'reopen',
  'close',
  'invalidate',
  'merge',
  'escalate',
  'comment',
  // ours (CALLBACK-6): the supervisor oversees the callback queue and may hand a callback to someone else
  'assignCallback',
  'verify',
  'arrive',
  'completeCorrective',
  'recordReportSent',
  'refer',
  'recordDecision',
  'arrangeLeaderMeeting',
  'flagSpecialIncident',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** `timeline[].type` (API-6: names fixed; RECORD-1). */
export const TIMELINE_TYPES = [
  'received',
  'routed',
  'assigned',
  'accepted',
  'contact_recorded',
  'returned',
  'waiting',
  'resumed',
  'extended',
  'replied',
  'resolved',
  'callback',
  'reopened',
  'closed',
  'invalidated',
  'merged',
  'escalated',
  'commented',
  'clock_warned',
  'clock_breached',
  'attachment_added',
  'pii_revealed',
  'callback_assigned',
  'verified',
  'arrived',
  'corrective_completed',
  'report_sent',
  'referred',
  'decided',
  'leader_meeting_arranged',
  'special_incident',
] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

/** The timeline entry each action appends. */
export const ACTION_TIMELINE_TYPE: Readonly<Record<CaseAction, TimelineType>> = Object.freeze({
  route: 'routed',
  assign: 'assigned',
  accept: 'accepted',
  recordContact: 'contact_recorded',
  return: 'returned',
  wait: 'waiting',
  resume: 'resumed',
  extend: 'extended',
  reply: 'replied',
  resolve: 'resolved',
  callback: 'callback',
  assignCallback: 'callback_assigned',
  reopen: 'reopened',
  close: 'closed',
  invalidate: 'invalidated',
  merge: 'merged',
  escalate: 'escalated',
  comment: 'commented',
  verify: 'verified',
  arrive: 'arrived',
  completeCorrective: 'corrective_completed',
  recordReportSent: 'report_sent',
  refer: 'referred',
  recordDecision: 'decided',
  arrangeLeaderMeeting: 'leader_meeting_arranged',
  flagSpecialIncident: 'special_incident',
});

/** `recordDecision.decision`: a referred case is handled as decided (ESCALATE-3); a suggestion adopted or declined (SUGGEST-1). */
export const DECISIONS = ['handle', 'adopt', 'decline'] as const;
export type Decision = (typeof DECISIONS)[number];

/** What a sister unit may be given about the resident (ROUTE-3; PIPL 第二十三条: only with their agreement). */
export const PASSED_DATA = ['name', 'address', 'contact', 'matter'] as const;
export type PassedData = (typeof PASSED_DATA)[number];

/** Escalation tiers (ESCALATE-2, ours/policy): 1 supervisor, 2 director, 3 manager. */
export const MAX_ESCALATION_TIER = 3;

/**
 * How a closed case was closed, for reports (CALLBACK-4: a director's close counts as "closed unsatisfied"):
 * - `callback` — a reached callback, 满意 or 基本满意;
 * - `director` — the `close` action, with a reason, without a satisfied callback;
 * - `invalidated` — an invalid complaint, explained to the resident (CLASS-4);
 * - `merged` — merged into another case (`mergedIntoId`);
 * - `on_the_spot` — answered on the spot at intake, of a kind the policy exempts from callbacks (INTAKE-6);
 *   left out of the callback rate.
 */
export const CASE_CLOSURES = ['callback', 'director', 'invalidated', 'merged', 'on_the_spot'] as const;
export type CaseClosure = (typeof CASE_CLOSURES)[number];

/** One clock of the case as stored (API-6 `clocks[]`), as far as the lifecycle needs it. */
export interface CaseClockFact {
  name: ClockName;
  /** when the clock started (the case's `receivedAt` for intake clocks); informational */
  startedAt?: Date | null;
  /** the current due time, already moved by finished pauses and extensions */
  dueAt: Date;
  metAt: Date | null;
  breachedAt: Date | null;
  /** set while the clock is paused (`wait`); null when running */
  pausedAt?: Date | null;
  /** total paused time of finished pauses, ms */
  pausedMs?: number;
  /** set when the clock stopped without being met (the case closed, or the clock no longer applies) */
  stoppedAt?: Date | null;
}

/** A clock that still counts: not met, not stopped. A breached clock still runs until it is met. */
export function isClockRunning(clock: CaseClockFact): boolean {
  return clock.metAt == null && clock.stoppedAt == null;
}

/** The snapshot of a case that the lifecycle (lifecycle.ts) decides on. The server builds it from its rows. */
export interface CaseFacts {
  id: string;
  state: CaseState;
  kind: CaseKind;
  /** repairs (REPAIR-1): private (paid), shared, quality */
  repairType?: RepairType | null;
  severity: Severity;
  /** for the clock policy (policy.ts: category rules win) */
  categoryId?: string | null;
  /** the category's ancestors, nearest first */
  categoryAncestorIds?: readonly string[];
  /** the office (管理处) the case belongs to; supervisors and directors act only within their offices */
  officeId: string | null;
  /** 首问责任人: who first received the matter (FIRSTASK-1); stays on the case until it is closed */
  firstResponderId: string;
  /** who typed the record; may differ from the first responder */
  recordedById: string;
  /** 责任人: who is currently responsible for doing the work; null until routed/assigned/accepted */
  handlerId: string | null;
  /** where the case was routed last; null while `received` */
  target: RouteTarget | null;
  /** the head of the target department (when `target.type === 'department'`), if the server knows one */
  targetDepartmentHeadId?: string | null;
  /**
   * who calls back (CALLBACK-2, policy). null = the first responder (the policy default), which is also
   * what `resolve` sets when nobody was named.
   */
  callbackAssigneeId: string | null;
  /** the office's director, when known: organises the callback of a major complaint (CALLBACK-2) */
  officeDirectorId?: string | null;
  /** 0–3 */
  escalationTier: number;
  reopenCount: number;
  /** set once merged; a merged case is never reopened (reopen the case it was merged into) */
  mergedIntoId: string | null;
  /** number of `reply` actions so far: the first answer to a service complaint must apologise (HANDLE-4) */
  replyCount: number;
  /** the latest callback's answer (a director's closure after anything short of satisfied counts as unsatisfied) */
  satisfaction?: Satisfaction | null;
  /**
   * a complaint about service (an employee's attitude or timeliness): decided by the server from the category or
   * from the intake's `aboutEmployeeId` (HANDLE-4 "service complaint")
   */
  serviceComplaint: boolean;
  /** when the matter was received (INTAKE-4); an arrival on site is not before it */
  receivedAt: Date;
  /** how the matter came in: a `hotline` case is told through the hotline (ROUTE-2) */
  channel: Channel;
  /** how the resident can be told the status (ROUTE-2): `residentContactOf` */
  residentContact: ResidentContact;
  /** when the resident was first told the status or time limit (a route's `residentTold`, or a reply) */
  residentToldAt: Date | null;
  /**
   * the department the case is routed to is a repair team (function `engineering`): the repair's work order has
   * reached it (REPAIR-2). The server reads it from the department register.
   */
  targetIsRepairTeam: boolean;
  clocks: readonly CaseClockFact[];
}

/**
 * How the resident can be told the status or time limit within the hour (ROUTE-2, 004 第十条):
 * - `none` — nobody to tell: an anonymous matter, or a letter, fax or suggestion-box note that left no phone;
 *   routing alone meets the `route` clock;
 * - `hotline` — the 12345 hotline passed it on: telling means replying to the hotline (`reply` via `hotline`, or
 *   a route's `residentTold` via `hotline`);
 * - `resident` — anyone else: in person, by phone, through the app, by mail.
 */
export const RESIDENT_CONTACTS = ['none', 'resident', 'hotline'] as const;
export type ResidentContact = (typeof RESIDENT_CONTACTS)[number];

/** Channels that leave no way back to the sender but the phone they wrote down (ROUTE-2). */
const WRITTEN_WITHOUT_RETURN: readonly Channel[] = ['letter', 'mailbox', 'fax'];

export function residentContactOf(c: {
  channel: Channel;
  reporterAnonymous: boolean;
  reporterPhone: string | null | undefined;
}): ResidentContact {
  if (c.channel === 'hotline') return 'hotline';
  if (c.reporterAnonymous) return 'none';
  if (c.reporterPhone && c.reporterPhone.trim() !== '') return 'resident';
  return WRITTEN_WITHOUT_RETURN.includes(c.channel) ? 'none' : 'resident';
}

/** Who is acting on a case. */
export interface CaseActor {
  userId: string;
  roles: readonly Role[];
  /** offices (管理处) the user belongs to */
  officeIds: readonly string[];
  /** departments the user belongs to */
  departmentIds: readonly string[];
  /** departments the user heads (部门负责人) */
  headOfDepartmentIds: readonly string[];
}

/** The target department of a case, or null when it was routed elsewhere (or not yet). */
export function targetDepartmentIdOf(facts: Pick<CaseFacts, 'target'>): string | null {
  return facts.target?.type === 'department' ? facts.target.id : null;
}

/** The clock of that name, if the case has one. */
export function clockOf(facts: Pick<CaseFacts, 'clocks'>, name: ClockName): CaseClockFact | undefined {
  return facts.clocks.find((clock) => clock.name === name);
}

/** A JSON value: what timeline `data` may hold, so that it hashes the same after a round trip through the database. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };
