/**
 * The subject kinds whose deadlines the engine keeps, and what each registers: its rules (warning point or
 * reminder days, escalation chain), who is told at a warning and at a breach, and who may see it overdue. A case's
 * clocks are one kind (kept in their own table with CASE_CLOCK_RULES, ADR 0019); every other kind lives in the one
 * `deadlines` table.
 */
import type { Permission, Role } from '../access/roles';
import type { DEPARTMENT_FUNCTIONS } from '../org/values';
import { WARNING_FRACTION } from '../clock/deadlines';
import { REMINDER_STEPS } from '../reports/quarterly';
import type { StoredDeadlineSubject } from './kinds';
import { escalationRecipients, type DeadlineRules, type StaffMember } from './deadline';

/** People of the subject's office who are told: by role, and members of departments of a function. */
export interface DeadlineAudience {
  /**
   * roles in the subject's office (the director: the office's recorded director when it has one, else its
   * active directors); the manager company-wide
   */
  roles: readonly Role[];
  /** active members of the departments of these functions covering the office (the company's or its own) */
  departmentFunctions: readonly (typeof DEPARTMENT_FUNCTIONS)[number][];
}

export interface DeadlineSubjectKind extends DeadlineRules {
  /** who a warning (or a reminder) of the deadline `name` is told to */
  warn: (name: string) => DeadlineAudience;
  /** who a breach is told to; null: recorded only (a reminder after the due time tells) */
  breach: ((name: string) => DeadlineAudience) | null;
  /** what a viewer needs to see these deadlines in the overdue view (with the office in their scope) */
  readPermission: Permission;
}

const directors: DeadlineAudience = { roles: ['director'], departmentFunctions: [] };

/**
 * A month's complaint summary is published by the end of the 5th (002 篇4 4.2.2.2): the office's director is
 * warned at 80 % of the time from the month's end, told of the breach, and the breach rises to the manager (ours:
 * every deadline that can be missed is escalated, like a case's).
 */
export const MONTHLY_SUMMARY_DEADLINE: DeadlineSubjectKind = {
  warnAtFraction: WARNING_FRACTION,
  escalation: ['manager'],
  warn: () => directors,
  breach: () => directors,
  readPermission: 'reports.read',
};

/**
 * A quarterly report's three steps (002 篇4 4.2.3): each is reminded on its reminder days (3 days and 1 day
 * before, on the day, the day after if still not done; domain/reports/quarterly.ts) to the office's director, and
 * the finance part also to the finance department; the breach itself is recorded, the day-after reminder tells.
 */
export const QUARTERLY_REPORT_DEADLINE: DeadlineSubjectKind = {
  warnAtFraction: null,
  escalation: null,
  warn: (step) =>
    step === 'finance' ? { roles: ['director'], departmentFunctions: ['finance'] } : directors,
  breach: null,
  readPermission: 'reports.read',
};

/**
 * The deadlines each stored kind keeps, by name (a notice's `step`): the month's publication (002 篇4 4.2.2.2);
 * the quarter's service part, finance part and publication (002 篇4 4.2.3). The bell names each.
 */
export const DEADLINE_STEPS = {
  monthly_summary: ['publication'],
  quarterly_report: REMINDER_STEPS,
} as const satisfies Record<StoredDeadlineSubject, readonly string[]>;
export type DeadlineStep = (typeof DEADLINE_STEPS)[StoredDeadlineSubject][number];

export const STORED_DEADLINE_KINDS: Record<StoredDeadlineSubject, DeadlineSubjectKind> = {
  monthly_summary: MONTHLY_SUMMARY_DEADLINE,
  quarterly_report: QUARTERLY_REPORT_DEADLINE,
};

export function isStoredDeadlineSubject(kind: string): kind is StoredDeadlineSubject {
  return Object.hasOwn(STORED_DEADLINE_KINDS, kind);
}

/** Someone a deadline's notice may reach. */
export interface AudienceMember extends StaffMember {
  /** the function of the department they belong to, and that department's office (null: company-wide) */
  departmentFunction: string | null;
  departmentOfficeId: string | null;
}

/**
 * Who of `staff` a notice to `audience` about a subject of `officeId` reaches: each role as an escalation tier
 * reaches it (the manager company-wide, the others in the office), except that an office with a recorded director
 * (`recordedDirectorId`) has that one director; and the active members of departments of the audience's
 * functions that cover the office (the company's own, or the office's).
 */
export function audienceRecipients(
  audience: DeadlineAudience,
  officeId: string | null,
  staff: readonly AudienceMember[],
  recordedDirectorId: string | null,
): string[] {
  const ids = new Set<string>();
  for (const role of audience.roles) {
    if (role === 'director' && recordedDirectorId) ids.add(recordedDirectorId);
    else for (const id of escalationRecipients(role, officeId, staff)) ids.add(id);
  }
  for (const u of staff)
    if (
      u.active &&
      u.departmentFunction != null &&
      (audience.departmentFunctions as readonly string[]).includes(u.departmentFunction) &&
      (u.departmentOfficeId == null || u.departmentOfficeId === officeId)
    )
      ids.add(u.id);
  return [...ids];
}
