import { OPEN_STATES, REPLY_VIAS, type ReplyVia } from '../case';
import { meetRunning } from '../case-clocks';
import { checkReply, replyOverrideMissing } from '../reply-checks';
import { invalid, requireText, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface ReplyInput {
  message: string;
  via: ReplyVia;
  /** needed when the reply checks warn (reply-checks.ts) */
  warningOverrideReason?: string | null;
}

/** Answer the resident (meets the `reply` clock); warnings need an override reason. */
export const reply: CaseActionModule<'reply', ReplyInput> = {
  action: 'reply',
  from: OPEN_STATES,
  parties: ['firstResponder', 'handler'],
  outcome(facts, _actor, input, { now }) {
    const fields: FieldErrors = {};
    const { message, via, warningOverrideReason } = input;
    requireText(fields, 'message', message);
    if (!REPLY_VIAS.includes(via)) fields.via = 'field.invalid_value';
    const refused = invalid(fields);
    if (refused) return refused;
    const warnings = checkReply({
      message,
      serviceComplaint: facts.serviceComplaint,
      firstReply: facts.replyCount === 0,
    });
    if (replyOverrideMissing(warnings, warningOverrideReason)) {
      return { ok: false, reason: 'rule', rule: 'reply_warnings', details: { warnings } };
    }
    return {
      to: facts.state,
      clocks: meetRunning(facts.clocks, ['reply'], now),
      data: {
        message,
        via,
        warnings: warnings.length > 0 ? warnings : undefined,
        warningOverrideReason: warnings.length > 0 ? warningOverrideReason : undefined,
      },
      warnings,
    };
  },
};
