import { OPEN_STATES } from '../case';
import { blank, invalid, validDate, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface ArrangeLeaderMeetingInput {
  /** the leader the resident meets (the server checks an active employee of the company) */
  leaderId: string;
  at: Date;
  note?: string | null;
}

/**
 * A resident's reasonable request to speak to a leader is arranged (HANDLE-6, 003 第1篇 5.(5)): who, when; the
 * leader is told (the server).
 */
export const arrangeLeaderMeeting: CaseActionModule<'arrangeLeaderMeeting', ArrangeLeaderMeetingInput> = {
  action: 'arrangeLeaderMeeting',
  from: OPEN_STATES,
  parties: ['firstResponder', 'supervisor', 'director', 'manager'],
  outcome(facts, _actor, input, { now }) {
    const fields: FieldErrors = {};
    if (blank(input.leaderId)) fields.leaderId = 'field.required';
    if (!validDate(input.at)) fields.at = 'field.invalid_value';
    else if (input.at.getTime() <= now.getTime()) fields.at = 'field.must_be_future';
    const refused = invalid(fields);
    if (refused) return refused;
    return {
      to: facts.state,
      data: { leaderId: input.leaderId, at: input.at, note: blank(input.note) ? undefined : input.note },
    };
  },
};
