import { pauseRunning } from '../case-clocks';
import { refuseWithoutReason } from './shared';
import type { CaseActionModule, ReasonInput } from './types';

/** Wait on something outside the handler's hands: the resolve clock pauses. */
export const wait: CaseActionModule<'wait', ReasonInput> = {
  action: 'wait',
  from: ['in_progress'],
  parties: ['handler'],
  outcome(facts, _actor, input, { now }) {
    const refused = refuseWithoutReason(input);
    if (refused) return refused;
    return {
      to: 'waiting',
      clocks: pauseRunning(facts.clocks, 'resolve', now),
      data: { reason: input.reason },
    };
  },
};
