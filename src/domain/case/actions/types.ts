/**
 * The shapes every case action shares: what a module declares (from-states, parties, preconditions, outcome), what
 * `decide` returns, and the rules and field messages a refusal may name.
 */
import type {
  CaseAction,
  CaseActor,
  CaseClosure,
  CaseFacts,
  CaseState,
  JsonObject,
  RouteTarget,
  Satisfaction,
  TimelineType,
} from '../case';
import type { ClockContext, ClockEffect } from '../case-clocks';
import type { CaseParty } from '../parties';
import type { ReplyWarning } from '../reply-checks';

/** Who may take each action: any one of the listed parties. */
export type ActionPolicy = Readonly<Record<CaseAction, readonly CaseParty[]>>;

/** What `decide` needs besides the case and the actor. */
export interface DecideContext extends ClockContext {
  /** the server's clock reading; the domain never reads the time itself */
  now: Date;
  /** the company's action policy; default FLOW-1 */
  actionPolicy?: ActionPolicy;
}

/**
 * Rules needing the case's stored state. Message keys: `rule.<name>` in src/contracts/messages.ts.
 * - `escalation_max_tier` — already at tier 3, the top of the escalation chain (ESCALATE-2);
 * - `merged_case_reopen` — a merged case is reopened through the case it was merged into;
 * - `clock_not_running` — `extend` of a clock the case does not have, or that was met or stopped;
 * - `extend_after_deadline` — `extend` at or after the clock's current due time (CLOCK-3: before the deadline);
 * - `extend_not_later` — the new due time is not after the current one;
 * - `clock_not_running` also refuses `completeCorrective` when the case has no corrective action counting;
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
 * `field.must_be_future`, `field.not_in_future`, `field.decision_not_referred` (`handle` on a case not before the director),
 * `field.decision_suggestions_only` (adopt or decline a suggestion only).
 */
export const CASE_FIELD_MESSAGES = [
  'field.required',
  'field.invalid_value',
  'field.resident_agreement_required',
  'field.satisfaction_not_reached',
  'field.merge_into_self',
  'field.must_be_future',
  'field.not_in_future',
  'field.decision_not_referred',
  'field.decision_suggestions_only',
] as const;

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
  /** when the resident was first told the status or time limit (ROUTE-2) */
  residentToldAt?: Date | null;
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

/** What one action's body check and effects come to, before `decide` adds the derived columns and the timeline. */
export interface Outcome {
  to: CaseState;
  changes?: CaseChanges;
  clocks?: ClockEffect[];
  /** the timeline entry's data, before `json` drops undefined and turns dates into ISO strings */
  data: Record<string, unknown>;
  warnings?: ReplyWarning[];
}

/**
 * One case action, all in one place: from which states, which parties may take it by default, what the case
 * itself must allow (checked for `allowedActions` too), and — once state, party and precondition passed — the
 * body's checks and the effects.
 */
export interface CaseActionModule<A extends CaseAction, Input> {
  action: A;
  from: readonly CaseState[];
  parties: readonly CaseParty[];
  /** a rule of the case's stored state that forbids the action whatever the body; null when it may */
  precondition?: (facts: CaseFacts) => CaseRule | null;
  outcome: (
    facts: CaseFacts,
    actor: CaseActor,
    input: Input,
    ctx: DecideContext,
  ) => Outcome | DecisionRefusal;
}

/** The body of an action that takes none (besides `version`). */
export type NoInput = Record<string, never>;
/** The body of an action that needs only a reason. */
export interface ReasonInput {
  reason: string;
}
