import { DECISIONS, OPEN_STATES, type Decision } from '../case';
import { blank, invalid, requireText, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface RecordDecisionInput {
  decision: Decision;
  /** adopt: the rectification plan (整改方案) */
  plan?: string | null;
  /** decline: why, answered to the resident by a reply */
  reason?: string | null;
  /** handle: who handles it now */
  handlerId?: string | null;
  note?: string | null;
}

/**
 * The director's decision (ESCALATE-3, SUGGEST-1):
 * - `handle` — on a case before the director (referred or escalated to tier 2 or above): how and by whom; a named
 *   handler takes the case;
 * - `adopt` — a suggestion taken up, with its rectification plan; `decline` — with the reason (the resident is
 *   answered by a reply and the case closed by its callback like any case).
 */
export const recordDecision: CaseActionModule<'recordDecision', RecordDecisionInput> = {
  action: 'recordDecision',
  from: OPEN_STATES,
  parties: ['director', 'manager'],
  outcome(facts, _actor, input) {
    const fields: FieldErrors = {};
    const { decision, plan, reason, handlerId, note } = input;
    if (!DECISIONS.includes(decision)) fields.decision = 'field.invalid_value';
    else if (decision === 'handle' && facts.escalationTier < 2)
      fields.decision = 'field.decision_not_referred';
    else if (decision !== 'handle' && facts.kind !== 'suggestion')
      fields.decision = 'field.decision_suggestions_only';
    if (decision === 'adopt') requireText(fields, 'plan', plan);
    if (decision === 'decline') requireText(fields, 'reason', reason);
    const refused = invalid(fields);
    if (refused) return refused;
    const handler = decision === 'handle' && handlerId ? handlerId : null;
    return {
      to: facts.state,
      changes: handler ? { handlerId: handler } : {},
      data: {
        decision,
        plan: decision === 'adopt' ? plan : undefined,
        reason: decision === 'decline' ? reason : undefined,
        handlerId: handler ?? undefined,
        note: blank(note) ? undefined : note,
      },
    };
  },
};
