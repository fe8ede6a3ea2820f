/**
 * The rates of the monthly complaint summary (REPORT-4, CALLBACK-2, CALLBACK-3). Each is a plain quotient with its
 * numerator and denominator kept, so the UI, the .xlsx and the print page can show "12 ÷ 15" next to "80.0%", and
 * a zero denominator is `value: null` — shown as "—", never as 0% or 100%.
 *
 * What is counted (the repository counts, these functions divide; "the month" is the local month of the company's
 * time zone, src/domain/metrics/period.ts, start inclusive, end exclusive):
 *
 * - On-time rate, per clock (dispatch, contact, route, verify, reply, resolve, callback, corrective):
 *   clocks met on time ÷ clocks that fell due in the month.
 *   · "fell due in the month": the clock's current (effective) due time — already moved by finished pauses and
 *     extensions agreed with the resident — lies in the month and is not later than now; met or not. Left out: a
 *     clock stopped before its due time without being met or breached (the case was closed, returned or
 *     re-routed, so the deadline stopped counting), and a clock paused right now and not breached (its due time
 *     is not fixed until it resumes).
 *   · "met on time": met_at ≤ due_at and no breach was recorded.
 *   · A case keeps one row per clock: a clock restarted (a reopened case starts `resolve` and later `callback`
 *     again) counts with its latest run only; the earlier run's breach stays in the timeline.
 * - Callback rate = callbacks done ÷ callbacks that fell due in the month (target 100%, CALLBACK-2):
 *   the `callback` clocks that fell due in the month (as above); "done" = the clock was met (a reached callback),
 *   late or not — lateness is what the callback clock's on-time rate shows.
 * - Satisfaction rate = (满意 + 基本满意) ÷ callbacks answered in the month: "answered" = a `callback` timeline
 *   entry in the month with `reached: true` (every answered callback counts, so a case called back twice — first
 *   不满意, then 满意 after re-handling — counts twice).
 * - Reopen rate = cases reopened in the month ÷ cases resolved in the month: "reopened" = a case with a
 *   `reopened` timeline entry (the reopen action) or a `callback` entry with `outcome: 'reopened'` (不满意 reopens,
 *   CALLBACK-3) in the month; "resolved" = a case with a `resolved` entry in the month (resolved on the spot
 *   included). Each case counts once per month however often it was reopened or resolved. A case resolved in one
 *   month and reopened in the next counts in the second month's numerator only, so the rate can in principle
 *   exceed 100% in a month with few resolutions.
 * - Paid-repair callback rate = private (paid) repairs resolved in the month that were called back ÷ private
 *   repairs resolved in the month (target ≥ 90%, REPORT-8; 002 篇4 4.2.1.1 特约服务回访): "resolved" = a repair
 *   of type `private` with a `resolved` entry in the month, once per case; "called back" = such a case with an
 *   answered callback (`reached: true`) after its last resolution of the month and before any later one, whenever
 *   it came — a repair
 *   finished on the 31st and called back on the 2nd counts as called back in the month it was finished.
 * - Effective complaint rate = valid complaints received in the month ÷ occupied households (target ≤ 1%,
 *   REPORT-4, ours): "valid complaint" = kind `complaint`, not invalidated (closure `invalidated`), not merged
 *   into another case (the duplicate counts once, in the case it was merged into); "occupied households" = rooms
 *   with status `occupied` in the office's communities, counted when the summary is computed (rooms keep no
 *   history) and frozen with the figures when the director approves.
 */

/** A quotient with its parts; `value` is a fraction (0.8 = 80%), null when the denominator is 0. */
export interface Rate {
  value: number | null;
  numerator: number;
  denominator: number;
}

/** A target the UI and exports mark as met or missed. */
export interface RateTarget {
  op: '>=' | '<=';
  /** a fraction, like `value` */
  value: number;
}

/** The message keys (src/contracts/messages.ts) of each formula's help text. */
export const FORMULA_KEYS = {
  onTime: 'formula.on_time',
  callback: 'formula.callback_rate',
  satisfaction: 'formula.satisfaction_rate',
  reopen: 'formula.reopen_rate',
  effectiveComplaint: 'formula.effective_complaint_rate',
  paidRepairCallback: 'formula.paid_repair_callback_rate',
} as const;
export type FormulaKey = (typeof FORMULA_KEYS)[keyof typeof FORMULA_KEYS];

/**
 * Targets from the sources: callback rate 100% (002 篇4 4.2.1.2), effective complaint rate ≤ 1% (000 篇2 二.1(4)),
 * paid-repair callback rate ≥ 90% (002 篇4 4.2.1.1).
 */
export const TARGETS = {
  callback: { op: '>=', value: 1 },
  paidRepairCallback: { op: '>=', value: 0.9 },
  effectiveComplaint: { op: '<=', value: 0.01 },
} as const satisfies Record<string, RateTarget>;

function count(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0, got ${n}`);
  return n;
}

/** numerator ÷ denominator; null for a zero denominator. */
export function rate(numerator: number, denominator: number): Rate {
  count(numerator, 'numerator');
  count(denominator, 'denominator');
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

/** On-time rate of one clock: clocks met on time ÷ clocks that fell due in the month. */
export function onTimeRate(c: { metOnTime: number; fellDue: number }): Rate {
  if (c.metOnTime > c.fellDue) throw new RangeError('more clocks met on time than fell due');
  return rate(c.metOnTime, c.fellDue);
}

/** Callback rate: callbacks done ÷ callbacks that fell due in the month. */
export function callbackRate(c: { done: number; fellDue: number }): Rate {
  if (c.done > c.fellDue) throw new RangeError('more callbacks done than fell due');
  return rate(c.done, c.fellDue);
}

/** Paid-repair callback rate: private repairs resolved in the month and called back ÷ resolved (REPORT-8). */
export function paidRepairCallbackRate(c: { calledBack: number; resolved: number }): Rate {
  if (c.calledBack > c.resolved) throw new RangeError('more paid repairs called back than resolved');
  return rate(c.calledBack, c.resolved);
}

/** Satisfaction rate: (满意 + 基本满意) ÷ callbacks answered in the month. */
export function satisfactionRate(c: {
  satisfied: number;
  basicallySatisfied: number;
  answered: number;
}): Rate {
  const numerator = count(c.satisfied, 'satisfied') + count(c.basicallySatisfied, 'basicallySatisfied');
  if (numerator > c.answered) throw new RangeError('more satisfied answers than answered callbacks');
  return rate(numerator, c.answered);
}

/** Reopen rate: cases reopened in the month ÷ cases resolved in the month (may exceed 1, see the file header). */
export function reopenRate(c: { reopened: number; resolved: number }): Rate {
  return rate(c.reopened, c.resolved);
}

/** Effective complaint rate: valid complaints received in the month ÷ occupied households. */
export function effectiveComplaintRate(c: { validComplaints: number; occupiedHouseholds: number }): Rate {
  return rate(c.validComplaints, c.occupiedHouseholds);
}

/** Whether a rate meets its target; null when there is nothing to judge (zero denominator). */
export function meetsTarget(r: Rate, target: RateTarget): boolean | null {
  if (r.value === null) return null;
  // Compare the quotient exactly (n/d vs t): 1 ÷ 100 must meet "≤ 1%" despite floating point.
  const lhs = r.numerator;
  const rhs = target.value * r.denominator;
  const eps = 1e-9 * Math.max(1, r.denominator);
  return target.op === '>=' ? lhs >= rhs - eps : lhs <= rhs + eps;
}

/** The sum of several counts of the same shape (per-community counts → the office's). */
export function addRates(parts: readonly Rate[]): Rate {
  return rate(
    parts.reduce((n, r) => n + r.numerator, 0),
    parts.reduce((n, r) => n + r.denominator, 0),
  );
}

/** "80.0%", or "—" for a zero denominator (what the UI, the .xlsx and the print page show). */
export function formatRate(r: Pick<Rate, 'value'>, digits = 1): string {
  if (r.value === null) return '—';
  return `${(r.value * 100).toFixed(digits)}%`;
}
