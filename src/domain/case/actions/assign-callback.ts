import { blank, callbackAssignee, invalid, requireText, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface AssignCallbackInput {
  /** who calls back from now on; the server checks an active staff member of the company */
  assigneeId: string;
  note?: string | null;
}

/** Give the callback to someone else; the supervisor oversees the callback queue and may
 * reassign (CALLBACK-6). */
export const assignCallback: CaseActionModule<'assignCallback', AssignCallbackInput> = {
  action: 'assignCallback',
  from: ['resolved'],
  parties: ['supervisor', 'director', 'manager'],
  outcome(facts, _actor, input) {
    const fields: FieldErrors = {};
    const { assigneeId, note } = input;
    requireText(fields, 'assigneeId', assigneeId);
    const previous = callbackAssignee(facts);
    if (!fields.assigneeId && assigneeId === previous) fields.assigneeId = 'field.unchanged';
    const refused = invalid(fields);
    if (refused) return refused;
    // The callback clock keeps running: a new owner does not buy time (CALLBACK-6).
    return {
      to: facts.state,
      changes: { callbackAssigneeId: assigneeId },
      data: { assigneeId, previousAssigneeId: previous, note: blank(note) ? undefined : note },
    };
  },
};
