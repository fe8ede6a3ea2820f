import { OPEN_STATES } from '../case';
import { refuseWithoutReason } from './shared';
import type { CaseActionModule, ReasonInput } from './types';

/**
 * A special incident (HANDLE-7, 003 第1篇 5.(6): 先稳定、后立即上报): recorded on the case, and the office director
 * and the manager are told at once (the server).
 */
export const flagSpecialIncident: CaseActionModule<'flagSpecialIncident', ReasonInput> = {
  action: 'flagSpecialIncident',
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
    return { to: facts.state, data: { reason: input.reason } };
  },
};
