import { CASE_STATES } from '../case';
import { invalid, requireText, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface CommentInput {
  text: string;
}

/** A note on the case's timeline, in any state, by anyone who sees it and is not read-only. */
export const comment: CaseActionModule<'comment', CommentInput> = {
  action: 'comment',
  from: CASE_STATES,
  parties: ['viewer'],
  outcome(facts, _actor, input) {
    const fields: FieldErrors = {};
    requireText(fields, 'text', input.text);
    const refused = invalid(fields);
    if (refused) return refused;
    return { to: facts.state, data: { text: input.text } };
  },
};
