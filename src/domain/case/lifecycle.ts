/**
 * The case state machine: FLOW-1 (from → to, who by default policy), as one function,
 * `decide`, which the server calls before every change and `allowedActions` calls for the UI — so the buttons
 * the UI shows and the answers the server gives never disagree.
 *
 * Readings of the table, where it leaves room:
 * - "any open" = received, routed, in_progress, waiting (see OPEN_STATES in case.ts): `resolved` is not open;
 *   the table names it separately where it applies (close, reopen, callback).
 * - Scope: supervisors and directors act only on cases of their own offices (actor.officeIds includes the case's
 *   officeId; a case without an office is beyond them). Being *on* the case (first responder, recorder, handler,
 *   target-department member or head, callback assignee) counts wherever the office is.
 * - The manager (经理) may do whatever the director may, company-wide (ESCALATE-1: major matters the office
 *   cannot handle go to the manager), and may escalate. Where the table names the supervisor but not the director
 *   (`extend`, `merge`) neither director nor manager is added: the table is the default policy, and a company
 *   changes it through `ActionPolicy`.
 * - `admin` is a system role (users, tokens, settings): it grants no case action. `auditor` is read-only: it may
 *   see cases but not comment. A user holding another role as well acts with that role's rights.
 * - Checks run in a fixed order: state (→ `invalid_transition`, 409 with `{ state, allowedActions }`), then role
 *   and scope (→ `forbidden`, 403), then the case's own preconditions (→ `rule`, 422: e.g. the escalation tier
 *   cap), then the body (→ `invalid_input`, 400 with fields; or `rule`, 422, when the check needs stored state,
 *   e.g. "extend before the deadline").
 * - `allowedActions` = the actions passing state, role and preconditions; the body is not looked at.
 */
import { DomainError, fieldError, forbidden, ruleViolation } from '../errors';
import {
  ACTION_TIMELINE_TYPE,
  CALLBACK_METHODS,
  CASE_ACTIONS,
  CASE_STATES,
  CLOCK_NAMES,
  OPEN_STATES,
  REPLY_VIAS,
  ROUTE_TARGET_TYPES,
  SATISFACTIONS,
  clockOf,
  isClockRunning,
  targetDepartmentIdOf,
  type CallbackMethod,
  type CaseAction,
  type CaseActor,
  type CaseClosure,
  type CaseFacts,
  type CaseState,
  type ClockName,
  type JsonObject,
  type JsonValue,
  type ReplyVia,
  type RouteTarget,
  type Satisfaction,
  type TimelineType,
} from './case';
import {
  meetRunning,
  pauseRunning,
  resumePaused,
  startClock,
  stopAllRunningExcept,
  stopRunning,
  type ClockContext,
  type ClockEffect,
} from './case-clocks';
import { checkReply, replyOverrideMissing, type ReplyWarning } from './reply-checks';
import { agreedVisitProblem } from './intake';
import { escalateOnce } from '../deadlines/deadline';
import { CASE_ESCALATION, closedUnsatisfied } from './escalation';

// ---------------------------------------------------------------------------------------------------------------
// The table: from-states and parties

/** From which states each action may be taken (FLOW-1, column "from → to"). */
export const ACTION_FROM_STATES: Readonly<Record<CaseAction, readonly CaseState[]>> = Object.freeze({
  route: ['received', 'routed', 'in_progress'],
  assign: ['routed', 'in_progress'],
  accept: ['routed'],
  recordContact: OPEN_STATES,
  return: ['routed', 'in_progress'],
  wait: ['in_progress'],
  resume: ['waiting'],
  extend: OPEN_STATES,
  reply: OPEN_STATES,
  resolve: ['in_progress'],
  callback: ['resolved'],
  reopen: ['resolved', 'closed'],
  close: ['resolved', ...OPEN_STATES],
  invalidate: OPEN_STATES,
  merge: OPEN_STATES,
  escalate: OPEN_STATES,
  comment: CASE_STATES,
  assignCallback: ['resolved'],
});

/**
 * The parties an actor may be on a case:
 * - identities: `firstResponder`, `recorder`, `handler`, `callbackAssignee` (null assignee = the first
 *   responder, CALLBACK-2), `targetDepartmentMember` (a member or the head of the department the case is
 *   routed to), `targetDepartmentHead`;
 * - roles in scope: `supervisor`, `director` (of the case's office), `manager` (company-wide);
 * - `viewer`: anyone who can see the case and is not read-only (see `canComment`).
 */
export const CASE_PARTIES = [
  'firstResponder',
  'recorder',
  'handler',
  'callbackAssignee',
  'targetDepartmentMember',
  'targetDepartmentHead',
  'supervisor',
  'director',
  'manager',
  'viewer',
] as const;
export type CaseParty = (typeof CASE_PARTIES)[number];

/** Who may take each action: any one of the listed parties. */
export type ActionPolicy = Readonly<Record<CaseAction, readonly CaseParty[]>>;

/** FLOW-1 column "who (default policy)"; the manager is added wherever the director is (see the file header). */
export const DEFAULT_ACTION_POLICY: ActionPolicy = Object.freeze({
  route: ['firstResponder', 'supervisor', 'director', 'manager'],
  assign: ['targetDepartmentHead', 'supervisor', 'director', 'manager'],
  accept: ['handler', 'targetDepartmentMember'],
  recordContact: ['firstResponder', 'handler'],
  // "the handler's department": the handler, or a member or head of the department it was routed to
  return: ['handler', 'targetDepartmentMember', 'targetDepartmentHead'],
  wait: ['handler'],
  resume: ['handler'],
  extend: ['handler', 'supervisor'],
  reply: ['firstResponder', 'handler'],
  resolve: ['handler'],
  callback: ['callbackAssignee', 'supervisor', 'director', 'manager'],
  reopen: ['supervisor', 'director', 'manager'],
  close: ['director', 'manager'],
  invalidate: ['supervisor', 'director', 'manager'],
  merge: ['firstResponder', 'supervisor'],
  // "anyone on the case"
  escalate: [
    'firstResponder',
    'recorder',
    'handler',
    'callbackAssignee',
    'targetDepartmentMember',
    'supervisor',
    'director',
    'manager',
  ],
  comment: ['viewer'],
  // ours: who oversees the callback queue (CALLBACK-6: "the supervisor oversees the queue and may reassign")
  assignCallback: ['supervisor', 'director', 'manager'],
});

type ActorFacts = Pick<
  CaseFacts,
  | 'officeId'
  | 'firstResponderId'
  | 'recordedById'
  | 'handlerId'
  | 'target'
  | 'targetDepartmentHeadId'
  | 'callbackAssigneeId'
>;

const STAFF_ROLES = ['manager', 'director', 'supervisor', 'agent', 'technician'] as const;

function inOffice(facts: Pick<CaseFacts, 'officeId'>, actor: CaseActor): boolean {
  return facts.officeId != null && actor.officeIds.includes(facts.officeId);
}

/** The identities the actor holds on the case, whatever their role. */
function identitiesOf(facts: ActorFacts, actor: CaseActor): Set<CaseParty> {
  const parties = new Set<CaseParty>();
  const me = actor.userId;
  if (facts.firstResponderId === me) parties.add('firstResponder');
  if (facts.recordedById === me) parties.add('recorder');
  if (facts.handlerId != null && facts.handlerId === me) parties.add('handler');
  if ((facts.callbackAssigneeId ?? facts.firstResponderId) === me) parties.add('callbackAssignee');
  const department = targetDepartmentIdOf(facts);
  if (department != null) {
    const head = actor.headOfDepartmentIds.includes(department) || facts.targetDepartmentHeadId === me;
    if (head) parties.add('targetDepartmentHead');
    if (head || actor.departmentIds.includes(department)) parties.add('targetDepartmentMember');
  }
  return parties;
}

/**
 * Whether the actor may read the case: anyone on it, the manager, admin and auditor company-wide or within their
 * offices as access.ts scopes them, and staff of the case's office.
 */
export function canSeeCase(facts: ActorFacts, actor: CaseActor): boolean {
  if (identitiesOf(facts, actor).size > 0) return true;
  if (actor.roles.includes('manager') || actor.roles.includes('admin')) return true;
  return inOffice(facts, actor) && actor.roles.length > 0;
}

/** Whether the actor may comment: on the case, or a staff role (not admin or auditor alone) that sees it. */
export function canComment(facts: ActorFacts, actor: CaseActor): boolean {
  if (identitiesOf(facts, actor).size > 0) return true;
  if (actor.roles.includes('manager')) return true;
  return (
    inOffice(facts, actor) && actor.roles.some((role) => (STAFF_ROLES as readonly string[]).includes(role))
  );
}

/** Every party the actor is on this case. */
export function partiesOf(facts: ActorFacts, actor: CaseActor): Set<CaseParty> {
  const parties = identitiesOf(facts, actor);
  if (actor.roles.includes('supervisor') && inOffice(facts, actor)) parties.add('supervisor');
  if (actor.roles.includes('director') && inOffice(facts, actor)) parties.add('director');
  if (actor.roles.includes('manager')) parties.add('manager');
  if (canComment(facts, actor)) parties.add('viewer');
  return parties;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs (the body of POST /api/cases/{id}/actions/{action}, besides `version`), already parsed by the contract

export interface RouteInput {
  target: RouteTarget;
  /** the handler to name; default: none for a department (its head assigns or a member accepts), the leader
   * for `leader`, the first responder for sister and external units (004 第六条: they press for the result) */
  handlerId?: string | null;
  note?: string | null;
  /** private (paid) repairs: the visit agreed with the owner when dispatching (REPAIR-3); not in the past */
  visitAt?: Date | null;
}
export interface AssignInput {
  handlerId: string;
}
export type NoInput = Record<string, never>;
export interface RecordContactInput {
  unitId: string;
  contactPerson: string;
  /** how the unit was contacted, e.g. phone */
  via: string;
  note?: string | null;
}
export interface ReasonInput {
  reason: string;
}
export interface ExtendInput {
  clock: ClockName;
  /** the new due time, later than the current one */
  dueAt: Date;
  reason: string;
  /** the resident agreed to the new time (001 通知 五.3, 003 5.(8)); must be true */
  residentAgreed: boolean;
}
export interface ReplyInput {
  message: string;
  via: ReplyVia;
  /** needed when the reply checks warn (reply-checks.ts) */
  warningOverrideReason?: string | null;
}
export interface ResolveInput {
  result: string;
  /** 补救措施 (003 第2篇 七.1) */
  remedial?: string | null;
  /** 纠正措施 with its own due date: starts the `corrective` clock */
  corrective?: { action: string; dueAt: Date } | null;
  attachmentIds?: readonly string[];
  /** JSON as the contract parsed it (materials used for a repair) */
  materials?: JsonValue;
}
export interface CallbackInput {
  method: CallbackMethod;
  reached: boolean;
  /** required when reached; absent when not */
  satisfaction?: Satisfaction | null;
  /** required when unsatisfied (CALLBACK-3) */
  reason?: string | null;
  /** when the resident gets the answer to a question the callback could not answer at once (CALLBACK-5) */
  appointmentAt?: Date | null;
}
export interface ReopenInput {
  reason: string;
  /** optional, ours: who handles the reopened case; default the last handler */
  handlerId?: string | null;
}
export interface InvalidateInput {
  /** what the resident was told (CLASS-4: explained patiently) */
  explanation: string;
}
export interface MergeInput {
  intoCaseId: string;
}
export interface CommentInput {
  text: string;
}
export interface AssignCallbackInput {
  /** who calls back from now on; the server checks an active staff member of the company */
  assigneeId: string;
  note?: string | null;
}

export interface CaseActionInputs {
  route: RouteInput;
  assign: AssignInput;
  accept: NoInput;
  recordContact: RecordContactInput;
  return: ReasonInput;
  wait: ReasonInput;
  resume: NoInput;
  extend: ExtendInput;
  reply: ReplyInput;
  resolve: ResolveInput;
  callback: CallbackInput;
  reopen: ReopenInput;
  close: ReasonInput;
  invalidate: InvalidateInput;
  merge: MergeInput;
  escalate: ReasonInput;
  comment: CommentInput;
  assignCallback: AssignCallbackInput;
}

type CaseActionRequest = { [A in CaseAction]: { action: A; input: CaseActionInputs[A] } }[CaseAction];

// ---------------------------------------------------------------------------------------------------------------
// Results

/** The case fields an action changes; absent = unchanged. */
export interface CaseChanges {
  state?: CaseState;
  target?: RouteTarget | null;
  handlerId?: string | null;
  callbackAssigneeId?: string | null;
  escalationTier?: number;
  reopenCount?: number;
  /** the latest callback's answer */
  satisfaction?: Satisfaction | null;
  mergedIntoId?: string | null;
  closure?: CaseClosure | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  /** private repairs: the visit agreed with the owner */
  visitAt?: Date | null;
  // Derived by `decide` from the changes above, so that no caller computes a rule (docs/adr/0018):
  /** the department the case is with: its target when that is a department, else none (with `target`) */
  departmentId?: string | null;
  /** closed by the director after a callback short of satisfied (with `closure`; reports count it) */
  closedUnsatisfied?: boolean;
  /** closed as invalid (with `closure`) */
  invalid?: boolean;
  /** the replies so far (with a `reply`) */
  replyCount?: number;
}

/** Everything the server applies, in one transaction, after a successful `decide`. */
export interface CaseEffects {
  /** fields to set on the case (besides `version + 1`) */
  changes: CaseChanges;
  /** clock changes, in order (case-clocks.ts) */
  clocks: ClockEffect[];
  /** the entry to append to the timeline: `at` = ctx.now, actor = the acting user */
  timeline: { type: TimelineType; data: JsonObject };
}

export type DecisionRefusal =
  /** not in this state (HTTP 409 `invalid_transition`, details `{ state, allowedActions }`) */
  | { ok: false; reason: 'invalid_transition'; state: CaseState; allowedActions: CaseAction[] }
  /** this actor's role or scope may not (HTTP 403) */
  | { ok: false; reason: 'forbidden' }
  /** a rule that depends on the case's stored state (HTTP 422 `rule_violation`, details `{ rule }`) */
  | { ok: false; reason: 'rule'; rule: CaseRule; details?: Record<string, unknown> }
  /** a body the contract could have refused (HTTP 400 `validation_failed`): dotted field → message key */
  | { ok: false; reason: 'invalid_input'; fields: Record<string, string> };

export interface DecisionAccepted {
  ok: true;
  action: CaseAction;
  from: CaseState;
  to: CaseState;
  effects: CaseEffects;
  /** reply warnings that were overridden with a reason (kept in the timeline data too) */
  warnings: ReplyWarning[];
}

export type Decision = DecisionAccepted | DecisionRefusal;

/**
 * Rules needing the case's stored state. Message keys: `rule.<name>` in src/contracts/messages.ts.
 * - `escalation_max_tier` — already at tier 3 (ESCALATE-2);
 * - `merged_case_reopen` — a merged case is reopened through the case it was merged into;
 * - `clock_not_running` — `extend` of a clock the case does not have, or that was met or stopped;
 * - `extend_after_deadline` — `extend` at or after the clock's current due time (CLOCK-3: before the deadline);
 * - `extend_not_later` — the new due time is not after the current one;
 * - `reply_warnings` — the reply has warnings (details `{ warnings }`) and no `warningOverrideReason`;
 * - `merge_target_closed` — not raised by `decide`: the server checks the loaded target with `mergeTargetProblem`.
 */
export const CASE_RULES = [
  'escalation_max_tier',
  'merged_case_reopen',
  'clock_not_running',
  'extend_after_deadline',
  'extend_not_later',
  'reply_warnings',
  'merge_target_closed',
] as const;
export type CaseRule = (typeof CASE_RULES)[number];

/**
 * Message keys of `invalid_input` fields (besides the generic `field.required` / `field.invalid_value`):
 * `field.resident_agreement_required`, `field.satisfaction_not_reached`, `field.merge_into_self`,
 * `field.must_be_future`.
 */
export const CASE_FIELD_MESSAGES = [
  'field.required',
  'field.invalid_value',
  'field.resident_agreement_required',
  'field.satisfaction_not_reached',
  'field.merge_into_self',
  'field.must_be_future',
] as const;

/** What `decide` needs besides the case and the actor. */
export interface DecideContext extends ClockContext {
  /** the server's clock reading; the domain never reads the time itself */
  now: Date;
  /** the company's action policy; default FLOW-1 */
  actionPolicy?: ActionPolicy;
}

// ---------------------------------------------------------------------------------------------------------------
// decide / allowedActions

function stateAllows(action: CaseAction, state: CaseState): boolean {
  return ACTION_FROM_STATES[action].includes(state);
}

function roleAllows(action: CaseAction, parties: Set<CaseParty>, policy: ActionPolicy): boolean {
  return policy[action].some((party) => parties.has(party));
}

/** Preconditions on the case itself, independent of the body. */
function precondition(facts: CaseFacts, action: CaseAction): CaseRule | null {
  if (action === 'escalate' && !escalateOnce(CASE_ESCALATION, facts.escalationTier))
    return 'escalation_max_tier';
  if (action === 'reopen' && facts.mergedIntoId != null) return 'merged_case_reopen';
  return null;
}

/** The actions the actor may take on the case now (state, role/scope and preconditions; the body not looked at). */
export function allowedActions(
  facts: CaseFacts,
  actor: CaseActor,
  actionPolicy: ActionPolicy = DEFAULT_ACTION_POLICY,
): CaseAction[] {
  const parties = partiesOf(facts, actor);
  return CASE_ACTIONS.filter(
    (action) =>
      stateAllows(action, facts.state) &&
      roleAllows(action, parties, actionPolicy) &&
      precondition(facts, action) === null,
  );
}

/**
 * Whether `actor` may take `action` with `input` on the case now, and if so what changes. Pure: `ctx.now` is
 * the time, `ctx.calendar`/`ctx.timeZone`/`ctx.clockPolicy` compute due times.
 */
export function decide<A extends CaseAction>(
  facts: CaseFacts,
  actor: CaseActor,
  action: A,
  input: CaseActionInputs[A],
  ctx: DecideContext,
): Decision {
  const actionPolicy = ctx.actionPolicy ?? DEFAULT_ACTION_POLICY;
  if (!stateAllows(action, facts.state)) {
    return {
      ok: false,
      reason: 'invalid_transition',
      state: facts.state,
      allowedActions: allowedActions(facts, actor, actionPolicy),
    };
  }
  if (!roleAllows(action, partiesOf(facts, actor), actionPolicy)) return { ok: false, reason: 'forbidden' };
  const rule = precondition(facts, action);
  if (rule) return { ok: false, reason: 'rule', rule };
  return apply(facts, actor, { action, input } as CaseActionRequest, ctx);
}

/** The DomainError for a refusal, for services that throw (the one error handler maps it to HTTP). */
export function refusalToError(refusal: DecisionRefusal): DomainError {
  switch (refusal.reason) {
    case 'invalid_transition':
      return new DomainError(
        'invalid_transition',
        'invalid_transition',
        {},
        {
          state: refusal.state,
          allowedActions: refusal.allowedActions,
        },
      );
    case 'forbidden':
      return forbidden();
    case 'rule': {
      const error = ruleViolation(refusal.rule);
      return refusal.details
        ? new DomainError(error.code, error.messageKey, error.params, {
            ...error.details,
            ...refusal.details,
          })
        : error;
    }
    case 'invalid_input':
      return fieldError(refusal.fields);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Body checks and effects, per action

const blank = (text: string | null | undefined): boolean => !text || text.trim() === '';

const validDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());

/** Drops undefined properties, turns Dates into ISO strings: timeline data must hash the same after storage. */
function json(data: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    out[key] = toJson(value);
  }
  return out;
}

function toJson(value: unknown): JsonValue {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') return json(value as Record<string, unknown>);
  return value as JsonValue;
}

function invalid(fields: Record<string, string>): DecisionRefusal | null {
  return Object.keys(fields).length > 0 ? { ok: false, reason: 'invalid_input', fields } : null;
}

/** Clocks that keep counting after a case closes: a corrective action has its own due date (003 第2篇 七.1). */
const SURVIVES_CLOSING: readonly ClockName[] = ['corrective'];

interface Outcome {
  to: CaseState;
  changes?: CaseChanges;
  clocks?: ClockEffect[];
  data: Record<string, unknown>;
  warnings?: ReplyWarning[];
}

function apply(facts: CaseFacts, actor: CaseActor, request: CaseActionRequest, ctx: DecideContext): Decision {
  const result = outcome(facts, actor, request, ctx);
  if ('ok' in result) return result;
  const changes: CaseChanges = { ...(result.changes ?? {}) };
  if (result.to !== facts.state) changes.state = result.to;
  deriveChanges(facts, request.action, changes);
  return {
    ok: true,
    action: request.action,
    from: facts.state,
    to: result.to,
    effects: {
      changes,
      clocks: result.clocks ?? [],
      timeline: { type: ACTION_TIMELINE_TYPE[request.action], data: json(result.data) },
    },
    warnings: result.warnings ?? [],
  };
}

/** The columns that follow from the others, set beside them (CaseChanges' derived fields). */
function deriveChanges(facts: CaseFacts, action: CaseAction, changes: CaseChanges): void {
  if (changes.target !== undefined) changes.departmentId = targetDepartmentIdOf({ target: changes.target });
  if (changes.closure !== undefined) {
    const satisfaction = changes.satisfaction !== undefined ? changes.satisfaction : facts.satisfaction;
    changes.closedUnsatisfied = closedUnsatisfied(changes.closure, satisfaction);
    changes.invalid = changes.closure === 'invalidated';
  }
  if (action === 'reply') changes.replyCount = facts.replyCount + 1;
}

function requireText(fields: Record<string, string>, name: string, value: string | null | undefined): void {
  if (blank(value)) fields[name] = 'field.required';
}

function outcome(
  facts: CaseFacts,
  actor: CaseActor,
  request: CaseActionRequest,
  ctx: DecideContext,
): Outcome | DecisionRefusal {
  const { now } = ctx;
  const clocks = facts.clocks;
  const fields: Record<string, string> = {};
  switch (request.action) {
    case 'route': {
      const { target, note } = request.input;
      const visitAt = request.input.visitAt ?? null;
      if (!target || !ROUTE_TARGET_TYPES.includes(target.type)) fields['target.type'] = 'field.invalid_value';
      if (!target || blank(target.id)) fields['target.id'] = 'field.required';
      const visitProblem = agreedVisitProblem(visitAt, facts, now, 'field.visit_in_past');
      if (visitProblem) fields.visitAt = visitProblem;
      const refused = invalid(fields);
      if (refused) return refused;
      const handlerId =
        request.input.handlerId ??
        (target.type === 'leader'
          ? target.id
          : target.type === 'department'
            ? null
            : // sister or external unit: the first responder presses for a result and feeds it back (004 第六条)
              facts.firstResponderId);
      const effects: ClockEffect[] = meetRunning(clocks, ['route'], now);
      // A repair's work order must reach the team within 5 minutes (001 细则 三.二, REPAIR-2).
      const dispatch = facts.kind === 'repair' && target.type === 'department';
      // A sister unit is contacted within 30 minutes (004 第六条, ROUTE-3).
      const contact = target.type === 'sisterUnit';
      for (const [name, starts] of [
        ['dispatch', dispatch],
        ['contact', contact],
      ] as const) {
        const started = starts ? startClock(name, now, facts, ctx) : null;
        if (started) effects.push(started);
        else effects.push(...stopRunning(clocks, [name], now));
      }
      return {
        to: 'routed',
        changes: { target: { type: target.type, id: target.id }, handlerId, ...(visitAt ? { visitAt } : {}) },
        clocks: effects,
        data: {
          target: { type: target.type, id: target.id },
          handlerId,
          note: blank(note) ? undefined : note,
          visitAt: visitAt ? visitAt.toISOString() : undefined,
        },
      };
    }

    case 'assign': {
      requireText(fields, 'handlerId', request.input.handlerId);
      const refused = invalid(fields);
      if (refused) return refused;
      return {
        to: facts.state,
        changes: { handlerId: request.input.handlerId },
        data: { handlerId: request.input.handlerId, previousHandlerId: facts.handlerId },
      };
    }

    case 'accept': {
      // The acceptor takes the case when nobody was named; a named handler stays (a colleague may accept for them).
      const handlerId = facts.handlerId ?? actor.userId;
      return {
        to: 'in_progress',
        changes: facts.handlerId ? {} : { handlerId },
        clocks: meetRunning(clocks, ['dispatch'], now),
        data: { handlerId },
      };
    }

    case 'recordContact': {
      const { unitId, contactPerson, via, note } = request.input;
      requireText(fields, 'unitId', unitId);
      requireText(fields, 'contactPerson', contactPerson);
      requireText(fields, 'via', via);
      const refused = invalid(fields);
      if (refused) return refused;
      return {
        to: facts.state,
        clocks: meetRunning(clocks, ['contact'], now),
        data: { unitId, contactPerson, via, note: blank(note) ? undefined : note },
      };
    }

    case 'return': {
      requireText(fields, 'reason', request.input.reason);
      const refused = invalid(fields);
      if (refused) return refused;
      // Back to the first responder for re-routing: routing is due again within 60 minutes (004 第十条).
      const effects = stopRunning(clocks, ['dispatch', 'contact'], now);
      const route = startClock('route', now, facts, ctx);
      if (route) effects.push(route);
      return {
        to: 'received',
        changes: { target: null, handlerId: null },
        clocks: effects,
        data: {
          reason: request.input.reason,
          previousTarget: facts.target,
          previousHandlerId: facts.handlerId,
        },
      };
    }

    case 'wait': {
      requireText(fields, 'reason', request.input.reason);
      const refused = invalid(fields);
      if (refused) return refused;
      return {
        to: 'waiting',
        clocks: pauseRunning(clocks, 'resolve', now),
        data: { reason: request.input.reason },
      };
    }

    case 'resume': {
      const effects = resumePaused(clocks, 'resolve', now);
      const resumed = effects[0];
      const pausedMs =
        resumed?.op === 'resume' ? resumed.pausedMs - (clockOf(facts, 'resolve')?.pausedMs ?? 0) : undefined;
      return { to: 'in_progress', clocks: effects, data: { pausedMs } };
    }

    case 'extend': {
      const { clock: name, dueAt, reason, residentAgreed } = request.input;
      if (!CLOCK_NAMES.includes(name)) fields.clock = 'field.invalid_value';
      if (!validDate(dueAt)) fields.dueAt = 'field.invalid_value';
      requireText(fields, 'reason', reason);
      if (residentAgreed !== true) fields.residentAgreed = 'field.resident_agreement_required';
      const refused = invalid(fields);
      if (refused) return refused;
      const clock = clockOf(facts, name);
      if (!clock || !isClockRunning(clock)) return { ok: false, reason: 'rule', rule: 'clock_not_running' };
      // Before the deadline (001 通知 五.3, 003 5.(8)): a breached clock is not extended after the fact.
      if (now.getTime() >= clock.dueAt.getTime() || clock.breachedAt != null) {
        return { ok: false, reason: 'rule', rule: 'extend_after_deadline' };
      }
      if (dueAt.getTime() <= clock.dueAt.getTime())
        return { ok: false, reason: 'rule', rule: 'extend_not_later' };
      return {
        to: facts.state,
        clocks: [{ op: 'extend', clock: name, dueAt, previousDueAt: clock.dueAt }],
        data: { clock: name, from: clock.dueAt, to: dueAt, reason, residentAgreed: true },
      };
    }

    case 'reply': {
      const { message, via, warningOverrideReason } = request.input;
      requireText(fields, 'message', message);
      if (!REPLY_VIAS.includes(via)) fields.via = 'field.invalid_value';
      const refused = invalid(fields);
      if (refused) return refused;
      const warnings = checkReply({
        message,
        serviceComplaint: facts.serviceComplaint,
        firstReply: facts.replyCount === 0,
      });
      if (replyOverrideMissing(warnings, warningOverrideReason)) {
        return { ok: false, reason: 'rule', rule: 'reply_warnings', details: { warnings } };
      }
      return {
        to: facts.state,
        clocks: meetRunning(clocks, ['reply'], now),
        data: {
          message,
          via,
          warnings: warnings.length > 0 ? warnings : undefined,
          warningOverrideReason: warnings.length > 0 ? warningOverrideReason : undefined,
        },
        warnings,
      };
    }

    case 'resolve': {
      const { result, remedial, corrective, attachmentIds, materials } = request.input;
      requireText(fields, 'result', result);
      if (corrective) {
        requireText(fields, 'corrective.action', corrective.action);
        if (!validDate(corrective.dueAt)) fields['corrective.dueAt'] = 'field.invalid_value';
        else if (corrective.dueAt.getTime() <= now.getTime())
          fields['corrective.dueAt'] = 'field.must_be_future';
      }
      const refused = invalid(fields);
      if (refused) return refused;
      // Handling finished answers the resident (reply: "resolved or answered", CLOCK-1) and ends verification.
      const effects: ClockEffect[] = [
        ...meetRunning(clocks, ['resolve', 'reply', 'verify'], now),
        // Clocks that can no longer be met once handling is over.
        ...stopRunning(clocks, ['route', 'dispatch', 'contact'], now),
      ];
      const callback = startClock('callback', now, facts, ctx);
      if (callback) effects.push(callback);
      if (corrective) {
        effects.push({
          op: 'start',
          clock: 'corrective',
          startedAt: now,
          dueAt: corrective.dueAt,
          calendarUnknown: false,
        });
      }
      return {
        to: 'resolved',
        changes: { resolvedAt: now, callbackAssigneeId: callbackAssignee(facts) },
        clocks: effects,
        data: {
          result,
          remedial: blank(remedial) ? undefined : remedial,
          corrective: corrective ? { action: corrective.action, dueAt: corrective.dueAt } : undefined,
          attachmentIds: attachmentIds && attachmentIds.length > 0 ? [...attachmentIds] : undefined,
          materials,
        },
      };
    }

    case 'assignCallback': {
      const { assigneeId, note } = request.input;
      requireText(fields, 'assigneeId', assigneeId);
      const previous = callbackAssignee(facts);
      if (!fields.assigneeId && assigneeId === previous) fields.assigneeId = 'field.unchanged';
      const refused = invalid(fields);
      if (refused) return refused;
      // The callback clock keeps running: a new owner does not buy time (CALLBACK-6).
      return {
        to: facts.state,
        changes: { callbackAssigneeId: assigneeId },
        data: { assigneeId, previousAssigneeId: previous, note: blank(note) ? undefined : note },
      };
    }

    case 'callback': {
      const { method, reached, satisfaction, reason, appointmentAt } = request.input;
      if (!CALLBACK_METHODS.includes(method)) fields.method = 'field.invalid_value';
      if (typeof reached !== 'boolean') fields.reached = 'field.required';
      if (reached === false && satisfaction != null) fields.satisfaction = 'field.satisfaction_not_reached';
      if (reached === true && satisfaction == null) fields.satisfaction = 'field.required';
      if (satisfaction != null && !SATISFACTIONS.includes(satisfaction))
        fields.satisfaction = 'field.invalid_value';
      if (satisfaction === 'unsatisfied' && blank(reason)) fields.reason = 'field.required';
      if (appointmentAt != null) {
        if (!validDate(appointmentAt)) fields.appointmentAt = 'field.invalid_value';
        else if (appointmentAt.getTime() <= now.getTime()) fields.appointmentAt = 'field.must_be_future';
      }
      const refused = invalid(fields);
      if (refused) return refused;
      const base = {
        method,
        reached,
        satisfaction: satisfaction ?? undefined,
        reason: blank(reason) ? undefined : reason,
        appointmentAt: appointmentAt ?? undefined,
      };
      if (!reached) {
        // Not reached: the case stays resolved and the callback clock keeps running.
        return { to: 'resolved', data: { ...base, outcome: 'not_reached' } };
      }
      const met = meetRunning(clocks, ['callback'], now);
      if (satisfaction === 'unsatisfied') {
        // Unsatisfied reopens the case: handled again until the resident is satisfied (CALLBACK-3).
        const effects = [...met];
        const resolve = startClock('resolve', now, facts, ctx);
        if (resolve) effects.push(resolve);
        return {
          to: 'in_progress',
          changes: { satisfaction: 'unsatisfied', reopenCount: facts.reopenCount + 1, resolvedAt: null },
          clocks: effects,
          data: { ...base, outcome: 'reopened', reopenCount: facts.reopenCount + 1 },
        };
      }
      return {
        to: 'closed',
        changes: { satisfaction, closure: 'callback', closedAt: now },
        clocks: [...met, ...stopAllRunningExcept(clocks, SURVIVES_CLOSING, now, met)],
        data: { ...base, outcome: 'closed' },
      };
    }

    case 'reopen': {
      const { reason, handlerId } = request.input;
      requireText(fields, 'reason', reason);
      const refused = invalid(fields);
      if (refused) return refused;
      const effects = stopRunning(clocks, ['callback'], now);
      const resolve = startClock('resolve', now, facts, ctx);
      if (resolve) effects.push(resolve);
      const changes: CaseChanges = {
        reopenCount: facts.reopenCount + 1,
        resolvedAt: null,
        closure: null,
        closedAt: null,
      };
      if (handlerId) changes.handlerId = handlerId;
      return {
        to: 'in_progress',
        changes,
        clocks: effects,
        data: { reason, handlerId: handlerId ?? facts.handlerId, reopenCount: facts.reopenCount + 1 },
      };
    }

    case 'close': {
      requireText(fields, 'reason', request.input.reason);
      const refused = invalid(fields);
      if (refused) return refused;
      // Closing without a satisfied callback (CALLBACK-4, ours): reports count it as "closed unsatisfied".
      return {
        to: 'closed',
        changes: { closure: 'director', closedAt: now },
        clocks: stopAllRunningExcept(clocks, SURVIVES_CLOSING, now),
        data: { reason: request.input.reason },
      };
    }

    case 'invalidate': {
      requireText(fields, 'explanation', request.input.explanation);
      const refused = invalid(fields);
      if (refused) return refused;
      // The explanation answers the resident and ends the verification (CLASS-4).
      const met = meetRunning(clocks, ['reply', 'verify'], now);
      return {
        to: 'closed',
        changes: { closure: 'invalidated', closedAt: now },
        clocks: [...met, ...stopAllRunningExcept(clocks, SURVIVES_CLOSING, now, met)],
        data: { explanation: request.input.explanation },
      };
    }

    case 'merge': {
      const { intoCaseId } = request.input;
      if (blank(intoCaseId)) fields.intoCaseId = 'field.required';
      else if (intoCaseId === facts.id) fields.intoCaseId = 'field.merge_into_self';
      const refused = invalid(fields);
      if (refused) return refused;
      return {
        to: 'closed',
        changes: { closure: 'merged', mergedIntoId: intoCaseId, closedAt: now },
        clocks: stopAllRunningExcept(clocks, SURVIVES_CLOSING, now),
        data: { intoCaseId },
      };
    }

    case 'escalate': {
      requireText(fields, 'reason', request.input.reason);
      const refused = invalid(fields);
      if (refused) return refused;
      // the same step a breach takes (the deadline engine); the top of the chain was refused as a precondition
      const tier = escalateOnce(CASE_ESCALATION, facts.escalationTier)!.tier;
      return {
        to: facts.state,
        changes: { escalationTier: tier },
        data: { reason: request.input.reason, tier },
      };
    }

    case 'comment': {
      requireText(fields, 'text', request.input.text);
      const refused = invalid(fields);
      if (refused) return refused;
      return { to: facts.state, data: { text: request.input.text } };
    }
  }
}

/**
 * Who calls back (CALLBACK-2, policy): whoever was named already; for a major complaint the office's
 * director organises it; otherwise the first responder (004 第十一条).
 */
function callbackAssignee(facts: CaseFacts): string {
  if (facts.callbackAssigneeId) return facts.callbackAssigneeId;
  if (facts.kind === 'complaint' && facts.severity === 'major' && facts.officeDirectorId)
    return facts.officeDirectorId;
  return facts.firstResponderId;
}

/**
 * Merging into another case (the server loads it, in the same company — another company's id is a 404): the
 * target must be another case that is not closed. Returns the rule broken (`rule.merge_target_closed`), or null.
 */
export function mergeTargetProblem(
  facts: Pick<CaseFacts, 'id'>,
  target: Pick<CaseFacts, 'id' | 'state'>,
): 'merge_target_closed' | null {
  // merging into itself is refused by `decide` already (field.merge_into_self)
  if (target.id === facts.id || target.state === 'closed') return 'merge_target_closed';
  return null;
}
