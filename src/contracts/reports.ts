/**
 * The monthly complaint summary (REPORT-1, REPORT-3): one source, two versions — internal (figures with
 * drill-down to every case) and public (公示版: anonymised, small groups merged) — and its workflow
 * draft → approved → published.
 */
import { z } from 'zod';
import { CaseKind, CaseState, ClockName, Severity } from './cases';
import { ListQuery } from './common';

export const SUMMARY_STATUSES = ['draft', 'approved', 'published'] as const;
export const SummaryStatus = z.enum(SUMMARY_STATUSES);
export type SummaryStatus = z.infer<typeof SummaryStatus>;

const Int = z.number().int();
const IsoTime = z.string();

/** A month of the company's local calendar; omitted: the last finished month (the one being drafted and approved). */
export const MonthlyQuery = z.object({
  /** omitted: the company-wide summary for admin/manager, the user's office when they have exactly one */
  officeId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  month: z.coerce.number().int().min(1).max(12).optional(),
});
export type MonthlyQuery = z.infer<typeof MonthlyQuery>;

/**
 * One rate: `value` is a fraction (0.8 = 80%), null when the denominator is 0 — the UI shows "—". `formulaKey` is
 * the message key of its formula text (src/contracts/messages.ts), shown as help text.
 */
export const Figure = z.object({
  value: z.number().nullable(),
  numerator: Int,
  denominator: Int,
  formulaKey: z.string(),
  target: z.object({ op: z.enum(['>=', '<=']), value: z.number() }).nullable(),
  /** null when there is no target or nothing to judge */
  meetsTarget: z.boolean().nullable(),
});
export type Figure = z.infer<typeof Figure>;

export const ClockFigure = Figure.extend({ clock: ClockName });
export type ClockFigure = z.infer<typeof ClockFigure>;

/** A count by some key: kind, category id, channel, severity, community id ('none': without one). */
export const CountBucket = z.object({ key: z.string(), label: z.string(), count: Int });
export type CountBucket = z.infer<typeof CountBucket>;

export const SummaryFigures = z.object({
  /** every case received in the month */
  received: Int,
  /** received minus invalid complaints and merged duplicates: what the breakdowns count */
  counted: Int,
  /** invalidated (an invalid complaint, explained to the resident), set apart */
  invalid: Int,
  /** merged into another case: counted once, in that case */
  merged: Int,
  validComplaints: Int,
  /** rooms with status occupied, counted when computed; frozen at approval */
  occupiedHouseholds: Int,
  byKind: z.array(CountBucket),
  byCategory: z.array(CountBucket),
  byChannel: z.array(CountBucket),
  bySeverity: z.array(CountBucket),
  /** per clock, in the order of the clock names (API-6) */
  onTime: z.array(ClockFigure),
  /** all clocks together */
  onTimeAll: Figure,
  callbackRate: Figure,
  /** private (paid) repairs resolved in the month and called back ÷ resolved, target ≥ 90% (REPORT-8); absent
   * from summaries approved before it was counted */
  paidRepairCallbackRate: Figure.optional(),
  satisfaction: z.object({
    answered: Int,
    satisfied: Int,
    basicallySatisfied: Int,
    unsatisfied: Int,
  }),
  satisfactionRate: Figure,
  reopenRate: Figure,
  effectiveComplaintRate: Figure,
});
export type SummaryFigures = z.infer<typeof SummaryFigures>;

export const CommunityFigures = z.object({
  /** null: cases with no community (no room given) */
  communityId: z.string().nullable(),
  name: z.string(),
  received: Int,
  counted: Int,
  validComplaints: Int,
  occupiedHouseholds: Int,
  onTimeAll: Figure,
  callbackRate: Figure,
  satisfactionRate: Figure,
  reopenRate: Figure,
  effectiveComplaintRate: Figure,
});
export type CommunityFigures = z.infer<typeof CommunityFigures>;

export const NOTABLE_REASONS = ['emergency', 'major', 'closed_unsatisfied'] as const;
export const UNRESOLVED_REASONS = ['closed_by_director', 'open_at_month_end'] as const;

/**
 * A case in the summary's lists. `summary` and `action` are anonymised excerpts (description; what was done or the
 * latest explanation), so the summary itself never carries personal data: the case view behind `id` shows the rest
 * to those allowed to see it.
 */
export const SummaryCase = z.object({
  id: z.string(),
  number: z.string(),
  kind: CaseKind,
  severity: Severity,
  state: CaseState,
  category: z.string().nullable(),
  community: z.string().nullable(),
  receivedAt: IsoTime,
  reason: z.enum([...NOTABLE_REASONS, ...UNRESOLVED_REASONS]),
  summary: z.string(),
  action: z.string().nullable(),
});
export type SummaryCase = z.infer<typeof SummaryCase>;

const PublicTextField = z.string().trim().max(5000);
/** The public wording; the director edits it. Every field is checked for names, rooms and phones. */
export const PublicText = z.object({
  intro: PublicTextField,
  notable: PublicTextField,
  unresolved: PublicTextField,
  closing: PublicTextField,
});
export type PublicText = z.infer<typeof PublicText>;
export const PUBLIC_TEXT_FIELDS = ['intro', 'notable', 'unresolved', 'closing'] as const;
export type PublicTextField = (typeof PUBLIC_TEXT_FIELDS)[number];

/** The public (公示) version: no personal data by construction. */
export const PublicSummary = z.object({
  /** the office's name; the company's for the company-wide summary */
  title: z.string(),
  year: Int,
  month: Int,
  status: SummaryStatus,
  figures: z.object({
    counted: Int,
    validComplaints: Int,
    invalid: Int,
    onTimeAll: Figure,
    callbackRate: Figure,
    satisfactionRate: Figure,
    reopenRate: Figure,
    effectiveComplaintRate: Figure,
  }),
  byKind: z.array(CountBucket),
  /** categories and communities with fewer than `minGroupSize` cases merged into 其他 */
  byCategory: z.array(CountBucket),
  byCommunity: z.array(CountBucket),
  minGroupSize: Int,
  text: PublicText,
  approvedAt: IsoTime.nullable(),
  publishedAt: IsoTime.nullable(),
});
export type PublicSummary = z.infer<typeof PublicSummary>;

export const SUMMARY_ACTIONS = ['editPublic', 'approve', 'publish'] as const;
const Person = z.object({ id: z.string(), name: z.string() });

export const HIGHLIGHT_KINDS = ['person_name', 'digits'] as const;
export const HIGHLIGHT_CHOICES = ['redact', 'keep'] as const;
/**
 * A word of the public wording the anonymiser is unsure of (001 通知 二.2; 002 篇4 4.2.2.2): one jieba tags as a person's name, or a run
 * of six or more digits no pattern explained. Approval is refused (422 rule_violation, public_text_unreviewed)
 * until the director has redacted or kept each one.
 */
export const PublicHighlight = z.object({
  /** stable across redrafts: `<field>.<kind>-<hash of the word>-<occurrence>` */
  id: z.string(),
  field: z.enum(PUBLIC_TEXT_FIELDS),
  kind: z.enum(HIGHLIGHT_KINDS),
  /** the word as written in the case */
  text: z.string(),
  /** UTF-16 offsets into publicVersion.text[field]: the word, or its placeholder (某人, 某号码) once redacted */
  start: Int,
  end: Int,
  /** null: not decided yet */
  choice: z.enum(HIGHLIGHT_CHOICES).nullable(),
  decidedBy: Person.nullable(),
  decidedAt: IsoTime.nullable(),
});
export type PublicHighlight = z.infer<typeof PublicHighlight>;

export const DecideHighlightBody = z.object({
  version: z.number().int().min(1),
  highlightId: z.string().min(1).max(200),
  choice: z.enum(HIGHLIGHT_CHOICES),
});
export type DecideHighlightBody = z.infer<typeof DecideHighlightBody>;

export const MonthlySummary = z.object({
  id: z.string(),
  officeId: z.string().nullable(),
  title: z.string(),
  year: Int,
  month: Int,
  timeZone: z.string(),
  /** the month's instants, start inclusive, end exclusive */
  period: z.object({ start: IsoTime, end: IsoTime }),
  status: SummaryStatus,
  version: Int,
  /** approved or published: the figures and the public content no longer change */
  frozen: z.boolean(),
  /** when the figures were computed (now for a draft; the approval for a frozen summary) */
  computedAt: IsoTime,
  figures: SummaryFigures,
  communities: z.array(CommunityFigures),
  notable: z.array(SummaryCase),
  unresolved: z.array(SummaryCase),
  /** true when a list was cut at its limit (the drill-down lists them all) */
  listsTruncated: z.boolean(),
  publicVersion: PublicSummary,
  /** the director has edited the wording; otherwise it is redrafted from the figures on every read */
  publicTextEdited: z.boolean(),
  /** what the director must redact or keep before approving; as decided, for a frozen summary */
  publicHighlights: z.array(PublicHighlight),
  workflow: z.object({
    draftedAt: IsoTime,
    approvedBy: Person.nullable(),
    approvedAt: IsoTime.nullable(),
    publishedBy: Person.nullable(),
    publishedAt: IsoTime.nullable(),
    /** end of the 5th of the next month, local time (REPORT-1) */
    deadline: IsoTime,
    overdue: z.boolean(),
  }),
  allowedActions: z.array(z.enum(SUMMARY_ACTIONS)),
  /**
   * The month has not ended (REPORT-1): figures so far, computed now and stored nowhere — `id` is empty, there is
   * no workflow, drill-down or export until the summary is drafted after the month.
   */
  inProgress: z.boolean(),
});
export type MonthlySummary = z.infer<typeof MonthlySummary>;

/** The fields given replace the wording; the others keep theirs (the drafted text until first edited). */
export const PutPublicTextBody = z.object({
  version: z.number().int().min(1),
  text: PublicText.partial().default({}),
});
export type PutPublicTextBody = z.infer<typeof PutPublicTextBody>;

export const SummaryVersionQuery = z.object({ version: z.enum(['internal', 'public']).default('internal') });
export const PrintQuery = z.object({ version: z.enum(['internal', 'public']).default('public') });

/**
 * Drill-down: the cases behind a figure, paged (API-4). `value` names the bucket for kind, category,
 * channel, severity and community ('none' = without category / community); `clock` the clock for clockDue and
 * clockLate. Computed from the cases now, also for a frozen summary.
 */
export const DRILL_FIGURES = [
  'received',
  'counted',
  'invalid',
  'merged',
  'validComplaints',
  'kind',
  'category',
  'channel',
  'severity',
  'community',
  'clockDue',
  'clockLate',
  'callbackDue',
  'callbackNotDone',
  'answered',
  'unsatisfied',
  'reopened',
  'resolved',
  /** REPORT-8: the month's paid repairs resolved, and those not (yet) called back */
  'paidRepairResolved',
  'paidRepairNotCalledBack',
] as const;
export const DrillQuery = ListQuery.pick({ limit: true, cursor: true }).extend({
  figure: z.enum(DRILL_FIGURES).default('received'),
  value: z.string().trim().min(1).max(60).optional(),
  clock: ClockName.optional(),
  communityId: z.union([z.uuid(), z.literal('none')]).optional(),
});
export type DrillQuery = z.infer<typeof DrillQuery>;

export const DrillCase = z.object({
  id: z.string(),
  number: z.string(),
  kind: CaseKind,
  severity: Severity,
  state: CaseState,
  receivedAt: IsoTime,
  category: z.string().nullable(),
  community: z.string().nullable(),
});
export type DrillCase = z.infer<typeof DrillCase>;

export const StatusQuery = z.object({ officeId: z.uuid().optional() });
export const SummaryMonthStatus = z.object({
  officeId: z.string(),
  officeName: z.string(),
  year: Int,
  month: Int,
  summaryId: z.string().nullable(),
  /** missing: not drafted yet */
  status: z.enum(['missing', ...SUMMARY_STATUSES]),
  deadline: IsoTime,
  overdue: z.boolean(),
});
export type SummaryMonthStatus = z.infer<typeof SummaryMonthStatus>;
export const SummaryStatusList = z.object({ items: z.array(SummaryMonthStatus), overdueCount: Int });
export type SummaryStatusList = z.infer<typeof SummaryStatusList>;
