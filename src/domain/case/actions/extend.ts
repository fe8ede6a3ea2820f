import { CLOCK_NAMES, OPEN_STATES, clockOf, isClockRunning, type ClockName } from '../case';
import { invalid, requireText, validDate, type FieldErrors } from './shared';
import type { CaseActionModule } from './types';

export interface ExtendInput {
  clock: ClockName;
  /** the new due time, later than the current one */
  dueAt: Date;
  reason: string;
  /** the resident agreed to the new time (001 通知 五.3, 003 5.(8)); must be true */
  residentAgreed: boolean;
}

/** Move a running clock's deadline later, with the resident's agreement, before it passes. */
export const extend: CaseActionModule<'extend', ExtendInput> = {
  action: 'extend',
  from: OPEN_STATES,
  // the table names the supervisor, not the director: a company widens it through its action policy
  parties: ['handler', 'supervisor'],
  outcome(facts, _actor, input, { now }) {
    const fields: FieldErrors = {};
    const { clock: name, dueAt, reason, residentAgreed } = input;
    if (!CLOCK_NAMES.includes(name)) fields.clock = 'field.invalid_value';
    if (!validDate(dueAt)) fields.dueAt = 'field.invalid_value';
    requireText(fields, 'reason', reason);
    if (residentAgreed !== true) fields.residentAgreed = 'field.resident_agreement_required';
    const refused = invalid(fields);
    if (refused) return refused;
    const clock = clockOf(facts, name);
    if (!clock || !isClockRunning(clock)) return { ok: false, reason: 'rule', rule: 'clock_not_running' };
    // Before the deadline (001 通知 五.3, 003 5.(8)): a breached clock is not extended after the fact.
    if (now.getTime() >= clock.dueAt.getTime() || clock.breachedAt != null) {
      return { ok: false, reason: 'rule', rule: 'extend_after_deadline' };
    }
    if (dueAt.getTime() <= clock.dueAt.getTime())
      return { ok: false, reason: 'rule', rule: 'extend_not_later' };
    return {
      to: facts.state,
      clocks: [{ op: 'extend', clock: name, dueAt, previousDueAt: clock.dueAt }],
      data: { clock: name, from: clock.dueAt, to: dueAt, reason, residentAgreed: true },
    };
  },
};
