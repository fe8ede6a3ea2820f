/**
 * The deadline engine's one decision, for any subject with a due date — a case clock today; a notice's take-down,
 * a visit's approval, a transfer slip's sign-for, a month's visit quota next. Each deadline is warned once at its
 * warning point, breached once at its due time, and a breach may raise its subject one tier up an escalation
 * chain (the same step the manual `escalate` takes). The sweep (server) locks the due deadlines, asks `sweepStep`
 * for each, and writes what it answers; nothing here reads a clock or a database.
 */
import { warnAt, WARNING_FRACTION } from '../clock/deadlines';
import type { Role } from '../access/roles';

/** A deadline's state, as every subject kind stores it. */
export interface DeadlineFacts {
  startedAt: Date;
  /** the current due time, already moved by finished pauses and extensions */
  dueAt: Date;
  warnedAt: Date | null;
  breachedAt: Date | null;
  metAt: Date | null;
  /** no longer counts and can no longer be met (its subject closed, or it no longer applies) */
  stoppedAt: Date | null;
  /** set while paused: neither warned nor breached */
  pausedAt: Date | null;
  /**
   * Fixed reminder instants, earliest first, in place of the fractional warning point (the quarterly report's
   * reminder days): each goes out once; one after the due time reminds of a breach. Absent: the kind's fraction.
   */
  remindAt?: readonly Date[];
  /** how many of `remindAt` have gone out or been passed over */
  remindersSent?: number;
}

/** The roles a breach raises a subject through: tier n is `chain[n - 1]`; tier 0 is not escalated. */
export type EscalationChain = readonly Role[];

/** What a subject kind registers for its deadlines. */
export interface DeadlineRules {
  /** the fraction of the running time at which the deadline is warned (default 80 %); null: never warned */
  warnAtFraction: number | null;
  /** the chain a breach raises the subject through; null: a breach does not escalate */
  escalation: EscalationChain | null;
  /** the subject may pause the deadline; the time paused moves the due time (default: no) */
  pausable?: boolean;
  /** the due time may be moved later, before it falls (default: no) */
  extendable?: boolean;
  /**
   * once met, the next occurrence falls due this many ms after the meeting (a resident updated every 2 hours, a
   * weekly meeting); absent or null: met once
   */
  recursEveryMs?: number | null;
}

export const DEFAULT_DEADLINE_RULES: DeadlineRules = { warnAtFraction: WARNING_FRACTION, escalation: null };

/** The next tier of a subject at `tier` and who is told there; null at the top of the chain (or with none). */
export function escalateOnce(
  chain: EscalationChain | null,
  tier: number,
): { tier: number; role: Role } | null {
  if (!chain || !Number.isInteger(tier) || tier < 0 || tier >= chain.length) return null;
  return { tier: tier + 1, role: chain[tier] };
}

/** Met, stopped or paused: neither warned, reminded nor breached. */
function settled(d: DeadlineFacts): boolean {
  return d.metAt != null || d.stoppedAt != null || d.pausedAt != null;
}

/**
 * When the sweep must look at the deadline next: its next reminder (or its warning point), then its due time;
 * never once settled, and not after its breach unless a reminder of the breach is still to go out.
 */
export function nextCheckAt(d: DeadlineFacts, rules: DeadlineRules = DEFAULT_DEADLINE_RULES): Date | null {
  if (settled(d)) return null;
  let next: Date | null = d.breachedAt ? null : d.dueAt;
  const earlier = (at: Date) => {
    if (!next || at < next) next = at;
  };
  const reminders = d.remindAt ?? [];
  if (reminders.length) {
    const sent = d.remindersSent ?? 0;
    if (sent < reminders.length) earlier(reminders[sent]);
  } else if (!d.warnedAt && !d.breachedAt && rules.warnAtFraction != null) {
    const warning = warnAt(d.startedAt, d.dueAt, 0, rules.warnAtFraction);
    if (warning < d.dueAt) earlier(warning);
  }
  return next;
}

export type SweepStep =
  /** not yet at its next check, or settled: nothing to do */
  | { op: 'none' }
  /**
   * warned: at or past its warning point before its due time (once), or a reminder came (`reminder`: the index of
   * the latest one due; earlier ones not sent are passed over, so a late sweep sends one, not a burst)
   */
  | { op: 'warn'; reminder?: number }
  /**
   * at or past its due time: breached once (warned with it if it never was); the subject rises a tier if it can;
   * a reminder due at the same time goes out with it
   */
  | { op: 'breach'; escalateTo: { tier: number; role: Role } | null; reminder?: number };

/** The index of the latest reminder due at `now` and not sent yet, or undefined. */
function dueReminder(d: DeadlineFacts, now: Date): number | undefined {
  const reminders = d.remindAt ?? [];
  let due: number | undefined;
  for (let i = d.remindersSent ?? 0; i < reminders.length && reminders[i] <= now; i++) due = i;
  return due;
}

/**
 * What the sweep does with one deadline at `now`, its subject at escalation tier `subjectTier` (the tier as raised
 * by any deadline of the same subject handled before it in the same sweep).
 */
export function sweepStep(d: DeadlineFacts, rules: DeadlineRules, subjectTier: number, now: Date): SweepStep {
  const check = nextCheckAt(d, rules);
  if (!check || now < check) return { op: 'none' };
  const reminder = dueReminder(d, now);
  const withReminder = reminder === undefined ? {} : { reminder };
  if (!d.breachedAt && now >= d.dueAt)
    return { op: 'breach', escalateTo: escalateOnce(rules.escalation, subjectTier), ...withReminder };
  if (reminder === undefined && (d.warnedAt || d.remindAt?.length)) return { op: 'none' };
  return { op: 'warn', ...withReminder };
}

/** Whether reminder `index` of the deadline comes after its due time: a reminder of the breach ("overdue"). */
export function remindsOfBreach(d: DeadlineFacts, index: number): boolean {
  const at = d.remindAt?.[index];
  return at != null && at > d.dueAt;
}

/**
 * The deadline after `step` at `now`: warned, breached and reminders counted as the sweep records them (the
 * sweep writes these, then the next check of the result).
 */
export function afterStep(d: DeadlineFacts, step: SweepStep, now: Date): DeadlineFacts {
  if (step.op === 'none') return d;
  const next = { ...d, warnedAt: d.warnedAt ?? now };
  if (step.op === 'breach') next.breachedAt = now;
  if (step.reminder !== undefined) next.remindersSent = step.reminder + 1;
  return next;
}

/** Someone who may be told of an escalation: their roles and offices, and whether they are active. */
export interface StaffMember {
  id: string;
  roles: readonly Role[];
  officeIds: readonly string[];
  active: boolean;
}

/** Roles told of every subject of their company; the other roles only of their own offices' subjects. */
export const ESCALATION_COMPANY_WIDE: readonly Role[] = ['manager'];

/**
 * Who is told when a subject of `officeId` rises to `role`'s tier: the active staff with that role — company-wide
 * for the manager, else in that office (a subject of no office reaches only company-wide roles).
 */
export function escalationRecipients(
  role: Role,
  officeId: string | null,
  staff: readonly StaffMember[],
): string[] {
  const companyWide = ESCALATION_COMPANY_WIDE.includes(role);
  return staff
    .filter(
      (u) =>
        u.active &&
        u.roles.includes(role) &&
        (companyWide || (officeId != null && u.officeIds.includes(officeId))),
    )
    .map((u) => u.id);
}

// ── pause, extension and recurrence: what a kind allows (DeadlineRules), decided once for every kind ───────────

/** Why a change to a deadline is refused (the case's actions answer them as rules of the same names). */
export type DeadlineChangeRefusal =
  'not_allowed' | 'clock_not_running' | 'extend_after_deadline' | 'extend_not_later';

const running = (d: DeadlineFacts) => d.metAt == null && d.stoppedAt == null;

/** Pause a running deadline at `at`: neither warned nor breached while paused. */
export function pauseDeadline(
  d: DeadlineFacts,
  rules: DeadlineRules,
  at: Date,
): DeadlineFacts | DeadlineChangeRefusal {
  if (!rules.pausable) return 'not_allowed';
  if (!running(d) || d.pausedAt) return 'clock_not_running';
  return { ...d, pausedAt: at };
}

/** Resume a paused deadline at `at`: its due time moves by the length of the pause. */
export function resumeDeadline(
  d: DeadlineFacts,
  rules: DeadlineRules,
  at: Date,
): DeadlineFacts | DeadlineChangeRefusal {
  if (!rules.pausable) return 'not_allowed';
  if (!running(d) || !d.pausedAt) return 'clock_not_running';
  const pause = Math.max(0, at.getTime() - d.pausedAt.getTime());
  return { ...d, pausedAt: null, dueAt: new Date(d.dueAt.getTime() + pause) };
}

/**
 * Move a running deadline's due time to `dueAt`, before it falls and only later (CLOCK-3): the warning comes again
 * for the new time.
 */
export function extendDeadline(
  d: DeadlineFacts,
  rules: DeadlineRules,
  dueAt: Date,
  now: Date,
): DeadlineFacts | DeadlineChangeRefusal {
  if (!rules.extendable) return 'not_allowed';
  if (!running(d)) return 'clock_not_running';
  if (now.getTime() >= d.dueAt.getTime() || d.breachedAt != null) return 'extend_after_deadline';
  if (dueAt.getTime() <= d.dueAt.getTime()) return 'extend_not_later';
  return { ...d, dueAt, warnedAt: null };
}

/** The next occurrence of a recurring deadline met at `metAt`, or null when the kind does not recur. */
export function nextOccurrence(
  rules: DeadlineRules,
  metAt: Date,
): Pick<DeadlineFacts, 'startedAt' | 'dueAt'> | null {
  if (!rules.recursEveryMs || rules.recursEveryMs <= 0) return null;
  return { startedAt: metAt, dueAt: new Date(metAt.getTime() + rules.recursEveryMs) };
}
