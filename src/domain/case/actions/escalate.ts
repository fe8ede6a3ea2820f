import { OPEN_STATES } from '../case';
import { escalateOnce } from '../../deadlines/deadline';
import { CASE_ESCALATION } from '../escalation';
import { refuseWithoutReason } from './shared';
import type { CaseActionModule, ReasonInput } from './types';

/** Take the case one tier up its escalation chain, the same step a breach takes. */
export const escalate: CaseActionModule<'escalate', ReasonInput> = {
  action: 'escalate',
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
  precondition: (facts) =>
    escalateOnce(CASE_ESCALATION, facts.escalationTier) ? null : 'escalation_max_tier',
  outcome(facts, _actor, input) {
    const refused = refuseWithoutReason(input);
    if (refused) return refused;
    // the same step a breach takes (the deadline engine); the top of the chain was refused as a precondition
    const tier = escalateOnce(CASE_ESCALATION, facts.escalationTier)!.tier;
    return {
      to: facts.state,
      changes: { escalationTier: tier },
      data: { reason: input.reason, tier },
    };
  },
};
