import { OPEN_STATES } from '../case';
import { stopAllRunningExcept } from '../case-clocks';
import { SURVIVES_CLOSING, blank, invalid, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface MergeInput {
  intoCaseId: string;
}

/** Close the case into another one about the same matter (the server checks the target: `mergeTargetProblem`). */
export const merge: CaseActionModule<'merge', MergeInput> = {
  action: 'merge',
  from: OPEN_STATES,
  // the table names the supervisor, not the director: a company widens it through its action policy
  parties: ['firstResponder', 'supervisor'],
  outcome(facts, _actor, input, { now }) {
    const fields: FieldErrors = {};
    const { intoCaseId } = input;
    if (blank(intoCaseId)) fields.intoCaseId = 'field.required';
    else if (intoCaseId === facts.id) fields.intoCaseId = 'field.merge_into_self';
    const refused = invalid(fields);
    if (refused) return refused;
    return {
      to: 'closed',
      changes: { closure: 'merged', mergedIntoId: intoCaseId, closedAt: now },
      clocks: stopAllRunningExcept(facts.clocks, SURVIVES_CLOSING, now),
      data: { intoCaseId },
    };
  },
};
