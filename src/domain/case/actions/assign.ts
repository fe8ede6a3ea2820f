import { invalid, requireText, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface AssignInput {
  handlerId: string;
}

/** Name the handler within the department the case was routed to. */
export const assign: CaseActionModule<'assign', AssignInput> = {
  action: 'assign',
  from: ['routed', 'in_progress'],
  parties: ['targetDepartmentHead', 'supervisor', 'director', 'manager'],
  outcome(facts, _actor, input) {
    const fields: FieldErrors = {};
    requireText(fields, 'handlerId', input.handlerId);
    const refused = invalid(fields);
    if (refused) return refused;
    return {
      to: facts.state,
      changes: { handlerId: input.handlerId },
      data: { handlerId: input.handlerId, previousHandlerId: facts.handlerId },
    };
  },
};
