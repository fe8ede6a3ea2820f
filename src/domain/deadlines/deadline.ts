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
}

/** The roles a breach raises a subject through: tier n is `chain[n - 1]`; tier 0 is not escalated. */
export type EscalationChain = readonly Role[];

/** What a subject kind registers for its deadlines. */
export interface DeadlineRules {
  /** the fraction of the running time at which the deadline is warned (default 80 %); null: never warned */
  warnAtFraction: number | null;
  /** the chain a breach raises the subject through; null: a breach does not escalate */
  escalation: EscalationChain | null;
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

/** Whether the deadline can still be warned or breached: not met, stopped, paused or already breached. */
function settled(d: DeadlineFacts): boolean {
  return d.metAt != null || d.stoppedAt != null || d.pausedAt != null || d.breachedAt != null;
}

/** When the sweep must look at the deadline next: its warning point, then its due time; never once settled. */
export function nextCheckAt(d: DeadlineFacts, rules: DeadlineRules = DEFAULT_DEADLINE_RULES): Date | null {
  if (settled(d)) return null;
  if (!d.warnedAt && rules.warnAtFraction != null) {
    const warning = warnAt(d.startedAt, d.dueAt, 0, rules.warnAtFraction);
    if (warning < d.dueAt) return warning;
  }
  return d.dueAt;
}

export type SweepStep =
  /** not yet at its warning point, or settled: nothing to do */
  | { op: 'none' }
  /** at or past its warning point, before its due time: warned once */
  | { op: 'warn' }
  /** at or past its due time: breached once (warned with it if it never was); the subject rises a tier if it can */
  | { op: 'breach'; escalateTo: { tier: number; role: Role } | null };

/**
 * What the sweep does with one deadline at `now`, its subject at escalation tier `subjectTier` (the tier as raised
 * by any deadline of the same subject handled before it in the same sweep).
 */
export function sweepStep(d: DeadlineFacts, rules: DeadlineRules, subjectTier: number, now: Date): SweepStep {
  const check = nextCheckAt(d, rules);
  if (!check || now < check) return { op: 'none' };
  if (now >= d.dueAt) return { op: 'breach', escalateTo: escalateOnce(rules.escalation, subjectTier) };
  return { op: 'warn' };
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
