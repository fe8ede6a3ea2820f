import { OPEN_STATES } from '../case';
import { refuseWithoutReason } from './shared';
import type { CaseActionModule, ReasonInput } from './types';

/** The director's tier (ESCALATE-2): a referral puts the case before the office director. */
const DIRECTOR_TIER = 2;

/**
 * Refer the case to the office director for a decision (ESCALATE-3, 003 第2篇 七.2; 001 细则 三.(一).3): the tier
 * becomes at least the director's, and the director is told (the server). The director answers with
 * `recordDecision { decision: handle }`.
 */
export const refer: CaseActionModule<'refer', ReasonInput> = {
  action: 'refer',
  from: OPEN_STATES,
  // "anyone on the case"
  parties: [
    'firstResponder',
    'recorder',
    'handler',
    'callbackAssignee',
    'targetDepartmentMember',
    'supervisor',
    'director',
    'manager',
  ],
  outcome(facts, _actor, input) {
    const refused = refuseWithoutReason(input);
    if (refused) return refused;
    const tier = Math.max(facts.escalationTier, DIRECTOR_TIER);
    return {
      to: facts.state,
      changes: tier !== facts.escalationTier ? { escalationTier: tier } : {},
      data: { reason: input.reason, tier },
    };
  },
};
