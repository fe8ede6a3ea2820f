/**
 * The one overdue view: every deadline past due that the caller may see, whatever its subject, most overdue first.
 * Each kind of deadline contributes what it has past due under its own read rule — a case's clocks under the case
 * rule (caseVisibleTo), monthly summaries and quarterly reports under `reports.read` and the office scope — and the
 * page is their merge by (due time, kind, id), which is also the cursor.
 */
import { TOTAL_CAP } from '../../contracts/common';
import type {
  DeadlineKind,
  DeadlineListQuery,
  OverdueDeadline,
  OverdueDeadlineList,
} from '../../contracts/deadlines';
import { can, officeScope } from '../../domain/access/access';
import { overdueFlags, quarterlyDeadlines, type QuarterlyStatus } from '../../domain/reports/quarterly';
import type { AppDeps } from '../app';
import { caseActorOf } from '../cases/cases.repository';
import { cursorKey, defineCursor } from '../db/paging';
import type { RequestActor } from '../http/types';
import { unpublishedReportsOf } from '../quarterly/quarterly.repository';
import { summaryService } from '../reports/summary.service';
import { overdueCaseClocks } from './deadlines.repository';

/** The order of the kinds at one due time, and the first part of each item's key. */
const KIND_ORDER = { case_clock: 0, monthly_summary: 1, quarterly_report: 2 } as const;

/**
 * An item's key as the cursor carries it: a case clock's `0:<uuid>`, a report deadline's `1:…` or `2:…` (anything
 * else is not a key this list wrote, and the cursor is refused like any other it did not write).
 */
const ITEM_KEY = /^(0:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[12]:\S.*)$/;

/** (due time, item key) of the last item of the page. */
const CURSOR = defineCursor([cursorKey.time, cursorKey.text.refine((key) => ITEM_KEY.test(key))]);

interface Keyed {
  item: OverdueDeadline;
  at: number;
  key: string;
}

const compare = (a: { at: number; key: string }, b: { at: number; key: string }) =>
  a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function deadlinesService(deps: AppDeps) {
  const { db, clock } = deps;
  const summaries = summaryService(deps);

  /** The case clocks past due (up to `limit` after the cursor) and how many there are. */
  async function caseClocks(actor: RequestActor, now: Date, after: Keyed | null, limit: number) {
    if (!can(actor, 'cases.read')) return { items: [] as Keyed[], count: 0 };
    const [order, id] = after ? splitKey(after.key) : [0, null];
    const { rows, count } = await overdueCaseClocks(db, actor.companyId, await caseActorOf(db, actor), now, {
      after: after ? { dueAt: new Date(after.at), afterId: order === 0 ? id : null } : null,
      limit,
    });
    const items = rows.map((r): Keyed => ({
      at: r.dueAt.getTime(),
      key: `${KIND_ORDER.case_clock}:${r.id}`,
      item: {
        kind: 'case_clock',
        name: r.name,
        dueAt: r.dueAt.toISOString(),
        subject: { id: r.caseId, label: r.number },
        office: r.officeId ? { id: r.officeId, name: r.officeName ?? '' } : null,
        breachRecorded: r.breachedAt != null,
      },
    }));
    return { items, count };
  }

  /** Monthly summaries not published by the end of the 5th (the summary status rule). */
  async function monthlySummaries(actor: RequestActor): Promise<Keyed[]> {
    if (!can(actor, 'reports.read')) return [];
    const { items } = await summaries.status(actor, undefined);
    return items
      .filter((s) => s.overdue)
      .map((s) => {
        const month = `${s.year}-${String(s.month).padStart(2, '0')}`;
        return {
          at: new Date(s.deadline).getTime(),
          key: `${KIND_ORDER.monthly_summary}:${s.officeId}:${month}`,
          item: {
            kind: 'monthly_summary',
            name: 'publication',
            dueAt: s.deadline,
            subject: { id: s.summaryId, label: month },
            office: { id: s.officeId, name: s.officeName },
            breachRecorded: true,
          },
        };
      });
  }

  /** Each step of a quarterly report past its due date and not done (overdueFlags). */
  async function quarterlyReports(actor: RequestActor, now: Date): Promise<Keyed[]> {
    if (!can(actor, 'reports.read')) return [];
    const out: Keyed[] = [];
    for (const r of await unpublishedReportsOf(db, actor.companyId, officeScope(actor))) {
      const due = quarterlyDeadlines({ year: r.year, quarter: r.quarter }, r.timeZone);
      const flags = overdueFlags(due, r.status as QuarterlyStatus, now);
      const steps = [
        ['service', flags.serviceOverdue, due.serviceDue],
        ['finance', flags.financeOverdue, due.financeDue],
        ['publish', flags.publishOverdue, due.publishDue],
      ] as const;
      for (const [step, overdue, dueAt] of steps)
        if (overdue)
          out.push({
            at: dueAt.getTime(),
            key: `${KIND_ORDER.quarterly_report}:${r.id}:${step}`,
            item: {
              kind: 'quarterly_report',
              name: step,
              dueAt: dueAt.toISOString(),
              subject: { id: r.id, label: `${r.year}-Q${r.quarter}` },
              office: { id: r.officeId, name: r.officeName },
              breachRecorded: true,
            },
          });
    }
    return out;
  }

  return {
    async overdue(actor: RequestActor, q: DeadlineListQuery): Promise<OverdueDeadlineList> {
      const now = clock.now();
      const decoded = CURSOR.decode(q.cursor);
      const after: Keyed | null = decoded
        ? { at: decoded.key[0].getTime(), key: decoded.key[1], item: undefined as never }
        : null;
      const wanted = (kind: DeadlineKind) => !q.kind || q.kind.includes(kind);
      const [cases, months, quarters] = await Promise.all([
        wanted('case_clock') ? caseClocks(actor, now, after, q.limit + 1) : { items: [], count: 0 },
        wanted('monthly_summary') ? monthlySummaries(actor) : [],
        wanted('quarterly_report') ? quarterlyReports(actor, now) : [],
      ]);
      const reports = [...months, ...quarters];
      const merged = [...cases.items, ...reports.filter((k) => !after || compare(k, after) > 0)].sort(
        compare,
      );
      const page = merged.slice(0, q.limit);
      const last = page.at(-1);
      const total = cases.count + reports.length;
      return {
        items: page.map((k) => k.item),
        nextCursor:
          merged.length > q.limit && last ? CURSOR.encode([new Date(last.at).toISOString(), last.key]) : null,
        total: Math.min(total, TOTAL_CAP),
        totalCapped: total > TOTAL_CAP,
      };
    },
  };
}

/** `<kind order>:<id>` → [order, id] (an id may itself hold colons). */
function splitKey(key: string): [number, string] {
  const at = key.indexOf(':');
  return [Number(key.slice(0, at)), key.slice(at + 1)];
}
