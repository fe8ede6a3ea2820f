import { CASE_STATES } from '../case';
import { isRunning, meetRunning } from '../case-clocks';
import { invalid, requireText, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface CompleteCorrectiveInput {
  /** what was done */
  result: string;
  attachmentIds?: readonly string[];
}

/**
 * The corrective action (纠正措施) recorded at resolution is done (HANDLE-3, 003 第2篇 七.1–3): meets the
 * `corrective` clock, in whatever state the case is — it has its own due date and outlives the case's closing.
 */
export const completeCorrective: CaseActionModule<'completeCorrective', CompleteCorrectiveInput> = {
  action: 'completeCorrective',
  from: CASE_STATES,
  parties: ['handler', 'targetDepartmentHead', 'director', 'manager'],
  precondition: (facts) => (isRunning(facts.clocks, 'corrective') ? null : 'clock_not_running'),
  outcome(facts, _actor, input, { now }) {
    const fields: FieldErrors = {};
    requireText(fields, 'result', input.result);
    const refused = invalid(fields);
    if (refused) return refused;
    const attachmentIds = input.attachmentIds ?? [];
    return {
      to: facts.state,
      clocks: meetRunning(facts.clocks, ['corrective'], now),
      data: {
        result: input.result,
        attachmentIds: attachmentIds.length > 0 ? [...attachmentIds] : undefined,
      },
    };
  },
};
