import { OPEN_STATES } from '../case';
import { meetRunning, stopAllRunningExcept } from '../case-clocks';
import { SURVIVES_CLOSING, invalid, requireText, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface InvalidateInput {
  /** what the resident was told (CLASS-4: explained patiently) */
  explanation: string;
}

/** Close the case as not a valid one, with what the resident was told. */
export const invalidate: CaseActionModule<'invalidate', InvalidateInput> = {
  action: 'invalidate',
  from: OPEN_STATES,
  parties: ['supervisor', 'director', 'manager'],
  outcome(facts, _actor, input, { now }) {
    const fields: FieldErrors = {};
    requireText(fields, 'explanation', input.explanation);
    const refused = invalid(fields);
    if (refused) return refused;
    // The explanation answers the resident and ends the verification (CLASS-4).
    const met = meetRunning(facts.clocks, ['reply', 'verify'], now);
    return {
      to: 'closed',
      changes: { closure: 'invalidated', closedAt: now },
      clocks: [...met, ...stopAllRunningExcept(facts.clocks, SURVIVES_CLOSING, now, met)],
      data: { explanation: input.explanation },
    };
  },
};
