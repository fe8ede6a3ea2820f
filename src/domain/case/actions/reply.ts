import { OPEN_STATES, REPLY_VIAS, type ReplyVia } from '../case';
import { isRunning, meetRunning, startClock, type ClockEffect } from '../case-clocks';
import { checkReply, replyOverrideMissing } from '../reply-checks';
import { invalid, requireText, tellsResident, withUnit, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface ReplyInput {
  message: string;
  via: ReplyVia;
  /** needed when the reply checks warn (reply-checks.ts) */
  warningOverrideReason?: string | null;
}

/**
 * Answer the resident; warnings need an override reason. A reply meets, each where it runs:
 * - `reply` (CLOCK-1: answered within 24 h);
 * - `route` once the case is routed, when it tells the resident (ROUTE-2: a hotline case through the hotline);
 * - `progress` (EMERGENCY-3), which starts again: the next update is due an interval later;
 * - `followUp` while a sister or external unit has the case: the unit's result fed back (ROUTE-7);
 * - `appointment`: the answer promised at a callback (CALLBACK-5), which is why a reply is allowed on a resolved
 *   case too.
 */
export const reply: CaseActionModule<'reply', ReplyInput> = {
  action: 'reply',
  from: [...OPEN_STATES, 'resolved'],
  parties: ['firstResponder', 'handler'],
  outcome(facts, _actor, input, ctx) {
    const { now } = ctx;
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
    const tells = tellsResident(facts, via);
    const routed = facts.target !== null && facts.state !== 'received';
    const meets = [
      'reply' as const,
      'appointment' as const,
      ...(tells && routed ? (['route'] as const) : []),
      ...(withUnit(facts) ? (['followUp'] as const) : []),
    ];
    const clocks: ClockEffect[] = meetRunning(facts.clocks, meets, now);
    if (isRunning(facts.clocks, 'progress')) {
      const next = startClock('progress', now, facts, ctx);
      clocks.push(...(next ? [next] : meetRunning(facts.clocks, ['progress'], now)));
    }
    return {
      to: facts.state,
      changes: tells && !facts.residentToldAt ? { residentToldAt: now } : {},
      clocks,
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
