import { pauseRunning } from '../case-clocks';
import { invalid, requireText, type FieldErrors } from './shared';
import type { CaseActionModule, ReasonInput } from './types';

/** Wait on something outside the handler's hands: the resolve clock pauses. */
export const wait: CaseActionModule<'wait', ReasonInput> = {
  action: 'wait',
  from: ['in_progress'],
  parties: ['handler'],
  outcome(facts, _actor, input, { now }) {
    const fields: FieldErrors = {};
    requireText(fields, 'reason', input.reason);
    const refused = invalid(fields);
    if (refused) return refused;
    return {
      to: 'waiting',
      clocks: pauseRunning(facts.clocks, 'resolve', now),
      data: { reason: input.reason },
    };
  },
};
