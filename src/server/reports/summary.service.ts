/**
 * The monthly complaint summary (REPORT-1): computed in SQL (summary.repository.ts), shown in two
 * versions from that one source — internal and public (公示版) — and taken through draft → approved → published.
 *
 * - Drafting: a past month's row is drafted on first read, and the scheduler (src/server/reports/reports.schedule.ts)
 *   drafts every office's previous month from the 1st on (`draftMonthlySummaries`). While a draft, the figures are
 *   those of the month as it is now on every read, and so is the public wording until the director edits it: the
 *   lists are recomputed, the grouped counts are kept and recomputed after any write that touches the month
 *   (month-rollups.ts, docs/adr/0011-finished-month-rollups.md).
 * - Approval freezes the figures (occupied households included) and the public version, with who and when.
 *   Publishing is allowed only after approval. Overdue = not published by the end of the 5th of the next month.
 * - The public version carries no personal data by construction: it is built from counts (small categories and
 *   communities merged into 其他) and from texts that went through the anonymiser; the director's wording is
 *   checked again on every save and at approval and refused while it contains personal data (names of residents,
 *   reporters and staff, rooms, phones, ID-card numbers, plates, bank cards, e-mails).
 * - What the anonymiser is unsure of (a word jieba tags as a name, a long unexplained number) is highlighted on the
 *   draft (002 篇4 4.2.2.2); the director redacts or keeps each one (recorded in public_content.highlightDecisions: who,
 *   when, which word) and approval is refused (422 public_text_unreviewed) until none is left undecided.
 */
import { CLOCK_NAMES, CASE_KINDS, CHANNELS, SEVERITIES, type ClockName } from '../../domain/case/case';
import { can, canManageInOffice, canSeeOffice, seesWholeCompany } from '../../domain/access/access';
import { DomainError, fieldError, forbidden, notFound, versionConflict } from '../../domain/errors';
import {
  compareMonths,
  isFinishedMonth,
  isPublicationOverdue,
  monthOf,
  monthRange,
  monthsBetween,
  previousMonth,
  publicationDeadline,
  type YearMonth,
} from '../../domain/metrics/period';
import {
  addRates,
  callbackRate,
  paidRepairCallbackRate,
  effectiveComplaintRate,
  formatRate,
  FORMULA_KEYS,
  meetsTarget,
  onTimeRate,
  rate,
  reopenRate,
  satisfactionRate,
  TARGETS,
  type Rate,
  type RateTarget,
} from '../../domain/metrics/rates';
import {
  anonymise,
  applyHighlightDecisions,
  DEFAULT_MIN_GROUP_SIZE,
  findHighlights,
  findPersonalData,
  mergeSmallGroups,
  OTHER_BUCKET,
  type AnonymiseOptions,
  type Bucket,
  type HighlightChoice,
  type HighlightKind,
} from '../../domain/privacy/anonymise';
import type { SQL } from 'drizzle-orm';
import { translate, type Locale } from '../../contracts/messages';
import {
  PUBLIC_TEXT_FIELDS,
  type CommunityFigures,
  type CountBucket,
  type DrillCase,
  type DrillQuery,
  type Figure,
  type MonthlyQuery,
  type MonthlySummary,
  type DecideHighlightBody,
  type PublicHighlight,
  type PublicSummary,
  type PublicText,
  type PublicTextField,
  type SummaryCase,
  type SummaryFigures,
  type SummaryMonthStatus,
  type SummaryStatusList,
} from '../../contracts/reports';
import type { ListResult } from '../../contracts/common';
import type { AppDeps } from '../platform/deps';
import { caseActorOf } from '../access/case-access.repository';
import type { Clock } from '../platform/clock';
import type { Db, Tx } from '../db/client';
import { cursorKey, defineCursor, page } from '../db/paging';
import type { RequestActor } from '../http/types';
import { contentDisposition } from '../attachments/file-type';
import { tagWords } from '../cases/search-text';
import * as repo from './summary.repository';
import { ensurePublicationDeadlines, meetPublication, type SummaryMonth } from './summary.deadlines';
import { COMPANY_KEY, keptMonths, monthKey, oneMonth, type RollupPart } from './month-rollups';
import { buildSummaryXlsx, renderPrintPage } from './summary.export';

/** The notable and unresolved lists carry at most this many cases each; the drill-down lists every case. */
export const LIST_LIMIT = 200;
/** The 明细 sheet of the internal .xlsx stops here (a month of one office is far below it). */
export const DETAIL_LIMIT = 50_000;
/** Auto-drafted public text lists at most this many cases per section. */
const TEXT_LINES = 20;
const EXCERPT = 60;

/** What is stored in monthly_summaries.figures: the internal version as computed. */
export interface SummaryData {
  computedAt: string;
  figures: SummaryFigures;
  communities: CommunityFigures[];
  notable: SummaryCase[];
  unresolved: SummaryCase[];
  listsTruncated: boolean;
}

/** The director's choice on one highlighted word of the public wording: who, when, which word. */
export interface HighlightDecision {
  choice: HighlightChoice;
  byId: string;
  byName: string;
  at: string;
  field: PublicTextField;
  kind: HighlightKind;
  text: string;
}

/** What is stored in monthly_summaries.public_content. */
export interface PublicContent {
  text: PublicText;
  edited: boolean;
  editedById?: string;
  editedAt?: string;
  /** by highlight id: kept across redrafts and edits, re-applied to the wording on every read */
  highlightDecisions?: Record<string, HighlightDecision>;
  /** set at approval: the frozen public version */
  snapshot?: PublicSummary;
  /** set at approval: the highlights as decided, for the record */
  highlights?: PublicHighlight[];
}

interface Context {
  companyId: string;
  officeId: string | null;
  title: string;
  timeZone: string;
  ym: YearMonth;
  minGroupSize: number;
  scope: repo.SummaryScope;
}

// ---------------------------------------------------------------------------------------------------------------
// Computing

function figure(r: Rate, formulaKey: string, target: RateTarget | null = null): Figure {
  return { ...r, formulaKey, target, meetsTarget: target ? meetsTarget(r, target) : null };
}

const sum = <T>(rows: readonly T[], pick: (r: T) => number) => rows.reduce((n, r) => n + pick(r), 0);

function bucketsOf<T>(
  rows: readonly T[],
  keyOf: (r: T) => string,
  count: (r: T) => number,
  order: readonly string[] = [],
): CountBucket[] {
  const counts = new Map<string, number>();
  for (const key of order) counts.set(key, 0);
  for (const r of rows) counts.set(keyOf(r), (counts.get(keyOf(r)) ?? 0) + count(r));
  const out = [...counts].map(([key, n]) => ({ key, label: key, count: n }));
  // Fixed vocabularies keep their order (zeros included); data buckets go largest first.
  return order.length ? out : out.filter((b) => b.count > 0).sort((a, b) => b.count - a.count);
}

interface Rates {
  onTime: Map<ClockName, { fellDue: number; onTime: number; met: number }>;
  answered: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  reopened: number;
  resolved: number;
  paidResolved: number;
  paidCalledBack: number;
  validComplaints: number;
  occupied: number;
}

function ratesOf(
  clocks: readonly repo.ClockCountRow[],
  events: readonly repo.EventCountRow[],
  valid: number,
  occupied: number,
) {
  const onTime = new Map<ClockName, { fellDue: number; onTime: number; met: number }>();
  for (const name of CLOCK_NAMES) onTime.set(name, { fellDue: 0, onTime: 0, met: 0 });
  for (const k of clocks) {
    const c = onTime.get(k.name as ClockName);
    if (!c) continue;
    c.fellDue += k.fell_due;
    c.onTime += k.on_time;
    c.met += k.met;
  }
  const r: Rates = {
    onTime,
    answered: sum(events, (e) => e.answered),
    satisfied: sum(events, (e) => e.satisfied),
    basicallySatisfied: sum(events, (e) => e.basically_satisfied),
    unsatisfied: sum(events, (e) => e.unsatisfied),
    reopened: sum(events, (e) => e.reopened),
    resolved: sum(events, (e) => e.resolved),
    paidResolved: sum(events, (e) => e.paid_resolved),
    paidCalledBack: sum(events, (e) => e.paid_called_back),
    validComplaints: valid,
    occupied,
  };
  const callback = onTime.get('callback')!;
  return {
    raw: r,
    onTime: CLOCK_NAMES.map((clock) => ({
      clock,
      ...figure(
        onTimeRate({ metOnTime: onTime.get(clock)!.onTime, fellDue: onTime.get(clock)!.fellDue }),
        FORMULA_KEYS.onTime,
      ),
    })),
    onTimeAll: figure(
      addRates(CLOCK_NAMES.map((n) => rate(onTime.get(n)!.onTime, onTime.get(n)!.fellDue))),
      FORMULA_KEYS.onTime,
    ),
    callbackRate: figure(
      callbackRate({ done: callback.met, fellDue: callback.fellDue }),
      FORMULA_KEYS.callback,
      TARGETS.callback,
    ),
    paidRepairCallbackRate: figure(
      paidRepairCallbackRate({ calledBack: r.paidCalledBack, resolved: r.paidResolved }),
      FORMULA_KEYS.paidRepairCallback,
      TARGETS.paidRepairCallback,
    ),
    satisfactionRate: figure(
      satisfactionRate({
        satisfied: r.satisfied,
        basicallySatisfied: r.basicallySatisfied,
        answered: r.answered,
      }),
      FORMULA_KEYS.satisfaction,
    ),
    reopenRate: figure(reopenRate({ reopened: r.reopened, resolved: r.resolved }), FORMULA_KEYS.reopen),
    effectiveComplaintRate: figure(
      effectiveComplaintRate({ validComplaints: valid, occupiedHouseholds: occupied }),
      FORMULA_KEYS.effectiveComplaint,
      TARGETS.effectiveComplaint,
    ),
  };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
function excerpt(text: string, known: AnonymiseOptions, max = EXCERPT): string {
  const clean = oneLine(anonymise(text, known).text);
  const chars = Array.from(clean);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : clean;
}

/** What was done (notable) or why not (unresolved), from the case's latest relevant timeline entry. */
function explanationOf(entries: readonly repo.ExplanationRow[], reason: string): string | null {
  const wanted =
    reason === 'closed_by_director' || reason === 'closed_unsatisfied'
      ? ['closed']
      : reason === 'open_at_month_end'
        ? ['waiting', 'extended', 'returned']
        : ['resolved', 'closed', 'invalidated'];
  const latest = [...entries].reverse().find((e) => wanted.includes(e.type));
  if (!latest) return null;
  const d = latest.data as Record<string, unknown>;
  const text = [d.result, d.remedial, d.reason, d.explanation].filter(
    (x): x is string => typeof x === 'string' && x.trim() !== '',
  );
  return text.length ? text.join('；') : null;
}

/**
 * The month's grouped counts (received, clocks, events). A finished month's are kept (src/server/reports/
 * month-rollups.ts: exact, recomputed after any write that touches them), so a draft read again, or the other
 * offices' drafts, do not rescan the month; `keep` is the database they are kept in (null: computed in `db`).
 */
async function summaryCounts(db: Tx, ctx: Context, keep: Db | null) {
  const s = ctx.scope;
  const m = { year: ctx.ym.year, month: ctx.ym.month, start: s.start, end: s.end };
  // A month not finished (a test's clock moved back) counts clocks only up to now: never kept.
  if (!keep || s.now.getTime() < s.end.getTime())
    return Promise.all([repo.receivedCounts(db, s), repo.clockCounts(db, s), repo.eventCounts(db, s)]);
  const key = (part: RollupPart) => ({
    companyId: ctx.companyId,
    part,
    officeKey: ctx.officeId ?? COMPANY_KEY,
  });
  const one = async <T>(part: RollupPart, select: SQL) =>
    (await keptMonths<T[]>(keep, key(part), [m], () => oneMonth(m, select))).get(monthKey(m)) ?? [];
  return Promise.all([
    one<repo.ReceivedRow>('received', repo.receivedCountsSql(s)),
    one<repo.ClockCountRow>('clocks', repo.clockCountsSql(s)),
    one<repo.EventCountRow>('events', repo.eventCountsSql(s)),
  ]);
}

/** Computes the internal version for one office (or the company) and month, in SQL. */
async function computeSummary(
  db: Tx,
  ctx: Context,
  keep: Db | null,
): Promise<{ data: SummaryData; names: string[]; staffNames: string[] }> {
  const s = ctx.scope;
  const [[received, clocks, events], communityRows, names, staffNames, notableRows, unresolvedRows] =
    await Promise.all([
      summaryCounts(db, ctx, keep),
      repo.communities(db, ctx.companyId, ctx.officeId),
      repo.knownNames(db, s),
      repo.staffNames(db, ctx.companyId),
      repo.notableCases(db, s, LIST_LIMIT),
      repo.unresolvedCases(db, s, LIST_LIMIT),
    ]);

  // Names of categories and of communities outside the office's list (a room moved to another office).
  const categoryIds = [...new Set(received.map((r) => r.category_id).filter((x): x is string => !!x))];
  const communityName = new Map(communityRows.map((c) => [c.id, c.name]));
  const strayCommunities = [
    ...new Set(
      [...received, ...clocks, ...events]
        .map((r) => r.community_id)
        .filter((x): x is string => !!x && !communityName.has(x)),
    ),
  ];
  const [categories, stray] = await Promise.all([
    repo.categoryNames(db, ctx.companyId, categoryIds),
    repo.communityNames(db, ctx.companyId, strayCommunities),
  ]);
  for (const [id, name] of stray) communityName.set(id, name);

  const valid = sum(received, (r) => r.valid_complaints);
  const occupied = sum(communityRows, (c) => c.occupied);
  const all = ratesOf(clocks, events, valid, occupied);
  const figures: SummaryFigures = {
    received: sum(received, (r) => r.received),
    counted: sum(received, (r) => r.counted),
    invalid: sum(received, (r) => r.invalid),
    merged: sum(received, (r) => r.merged),
    validComplaints: valid,
    occupiedHouseholds: occupied,
    byKind: bucketsOf(
      received,
      (r) => r.kind,
      (r) => r.counted,
      CASE_KINDS,
    ),
    byCategory: bucketsOf(
      received,
      (r) => r.category_id ?? 'none',
      (r) => r.counted,
    ).map((b) => ({ ...b, label: b.key === 'none' ? 'none' : (categories.get(b.key) ?? b.key) })),
    byChannel: bucketsOf(
      received,
      (r) => r.channel,
      (r) => r.counted,
      CHANNELS,
    ),
    bySeverity: bucketsOf(
      received,
      (r) => r.severity,
      (r) => r.counted,
      SEVERITIES,
    ),
    onTime: all.onTime,
    onTimeAll: all.onTimeAll,
    callbackRate: all.callbackRate,
    paidRepairCallbackRate: all.paidRepairCallbackRate,
    satisfaction: {
      answered: all.raw.answered,
      satisfied: all.raw.satisfied,
      basicallySatisfied: all.raw.basicallySatisfied,
      unsatisfied: all.raw.unsatisfied,
    },
    satisfactionRate: all.satisfactionRate,
    reopenRate: all.reopenRate,
    effectiveComplaintRate: all.effectiveComplaintRate,
  };

  // Per community: the office's communities (zeros included), then any other community met, then "none".
  const keys = new Set<string | null>(communityRows.map((c) => c.id));
  for (const r of [...received, ...clocks, ...events]) keys.add(r.community_id);
  const occupiedOf = new Map(communityRows.map((c) => [c.id, c.occupied]));
  const communities: CommunityFigures[] = [...keys].map((id) => {
    const mine = <T extends { community_id: string | null }>(rows: readonly T[]) =>
      rows.filter((r) => r.community_id === id);
    const rec = mine(received);
    const v = sum(rec, (r) => r.valid_complaints);
    const occ = id ? (occupiedOf.get(id) ?? 0) : 0;
    const r = ratesOf(mine(clocks), mine(events), v, occ);
    return {
      communityId: id,
      name: id ? (communityName.get(id) ?? id) : 'none',
      received: sum(rec, (x) => x.received),
      counted: sum(rec, (x) => x.counted),
      validComplaints: v,
      occupiedHouseholds: occ,
      onTimeAll: r.onTimeAll,
      callbackRate: r.callbackRate,
      satisfactionRate: r.satisfactionRate,
      reopenRate: r.reopenRate,
      effectiveComplaintRate: r.effectiveComplaintRate,
    };
  });

  // Lists: each group was fetched with one row more than the limit, to know it was cut.
  const listedNames = [
    ...names,
    ...[...notableRows, ...unresolvedRows].map((r) => r.reporter_name).filter((x): x is string => !!x),
  ];
  const allIds = [...new Set([...notableRows, ...unresolvedRows].map((r) => r.id))];
  const entries = await repo.explanations(db, allIds);
  const byCase = new Map<string, repo.ExplanationRow[]>();
  for (const e of entries) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
  // Anonymising against every known name is most of a read's own work, and the cases the director closed are in
  // both lists (closed unsatisfied, closed by the director): each text is anonymised once.
  const excerpts = new Map<string, string>();
  const excerptOnce = (text: string, max = EXCERPT) => {
    const key = `${max}\u0000${text}`;
    let done = excerpts.get(key);
    if (done === undefined)
      excerpts.set(key, (done = excerpt(text, { names: listedNames, staffNames }, max)));
    return done;
  };
  let truncated = false;
  const toList = (rows: repo.ListedCaseRow[]): SummaryCase[] => {
    const perReason = new Map<string, number>();
    const seen = new Set<string>();
    const out: SummaryCase[] = [];
    for (const r of rows) {
      const n = (perReason.get(r.reason) ?? 0) + 1;
      perReason.set(r.reason, n);
      if (n > LIST_LIMIT) {
        truncated = true;
        continue;
      }
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const action = explanationOf(byCase.get(r.id) ?? [], r.reason);
      out.push({
        id: r.id,
        number: r.number,
        kind: r.kind as SummaryCase['kind'],
        severity: r.severity as SummaryCase['severity'],
        state: r.state as SummaryCase['state'],
        category: r.category,
        community: r.community,
        receivedAt: r.received_at.toISOString(),
        reason: r.reason as SummaryCase['reason'],
        summary: excerptOnce(r.description),
        action: action ? excerptOnce(action, 120) : null,
      });
    }
    return out;
  };
  const data: SummaryData = {
    computedAt: s.now.toISOString(),
    figures,
    communities,
    notable: toList(notableRows),
    unresolved: toList(unresolvedRows),
    listsTruncated: false,
  };
  data.listsTruncated = truncated;
  return { data, names: listedNames, staffNames };
}

// ---------------------------------------------------------------------------------------------------------------
// The public version

/** The public wording drafted from the figures: Chinese (it is posted in the service area), anonymised. */
export function draftPublicText(
  data: SummaryData,
  title: string,
  ym: YearMonth,
  known: AnonymiseOptions,
): PublicText {
  const zh = (key: string, params: Record<string, string | number> = {}) => translate('zh-CN', key, params);
  const kind = (k: string) => data.figures.byKind.find((b) => b.key === k)?.count ?? 0;
  const f = data.figures;
  const intro = zh('report.auto.intro', {
    period: zh('report.period', { year: ym.year, month: ym.month }),
    title,
    counted: f.counted,
    complaints: kind('complaint'),
    repairs: kind('repair'),
    inquiries: kind('inquiry'),
    suggestions: kind('suggestion'),
    praise: kind('praise'),
    others: kind('other'),
    invalidNote: f.invalid > 0 ? zh('report.auto.invalid_note', { invalid: f.invalid }) : '',
    callbackDue: f.callbackRate.denominator,
    callbackRate: formatRate(f.callbackRate),
    satisfactionRate: formatRate(f.satisfactionRate),
    complaintRate: formatRate(f.effectiveComplaintRate, 2),
  });
  const lines = (
    cases: readonly SummaryCase[],
    empty: string,
    line: (c: SummaryCase, index: number) => string,
  ) => {
    if (!cases.length) return zh(empty);
    const out = cases.slice(0, TEXT_LINES).map((c, i) => line(c, i + 1));
    if (cases.length > TEXT_LINES) out.push(zh('report.auto.more', { count: cases.length - TEXT_LINES }));
    return out.join('\n');
  };
  const category = (c: SummaryCase) => c.category ?? zh('report.none_category');
  const notable = lines(data.notable, 'report.auto.no_notable', (c, index) =>
    zh('report.auto.notable_line', {
      index,
      reason: zh(`report.reason.${c.reason}`),
      category: category(c),
      summary: c.summary,
      action: c.action ?? zh('report.auto.in_progress'),
    }),
  );
  const unresolved = lines(data.unresolved, 'report.auto.no_unresolved', (c, index) =>
    zh('report.auto.unresolved_line', {
      index,
      category: category(c),
      summary: c.summary,
      explanation: c.action ?? zh('report.auto.no_explanation'),
    }),
  );
  const clean = (text: string) => anonymise(text, known).text.slice(0, 5000);
  return {
    intro: clean(intro),
    notable: clean(notable),
    unresolved: clean(unresolved),
    closing: clean(zh('report.auto.closing')),
  };
}

/** The public version of `data`: counts only, small groups merged, the given (checked) wording. */
export function buildPublic(
  data: SummaryData,
  text: PublicText,
  meta: Pick<PublicSummary, 'title' | 'year' | 'month' | 'status' | 'approvedAt' | 'publishedAt'> & {
    minGroupSize: number;
  },
): PublicSummary {
  const f = data.figures;
  const communityBuckets: Bucket[] = data.communities.map((c) => ({
    key: c.communityId ?? 'none',
    label: c.communityId ? c.name : 'none',
    count: c.counted,
  }));
  return {
    title: meta.title,
    year: meta.year,
    month: meta.month,
    status: meta.status,
    figures: {
      counted: f.counted,
      validComplaints: f.validComplaints,
      invalid: f.invalid,
      onTimeAll: f.onTimeAll,
      callbackRate: f.callbackRate,
      satisfactionRate: f.satisfactionRate,
      reopenRate: f.reopenRate,
      effectiveComplaintRate: f.effectiveComplaintRate,
    },
    byKind: f.byKind.filter((b) => b.count > 0),
    // "none" (no category / no community) names nobody: it merges like any small group.
    byCategory: mergeSmallGroups(f.byCategory, meta.minGroupSize),
    byCommunity: mergeSmallGroups(communityBuckets, meta.minGroupSize),
    minGroupSize: meta.minGroupSize,
    text,
    approvedAt: meta.approvedAt,
    publishedAt: meta.publishedAt,
  };
}

/** The smallest group the public version names (report_policy.publicMinGroupSize, default 3). */
export function minGroupSizeOf(reportPolicy: unknown): number {
  const v = (reportPolicy as { publicMinGroupSize?: unknown } | null)?.publicMinGroupSize;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 100 ? v : DEFAULT_MIN_GROUP_SIZE;
}

/** Each text field that still contains personal data → 400 with the offending fields. */
function checkPublicText(text: PublicText, known: AnonymiseOptions) {
  const fields: Record<string, string> = {};
  const findings: { field: string; kind: string; text: string }[] = [];
  for (const field of PUBLIC_TEXT_FIELDS) {
    for (const f of findPersonalData(text[field], known)) {
      fields[`text.${field}`] = 'field.contains_personal_data';
      findings.push({ field: `text.${field}`, kind: f.kind, text: f.text });
    }
  }
  if (findings.length)
    throw new DomainError('validation_failed', 'validation_failed', {}, { findings }, fields);
}

/**
 * The wording as it will be published and what in it the anonymiser is unsure of (002 篇4 4.2.2.2: a word jieba tags as a
 * name, a run of six or more digits no pattern explained). Each highlight is shown with the director's recorded
 * choice; those chosen for redaction are replaced (某人, 某号码). Ids are `<field>.<domain id>`, stable across
 * redrafts (see Highlight.id).
 */
export function reviewPublicText(
  text: PublicText,
  decisions: Readonly<Record<string, HighlightDecision>> = {},
): { text: PublicText; highlights: PublicHighlight[] } {
  const out: PublicText = { ...text };
  const highlights: PublicHighlight[] = [];
  for (const field of PUBLIC_TEXT_FIELDS) {
    const found = findHighlights(text[field], tagWords).map((h) => ({ ...h, id: `${field}.${h.id}` }));
    const applied = applyHighlightDecisions(text[field], found, (h) => decisions[h.id]?.choice);
    out[field] = applied.text;
    for (const h of applied.highlights) {
      const d = decisions[h.id];
      highlights.push({
        id: h.id,
        field,
        kind: h.kind,
        text: h.text,
        start: h.start,
        end: h.end,
        choice: d?.choice ?? null,
        decidedBy: d ? { id: d.byId, name: d.byName } : null,
        decidedAt: d?.at ?? null,
      });
    }
  }
  return { text: out, highlights };
}

// ---------------------------------------------------------------------------------------------------------------
// Labels in the request's language

function labelled(buckets: readonly CountBucket[], prefix: string, locale: Locale): CountBucket[] {
  return buckets.map((b) => ({ ...b, label: translate(locale, `report.${prefix}.${b.key}`) }));
}

function dataLabels(buckets: readonly CountBucket[], none: string, locale: Locale): CountBucket[] {
  return buckets.map((b) =>
    b.key === 'none'
      ? { ...b, label: translate(locale, none) }
      : b.key === OTHER_BUCKET.key
        ? { ...b, label: translate(locale, 'report.other') }
        : b,
  );
}

function localisePublic(p: PublicSummary, locale: Locale): PublicSummary {
  return {
    ...p,
    byKind: labelled(p.byKind, 'kind', locale),
    byCategory: dataLabels(p.byCategory, 'report.none_category', locale),
    byCommunity: dataLabels(p.byCommunity, 'report.none_community', locale),
  };
}

function localiseData(d: SummaryData, locale: Locale): SummaryData {
  return {
    ...d,
    figures: {
      ...d.figures,
      byKind: labelled(d.figures.byKind, 'kind', locale),
      byChannel: labelled(d.figures.byChannel, 'channel', locale),
      bySeverity: labelled(d.figures.bySeverity, 'severity', locale),
      byCategory: dataLabels(d.figures.byCategory, 'report.none_category', locale),
    },
    communities: d.communities.map((c) =>
      c.communityId ? c : { ...c, name: translate(locale, 'report.none_community') },
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The service

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The drill-down lists cases by (received_at, id), newest first. */
const DRILL_CURSOR = defineCursor([cursorKey.time, cursorKey.uuid]);

async function contextFor(
  db: Tx,
  companyId: string,
  officeId: string | null,
  ym: YearMonth,
  now: Date,
): Promise<Context> {
  const company = await repo.companyInfo(db, companyId);
  if (!company) throw notFound();
  const title = officeId ? await repo.officeName(db, companyId, officeId) : company.name;
  if (title === undefined) throw notFound();
  const { start, end } = monthRange(ym.year, ym.month, company.time_zone);
  return {
    companyId,
    officeId,
    title,
    timeZone: company.time_zone,
    ym,
    minGroupSize: minGroupSizeOf(company.report_policy),
    scope: { companyId, officeId, start, end, now },
  };
}

type Computed = Awaited<ReturnType<typeof computeSummary>>;

/** Computes and inserts the month's draft; false when another request or instance drafted it first. */
async function insertDraftOf(
  db: Db,
  ctx: Context,
  now: Date,
): Promise<{ inserted: boolean; computed: Computed }> {
  const computed = await computeSummary(db, ctx, db);
  const content: PublicContent = {
    text: draftPublicText(computed.data, ctx.title, ctx.ym, computed),
    edited: false,
  };
  const inserted = await repo.insertDraft(db, {
    companyId: ctx.companyId,
    officeId: ctx.officeId,
    year: ctx.ym.year,
    month: ctx.ym.month,
    figures: computed.data,
    publicContent: content,
    at: now,
  });
  return { inserted, computed };
}

/** Drafts the month's row unless it exists; returns the row either way (and the figures when it computed them). */
async function ensureRow(
  db: Db,
  ctx: Context,
  now: Date,
): Promise<{ row: repo.SummaryRow; computed?: Computed }> {
  const find = () => repo.findSummary(db, ctx.companyId, ctx.officeId, ctx.ym.year, ctx.ym.month);
  const found = await find();
  if (found) return { row: found };
  const { computed } = await insertDraftOf(db, ctx, now);
  return { row: (await find())!, computed };
}

/**
 * The scheduler's job: drafts every office's previous month (company time zone) whose row is missing. Several
 * instances may run it at once: the unique index lets one insert win and the others do nothing.
 */
export async function draftMonthlySummaries(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  let drafted = 0;
  const months: SummaryMonth[] = [];
  for (const office of await repo.officesOf(db)) {
    const ym = previousMonth(monthOf(now, office.time_zone));
    let row = await repo.findSummary(db, office.company_id, office.id, ym.year, ym.month);
    if (!row) {
      const { inserted } = await insertDraftOf(
        db,
        await contextFor(db, office.company_id, office.id, ym, now),
        now,
      );
      if (inserted) drafted++;
      row = await repo.findSummary(db, office.company_id, office.id, ym.year, ym.month);
    }
    months.push({
      companyId: office.company_id,
      officeId: office.id,
      ym,
      timeZone: office.time_zone,
      summaryId: row?.id ?? null,
      publishedAt: row?.published_at ?? null,
    });
  }
  // Every month's publication deadline, and those of the last year's unpublished summaries drafted before the
  // deadline engine kept them; existing deadlines stay as they are.
  for (const r of await repo.unpublishedSummariesSince(db, new Date(now.getTime() - 366 * 86_400_000)))
    months.push({
      companyId: r.company_id,
      officeId: r.office_id,
      ym: { year: r.year, month: r.month },
      timeZone: r.time_zone,
      summaryId: r.id,
      publishedAt: null,
    });
  await ensurePublicationDeadlines(db, months);
  return drafted;
}

/** The summary's office must be in the actor's scope; the company-wide one is for company-wide roles. */
function visible(actor: RequestActor, officeId: string | null): boolean {
  return officeId ? canSeeOffice(actor, officeId) : seesWholeCompany(actor);
}

export function summaryService({ db, clock }: AppDeps) {
  /** The row's current view: recomputed while a draft, the frozen figures once approved. */
  async function present(
    tx: Tx,
    actor: RequestActor,
    row: repo.SummaryRow,
    locale: Locale,
    precomputed?: Computed,
  ): Promise<MonthlySummary> {
    const now = clock.now();
    const ctx = await contextFor(
      tx,
      row.company_id,
      row.office_id,
      { year: row.year, month: row.month },
      now,
    );
    const content = row.public_content as PublicContent;
    const frozen = row.status !== 'draft';
    let data: SummaryData;
    let publicVersion: PublicSummary;
    let highlights: PublicHighlight[];
    if (frozen && content.snapshot) {
      highlights = content.highlights ?? [];
      data = row.figures as SummaryData;
      publicVersion = {
        ...content.snapshot,
        status: row.status,
        approvedAt: iso(row.approved_at),
        publishedAt: iso(row.published_at),
      };
    } else {
      // Kept counts only outside a transaction: new kept rows wait for the transactions running, this one too.
      const computed = precomputed ?? (await computeSummary(tx, ctx, tx === db ? db : null));
      data = computed.data;
      const reviewed = reviewPublicText(
        content.edited ? content.text : draftPublicText(data, ctx.title, ctx.ym, computed),
        content.highlightDecisions,
      );
      highlights = reviewed.highlights;
      publicVersion = buildPublic(data, reviewed.text, {
        title: ctx.title,
        year: row.year,
        month: row.month,
        status: row.status,
        approvedAt: null,
        publishedAt: null,
        minGroupSize: ctx.minGroupSize,
      });
    }
    const mayApprove = can(actor, 'reports.approve') && canManageInOffice(actor, row.office_id);
    const allowed: MonthlySummary['allowedActions'] = !mayApprove
      ? []
      : row.status === 'draft'
        ? ['editPublic', 'approve']
        : row.status === 'approved'
          ? ['publish']
          : [];
    const local = localiseData(data, locale);
    const ym = { year: row.year, month: row.month };
    return {
      id: row.id,
      officeId: row.office_id,
      title: ctx.title,
      year: row.year,
      month: row.month,
      timeZone: ctx.timeZone,
      period: { start: ctx.scope.start.toISOString(), end: ctx.scope.end.toISOString() },
      status: row.status,
      version: row.version,
      frozen,
      computedAt: data.computedAt,
      figures: local.figures,
      communities: local.communities,
      notable: local.notable,
      unresolved: local.unresolved,
      listsTruncated: local.listsTruncated,
      publicVersion: localisePublic(publicVersion, locale),
      publicTextEdited: content.edited,
      publicHighlights: highlights,
      workflow: {
        draftedAt: row.drafted_at.toISOString(),
        approvedBy: row.approved_by_id ? { id: row.approved_by_id, name: row.approved_by_name ?? '' } : null,
        approvedAt: iso(row.approved_at),
        publishedBy: row.published_by_id
          ? { id: row.published_by_id, name: row.published_by_name ?? '' }
          : null,
        publishedAt: iso(row.published_at),
        deadline: publicationDeadline(ym, ctx.timeZone).toISOString(),
        overdue: isPublicationOverdue(ym, row.status === 'published', now, ctx.timeZone),
      },
      allowedActions: allowed,
      inProgress: false,
    };
  }

  /**
   * The month in progress (REPORT-1): its figures so far, computed live and stored nowhere — no draft, no id, no
   * workflow, no drill-down or export until the month has ended and the summary is drafted.
   */
  async function monthInProgress(
    actor: RequestActor,
    ctx: Context,
    locale: Locale,
    now: Date,
  ): Promise<MonthlySummary> {
    const transient: repo.SummaryRow = {
      id: '',
      company_id: ctx.companyId,
      office_id: ctx.officeId,
      year: ctx.ym.year,
      month: ctx.ym.month,
      status: 'draft',
      figures: null,
      public_content: { text: { intro: '', notable: '', unresolved: '', closing: '' }, edited: false },
      drafted_at: now,
      approved_by_id: null,
      approved_at: null,
      published_by_id: null,
      published_at: null,
      version: 0,
      approved_by_name: null,
      published_by_name: null,
    };
    const shown = await present(db, actor, transient, locale);
    return { ...shown, inProgress: true, allowedActions: [] };
  }

  async function loadVisible(tx: Tx, actor: RequestActor, id: string, opts: { lock?: boolean } = {}) {
    const row = await repo.getSummary(tx, actor.companyId, id, opts);
    if (!row || !visible(actor, row.office_id)) throw notFound();
    return row;
  }

  async function get(actor: RequestActor, id: string, locale: Locale): Promise<MonthlySummary> {
    return present(db, actor, await loadVisible(db, actor, id), locale);
  }

  /** Which office a query means: the one given (in scope), the company, or the user's only office. */
  async function resolveOffice(actor: RequestActor, officeId: string | undefined): Promise<string | null> {
    if (officeId) {
      if (!(await repo.officeName(db, actor.companyId, officeId))) throw notFound();
      if (!canSeeOffice(actor, officeId)) throw forbidden('rule.office_out_of_scope');
      return officeId;
    }
    if (seesWholeCompany(actor)) return null;
    if (actor.officeIds.length === 1) return actor.officeIds[0];
    throw fieldError({ 'querystring.officeId': 'field.required' });
  }

  /** Loads, checks version and state, and applies one workflow step in a transaction. */
  async function step(
    actor: RequestActor,
    id: string,
    version: number,
    from: repo.SummaryRow['status'],
    locale: Locale,
    apply: (tx: Tx, row: repo.SummaryRow, now: Date) => Promise<void>,
  ): Promise<MonthlySummary> {
    return db.transaction(async (tx) => {
      const row = await loadVisible(tx, actor, id, { lock: true });
      if (!canManageInOffice(actor, row.office_id)) throw notFound();
      if (row.version !== version) throw versionConflict(row.version);
      if (row.status !== from) {
        const allowed = row.status === 'approved' ? ['publish'] : [];
        throw new DomainError(
          'invalid_transition',
          'invalid_transition',
          {},
          { state: row.status, allowedActions: allowed },
        );
      }
      const now = clock.now();
      await apply(tx, row, now);
      return present(tx, actor, (await repo.getSummary(tx, actor.companyId, id))!, locale);
    });
  }

  return {
    async monthly(actor: RequestActor, q: MonthlyQuery, locale: Locale): Promise<MonthlySummary> {
      const officeId = await resolveOffice(actor, q.officeId);
      const now = clock.now();
      const company = await repo.companyInfo(db, actor.companyId);
      const last = previousMonth(monthOf(now, company?.time_zone ?? 'Asia/Shanghai'));
      const ym = { year: q.year ?? last.year, month: q.month ?? last.month };
      const ctx = await contextFor(db, actor.companyId, officeId, ym, now);
      if (!isFinishedMonth(ym, now, ctx.timeZone)) {
        if (compareMonths(ym, monthOf(now, ctx.timeZone)) > 0)
          throw fieldError({ 'querystring.month': 'field.month_not_started' });
        return monthInProgress(actor, ctx, locale, now);
      }
      const { row, computed } = await ensureRow(db, ctx, now);
      return present(db, actor, row, locale, computed);
    },

    get,

    async publicVersion(actor: RequestActor, id: string, locale: Locale): Promise<PublicSummary> {
      return (await get(actor, id, locale)).publicVersion;
    },

    putPublicText(
      actor: RequestActor,
      id: string,
      body: { version: number; text: Partial<PublicText> },
      locale: Locale,
    ) {
      return step(actor, id, body.version, 'draft', locale, async (tx, row, now) => {
        const ctx = await contextFor(tx, row.company_id, row.office_id, row, now);
        const known = await computeSummary(tx, ctx, null);
        const stored = row.public_content as PublicContent;
        const current = stored.edited ? stored.text : draftPublicText(known.data, ctx.title, ctx.ym, known);
        const text: PublicText = { ...current, ...body.text };
        checkPublicText(text, known);
        const content: PublicContent = {
          ...stored,
          text,
          edited: true,
          editedById: actor.userId,
          editedAt: now.toISOString(),
        };
        await repo.updateSummary(tx, row.id, { publicContent: content, at: now });
      });
    },

    approve(actor: RequestActor, id: string, version: number, locale: Locale) {
      return step(actor, id, version, 'draft', locale, async (tx, row, now) => {
        const ctx = await contextFor(tx, row.company_id, row.office_id, row, now);
        const known = await computeSummary(tx, ctx, null);
        const { data } = known;
        const stored = row.public_content as PublicContent;
        const text = stored.edited ? stored.text : draftPublicText(data, ctx.title, ctx.ym, known);
        // Names may have been registered since the wording was saved: checked again before it is frozen.
        checkPublicText(text, known);
        // 002 篇4 4.2.2.2: what the anonymiser was unsure of is published only as the director decided, each word of it.
        const reviewed = reviewPublicText(text, stored.highlightDecisions);
        const undecided = reviewed.highlights.filter((h) => !h.choice);
        if (undecided.length)
          throw new DomainError(
            'rule_violation',
            'rule.public_text_unreviewed',
            { count: undecided.length },
            {
              rule: 'public_text_unreviewed',
              highlights: undecided.map(({ id, field, kind, text }) => ({ id, field, kind, text })),
            },
          );
        const snapshot = buildPublic(data, reviewed.text, {
          title: ctx.title,
          year: row.year,
          month: row.month,
          status: 'approved',
          approvedAt: now.toISOString(),
          publishedAt: null,
          minGroupSize: ctx.minGroupSize,
        });
        await repo.updateSummary(tx, row.id, {
          status: 'approved',
          figures: data,
          publicContent: {
            ...stored,
            text,
            snapshot,
            highlights: reviewed.highlights,
          } satisfies PublicContent,
          approvedById: actor.userId,
          approvedAt: now,
          at: now,
        });
      });
    },

    /**
     * The director redacts or keeps one highlighted word of the draft's public wording (002 篇4 4.2.2.2); the choice is
     * recorded (who, when, which word) and applied on every read until approval freezes it.
     */
    decideHighlight(actor: RequestActor, id: string, body: DecideHighlightBody, locale: Locale) {
      return step(actor, id, body.version, 'draft', locale, async (tx, row, now) => {
        const stored = row.public_content as PublicContent;
        let text = stored.text;
        if (!stored.edited) {
          const ctx = await contextFor(tx, row.company_id, row.office_id, row, now);
          const known = await computeSummary(tx, ctx, null);
          text = draftPublicText(known.data, ctx.title, ctx.ym, known);
        }
        const decisions = stored.highlightDecisions ?? {};
        const h = reviewPublicText(text, decisions).highlights.find((x) => x.id === body.highlightId);
        if (!h) throw fieldError({ 'body.highlightId': 'field.highlight_unknown' });
        const content: PublicContent = {
          ...stored,
          highlightDecisions: {
            ...decisions,
            [h.id]: {
              choice: body.choice,
              byId: actor.userId,
              byName: actor.name,
              at: now.toISOString(),
              field: h.field,
              kind: h.kind,
              text: h.text,
            },
          },
        };
        await repo.updateSummary(tx, row.id, { publicContent: content, at: now });
      });
    },

    publish(actor: RequestActor, id: string, version: number, locale: Locale) {
      return step(actor, id, version, 'approved', locale, async (tx, row, now) => {
        await repo.updateSummary(tx, row.id, {
          status: 'published',
          publishedById: actor.userId,
          publishedAt: now,
          at: now,
        });
        if (row.office_id)
          await meetPublication(tx, row.company_id, row.office_id, { year: row.year, month: row.month }, now);
      });
    },

    async drill(actor: RequestActor, id: string, q: DrillQuery): Promise<ListResult<DrillCase>> {
      const row = await loadVisible(db, actor, id);
      const ctx = await contextFor(db, row.company_id, row.office_id, row, clock.now());
      const where = repo.drillWhere(ctx.scope, q, await caseActorOf(db, actor));
      if (!where) {
        const missing = q.figure === 'clockDue' || q.figure === 'clockLate' ? 'clock' : 'value';
        throw fieldError({ [`querystring.${missing}`]: 'field.required' });
      }
      const after = DRILL_CURSOR.decode(q.cursor)?.key ?? null;
      const [rows, counted] = await Promise.all([
        repo.drillPage(db, where, after, q.limit),
        repo.drillCount(db, where),
      ]);
      return page(
        rows.map((r) => ({
          id: r.id,
          number: r.number,
          kind: r.kind as DrillCase['kind'],
          severity: r.severity as DrillCase['severity'],
          state: r.state as DrillCase['state'],
          receivedAt: r.received_at.toISOString(),
          category: r.category,
          community: r.community,
        })),
        q.limit,
        (r) => DRILL_CURSOR.encode([r.receivedAt, r.id]),
        counted,
      );
    },

    /**
     * The director's dashboard: per office in scope, the previous month (drafted or not) and every earlier month
     * of the last year that has a summary not yet published; overdue = not published by the end of the 5th.
     */
    async status(actor: RequestActor, officeId: string | undefined): Promise<SummaryStatusList> {
      if (officeId) await resolveOffice(actor, officeId);
      const scope = officeId ? [officeId] : seesWholeCompany(actor) ? 'all' : actor.officeIds;
      const offices = await repo.officesOf(db, actor.companyId, scope);
      if (!offices.length) return { items: [], overdueCount: 0 };
      const now = clock.now();
      const tz = offices[0].time_zone;
      const last = previousMonth(monthOf(now, tz));
      const first = monthsBetween({ year: last.year - 1, month: last.month }, last)[1];
      const rows = await repo.summariesSince(
        db,
        actor.companyId,
        offices.map((o) => o.id),
        first,
      );
      const items: SummaryMonthStatus[] = [];
      for (const o of offices)
        for (const ym of monthsBetween(first, last)) {
          const row = rows.find((r) => r.office_id === o.id && r.year === ym.year && r.month === ym.month);
          const isLast = ym.year === last.year && ym.month === last.month;
          if (!isLast && (!row || row.status === 'published')) continue;
          const status = (row?.status ?? 'missing') as SummaryMonthStatus['status'];
          items.push({
            officeId: o.id,
            officeName: o.name,
            year: ym.year,
            month: ym.month,
            summaryId: row?.id ?? null,
            status,
            deadline: publicationDeadline(ym, tz).toISOString(),
            overdue: isPublicationOverdue(ym, status === 'published', now, tz),
          });
        }
      return { items, overdueCount: items.filter((i) => i.overdue).length };
    },

    async exportXlsx(actor: RequestActor, id: string, version: 'internal' | 'public', locale: Locale) {
      const row = await loadVisible(db, actor, id);
      const summary = await present(db, actor, row, locale);
      const ctx = await contextFor(db, row.company_id, row.office_id, row, clock.now());
      const detail = version === 'internal' ? await repo.detailRows(db, ctx.scope, DETAIL_LIMIT) : null;
      const body = await buildSummaryXlsx(summary, version, locale, detail);
      const name = translate(locale, version === 'public' ? 'report.file.public' : 'report.file.internal', {
        title: summary.title,
        year: summary.year,
        month: summary.month,
      });
      return {
        body,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        disposition: contentDisposition('attachment', `${name}.xlsx`),
      };
    },

    async print(actor: RequestActor, id: string, version: 'internal' | 'public', locale: Locale) {
      return renderPrintPage(await get(actor, id, locale), version, locale);
    },
  };
}
