import { CALLBACK_METHODS, SATISFACTIONS, type CallbackMethod, type Satisfaction } from '../case';
import {
  meetRunning,
  startClock,
  startClockDueAt,
  stopAllRunningExcept,
  type ClockEffect,
} from '../case-clocks';
import { SURVIVES_CLOSING, blank, invalid, startProgress, validDate, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface CallbackInput {
  method: CallbackMethod;
  reached: boolean;
  /** required when reached; absent when not */
  satisfaction?: Satisfaction | null;
  /** required when unsatisfied (CALLBACK-3) */
  reason?: string | null;
  /** when the resident gets the answer to a question the callback could not answer at once (CALLBACK-5) */
  appointmentAt?: Date | null;
}

/**
 * Call the resident back: not reached, satisfied (closes), unsatisfied (handled again), or — a question the
 * callback could not answer at once — an appointment for the answer (CALLBACK-5).
 *
 * A reached callback meets `callback` and an `appointment` made before; one by visit meets `homeVisit`
 * (CALLBACK-7). With `appointmentAt` the case stays resolved whatever the satisfaction, and the `appointment` clock
 * is due at that time, met by the next callback or a reply.
 */
export const callback: CaseActionModule<'callback', CallbackInput> = {
  action: 'callback',
  from: ['resolved'],
  parties: ['callbackAssignee', 'supervisor', 'director', 'manager'],
  outcome(facts, _actor, input, ctx) {
    const { now } = ctx;
    const fields: FieldErrors = {};
    const { method, reached, satisfaction, reason, appointmentAt } = input;
    if (!CALLBACK_METHODS.includes(method)) fields.method = 'field.invalid_value';
    if (typeof reached !== 'boolean') fields.reached = 'field.required';
    if (reached === false && satisfaction != null) fields.satisfaction = 'field.satisfaction_not_reached';
    if (reached === true && satisfaction == null) fields.satisfaction = 'field.required';
    if (satisfaction != null && !SATISFACTIONS.includes(satisfaction))
      fields.satisfaction = 'field.invalid_value';
    if (satisfaction === 'unsatisfied' && blank(reason)) fields.reason = 'field.required';
    if (appointmentAt != null) {
      if (!validDate(appointmentAt)) fields.appointmentAt = 'field.invalid_value';
      else if (appointmentAt.getTime() <= now.getTime()) fields.appointmentAt = 'field.must_be_future';
    }
    const refused = invalid(fields);
    if (refused) return refused;
    const base = {
      method,
      reached,
      satisfaction: satisfaction ?? undefined,
      reason: blank(reason) ? undefined : reason,
      appointmentAt: appointmentAt ?? undefined,
    };
    if (!reached) {
      // Not reached: the case stays resolved and the callback clock keeps running; a time agreed to try again is
      // recorded, and the callback clock, not an appointment, holds it.
      return { to: 'resolved', data: { ...base, outcome: 'not_reached' } };
    }
    const met: ClockEffect[] = meetRunning(
      facts.clocks,
      ['callback', 'appointment', ...(method === 'visit' ? (['homeVisit'] as const) : [])],
      now,
    );
    if (appointmentAt) {
      return {
        to: 'resolved',
        changes: { satisfaction },
        clocks: [...met, startClockDueAt('appointment', now, appointmentAt)],
        data: { ...base, outcome: 'appointment' },
      };
    }
    if (satisfaction === 'unsatisfied') {
      // Unsatisfied reopens the case: handled again until the resident is satisfied (CALLBACK-3).
      const effects = [...met, ...stopAllRunningExcept(facts.clocks, SURVIVES_CLOSING, now, met)];
      const resolve = startClock('resolve', now, facts, ctx);
      if (resolve) effects.push(resolve);
      effects.push(...startProgress(facts, now, ctx));
      return {
        to: 'in_progress',
        changes: { satisfaction: 'unsatisfied', reopenCount: facts.reopenCount + 1, resolvedAt: null },
        clocks: effects,
        data: { ...base, outcome: 'reopened', reopenCount: facts.reopenCount + 1 },
      };
    }
    return {
      to: 'closed',
      changes: { satisfaction, closure: 'callback', closedAt: now },
      clocks: [...met, ...stopAllRunningExcept(facts.clocks, SURVIVES_CLOSING, now, met)],
      data: { ...base, outcome: 'closed' },
    };
  },
};
