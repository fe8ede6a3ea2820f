/**
 * The case state machine: FLOW-1 (from → to, who by default policy), as one function, `decide`, which
 * the server calls before every change and `allowedActions` calls for the UI — so the buttons the UI shows and the
 * answers the server gives never disagree. Each action is one module in `actions/` (its from-states, its parties,
 * its preconditions, its body checks and effects); this file only runs them in order.
 *
 * Readings of the table, where it leaves room:
 * - "any open" = received, routed, in_progress, waiting (see OPEN_STATES in case.ts): `resolved` is not open;
 *   the table names it separately where it applies (close, reopen, callback).
 * - Who is on a case and in which scope: parties.ts.
 * - The manager (经理) may do whatever the director may, company-wide (ESCALATE-1: major matters the office cannot
 *   handle go to the manager), and may escalate. Where the table names the supervisor but not the director (`extend`,
 *   `merge`) neither director nor manager is added: the table is the default policy, and a company changes it
 *   through `ActionPolicy`.
 * - Checks run in a fixed order: state (→ `invalid_transition`, 409 with `{ state, allowedActions }`), then role
 *   and scope (→ `forbidden`, 403), then the case's own preconditions (→ `rule`, 422: e.g. the escalation tier
 *   cap), then the body (→ `invalid_input`, 400 with fields; or `rule`, 422, when the check needs stored state,
 *   e.g. "extend before the deadline").
 * - `allowedActions` = the actions passing state, role and preconditions; the body is not looked at.
 */
import { DomainError, fieldError, forbidden, ruleViolation } from '../errors';
import {
  ACTION_TIMELINE_TYPE,
  CASE_ACTIONS,
  targetDepartmentIdOf,
  type CaseAction,
  type CaseActor,
  type CaseFacts,
  type CaseState,
  type JsonObject,
  type JsonValue,
} from './case';
import { closedUnsatisfied } from './escalation';
import { partiesOf, type CaseParty } from './parties';
import { CASE_ACTION_MODULES, type CaseActionInputs } from './actions';
import type { ActionPolicy, CaseChanges, DecideContext, Decision, DecisionRefusal } from './actions/types';

export { CASE_PARTIES, canComment, canSeeCase, partiesOf, type CaseParty } from './parties';
export {
  CASE_FIELD_MESSAGES,
  CASE_RULES,
  type ActionPolicy,
  type CaseChanges,
  type CaseEffects,
  type CaseRule,
  type DecideContext,
  type Decision,
  type DecisionAccepted,
  type DecisionRefusal,
  type NoInput,
  type ReasonInput,
} from './actions/types';
export type { CaseActionInputs } from './actions';
export type { ArriveInput } from './actions/arrive';
export type { AssignInput } from './actions/assign';
export type { CompleteCorrectiveInput } from './actions/complete-corrective';
export type { VerifyInput } from './actions/verify';
export type { RecordReportSentInput } from './actions/record-report-sent';
export type { RecordDecisionInput } from './actions/record-decision';
export type { ArrangeLeaderMeetingInput } from './actions/arrange-leader-meeting';
export type { AssignCallbackInput } from './actions/assign-callback';
export type { CallbackInput } from './actions/callback';
export type { CommentInput } from './actions/comment';
export type { ExtendInput } from './actions/extend';
export type { InvalidateInput } from './actions/invalidate';
export type { MergeInput } from './actions/merge';
export type { RecordContactInput } from './actions/record-contact';
export type { ReopenInput } from './actions/reopen';
export type { ReplyInput } from './actions/reply';
export type { ResolveInput } from './actions/resolve';
export type { RouteInput } from './actions/route';

const mapActions = <T>(pick: (action: CaseAction) => T): Readonly<Record<CaseAction, T>> =>
  Object.freeze(Object.fromEntries(CASE_ACTIONS.map((action) => [action, pick(action)]))) as Record<
    CaseAction,
    T
  >;

/** From which states each action may be taken (FLOW-1, column "from → to"), as its module declares. */
export const ACTION_FROM_STATES: Readonly<Record<CaseAction, readonly CaseState[]>> = mapActions(
  (action) => CASE_ACTION_MODULES[action].from,
);

/** FLOW-1 column "who (default policy)", as each action's module declares it. */
export const DEFAULT_ACTION_POLICY: ActionPolicy = mapActions(
  (action) => CASE_ACTION_MODULES[action].parties,
);

// ---------------------------------------------------------------------------------------------------------------
// decide / allowedActions

function stateAllows(action: CaseAction, state: CaseState): boolean {
  return ACTION_FROM_STATES[action].includes(state);
}

function roleAllows(action: CaseAction, parties: Set<CaseParty>, policy: ActionPolicy): boolean {
  return policy[action].some((party) => parties.has(party));
}

/** Preconditions on the case itself, independent of the body. */
function precondition(facts: CaseFacts, action: CaseAction) {
  return CASE_ACTION_MODULES[action].precondition?.(facts) ?? null;
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
  const result = CASE_ACTION_MODULES[action].outcome(facts, actor, input, ctx);
  if ('ok' in result) return result;
  const changes: CaseChanges = { ...(result.changes ?? {}) };
  if (result.to !== facts.state) changes.state = result.to;
  deriveChanges(facts, action, changes);
  return {
    ok: true,
    action,
    from: facts.state,
    to: result.to,
    effects: {
      changes,
      clocks: result.clocks ?? [],
      timeline: { type: ACTION_TIMELINE_TYPE[action], data: json(result.data) },
    },
    warnings: result.warnings ?? [],
  };
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
