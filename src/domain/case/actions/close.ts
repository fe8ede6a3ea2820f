import { OPEN_STATES } from '../case';
import { stopAllRunningExcept } from '../case-clocks';
import { refuseWithoutReason, SURVIVES_CLOSING } from './shared';
import type { CaseActionModule, ReasonInput } from './types';

/** The director closes the case without a satisfied callback. */
export const close: CaseActionModule<'close', ReasonInput> = {
  action: 'close',
  from: ['resolved', ...OPEN_STATES],
  parties: ['director', 'manager'],
  outcome(facts, _actor, input, { now }) {
    const refused = refuseWithoutReason(input);
    if (refused) return refused;
    // Closing without a satisfied callback (CALLBACK-4, ours): reports count it as "closed unsatisfied".
    return {
      to: 'closed',
      changes: { closure: 'director', closedAt: now },
      clocks: stopAllRunningExcept(facts.clocks, SURVIVES_CLOSING, now),
      data: { reason: input.reason },
    };
  },
};
