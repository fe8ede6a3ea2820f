/**
 * The dashboard for directors and managers (REPORT-7): today's open, overdue and due-soon cases, the monthly
 * trend, the category Pareto of the month's complaints and the month's rates against their targets — all counted
 * in SQL over the offices in the user's scope, optionally one office or one community.
 */
import { z } from 'zod';
import { Figure } from './reports';

const Int = z.number().int();

export const DashboardQuery = z.object({
  /** omitted: every office in scope (the whole company for admin/manager) */
  officeId: z.uuid().optional(),
  /** a community of an office in scope (and of `officeId` when both are given) */
  communityId: z.uuid().optional(),
  /** how many months the trend covers, the current month included */
  months: z.coerce.number().int().min(1).max(24).default(12),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export const DashboardToday = z.object({
  /** cases in an open state (received, routed, in progress, waiting) */
  open: Int,
  /** cases whose nearest running clock is past due (the same rule as /api/cases?overdue=true) */
  overdue: Int,
  /** cases whose nearest running clock falls due within the next 24 hours */
  dueSoon: Int,
});
export type DashboardToday = z.infer<typeof DashboardToday>;

export const TrendPoint = z.object({
  /** 'YYYY-MM', the company's local month */
  month: z.string(),
  /** cases received in the month */
  received: Int,
  /** cases resolved in the month (a `resolved` timeline entry in it; each case once) */
  resolved: Int,
  /** complaints received in the month (invalid ones and merged duplicates left out) */
  complaints: Int,
});
export type TrendPoint = z.infer<typeof TrendPoint>;

export const ParetoItem = z.object({
  /** null: complaints without a category */
  categoryId: z.string().nullable(),
  name: z.string(),
  count: Int,
  /** running share of the month's complaints, largest category first (0–1) */
  cumulativeShare: z.number(),
});
export type ParetoItem = z.infer<typeof ParetoItem>;

export const DashboardRates = z.object({
  onTime: Figure,
  callback: Figure,
  satisfaction: Figure,
  reopen: Figure,
  effectiveComplaint: Figure,
});
export type DashboardRates = z.infer<typeof DashboardRates>;

export const Dashboard = z.object({
  /** the instant the figures were counted */
  now: z.string(),
  timeZone: z.string(),
  /** the filter applied: null office = every office in scope */
  officeId: z.string().nullable(),
  communityId: z.string().nullable(),
  today: DashboardToday,
  /** oldest month first, the current month last */
  trend: z.array(TrendPoint),
  /** the current local month's valid complaints by category, largest first */
  pareto: z.array(ParetoItem),
  paretoPeriod: z.object({ month: z.string(), start: z.string(), end: z.string() }),
  /** the current local month so far (rates.ts definitions) */
  rates: DashboardRates,
  /** monthly summaries of the offices in scope not published by the 5th of the next month */
  summaryStatus: z.object({ overdueCount: Int }),
});
export type Dashboard = z.infer<typeof Dashboard>;
