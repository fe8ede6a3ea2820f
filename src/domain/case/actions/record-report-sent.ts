import { OPEN_STATES } from '../case';
import { RECEIVED_AT_SKEW_MS } from '../intake';
import { invalid, requireText, validDate, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface RecordReportSentInput {
  /** the sister unit it went to */
  unitId: string;
  /** copies handed over (004 附表一: two) */
  copies: number;
  /** who received it at the unit */
  receiver: string;
  /** when it was handed over; default now, not in the future */
  at?: Date | null;
}

/**
 * The written report 《业主投诉书面报告》 of a major case went to the sister unit (ROUTE-3, 004 第六条, 附表一): how
 * many copies, to whom, when.
 */
export const recordReportSent: CaseActionModule<'recordReportSent', RecordReportSentInput> = {
  action: 'recordReportSent',
  from: OPEN_STATES,
  parties: ['firstResponder', 'handler'],
  outcome(facts, _actor, input, { now }) {
    const fields: FieldErrors = {};
    requireText(fields, 'unitId', input.unitId);
    requireText(fields, 'receiver', input.receiver);
    if (!Number.isInteger(input.copies) || input.copies < 1 || input.copies > 10)
      fields.copies = 'field.invalid_value';
    const at = input.at ?? now;
    if (!validDate(at)) fields.at = 'field.invalid_value';
    else if (at.getTime() > now.getTime() + RECEIVED_AT_SKEW_MS) fields.at = 'field.not_in_future';
    const refused = invalid(fields);
    if (refused) return refused;
    return {
      to: facts.state,
      data: {
        unitId: input.unitId,
        copies: input.copies,
        receiver: input.receiver,
        at: at.getTime() > now.getTime() ? now : at,
      },
    };
  },
};
