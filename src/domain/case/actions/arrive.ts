import { RECEIVED_AT_SKEW_MS } from '../intake';
import { meetRunning, type ClockEffect } from '../case-clocks';
import { startProgress, validDate, type FieldErrors, invalid } from './shared';
import type { CaseActionModule } from './types';

export interface ArriveInput {
  /** when the handler reached the site; default now; not in the future, not before the case was received */
  at?: Date | null;
}

/**
 * The handler is on site (EMERGENCY-2, 001 通知 三.1): meets `onsite` and `dispatch` at the time of arrival, and
 * accepts the case — the arriving person becomes its handler when it had none. An emergency's resident is updated
 * at the policy's interval from now on (`progress`, EMERGENCY-3).
 */
export const arrive: CaseActionModule<'arrive', ArriveInput> = {
  action: 'arrive',
  from: ['routed', 'in_progress'],
  parties: ['handler', 'targetDepartmentMember'],
  outcome(facts, actor, input, ctx) {
    const { now } = ctx;
    const at = input.at ?? now;
    const fields: FieldErrors = {};
    if (!validDate(at)) fields.at = 'field.invalid_value';
    else if (at.getTime() > now.getTime() + RECEIVED_AT_SKEW_MS) fields.at = 'field.not_in_future';
    else if (at.getTime() < facts.receivedAt.getTime()) fields.at = 'field.invalid_value';
    const refused = invalid(fields);
    if (refused) return refused;
    const arrivedAt = at.getTime() > now.getTime() ? now : at;
    const handlerId = facts.handlerId ?? actor.userId;
    const clocks: ClockEffect[] = meetRunning(facts.clocks, ['onsite', 'dispatch'], arrivedAt);
    if (facts.state === 'routed') clocks.push(...startProgress(facts, now, ctx));
    return {
      to: 'in_progress',
      changes: facts.handlerId ? {} : { handlerId },
      clocks,
      data: { at: arrivedAt, handlerId },
    };
  },
};
