import { WARNING_FRACTION } from '../clock/deadlines';
import type { DeadlineRules, EscalationChain } from '../deadlines/deadline';
import type { CaseClosure, CaseState, Satisfaction } from './case';

/**
 * Who a case escalates to at each tier, by a breached clock or by hand (ours, company policy): tier 1 the
 * office's supervisor (客服主管), tier 2 the director (管理处主任), tier 3 the manager (经理). Tier 0 is not
 * escalated. The step itself and who is told are the deadline engine's (domain/deadlines/deadline.ts).
 */
export const CASE_ESCALATION: EscalationChain = ['supervisor', 'director', 'manager'];

/**
 * A case clock's deadline rules: warned at 80 % of its time, a breach raises the case one tier; paused while the
 * case waits (FLOW-3) and extended with the resident's agreement (CLOCK-3). Which clocks recur (`progress`) is
 * the case's own: a reply starts it again (EMERGENCY-3).
 */
export const CASE_CLOCK_RULES: DeadlineRules = {
  warnAtFraction: WARNING_FRACTION,
  escalation: CASE_ESCALATION,
  pausable: true,
  extendable: true,
};

/**
 * A case clock's rules as the sweep applies them (CLOCK-8): a clock that breaches on a closed case (a corrective
 * action's, which outlives the closing) is recorded, told and files its duty fact, but raises no tier — a closed
 * case is not escalated.
 */
export function caseClockRules(state: CaseState): DeadlineRules {
  return state === 'closed' ? { ...CASE_CLOCK_RULES, escalation: null } : CASE_CLOCK_RULES;
}

/**
 * A case the director closed without a satisfied callback counts as "closed unsatisfied" in reports
 * (CALLBACK-4, ours/policy).
 */
export function closedUnsatisfied(
  closure: CaseClosure | null | undefined,
  lastSatisfaction: Satisfaction | null | undefined,
) {
  return (
    closure === 'director' && lastSatisfaction !== 'satisfied' && lastSatisfaction !== 'basically_satisfied'
  );
}
