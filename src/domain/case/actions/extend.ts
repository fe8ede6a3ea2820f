import { CLOCK_NAMES, OPEN_STATES, clockOf, isClockRunning, type ClockName } from '../case';
import { invalid, requireText, validDate, type FieldErrors } from './shared';
import { extendDeadline } from '../../deadlines/deadline';
import { CASE_CLOCK_RULES } from '../escalation';
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
    // Before the deadline and only later (CLOCK-3; 001 通知 五.3, 003 5.(8)): the deadline engine's one rule.
    const extended = extendDeadline(
      {
        startedAt: clock.startedAt ?? clock.dueAt,
        dueAt: clock.dueAt,
        warnedAt: null,
        breachedAt: clock.breachedAt,
        metAt: clock.metAt,
        stoppedAt: clock.stoppedAt ?? null,
        pausedAt: clock.pausedAt ?? null,
      },
      CASE_CLOCK_RULES,
      dueAt,
      now,
    );
    if (typeof extended === 'string') {
      // a case clock is extendable (CASE_CLOCK_RULES): the refusal is one of the case's rules
      return { ok: false, reason: 'rule', rule: extended === 'not_allowed' ? 'clock_not_running' : extended };
    }
    return {
      to: facts.state,
      clocks: [{ op: 'extend', clock: name, dueAt, previousDueAt: clock.dueAt }],
      data: { clock: name, from: clock.dueAt, to: dueAt, reason, residentAgreed: true },
    };
  },
};
