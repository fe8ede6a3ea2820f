/**
 * The kinds of subject with a deadline (zod-free, import-free: the contracts and the web take them from here).
 * Their rules are in subjects.ts.
 */
export const DEADLINE_SUBJECTS = ['case_clock', 'monthly_summary', 'quarterly_report'] as const;
export type DeadlineSubject = (typeof DEADLINE_SUBJECTS)[number];
/** The kinds kept in the `deadlines` table (all but the case's clocks, which keep case_clocks). */
export type StoredDeadlineSubject = Exclude<DeadlineSubject, 'case_clock'>;
