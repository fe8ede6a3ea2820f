/**
 * The quarterly management-service report (管理服务报告; REPORT-5, 002 篇4 4.2.3). The rules — the
 * deadlines, the order of the steps, who takes each, the reminder schedule — are in src/domain/reports/quarterly.ts;
 * this service stores the report and runs the steps.
 *
 * - Drafting: the report of a quarter is drafted once its draft date (the 1st of the next quarter's first month)
 *   has come — on its first read, or by the hourly reminder job for every office. While a draft, the service
 *   figures are recomputed from the cases on every read, and the sections are redrafted from them until the
 *   office edits them; submitting the service part freezes the figures and the text.
 * - What is stored: quarterly_reports.service_content = ServiceContent (figures, sections, who submitted and
 *   published, and the reminder keys already sent); finance_content = FinanceContent.
 * - The published report stays readable by the office's staff: the copy at the service centre (4.2.3.3).
 */
import { CASE_KINDS } from '../../domain/case/case';
import { fieldError, forbidden, notFound, ruleViolation, versionConflict } from '../../domain/errors';
import { callbackRate, satisfactionRate, type Rate } from '../../domain/metrics/rates';
import {
  allowedActions,
  balanceYuan,
  canReadPublished,
  canReadReport,
  decideStep,
  isReportOpen,
  missingFigures,
  missingSections,
  overdueFlags,
  quarterlyDeadlines,
  quarterRange,
  refusal,
  reportQuarterAt,
  type QuarterlyAction,
  type QuarterlyActor,
  type QuarterlyStatus,
  type Quarter,
} from '../../domain/reports/quarterly';
import { translate } from '../../contracts/messages';
import type {
  FinanceFigures,
  PutFinanceBody,
  PutServiceBody,
  QuarterlyQuery,
  QuarterlyReport,
  ServiceFigures,
  ServiceSections,
  SignBody,
} from '../../contracts/quarterly';
import type { AppDeps } from '../platform/deps';
import type { Clock } from '../platform/clock';
import type { Db, Tx } from '../db/client';
import type { RequestActor } from '../http/types';
import * as repo from './quarterly.repository';
import { ensureReportDeadlines, meetFinishedSteps } from './quarterly.deadlines';

/** What quarterly_reports.service_content holds. */
export interface ServiceContent {
  figures: ServiceFigures;
  computedAt: string;
  sections: ServiceSections;
  sectionsEdited: boolean;
  submittedById?: string;
  publishedById?: string;
  /** reminder keys sent or passed over before the deadline engine kept them (read once into its deadlines) */
  reminders: string[];
}

/** What quarterly_reports.finance_content holds. */
export interface FinanceContent {
  figures: FinanceFigures;
  enteredById: string;
  enteredAt: string;
  submittedById?: string;
}

const EMPTY_FINANCE: FinanceFigures = { incomeYuan: null, expenseYuan: null, arrearsYuan: null, notes: '' };
const EMPTY_SECTIONS: ServiceSections = { overview: '', quality: '', nextPlan: '' };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const plainRate = (r: Rate) => ({ value: r.value, numerator: r.numerator, denominator: r.denominator });
const percent = (r: { value: number | null }) => (r.value === null ? '—' : `${(r.value * 100).toFixed(1)}%`);

// ---------------------------------------------------------------------------------------------------------------
// Drafting from the data

async function computeFigures(tx: Tx, scope: repo.FigureScope): Promise<ServiceFigures> {
  // One after another: inside a transaction the three share one connection.
  const kinds = await repo.receivedByKind(tx, scope);
  const callbacks = await repo.callbackCounts(tx, scope);
  const events = await repo.eventCounts(tx, scope);
  const sum = (pick: (r: repo.KindCountRow) => number) => kinds.reduce((n, r) => n + pick(r), 0);
  return {
    received: sum((r) => r.received),
    counted: sum((r) => r.counted),
    invalid: sum((r) => r.invalid),
    merged: sum((r) => r.merged),
    byKind: CASE_KINDS.map((kind) => ({ kind, count: kinds.find((r) => r.kind === kind)?.counted ?? 0 })),
    resolved: events.resolved,
    callbacks: {
      due: callbacks.due,
      done: callbacks.done,
      rate: plainRate(callbackRate({ done: callbacks.done, fellDue: callbacks.due })),
    },
    satisfaction: {
      answered: events.answered,
      satisfied: events.satisfied,
      basicallySatisfied: events.basically_satisfied,
      unsatisfied: events.unsatisfied,
      rate: plainRate(
        satisfactionRate({
          satisfied: events.satisfied,
          basicallySatisfied: events.basically_satisfied,
          answered: events.answered,
        }),
      ),
    },
  };
}

/**
 * The sections drafted from the figures; the office rewrites them. Always in Chinese: the report is a document
 * for the owners (4.2.3.3), whatever language the person preparing it reads the screens in.
 */
export function draftSections(f: ServiceFigures): ServiceSections {
  const kind = (k: string) => f.byKind.find((b) => b.kind === k)?.count ?? 0;
  return {
    overview: translate('zh-CN', 'quarterly.draft_overview', {
      received: f.received,
      invalid: f.invalid,
      merged: f.merged,
      complaint: kind('complaint'),
      repair: kind('repair'),
      inquiry: kind('inquiry'),
      suggestion: kind('suggestion'),
      praise: kind('praise'),
      other: kind('other'),
      resolved: f.resolved,
    }),
    quality: translate('zh-CN', 'quarterly.draft_quality', {
      due: f.callbacks.due,
      done: f.callbacks.done,
      callbackRate: percent(f.callbacks.rate),
      answered: f.satisfaction.answered,
      satisfied: f.satisfaction.satisfied,
      basicallySatisfied: f.satisfaction.basicallySatisfied,
      unsatisfied: f.satisfaction.unsatisfied,
      satisfactionRate: percent(f.satisfaction.rate),
    }),
    nextPlan: '',
  };
}

function scopeOf(office: repo.OfficeRow, q: Quarter, now: Date): repo.FigureScope {
  const { start, end } = quarterRange(q, office.time_zone);
  return { companyId: office.company_id, officeId: office.id, start, end, now };
}

function serviceContentOf(row: repo.ReportRow): Partial<ServiceContent> {
  return (row.serviceContent as Partial<ServiceContent> | null) ?? {};
}

/** The office's report of `q`, drafted now when it does not exist yet (the caller checked the draft date). */
async function ensureDraft(db: Tx, office: repo.OfficeRow, q: Quarter, now: Date): Promise<repo.ReportRow> {
  const found = await repo.findReport(db, office.company_id, office.id, q.year, q.quarter);
  if (found) return found;
  const figures = await computeFigures(db, scopeOf(office, q, now));
  const content: ServiceContent = {
    figures,
    computedAt: now.toISOString(),
    sections: draftSections(figures),
    sectionsEdited: false,
    reminders: [],
  };
  const row = await repo.insertDraft(db, {
    companyId: office.company_id,
    officeId: office.id,
    year: q.year,
    quarter: q.quarter,
    serviceContent: content,
    at: now,
  });
  await ensureReportDeadlines(db, row, office.time_zone);
  return row;
}

// ---------------------------------------------------------------------------------------------------------------
// The API

export function quarterlyService({ db, clock }: AppDeps) {
  async function actorOf(tx: Tx, actor: RequestActor): Promise<QuarterlyActor> {
    return { ...actor, department: await repo.userDepartment(tx, actor.companyId, actor.userId) };
  }

  async function present(
    tx: Tx,
    row: repo.ReportRow,
    office: repo.OfficeRow,
    actor: QuarterlyActor,
    now: Date,
  ): Promise<QuarterlyReport> {
    const q = { year: row.year, quarter: row.quarter };
    const tz = office.time_zone;
    const status = row.status as QuarterlyStatus;
    const deadlines = quarterlyDeadlines(q, tz);
    const period = quarterRange(q, tz);
    const content = serviceContentOf(row);
    const draft = status === 'draft';
    // A row written without content (an import, a test) is computed like a draft rather than failing.
    const figures =
      draft || !content.figures ? await computeFigures(tx, scopeOf(office, q, now)) : content.figures;
    const sections = content.sectionsEdited
      ? (content.sections ?? EMPTY_SECTIONS)
      : draft
        ? draftSections(figures)
        : (content.sections ?? EMPTY_SECTIONS);
    const finance = row.financeContent as FinanceContent | null;
    const names = await repo.userNames(
      tx,
      row.companyId,
      [
        content.submittedById,
        content.publishedById,
        finance?.enteredById,
        finance?.submittedById,
        row.directorSignedById,
      ].filter((x): x is string => !!x),
    );
    const person = (id: string | null | undefined) => (id ? { id, name: names.get(id) ?? '' } : null);
    return {
      id: row.id,
      officeId: row.officeId,
      officeName: office.name,
      year: row.year,
      quarter: row.quarter,
      timeZone: tz,
      period: { start: period.start.toISOString(), end: period.end.toISOString() },
      status,
      version: row.version,
      deadlines: {
        draftFrom: deadlines.draftFrom.toISOString(),
        serviceDue: deadlines.serviceDue.toISOString(),
        financeDue: deadlines.financeDue.toISOString(),
        publishDue: deadlines.publishDue.toISOString(),
      },
      ...overdueFlags(deadlines, status, now),
      draftedAt: row.draftedAt.toISOString(),
      service: {
        figures,
        computedAt: draft ? now.toISOString() : (content.computedAt ?? row.draftedAt.toISOString()),
        frozen: !draft,
        sections,
        sectionsEdited: !!content.sectionsEdited,
        submittedAt: iso(row.serviceSubmittedAt),
        submittedBy: person(content.submittedById),
      },
      finance: {
        figures: finance?.figures ?? EMPTY_FINANCE,
        balanceYuan: balanceYuan(finance?.figures ?? null),
        enteredBy: person(finance?.enteredById),
        enteredAt: finance?.enteredAt ?? null,
        submittedAt: iso(row.financeSubmittedAt),
        submittedBy: person(finance?.submittedById),
      },
      signatures: {
        chairName: row.chairName,
        chairSignedAt: iso(row.chairSignedAt),
        director: person(row.directorSignedById),
        directorSignedAt: iso(row.directorSignedAt),
      },
      publishedAt: iso(row.publishedAt),
      publishedBy: person(content.publishedById),
      allowedActions: allowedActions(status, actor, { id: office.id, directorId: office.director_id }),
    };
  }

  /** Loads the report for a step, checks who, version and order, applies the change in one transaction. */
  function step(
    actor: RequestActor,
    id: string,
    version: number,
    action: QuarterlyAction,
    apply: (
      tx: Tx,
      row: repo.ReportRow,
      office: repo.OfficeRow,
      now: Date,
      to: QuarterlyStatus,
    ) => Promise<void>,
  ): Promise<QuarterlyReport> {
    return db.transaction(async (tx) => {
      const row = await repo.getReport(tx, actor.companyId, id, { lock: true });
      if (!row) throw notFound();
      const office = (await repo.getOffice(tx, actor.companyId, row.officeId))!;
      const qa = await actorOf(tx, actor);
      if (!canReadReport(qa, row.officeId)) throw notFound();
      const refused = refusal(qa, action, { id: office.id, directorId: office.director_id });
      if (refused) throw forbidden(refused);
      if (row.version !== version) throw versionConflict(row.version);
      const decision = decideStep(row.status as QuarterlyStatus, action);
      if (!decision.ok) throw ruleViolation(decision.rule);
      const now = clock.now();
      await apply(tx, row, office, now, decision.to);
      if (decision.to) await meetFinishedSteps(tx, row.companyId, row.id, decision.to, now);
      return present(tx, (await repo.getReport(tx, actor.companyId, id))!, office, qa, now);
    });
  }

  return {
    /** The report of an office and quarter; drafted on first read once its draft date has come. */
    async forQuarter(actor: RequestActor, query: QuarterlyQuery): Promise<QuarterlyReport> {
      const officeId = query.officeId ?? (actor.officeIds.length === 1 ? actor.officeIds[0] : undefined);
      if (!officeId) throw fieldError({ 'querystring.officeId': 'field.required' });
      if ((query.year == null) !== (query.quarter == null))
        throw fieldError({
          [query.year == null ? 'querystring.year' : 'querystring.quarter']: 'field.required',
        });
      const office = await repo.getOffice(db, actor.companyId, officeId);
      if (!office) throw notFound();
      const qa = await actorOf(db, actor);
      const now = clock.now();
      const q =
        query.year != null && query.quarter != null
          ? { year: query.year, quarter: query.quarter }
          : reportQuarterAt(now, office.time_zone);
      if (!canReadReport(qa, officeId)) {
        // The office's other staff find the published report (the service-centre copy); nothing else, no drafting.
        const published = canReadPublished(qa, officeId)
          ? await repo.findReport(db, actor.companyId, officeId, q.year, q.quarter)
          : undefined;
        if (published?.status !== 'published') throw notFound();
        return present(db, published, office, qa, now);
      }
      if (!isReportOpen(q, now, office.time_zone))
        throw fieldError({ 'querystring.quarter': 'field.quarter_not_open' });
      const row = await ensureDraft(db, office, q, now);
      return present(db, row, office, qa, now);
    },

    /** One report by id: readers in scope; every staff member of the office once it is published. */
    async get(actor: RequestActor, id: string): Promise<QuarterlyReport> {
      const row = await repo.getReport(db, actor.companyId, id);
      if (!row) throw notFound();
      const qa = await actorOf(db, actor);
      const readable =
        canReadReport(qa, row.officeId) || (row.status === 'published' && canReadPublished(qa, row.officeId));
      if (!readable) throw notFound();
      const office = (await repo.getOffice(db, actor.companyId, row.officeId))!;
      return present(db, row, office, qa, clock.now());
    },

    putService: (actor: RequestActor, id: string, body: PutServiceBody) =>
      step(actor, id, body.version, 'editService', async (tx, row, _office, now) => {
        const content = { ...serviceContentOf(row), sections: body.sections, sectionsEdited: true };
        await repo.updateReport(tx, row.id, { serviceContent: content }, now);
      }),

    submitService: (actor: RequestActor, id: string, version: number) =>
      step(actor, id, version, 'submitService', async (tx, row, office, now, to) => {
        const content = serviceContentOf(row);
        // The figures as they stand now are what the company receives: frozen from here on.
        const figures = await computeFigures(tx, scopeOf(office, row, now));
        const sections = content.sectionsEdited
          ? (content.sections ?? EMPTY_SECTIONS)
          : draftSections(figures);
        if (missingSections(sections).length) throw ruleViolation('quarterly_sections_missing');
        await repo.updateReport(
          tx,
          row.id,
          {
            status: to,
            serviceSubmittedAt: now,
            serviceContent: {
              ...content,
              figures,
              computedAt: now.toISOString(),
              sections,
              submittedById: actor.userId,
            },
          },
          now,
        );
      }),

    putFinance: (actor: RequestActor, id: string, body: PutFinanceBody) =>
      step(actor, id, body.version, 'editFinance', async (tx, row, _office, now) => {
        const content: FinanceContent = {
          ...((row.financeContent as FinanceContent | null) ?? {}),
          figures: body.figures,
          enteredById: actor.userId,
          enteredAt: now.toISOString(),
        };
        await repo.updateReport(tx, row.id, { financeContent: content }, now);
      }),

    submitFinance: (actor: RequestActor, id: string, version: number) =>
      step(actor, id, version, 'submitFinance', async (tx, row, _office, now, to) => {
        const content = row.financeContent as FinanceContent | null;
        if (!content || missingFigures(content.figures).length)
          throw ruleViolation('quarterly_figures_missing');
        await repo.updateReport(
          tx,
          row.id,
          {
            status: to,
            financeSubmittedAt: now,
            financeContent: { ...content, submittedById: actor.userId },
          },
          now,
        );
      }),

    sign: (actor: RequestActor, id: string, body: SignBody) =>
      step(actor, id, body.version, 'sign', async (tx, row, office, now, to) => {
        const chairSignedAt = new Date(body.chairSignedAt);
        if (chairSignedAt.getTime() > now.getTime())
          throw fieldError({ chairSignedAt: 'field.not_in_future' });
        const { draftFrom } = quarterlyDeadlines(row, office.time_zone);
        if (chairSignedAt.getTime() < draftFrom.getTime())
          throw fieldError({ chairSignedAt: 'field.chair_signed_too_early' });
        await repo.updateReport(
          tx,
          row.id,
          {
            status: to,
            chairName: body.chairName,
            chairSignedAt,
            directorSignedById: actor.userId,
            directorSignedAt: now,
          },
          now,
        );
      }),

    publish: (actor: RequestActor, id: string, version: number) =>
      step(actor, id, version, 'publish', async (tx, row, _office, now, to) => {
        await repo.updateReport(
          tx,
          row.id,
          {
            status: to,
            publishedAt: now,
            serviceContent: { ...serviceContentOf(row), publishedById: actor.userId },
          },
          now,
        );
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Drafting and the steps' deadlines (run hourly by src/server/quarterly/quarterly.schedule.ts)

export interface DraftRun {
  /** reports drafted by this run (one per office once its report month begins) */
  drafted: number;
}

/**
 * Drafts every office's report in preparation, each with its steps' deadlines, and gives every unpublished report
 * drafted before the deadline engine kept them its deadlines (with the reminders it had recorded as sent). The
 * reminders themselves go out with the deadline sweep (quarterly.deadlines.ts, domain/deadlines/subjects.ts):
 * `warning` notifications with data `{ reason: 'quarterly_report_due', step, dueAt, overdue, … }`, each once.
 */
export async function draftQuarterlyReports(db: Db, clock: Clock): Promise<DraftRun> {
  const now = clock.now();
  const run: DraftRun = { drafted: 0 };
  for (const office of await repo.allOffices(db)) {
    const q = reportQuarterAt(now, office.time_zone);
    if (await repo.findReport(db, office.company_id, office.id, q.year, q.quarter)) continue;
    await db.transaction((tx) => ensureDraft(tx, office, q, now));
    run.drafted++;
  }
  for (const r of await repo.unpublishedReports(db)) {
    const content = (r.service_content as Partial<ServiceContent> | null) ?? {};
    await db.transaction(async (tx) => {
      await ensureReportDeadlines(
        tx,
        { id: r.id, companyId: r.company_id, officeId: r.office_id, year: r.year, quarter: r.quarter },
        r.time_zone,
        new Set(content.reminders ?? []),
      );
      await meetFinishedSteps(tx, r.company_id, r.id, r.status as QuarterlyStatus, now);
    });
  }
  return run;
}
