/**
 * The one overdue view (GET /api/deadlines?overdue=true): every deadline past due that the caller may see, whatever
 * its subject — a case's clock, a monthly summary not published by the 5th, a quarterly report's step. Most
 * overdue first.
 */
import { z } from 'zod';
import { ListQuery, listOf, many } from './common';

import { DEADLINE_KINDS, type DeadlineKind } from './values/deadlines';

export { DEADLINE_KINDS, type DeadlineKind };

export const DeadlineListQuery = ListQuery.omit({ q: true }).extend({
  /** the deadlines past due and not met — the only view there is so far, so also the default */
  overdue: z.literal('true').default('true'),
  /** only these kinds (given several times: any of); default every kind */
  kind: many(z.enum(DEADLINE_KINDS)).optional(),
});
export type DeadlineListQuery = z.infer<typeof DeadlineListQuery>;

export const OverdueDeadline = z.object({
  kind: z.enum(DEADLINE_KINDS),
  /** which deadline of the subject: a clock's name; `publication` (monthly); `service`, `finance`, `publish` */
  name: z.string(),
  dueAt: z.string(),
  /** the subject it belongs to: a case (its number), a month (2026-11), a quarter (2026-Q3); id null when the
   * monthly summary was never drafted */
  subject: z.object({ id: z.string().nullable(), label: z.string() }),
  office: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** the breach has been recorded (a case clock's by the sweep); a report's step is breached once past due */
  breachRecorded: z.boolean(),
});
export type OverdueDeadline = z.infer<typeof OverdueDeadline>;

export const OverdueDeadlineList = listOf(OverdueDeadline);
export type OverdueDeadlineList = z.infer<typeof OverdueDeadlineList>;
