/**
 * The case API (API-6: the stable core — add freely, rename nothing).
 */
import { z } from 'zod';
import {
  CALLBACK_METHODS,
  CASE_ACTIONS,
  CASE_KINDS,
  CASE_STATES,
  CHANNELS,
  CLOCK_NAMES,
  REPAIR_TYPES,
  REPLY_VIAS,
  ROUTE_TARGET_TYPES,
  SATISFACTIONS,
  SEVERITIES,
  TIMELINE_TYPES,
  VERIFY_METHODS,
  DECISIONS,
  PASSED_DATA,
} from '../domain/case/case';
import { ListQuery, many } from './common';
import { IsoDateString } from './calendar';

export const Channel = z.enum(CHANNELS);
export const CaseKind = z.enum(CASE_KINDS);
export const Severity = z.enum(SEVERITIES);
export const CaseState = z.enum(CASE_STATES);
export const RepairType = z.enum(REPAIR_TYPES);
export const CaseActionName = z.enum(CASE_ACTIONS);
export const ClockName = z.enum(CLOCK_NAMES);
export const Satisfaction = z.enum(SATISFACTIONS);

const IsoTime = z.iso.datetime({ offset: true });
const Text = (max: number) => z.string().trim().min(1).max(max);

export const CreateCase = z.object({
  channel: Channel,
  kind: CaseKind,
  severity: Severity.default('general'),
  categoryId: z.uuid().optional(),
  roomId: z.uuid().optional(),
  address: z.string().trim().max(200).optional(),
  reporter: z
    .object({
      name: z.string().trim().max(50).optional(),
      phone: z.string().trim().max(40).optional(),
      anonymous: z.boolean().default(false),
    })
    .default({ anonymous: false }),
  description: Text(5000),
  /** default now; may be earlier than entry (a letter read today arrived yesterday), never in the future */
  receivedAt: IsoTime.optional(),
  /** the employee who actually received it (default: the caller) — 首问责任人 */
  firstResponderId: z.uuid().optional(),
  /** the employee the complaint is about, when it is about one (INTAKE-2, HANDLE-5 service complaints) */
  aboutEmployeeId: z.uuid().optional(),
  repairType: RepairType.optional(),
  /** private (paid) repairs: the visit agreed with the owner on the phone (REPAIR-3) */
  visitAt: IsoTime.optional(),
  attachmentIds: z.array(z.uuid()).max(20).optional(),
  /** received and resolved in one step (INTAKE-6) */
  resolvedOnTheSpot: z.object({ result: Text(2000) }).optional(),
  /** a special incident: the director and the manager are told at once (HANDLE-7) */
  specialIncident: z.boolean().optional(),
  /** a case closed recently that this one repeats (INTAKE-12: the lookup's recentlyClosed) */
  relatedCaseId: z.uuid().optional(),
});
export type CreateCase = z.infer<typeof CreateCase>;

export const RouteTarget = z.object({ type: z.enum(ROUTE_TARGET_TYPES), id: z.uuid() });

const V = { version: z.number().int().min(1) };
/** Bodies of `POST /api/cases/{id}/actions/{action}` (FLOW-1). */
export const ActionBodies = {
  route: z.object({
    ...V,
    target: RouteTarget,
    handlerId: z.uuid().optional(),
    note: z.string().trim().max(1000).optional(),
    /** private (paid) repairs: the visit agreed with the owner when dispatching (REPAIR-3) */
    visitAt: IsoTime.optional(),
    /** the resident was told the status or the time limit while routing (ROUTE-2) */
    residentTold: z.object({ via: z.enum(REPLY_VIAS), promisedBy: IsoTime.optional() }).optional(),
  }),
  assign: z.object({ ...V, handlerId: z.uuid() }),
  assignCallback: z.object({ ...V, assigneeId: z.uuid(), note: z.string().trim().max(500).optional() }),
  accept: z.object({ ...V }),
  recordContact: z.object({
    ...V,
    unitId: z.uuid(),
    contactPerson: Text(50),
    via: Text(50),
    note: z.string().trim().max(1000).optional(),
    /** what the unit was given about the resident; default the matter only (ROUTE-3) */
    passed: z.array(z.enum(PASSED_DATA)).max(PASSED_DATA.length).optional(),
    /** the resident agreed to their name, address or contact being passed on (PIPL 第二十三条) */
    residentAgreed: z.boolean().optional(),
  }),
  return: z.object({ ...V, reason: Text(1000) }),
  wait: z.object({ ...V, reason: Text(1000) }),
  resume: z.object({ ...V }),
  extend: z.object({
    ...V,
    clock: ClockName,
    dueAt: IsoTime,
    reason: Text(1000),
    residentAgreed: z.literal(true),
  }),
  reply: z.object({
    ...V,
    message: Text(2000),
    via: z.enum(REPLY_VIAS),
    warningOverrideReason: z.string().trim().max(500).optional(),
  }),
  resolve: z.object({
    ...V,
    result: Text(2000),
    remedial: z.string().trim().max(2000).optional(),
    corrective: z.object({ action: Text(1000), dueAt: IsoTime }).optional(),
    attachmentIds: z.array(z.uuid()).max(20).optional(),
    materials: z.string().trim().max(1000).optional(),
  }),
  callback: z.object({
    ...V,
    method: z.enum(CALLBACK_METHODS),
    reached: z.boolean(),
    satisfaction: Satisfaction.optional(),
    reason: z.string().trim().max(1000).optional(),
    appointmentAt: IsoTime.optional(),
  }),
  reopen: z.object({ ...V, reason: Text(1000) }),
  close: z.object({ ...V, reason: Text(1000) }),
  invalidate: z.object({ ...V, explanation: Text(1000) }),
  merge: z.object({ ...V, intoCaseId: z.uuid() }),
  escalate: z.object({ ...V, reason: Text(1000) }),
  comment: z.object({ ...V, text: Text(2000) }),
  verify: z.object({
    ...V,
    findings: Text(2000),
    method: z.enum(VERIFY_METHODS),
    attachmentIds: z.array(z.uuid()).max(20).optional(),
  }),
  /** on site; default now */
  arrive: z.object({ ...V, at: IsoTime.optional() }),
  completeCorrective: z.object({
    ...V,
    result: Text(2000),
    attachmentIds: z.array(z.uuid()).max(20).optional(),
  }),
  /** the written report 《业主投诉书面报告》 handed to a sister unit */
  recordReportSent: z.object({
    ...V,
    unitId: z.uuid(),
    copies: z.number().int().min(1).max(10),
    receiver: Text(50),
    at: IsoTime.optional(),
  }),
  refer: z.object({ ...V, reason: Text(1000) }),
  recordDecision: z.object({
    ...V,
    decision: z.enum(DECISIONS),
    plan: z.string().trim().max(2000).optional(),
    reason: z.string().trim().max(1000).optional(),
    handlerId: z.uuid().optional(),
    note: z.string().trim().max(1000).optional(),
  }),
  arrangeLeaderMeeting: z.object({
    ...V,
    leaderId: z.uuid(),
    at: IsoTime,
    note: z.string().trim().max(1000).optional(),
  }),
  flagSpecialIncident: z.object({ ...V, reason: Text(1000) }),
} as const;
export type ActionBody<A extends keyof typeof ActionBodies> = z.infer<(typeof ActionBodies)[A]>;

export const ActionParams = z.object({ id: z.uuid(), action: CaseActionName });

const Person = z.object({ id: z.string(), name: z.string() }).nullable();

export const CaseClock = z.object({
  name: ClockName,
  startedAt: z.string(),
  dueAt: z.string(),
  metAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  warnedAt: z.string().nullable(),
  /** the clock no longer counts (case closed, returned or re-routed); a recorded breach stays */
  stoppedAt: z.string().nullable(),
  /** milliseconds the clock has been paused (wait) so far */
  pausedMs: z.number(),
  paused: z.boolean(),
  calendarUnknown: z.boolean(),
});
export type CaseClock = z.infer<typeof CaseClock>;

export const TimelineEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: Person,
  type: z.enum(TIMELINE_TYPES),
  data: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Case = z.object({
  id: z.string(),
  number: z.string(),
  version: z.number().int(),
  channel: Channel,
  kind: CaseKind,
  severity: Severity,
  category: z.object({ id: z.string(), name: z.string() }).nullable(),
  repairType: RepairType.nullable(),
  /** private (paid) repairs: the visit agreed with the owner */
  visitAt: z.string().nullable(),
  state: CaseState,
  receivedAt: z.string(),
  createdAt: z.string(),
  recordedBy: Person,
  firstResponder: Person,
  handler: Person,
  department: Person,
  target: z.object({ type: z.enum(ROUTE_TARGET_TYPES), id: z.string(), name: z.string() }).nullable(),
  office: Person,
  /** the office's own phone, printed as the reporting department's on the written report (FORM-1, 004 附表一) */
  officePhone: z.string().nullable(),
  room: z.object({ id: z.string(), label: z.string() }).nullable(),
  address: z.string().nullable(),
  /** phone masked unless the viewer may see it; an anonymous reporter's identity only for the first responder and director */
  reporter: z.object({
    name: z.string().nullable(),
    phone: z.string().nullable(),
    anonymous: z.boolean(),
    masked: z.boolean(),
  }),
  description: z.string(),
  selfComplaint: z.boolean(),
  escalationTier: z.number().int(),
  satisfaction: Satisfaction.nullable(),
  reopenCount: z.number().int(),
  mergedInto: z.object({ id: z.string(), number: z.string() }).nullable(),
  invalid: z.boolean(),
  calendarUnknown: z.boolean(),
  callbackAssignee: Person,
  nextDueAt: z.string().nullable(),
  clocks: z.array(CaseClock),
  allowedActions: z.array(CaseActionName),
});
export type Case = z.infer<typeof Case>;

/** GET /api/cases/{id}: the case with its timeline. */
export const CaseDetail = Case.extend({
  timeline: z.array(TimelineEntry),
  timelineIntact: z.boolean(),
  attachments: z.array(
    z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number() }),
  ),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

/** GET /api/cases: a filter given several times means "any of" (API-4). */
export const CaseListQuery = ListQuery.extend({
  state: many(CaseState).optional(),
  kind: many(CaseKind).optional(),
  severity: many(Severity).optional(),
  communityId: many(z.uuid()).optional(),
  departmentId: many(z.uuid()).optional(),
  handlerId: many(z.uuid()).optional(),
  firstResponderId: many(z.uuid()).optional(),
  callbackAssigneeId: many(z.uuid()).optional(),
  /** a room's cases (its history on the room page) */
  roomId: many(z.uuid()).optional(),
  /** the cases of these offices */
  officeId: many(z.uuid()).optional(),
  /** the cases last resolved on this local day of the company's time zone (a director's daily results, CALLBACK-8) */
  resolvedOn: IsoDateString.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  receivedFrom: IsoTime.optional(),
  receivedTo: IsoTime.optional(),
  /** default receivedAt (desc); nextDue sorts by the nearest due time (UI-2) */
  sort: z.enum(['received', 'nextDue']).default('received'),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CaseListItem = Case.omit({ clocks: true }).extend({ clocks: z.array(CaseClock) });

/** The reporter's name and phone, unmasked (the reveal is recorded on the timeline). */
export const RevealedReporter = z.object({ name: z.string().nullable(), phone: z.string().nullable() });
export type RevealedReporter = z.infer<typeof RevealedReporter>;
