/**
 * A case's clocks as they are kept between actions, and how the domain's clock effects (case-clocks.ts) change
 * them: the fold every writer of a case applies — intake, each action, the sweep — and what the case row keeps of
 * its clocks (the earliest due time still counting, and whether any fell in a year without a working calendar).
 */
import { nextCheckAt as nextDeadlineCheck, type DeadlineFacts } from '../deadlines/deadline';
import { CASE_CLOCK_RULES } from './escalation';
import type { ClockName } from './case';
import type { ClockEffect } from './case-clocks';

/** One clock of one case, as stored: the API's `clocks[]`, plus when the sweeper must look at it next. */
export interface StoredClock {
  id: string;
  caseId: string;
  name: ClockName;
  startedAt: Date;
  dueAt: Date;
  metAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  pausedAt: Date | null;
  pausedMs: number;
  stoppedAt: Date | null;
  calendarUnknown: boolean;
  nextCheckAt: Date | null;
}

/**
 * When the sweeper must look at a clock next: its 80 % warning, then its deadline; never once met, stopped,
 * paused or breached (each clock is warned once and breached once) — the deadline engine's rule for case clocks.
 */
export function nextCheckAt(c: DeadlineFacts): Date | null {
  return nextDeadlineCheck(c, CASE_CLOCK_RULES);
}

/**
 * Applies clock effects, in order, to the clocks of one case (by name), and sets each changed clock's next check.
 * A new clock gets `id` '' (the store gives it one). Returns the names it changed; effects on a clock the case
 * does not have are ignored.
 */
export function foldClockEffects(
  current: Map<ClockName, StoredClock>,
  caseId: string,
  effects: readonly ClockEffect[],
): Set<ClockName> {
  const touched = new Set<ClockName>();
  for (const e of effects) {
    const c = current.get(e.clock);
    if (e.op === 'start') {
      current.set(e.clock, {
        id: c?.id ?? '',
        caseId,
        name: e.clock,
        startedAt: e.startedAt,
        dueAt: e.dueAt,
        metAt: null,
        warnedAt: null,
        breachedAt: null,
        pausedAt: null,
        pausedMs: 0,
        stoppedAt: null,
        calendarUnknown: e.calendarUnknown,
        nextCheckAt: null,
      });
    } else if (c) {
      if (e.op === 'meet') c.metAt = e.at;
      else if (e.op === 'pause') c.pausedAt = e.at;
      else if (e.op === 'resume') Object.assign(c, { pausedAt: null, dueAt: e.dueAt, pausedMs: e.pausedMs });
      else if (e.op === 'extend') Object.assign(c, { dueAt: e.dueAt, warnedAt: null });
      else if (e.op === 'stop') c.stoppedAt = e.at;
    } else continue;
    touched.add(e.clock);
  }
  for (const name of touched) {
    const c = current.get(name)!;
    c.nextCheckAt = nextCheckAt(c);
  }
  return touched;
}

/**
 * What the case row keeps about its clocks: the earliest due time of those still counting and not paused (lists
 * sort by it, the overdue board filters on it), and whether any counting clock fell in an unknown calendar year.
 */
export function clockSummary(clocks: Iterable<StoredClock>): {
  nextDueAt: Date | null;
  calendarUnknown: boolean;
} {
  let nextDueAt: Date | null = null;
  let calendarUnknown = false;
  for (const c of clocks) {
    if (c.metAt || c.stoppedAt) continue;
    if (c.calendarUnknown) calendarUnknown = true;
    if (!c.pausedAt && (!nextDueAt || c.dueAt < nextDueAt)) nextDueAt = c.dueAt;
  }
  return { nextDueAt, calendarUnknown };
}
